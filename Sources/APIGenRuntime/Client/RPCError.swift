/// Everything a call can fail with, typed so that callers can `switch` over it:
/// first the action's own errors (documented codes, then the product's common codes, then
/// any other code the service sent), then what went wrong before or after the service.
///
/// ```swift
/// do {
///     _ = try await ecs.attachClassicLinkVpc(request)
/// } catch .service(.quotaExceeded(let payload)) {
///     …
/// } catch .service(.common(.throttling, _)) {
///     …
/// } catch {
///     print(error)
/// }
/// ```
public enum RPCError<ServiceError: RPCActionError>: Error, CustomStringConvertible {
    /// The service answered with an error body.
    case service(ServiceError)
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

    public var description: String {
        switch self {
        case .service(let error): "\(error)"
        case .validation(let error): "invalid request: \(error)"
        case .credentials(let error): "no credentials: \(error)"
        case .transport(let error): "\(error)"
        case .decoding(let error): "\(error)"
        case .configuration(let message): "client configuration: \(message)"
        }
    }

    /// The service's error payload, when the service answered.
    public var payload: ServiceErrorPayload? {
        if case .service(let error) = self { return error.payload }
        return nil
    }
}
