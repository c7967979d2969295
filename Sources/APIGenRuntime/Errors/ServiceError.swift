/// An error a service answered a call with, typed by the action that was called.
///
/// Generated code gives every error code its product documents a static member
/// (`AttachClassicLinkVpcError.quotaExceeded`, through an extension constrained to the
/// product), so a `catch` or `switch` can name a code directly:
///
/// ```swift
/// catch .service(.quotaExceeded) { … }                 // documented by the action
/// catch .service(.throttling) { … }                    // documented for the whole product
/// catch .service(let error) { print(error.code) }      // any other code, kept as it came
/// ```
///
/// Values are equal when their codes are: a member such as `.quotaExceeded` matches whatever
/// message and request ID the service sent with that code. A `switch` over codes always
/// needs a `default`, so a code added to the specs later never breaks a `switch` that compiled.
public struct ServiceError<Request: RPCRequest>: Error, Sendable, CustomStringConvertible {
    /// The error code, case-sensitive, e.g. `InvalidInstanceId.NotFound`.
    public let code: String
    /// What the service sent; nil for a value made from a code alone.
    private let received: ServiceErrorPayload?

    /// The error the service sent.
    public init(payload: ServiceErrorPayload) {
        self.code = payload.code
        self.received = payload
    }

    /// The error for `code`. Unless it came from the service, its ``payload`` is what the
    /// product documents for the code in this action: the documented message (never a bare
    /// `%s`, see ``ErrorCodeDocumentation/defaultMessage``) and first status.
    public init(code: String) {
        self.code = code
        self.received = nil
    }

    /// The error for `code` as a server answers it: `message` (or the documented one) and the
    /// first documented HTTP status (or 400).
    public init(code: String, message: String?) {
        var payload = Self(code: code).payload
        if let message { payload.message = message }
        self.init(payload: payload)
    }

    /// What the service sent, or for a value made from a code, what the product documents.
    public var payload: ServiceErrorPayload {
        if let received { return received }
        let documentation = self.documentation
        return ServiceErrorPayload(
            code: code,
            message: documentation?.defaultMessage ?? "",
            httpStatus: documentation?.httpStatuses.first ?? 400
        )
    }

    /// What the product's specs document for the code in this action, if anything: HTTP
    /// statuses, message and meaning (looked up in the product's ``ErrorCatalogue``).
    public var documentation: ErrorCodeDocumentation? {
        Request.Product.errorCatalogue.documentation(of: code, action: Request.action)
    }

    /// Whether the action's own spec lists the code (``RPCRequest/documentedErrors``).
    public var isDocumentedByAction: Bool {
        Request.documentedErrors.contains(self)
    }

    public var description: String { "\(Request.action) failed: \(payload)" }
}

extension ServiceError: Hashable {
    /// Equal codes: the message, request ID and status do not matter, so that a documented
    /// code's member matches any answer with that code.
    public static func == (lhs: ServiceError, rhs: ServiceError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}

extension ServiceError: AlibabaCloudError {
    public var errorCode: String? { code }
    public var message: String { payload.message }
    public var requestId: String? { received?.requestId }
    public var httpStatus: Int? { received?.httpStatus }
    public var isThrottling: Bool { RetryPolicy.isThrottling(code: code, status: received?.httpStatus) }
    public var isRetryable: Bool { isThrottling || (received?.httpStatus).map { $0 >= 500 } ?? false }
}
