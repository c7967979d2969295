/// What every error a call can throw tells, whatever the action: the one surface to read
/// errors by without naming an action's types.
///
/// ```swift
/// do {
///     try await someCall()
/// } catch let error as AlibabaCloudError {
///     log(error.errorCode, error.requestId, error.httpStatus)
///     if error.isThrottling { … }
/// }
/// ```
///
/// ``RPCError`` (what generated client methods throw) and ``ServiceError`` conform.
public protocol AlibabaCloudError: Error, Sendable, CustomStringConvertible {
    /// The service's error code (`InvalidInstanceId.NotFound`); nil when the service did not
    /// answer with an error body (a transport failure, a local validation error, …).
    var errorCode: String? { get }
    /// The service's message, or what went wrong locally.
    var message: String { get }
    /// The ID of the failed request, for Alibaba Cloud support, when the service sent one.
    var requestId: String? { get }
    /// The HTTP status of the response, when there was one.
    var httpStatus: Int? { get }
    /// Whether the service refused the call for its rate (a throttling code or HTTP 429).
    var isThrottling: Bool { get }
    /// Whether the same call may succeed if tried again later: throttling, a server error
    /// (HTTP 5xx) or a failed, timed-out or lost connection. Whether repeating a write is safe
    /// is a separate question: the client retries writes only with an idempotency token.
    var isRetryable: Bool { get }
}
