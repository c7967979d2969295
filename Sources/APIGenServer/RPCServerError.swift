import APIGenRuntime

/// An error a server answers before or instead of calling the service: a missing or unknown
/// action, a wrong version, a parameter that cannot be read.
public struct RPCServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error body to answer with.
    public var payload: ServiceErrorPayload

    public init(payload: ServiceErrorPayload) {
        self.payload = payload
    }

    public var description: String { payload.description }
}

extension ServiceErrorPayload {
    /// `InvalidAction.NotFound` (HTTP 404), what Alibaba Cloud answers for an action it does
    /// not have.
    public static func actionNotFound(_ action: String) -> ServiceErrorPayload {
        ServiceErrorPayload(
            code: "InvalidAction.NotFound",
            message: "Specified api is not found, please check your url and method. (Action: \(action))",
            httpStatus: 404
        )
    }

    /// `UnsupportedOperation` (HTTP 400): the action exists in the spec but this server's
    /// service does not implement it.
    public static func notImplemented(action: String) -> ServiceErrorPayload {
        ServiceErrorPayload(
            code: "UnsupportedOperation",
            message: "The action \(action) is not implemented by this server.",
            httpStatus: 400
        )
    }

    /// `InvalidVersion` (HTTP 400): a `Version` other than the product's.
    public static func invalidVersion(_ version: String, expected: String) -> ServiceErrorPayload {
        ServiceErrorPayload(
            code: "InvalidVersion",
            message: "Specified parameter Version is not valid. (Version: \(version), expected \(expected))",
            httpStatus: 400
        )
    }

    /// `MissingParameter` (HTTP 400) for a parameter every call needs, such as `Action`.
    public static func missingParameter(_ name: String) -> ServiceErrorPayload {
        ServiceErrorPayload(
            code: "MissingParameter",
            message: "The input parameter \"\(name)\" that is mandatory for processing this request is not supplied.",
            httpStatus: 400
        )
    }

    /// `InternalError` (HTTP 500).
    public static func internalError(_ detail: String) -> ServiceErrorPayload {
        ServiceErrorPayload(
            code: "InternalError",
            message: "The request processing has failed due to some unknown error, exception or failure. (\(detail))",
            httpStatus: 500
        )
    }
}
