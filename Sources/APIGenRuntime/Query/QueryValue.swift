/// A value that can flatten itself into query items under a key.
///
/// Scalars append one item named `key`; lists append `key.1`, `key.2`, …; generated object
/// types append one item per set property, named `key + ".WireName"`.
public protocol QueryValue: Sendable {
    func encodeQuery(into query: inout QueryEncoder, key: String)
}

extension String: QueryValue {
    /// The string as it is (percent-encoding is the signer's job).
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: self)
    }
}

extension Bool: QueryValue {
    /// `true` or `false`.
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: self ? "true" : "false")
    }
}

extension Int: QueryValue {
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: String(self))
    }
}

extension Int8: QueryValue {
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: String(self))
    }
}

extension Int16: QueryValue {
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: String(self))
    }
}

extension Int32: QueryValue {
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: String(self))
    }
}

extension Int64: QueryValue {
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: String(self))
    }
}

extension UInt: QueryValue {
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: String(self))
    }
}

extension UInt8: QueryValue {
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: String(self))
    }
}

extension UInt16: QueryValue {
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: String(self))
    }
}

extension UInt32: QueryValue {
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: String(self))
    }
}

extension UInt64: QueryValue {
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: String(self))
    }
}

extension Double: QueryValue {
    /// Formatted as Python's `str()` formats a float; see ``PythonFloatFormat``.
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: PythonFloatFormat.string(self))
    }
}

extension Float: QueryValue {
    /// Formatted like a `Double`, from the shortest digits that identify the `Float`
    /// (so `Float(0.1)` gives `0.1`, not Python's `0.10000000149011612`).
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.append(name: key, value: PythonFloatFormat.string(self))
    }
}

extension Array: QueryValue where Element: QueryValue {
    /// Elements under `key.1`, `key.2`, … (1-based, in order); an empty array encodes nothing.
    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        for (offset, element) in enumerated() {
            element.encodeQuery(into: &query, key: key + "." + String(offset + 1))
        }
    }
}
