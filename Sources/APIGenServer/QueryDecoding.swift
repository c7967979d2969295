import APIGenRuntime
import Foundation

/// A value that can read itself back from flattened RPC parameters: the inverse of
/// ``QueryValue``, used by servers that decode incoming requests into typed request values.
///
/// Scalars read the one parameter named `key`; lists read `key.1`, `key.2`, …; generated object
/// types read one parameter per property, named `key + ".WireName"`.
public protocol QueryDecodable: Sendable {
    /// Reads the value stored under `key`, or `nil` when the request holds nothing there.
    static func decodeQuery(from parameters: RPCParameters, key: String) throws(RequestDecodingError) -> Self?
}

extension RPCParameters {
    /// Reads an optional parameter.
    public func decode<V: QueryDecodable>(_ type: V.Type, forKey key: String) throws(RequestDecodingError) -> V? {
        try V.decodeQuery(from: self, key: key)
    }

    /// Reads a required parameter; its absence is ``RequestDecodingError/Problem/missing``.
    public func require<V: QueryDecodable>(_ type: V.Type, forKey key: String) throws(RequestDecodingError) -> V {
        guard let value = try V.decodeQuery(from: self, key: key) else {
            throw RequestDecodingError(parameter: key, problem: .missing)
        }
        return value
    }

    /// Reads an optional parameter sent in the `json` style: one parameter holding JSON text.
    public func decodeJSON<V: Decodable>(_ type: V.Type, forKey key: String) throws(RequestDecodingError) -> V? {
        guard var text = self[key] else { return nil }
        let decoded = text.withUTF8 { JSONBodyDecoder().decode(V.self, from: UnsafeRawBufferPointer($0)) }
        guard case .success(let value) = decoded else {
            throw RequestDecodingError(parameter: key, problem: .invalidJSON, value: text)
        }
        return value
    }

    /// Reads a required parameter sent in the `json` style.
    public func requireJSON<V: Decodable>(_ type: V.Type, forKey key: String) throws(RequestDecodingError) -> V {
        guard let value = try decodeJSON(V.self, forKey: key) else {
            throw RequestDecodingError(parameter: key, problem: .missing)
        }
        return value
    }
}

/// A scalar read from its text.
private func decodeScalar<V>(
    _ parameters: RPCParameters, key: String, expected: String, parse: (String) -> V?
) throws(RequestDecodingError) -> V? {
    guard let text = parameters[key] else { return nil }
    guard let value = parse(text) else {
        throw RequestDecodingError(parameter: key, problem: .invalidValue(expected: expected), value: text)
    }
    return value
}

extension String: QueryDecodable {
    public static func decodeQuery(from parameters: RPCParameters, key: String) throws(RequestDecodingError) -> String? {
        parameters[key]
    }
}

extension Bool: QueryDecodable {
    /// `true` or `false`, in any case: Alibaba Cloud's Python SDK sends `True` and `False`.
    public static func decodeQuery(from parameters: RPCParameters, key: String) throws(RequestDecodingError) -> Bool? {
        try decodeScalar(parameters, key: key, expected: "a boolean (true or false)") { text in
            switch text.lowercased() {
            case "true": true
            case "false": false
            default: nil
            }
        }
    }
}

extension Int: QueryDecodable {
    public static func decodeQuery(from parameters: RPCParameters, key: String) throws(RequestDecodingError) -> Int? {
        try decodeScalar(parameters, key: key, expected: "an integer") { Int($0) }
    }
}

extension Int32: QueryDecodable {
    public static func decodeQuery(from parameters: RPCParameters, key: String) throws(RequestDecodingError) -> Int32? {
        try decodeScalar(parameters, key: key, expected: "a 32-bit integer") { Int32($0) }
    }
}

extension Int64: QueryDecodable {
    public static func decodeQuery(from parameters: RPCParameters, key: String) throws(RequestDecodingError) -> Int64? {
        try decodeScalar(parameters, key: key, expected: "a 64-bit integer") { Int64($0) }
    }
}

extension Double: QueryDecodable {
    public static func decodeQuery(from parameters: RPCParameters, key: String) throws(RequestDecodingError) -> Double? {
        try decodeScalar(parameters, key: key, expected: "a number") { Double($0) }
    }
}

extension Float: QueryDecodable {
    public static func decodeQuery(from parameters: RPCParameters, key: String) throws(RequestDecodingError) -> Float? {
        try decodeScalar(parameters, key: key, expected: "a number") { Float($0) }
    }
}

extension StringEnumeration {
    /// Any text: values the spec does not document are kept, as on the client side.
    public static func decodeQuery(from parameters: RPCParameters, key: String) throws(RequestDecodingError) -> Self? {
        parameters[key].map { Self(rawValue: $0) }
    }
}

extension Array: QueryDecodable where Element: QueryDecodable {
    /// Items `key.1`, `key.2`, … (each may be an object with parameters under it). The
    /// numbers must run from 1 without gaps, as the client sends them; a list with no items
    /// reads as `nil`, since an empty list sends nothing.
    public static func decodeQuery(from parameters: RPCParameters, key: String) throws(RequestDecodingError) -> [Element]? {
        let segments = parameters.childSegments(of: key)
        guard !segments.isEmpty else { return nil }
        var numbers: [Int] = []
        numbers.reserveCapacity(segments.count)
        for segment in segments {
            guard let number = Int(segment), number >= 1, String(number) == segment else {
                throw RequestDecodingError(parameter: key + "." + segment, problem: .invalidListIndex)
            }
            numbers.append(number)
        }
        numbers.sort()
        guard numbers.last == numbers.count else {
            let missing = (1...numbers.count).first { !numbers.contains($0) } ?? numbers.count
            throw RequestDecodingError(parameter: key + "." + String(missing), problem: .missingListItem)
        }
        var items: [Element] = []
        items.reserveCapacity(numbers.count)
        for number in numbers {
            let itemKey = key + "." + String(number)
            guard let item = try Element.decodeQuery(from: parameters, key: itemKey) else {
                throw RequestDecodingError(parameter: itemKey, problem: .missingListItem)
            }
            items.append(item)
        }
        return items
    }
}
