/// A string with documented values that still accepts any other value.
///
/// Services add values over time (a new instance status, a new disk category); a closed Swift
/// `enum` would make every response carrying a new value fail to decode. Generated types
/// conform to this protocol instead: the documented values are static members
/// (`InstanceStatus.running`), any other value is kept as it came
/// (`InstanceStatus(rawValue: "Hibernating")`), and string literals work where a value is
/// expected.
public protocol StringEnumeration: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    QueryValue, CustomStringConvertible where RawValue == String
{
    init(rawValue: String)
    /// The values the spec documents, in spec order.
    static var documentedValues: [Self] { get }
}

extension StringEnumeration {
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public func encodeQuery(into query: inout QueryEncoder, key: String) {
        query.encode(rawValue, forKey: key)
    }

    public var description: String { rawValue }

    /// Whether the value is one the spec documents.
    public var isDocumented: Bool { Self.documentedValues.contains(self) }
}
