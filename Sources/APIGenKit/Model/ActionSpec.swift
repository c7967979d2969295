/// One RPC action: what it takes, what it returns, and how it fails.
public struct ActionSpec: Hashable, Sendable {
    public enum OperationType: String, Hashable, Sendable {
        case read
        case write
    }

    /// The wire name, sent as `Action`.
    public var name: String
    /// Replaces the Swift base name derived from `name`.
    public var swiftName: String?
    public var operationType: OperationType
    /// Overrides "reads are idempotent, writes are not", which decides what the client retries.
    public var idempotent: Bool?
    public var summary: String
    public var description: String?
    /// Preconditions the service checks, one bullet each.
    public var conditions: [String]
    public var deprecation: Deprecation?
    public var parameters: [MemberSpec]
    /// Text that applies to the response as a whole.
    public var responseDescription: String?
    public var fields: [MemberSpec]
    public var responseExamples: [ResponseExample]
    /// How the action pages, if it does (`<paging>`).
    public var paging: PagingSpec?
    public var errors: [ErrorSpec]
    /// The action file, relative to the spec root.
    public var location: SourceLocation

    public init(
        name: String, swiftName: String?, operationType: OperationType, idempotent: Bool? = nil, summary: String, description: String?,
        conditions: [String], deprecation: Deprecation?, parameters: [MemberSpec], responseDescription: String?,
        fields: [MemberSpec], responseExamples: [ResponseExample], paging: PagingSpec? = nil, errors: [ErrorSpec], location: SourceLocation
    ) {
        self.name = name
        self.swiftName = swiftName
        self.operationType = operationType
        self.idempotent = idempotent
        self.summary = summary
        self.description = description
        self.conditions = conditions
        self.deprecation = deprecation
        self.parameters = parameters
        self.responseDescription = responseDescription
        self.fields = fields
        self.responseExamples = responseExamples
        self.paging = paging
        self.errors = errors
        self.location = location
    }
}

/// Marks something as deprecated; the message says what to use instead (may be empty).
public struct Deprecation: Hashable, Sendable {
    public var message: String

    public init(message: String) {
        self.message = message
    }
}

/// A published response body, kept with the spec for tests.
public struct ResponseExample: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable {
        case json
        case xml
    }

    public var format: Format
    public var body: String
    public var location: SourceLocation

    public init(format: Format, body: String, location: SourceLocation) {
        self.format = format
        self.body = body
        self.location = location
    }
}

/// One documented error code.
public struct ErrorSpec: Hashable, Sendable {
    /// Case-sensitive, e.g. `InvalidInstanceId.MalFormed`.
    public var code: String
    public var swiftName: String?
    /// Every HTTP status the code is documented with, in spec order.
    public var httpStatuses: [Int]
    /// The message the service sends.
    public var message: String
    /// What the code means, for people.
    public var description: String?
    public var location: SourceLocation

    public init(code: String, swiftName: String?, httpStatuses: [Int], message: String, description: String?, location: SourceLocation) {
        self.code = code
        self.swiftName = swiftName
        self.httpStatuses = httpStatuses
        self.message = message
        self.description = description
        self.location = location
    }
}
