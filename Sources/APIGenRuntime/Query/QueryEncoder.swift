import Foundation

/// One query parameter: a name such as `Tag.1.Key` and its raw (not percent-encoded) value.
public struct QueryItem: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Flattens a request's parameters into Alibaba Cloud RPC query items.
///
/// Items are kept in the order they are encoded; sorting them and percent-encoding names and
/// values is the signer's job. Lists become `Key.1`, `Key.2`, … (1-based) and nested objects
/// `Key.Sub`, so a list of objects gives `Key.1.Sub`.
public struct QueryEncoder: Sendable {
    /// The encoded items, in encoding order.
    public private(set) var items: [QueryItem]

    public init() {
        items = []
    }

    /// Encodes `value` under `key`; `nil` encodes nothing, and so does an empty list.
    public mutating func encode<V: QueryValue>(_ value: V?, forKey key: String) {
        guard let value else { return }
        value.encodeQuery(into: &self, key: key)
    }

    /// Encodes `value` as one item holding its compact JSON text (the spec's `json` style):
    /// keys sorted, `/` not escaped, non-ASCII characters kept as they are. `nil` encodes nothing.
    ///
    /// Non-finite floating-point numbers, which JSON cannot represent, are written as the
    /// strings `"NaN"`, `"Infinity"` and `"-Infinity"`. A value whose own `encode(to:)` throws
    /// (generated types never do) encodes nothing.
    public mutating func encodeJSON<V: Encodable>(_ value: V?, forKey key: String) {
        guard let value else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(value) else { return }
        append(name: key, value: String(decoding: data, as: UTF8.self))
    }

    /// Appends one item as it is.
    public mutating func append(name: String, value: String) {
        items.append(QueryItem(name: name, value: value))
    }
}
