/// A request parameter or a response field (or a member of a nested object): a named value.
public struct MemberSpec: Hashable, Sendable {
    /// The wire name, exact and case-sensitive.
    public var name: String
    /// Replaces the Swift name derived from `name`.
    public var swiftName: String?
    public var type: TypeSpec
    /// For a parameter: the caller must send it. For a field: the service always sends it.
    public var isRequired: Bool
    public var description: String?
    public var deprecation: Deprecation?
    /// How a container parameter is flattened into the query (request side only).
    public var style: ParameterStyle?
    /// The service's default, as text.
    public var defaultValue: String?
    public var example: String?
    /// Holds a secret (a password, user data, key material): never shown in descriptions or logs.
    public var isSensitive: Bool
    public var location: SourceLocation

    public init(
        name: String, swiftName: String? = nil, type: TypeSpec, isRequired: Bool, description: String? = nil,
        deprecation: Deprecation? = nil, style: ParameterStyle? = nil, defaultValue: String? = nil,
        example: String? = nil, isSensitive: Bool = false, location: SourceLocation
    ) {
        self.name = name
        self.swiftName = swiftName
        self.type = type
        self.isRequired = isRequired
        self.description = description
        self.deprecation = deprecation
        self.style = style
        self.defaultValue = defaultValue
        self.example = example
        self.isSensitive = isSensitive
        self.location = location
    }
}

/// How a container parameter goes into the query.
public enum ParameterStyle: String, Hashable, Sendable {
    /// `Name.1`, `Name.2`, …
    case repeatList
    /// `Name.Key`
    case flat
    /// The whole value as one JSON string.
    case json
}

/// The shape of a value, with its constraints.
public struct TypeSpec: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case string
        case integer
        case long
        case float
        case double
        case boolean
        /// An array; its element is described by `ItemSpec`.
        case array(ItemSpec)
        /// An object with named members.
        case object([MemberSpec])
    }

    public var kind: Kind
    public var constraints: Constraints
    /// Allowed values, for scalars.
    public var enumValues: [EnumValue]
    /// Names the product-level enumeration a string with allowed values is (`InstanceStatus`):
    /// every member naming it shares one type. Nil for an enumeration of its own member.
    public var enumTypeName: String?

    public init(kind: Kind, constraints: Constraints = Constraints(), enumValues: [EnumValue] = [], enumTypeName: String? = nil) {
        self.kind = kind
        self.constraints = constraints
        self.enumValues = enumValues
        self.enumTypeName = enumTypeName
    }

    /// The spec's name for the kind, as written in `type="…"`.
    public var kindName: String {
        switch kind {
        case .string: "string"
        case .integer: "integer"
        case .long: "long"
        case .float: "float"
        case .double: "double"
        case .boolean: "boolean"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// The element of an array.
public struct ItemSpec: Hashable, Sendable {
    public var type: TypeSpec
    /// Names the Swift type when the element is an object.
    public var swiftName: String?
    public var description: String?
    public var location: SourceLocation

    public init(type: TypeSpec, swiftName: String?, description: String?, location: SourceLocation) {
        self.type = type
        self.swiftName = swiftName
        self.description = description
        self.location = location
    }
}

/// Limits on a value, checked locally before a request is sent.
public struct Constraints: Hashable, Sendable {
    /// Kept as written (decimal text), so that 64-bit limits survive exactly.
    public var minimum: String?
    public var maximum: String?
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var minItems: Int?
    public var maxItems: Int?

    public init(
        minimum: String? = nil, maximum: String? = nil, minLength: Int? = nil, maxLength: Int? = nil,
        pattern: String? = nil, minItems: Int? = nil, maxItems: Int? = nil
    ) {
        self.minimum = minimum
        self.maximum = maximum
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.minItems = minItems
        self.maxItems = maxItems
    }

    public var isEmpty: Bool { self == Constraints() }
}

/// One allowed value of an enumerated scalar.
public struct EnumValue: Hashable, Sendable {
    public var value: String
    public var swiftName: String?
    public var description: String?
    public var location: SourceLocation

    public init(value: String, swiftName: String?, description: String?, location: SourceLocation) {
        self.value = value
        self.swiftName = swiftName
        self.description = description
        self.location = location
    }
}
