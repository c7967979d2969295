/// The coding key of every generated type: a member's wire name, exactly as the service
/// spells it (`RequestId`, `Instances`), so generated types need no `CodingKeys` of their own.
public struct WireKey: CodingKey, Sendable, Hashable, ExpressibleByStringLiteral {
    public let stringValue: String
    public var intValue: Int? { nil }

    public init(_ name: String) {
        self.stringValue = name
    }

    public init(stringValue: String) {
        self.stringValue = stringValue
    }

    public init?(intValue: Int) {
        nil
    }

    public init(stringLiteral value: String) {
        self.stringValue = value
    }
}

/// What a generated type's `init(from:)` reads its members with, by wire name:
///
/// ```swift
/// public init(from decoder: any Decoder) throws {
///     let wire = try WireReader(decoder)
///     requestId = try wire.decode("RequestId")
///     instances = try wire.decodeIfPresent("Instances")
/// }
/// ```
///
/// The type of each member is the property's, so generated code names no types and the
/// compiler has one function to choose from per call. Scalars go straight to the decoder's own
/// methods for them, as synthesized `Decodable` code would.
public struct WireReader {
    private let container: KeyedDecodingContainer<WireKey>

    public init(_ decoder: any Decoder) throws {
        container = try decoder.container(keyedBy: WireKey.self)
    }

    /// The member `name`; missing or null is an error.
    public func decode<T: Decodable>(_ name: String) throws -> T {
        let key = WireKey(name)
        if T.self == String.self { return try container.decode(String.self, forKey: key) as! T }
        if T.self == Int.self { return try container.decode(Int.self, forKey: key) as! T }
        if T.self == Int64.self { return try container.decode(Int64.self, forKey: key) as! T }
        if T.self == Int32.self { return try container.decode(Int32.self, forKey: key) as! T }
        if T.self == Bool.self { return try container.decode(Bool.self, forKey: key) as! T }
        if T.self == Double.self { return try container.decode(Double.self, forKey: key) as! T }
        if T.self == Float.self { return try container.decode(Float.self, forKey: key) as! T }
        return try container.decode(T.self, forKey: key)
    }

    /// A list: `[]` when it is missing, null or empty. Responses leave empty lists out (in XML
    /// always, in JSON often), so an absent list means no items.
    public func decodeList<T: Decodable>(_ name: String) throws -> [T] {
        try container.decodeIfPresent([T].self, forKey: WireKey(name)) ?? []
    }

    /// A list the service wraps in an object named after it: `"Instances": {"Instance": [...]}`
    /// in JSON, `<Instances><Instance>…</Instance>…</Instances>` in XML. `[]` when the wrapper
    /// or its list is missing, null or empty.
    public func decodeList<T: Decodable>(_ name: String, item: String) throws -> [T] {
        let key = WireKey(name)
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return [] }
        let wrapper = try container.nestedContainer(keyedBy: WireKey.self, forKey: key)
        return try wrapper.decodeIfPresent([T].self, forKey: WireKey(item)) ?? []
    }

    /// The member `name`, or nil when it is missing or null.
    public func decodeIfPresent<T: Decodable>(_ name: String) throws -> T? {
        let key = WireKey(name)
        if T.self == String.self { return try container.decodeIfPresent(String.self, forKey: key) as! T? }
        if T.self == Int.self { return try container.decodeIfPresent(Int.self, forKey: key) as! T? }
        if T.self == Int64.self { return try container.decodeIfPresent(Int64.self, forKey: key) as! T? }
        if T.self == Int32.self { return try container.decodeIfPresent(Int32.self, forKey: key) as! T? }
        if T.self == Bool.self { return try container.decodeIfPresent(Bool.self, forKey: key) as! T? }
        if T.self == Double.self { return try container.decodeIfPresent(Double.self, forKey: key) as! T? }
        if T.self == Float.self { return try container.decodeIfPresent(Float.self, forKey: key) as! T? }
        return try container.decodeIfPresent(T.self, forKey: key)
    }
}
