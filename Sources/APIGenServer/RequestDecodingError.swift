import APIGenRuntime

/// An incoming request parameter that cannot be read into the action's request type.
///
/// Servers answer it as Alibaba Cloud does: ``Problem/missing`` as `MissingParameter`, every
/// other problem as `InvalidParameter`, both HTTP 400.
public struct RequestDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        /// A required parameter is absent.
        case missing
        /// The text is not a value of the parameter's type, which is described.
        case invalidValue(expected: String)
        /// A `json`-style parameter whose text is not JSON of the expected shape.
        case invalidJSON
        /// A list item numbered other than 1, 2, 3, …
        case invalidListIndex
        /// A list whose items skip a number (`Tag.1` and `Tag.3` without `Tag.2`).
        case missingListItem
    }

    /// The parameter's full wire name, e.g. `Tag.2.Key`.
    public var parameter: String
    public var problem: Problem
    /// The offending text, when there is one.
    public var value: String?

    public init(parameter: String, problem: Problem, value: String? = nil) {
        self.parameter = parameter
        self.problem = problem
        self.value = value
    }

    public var description: String {
        switch problem {
        case .missing:
            return ServiceErrorPayload.missingParameter(parameter).message
        case let .invalidValue(expected):
            return "The specified parameter \"\(parameter)\" is not valid: expected \(expected)\(quotedValue)."
        case .invalidJSON:
            return "The specified parameter \"\(parameter)\" is not valid: expected JSON of the documented shape."
        case .invalidListIndex:
            return "The specified parameter \"\(parameter)\" is not valid: list items are numbered 1, 2, 3, …"
        case .missingListItem:
            return "The specified parameter \"\(parameter)\" is not supplied: list items are numbered from 1 without gaps."
        }
    }

    private var quotedValue: String {
        guard let value else { return "" }
        let shown = value.count > 64 ? String(value.prefix(64)) + "…" : value
        return ", got \"\(shown)\""
    }

    /// The error body a server answers with.
    public var payload: ServiceErrorPayload {
        ServiceErrorPayload(
            code: problem == .missing ? "MissingParameter" : "InvalidParameter",
            message: description,
            httpStatus: 400
        )
    }
}

extension RequestValidationError {
    /// The error body a server answers with when a decoded request breaks its spec's
    /// constraints: `MissingParameter` for an empty required parameter, else
    /// `InvalidParameter`, both HTTP 400.
    public var payload: ServiceErrorPayload {
        if problem == .missing { return .missingParameter(parameter) }
        return ServiceErrorPayload(code: "InvalidParameter", message: "The specified parameter is not valid: \(description)", httpStatus: 400)
    }
}
