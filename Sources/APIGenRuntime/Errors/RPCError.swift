/// Everything a call can fail with, typed so that callers can `switch` over it: first what
/// the service answered (``ServiceError``, with a member for every documented code), then what
/// went wrong before or after the service.
///
/// ```swift
/// do {
///     _ = try await ecs.attachClassicLinkVpc(request)
/// } catch .service(.quotaExceeded) {
///     …
/// } catch .service(.throttling) {
///     …
/// } catch {
///     print(error)
/// }
/// ```
public enum RPCError<Request: RPCRequest>: Error, CustomStringConvertible {
    /// The service answered with an error body.
    case service(ServiceError<Request>)
    /// The request failed local validation; nothing was sent.
    case validation(RequestValidationError)
    /// No credentials could be had; nothing was sent.
    case credentials(any Error)
    /// No HTTP response (connection failure, timeout, …).
    case transport(TransportError)
    /// A response came but could not be read (carries the HTTP status and the body's start).
    case decoding(ResponseDecodingError)
    /// The client is misconfigured (an endpoint URL that cannot be used, say); nothing was sent.
    case configuration(String)
    /// The caller's task was cancelled: the typed form of `CancellationError`. Nothing was sent
    /// when the task was cancelled before the call; a call cancelled in flight may or may not
    /// have reached the service. Never retried. A paginator (``RPCPaginator``) throws it too
    /// when its task is cancelled between pages.
    case cancelled

    public var description: String {
        switch self {
        case .service(let error): "\(error)"
        case .validation(let error): "invalid request: \(error)"
        case .credentials(let error): "no credentials: \(error)"
        case .transport(let error): "\(error)"
        case .decoding(let error): "\(error)"
        case .configuration(let message): "client configuration: \(message)"
        case .cancelled: "the call was cancelled"
        }
    }

    /// The service's error payload, when the service answered.
    public var payload: ServiceErrorPayload? {
        if case .service(let error) = self { return error.payload }
        return nil
    }
}

extension RPCError: AlibabaCloudError {
    public var errorCode: String? {
        if case .service(let error) = self { return error.code }
        return nil
    }

    public var message: String {
        switch self {
        case .service(let error): error.message
        case .validation(let error): "\(error)"
        case .credentials(let error): "\(error)"
        case .transport(let error): error.message
        case .decoding(let error): error.reason
        case .configuration(let message): message
        case .cancelled: "the call was cancelled"
        }
    }

    public var requestId: String? {
        if case .service(let error) = self { return error.requestId }
        return nil
    }

    public var httpStatus: Int? {
        switch self {
        case .service(let error): error.httpStatus
        case .decoding(let error): error.httpStatus
        default: nil
        }
    }

    public var isThrottling: Bool {
        if case .service(let error) = self { return error.isThrottling }
        return false
    }

    public var isRetryable: Bool {
        switch self {
        case .service(let error):
            return error.isRetryable
        case .decoding(let error):
            return error.httpStatus.map { $0 >= 500 || $0 == 429 } ?? false
        case .transport(let error):
            switch error.kind {
            case .connectionFailed, .timedOut, .connectionLost: return true
            case .responseTooLarge, .other: return false
            }
        case .validation, .credentials, .configuration, .cancelled:
            return false
        }
    }
}
