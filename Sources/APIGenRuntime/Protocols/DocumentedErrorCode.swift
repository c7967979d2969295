/// What an action's spec documents for one error code.
public struct ErrorCodeDocumentation: Sendable, Hashable {
    /// The HTTP statuses the code is documented with, in the spec's order.
    public var httpStatuses: [Int]
    /// The message the service sends with the code.
    public var message: String
    /// What the code means, when the spec says.
    public var description: String?

    public init(httpStatuses: [Int], message: String, description: String?) {
        self.httpStatuses = httpStatuses
        self.message = message
        self.description = description
    }
}

/// A generated enumeration of error codes (an action's `Code`, a product's common errors).
///
/// Generated code answers `documentation` with one switch over the codes; the members
/// below read from it, so the generator renders one table per enumeration, not four.
public protocol DocumentedErrorCode: RawRepresentable, Sendable, Hashable, CaseIterable where RawValue == String {
    /// The spec's HTTP statuses, message and description for the code.
    var documentation: ErrorCodeDocumentation { get }
}

extension DocumentedErrorCode {
    /// The error code as the service sends it.
    public var code: String { rawValue }

    /// The HTTP statuses the code is documented with.
    public var httpStatuses: [Int] { documentation.httpStatuses }

    /// The message the service sends with the code.
    public var documentedMessage: String { documentation.message }

    /// What the code means.
    public var documentedDescription: String? { documentation.description }
}
