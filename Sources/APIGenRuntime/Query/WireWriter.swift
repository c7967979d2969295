/// What a generated type's `encode(to:)` writes its members with, by wire name (the inverse of
/// ``WireReader``):
///
/// ```swift
/// public func encode(to encoder: any Encoder) throws {
///     var wire = WireWriter(encoder)
///     try wire.encode(requestId, "RequestId")
///     try wire.encodeIfPresent(instances, "Instances")
/// }
/// ```
///
/// Written by generated server modules (responses) and by request types sent in the `json`
/// style. Scalars go straight to the encoder's own methods for them.
public struct WireWriter {
    private var container: KeyedEncodingContainer<WireKey>

    public init(_ encoder: any Encoder) {
        container = encoder.container(keyedBy: WireKey.self)
    }

    /// Writes `value` as the member `name`.
    public mutating func encode<T: Encodable>(_ value: T, _ name: String) throws {
        let key = WireKey(name)
        switch value {
        case let value as String: try container.encode(value, forKey: key)
        case let value as Int: try container.encode(value, forKey: key)
        case let value as Int64: try container.encode(value, forKey: key)
        case let value as Int32: try container.encode(value, forKey: key)
        case let value as Bool: try container.encode(value, forKey: key)
        case let value as Double: try container.encode(value, forKey: key)
        case let value as Float: try container.encode(value, forKey: key)
        default: try container.encode(value, forKey: key)
        }
    }

    /// Writes `list` wrapped in an object named after it, as the service does:
    /// `"Instances": {"Instance": [...]}` (the wrapper is written for an empty list too).
    public mutating func encodeList<T: Encodable>(_ list: [T], _ name: String, item: String) throws {
        var wrapper = container.nestedContainer(keyedBy: WireKey.self, forKey: WireKey(name))
        try wrapper.encode(list, forKey: WireKey(item))
    }

    /// Writes `value` as the member `name`, or nothing when it is nil.
    public mutating func encodeIfPresent<T: Encodable>(_ value: T?, _ name: String) throws {
        guard let value else { return }
        try encode(value, name)
    }
}
