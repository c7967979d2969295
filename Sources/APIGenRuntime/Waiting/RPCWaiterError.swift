/// How a wait ended, when it reached the state waited for.
public struct RPCWaiterOutcome<Request: RPCRequest>: Sendable {
    /// The poll that matched the success state: usually a response; an error for a waiter
    /// whose success is an error code (an instance "deleted" when describing it fails with
    /// `InvalidInstanceId.NotFound`).
    public var result: RPCPollResult<Request>
    /// Polls made, the last included.
    public var attempts: Int

    public init(result: RPCPollResult<Request>, attempts: Int) {
        self.result = result
        self.attempts = attempts
    }

    /// The last response, unless success was an error code.
    public var response: Request.Response? { result.response }
}

/// Why a wait did not reach the state waited for: the typed error of every waiter.
///
/// ```swift
/// do {
///     try await ecs.waitUntilInstanceRunning(.init(regionId: "cn-hangzhou", instanceId: [id]))
/// } catch .failureState(let last) {      // e.g. the instance is Stopped or Deleted
///     print("will never run:", last)
/// } catch .timedOut(let last) {
///     print("still not running:", last)
/// } catch .error(let error) {            // a poll failed in a way no matcher expects
///     print(error)
/// } catch .cancelled {
/// }
/// ```
public enum RPCWaiterError<Request: RPCRequest>: Error, CustomStringConvertible {
    /// A matcher whose state is ``RPCWaiterState/failure`` matched this poll (a response, or an
    /// error with the matched code).
    case failureState(RPCPollResult<Request>)
    /// The timeout passed before a matcher decided; the result of the last poll.
    case timedOut(RPCPollResult<Request>)
    /// A poll failed with an error no matcher handles (after the client's own retries).
    case error(RPCError<Request>)
    /// The waiting task was cancelled.
    case cancelled

    public var description: String {
        switch self {
        case .failureState(let result): "\(Request.action) reached a failure state: \(Self.describe(result))"
        case .timedOut(let result): "timed out waiting on \(Request.action); last poll: \(Self.describe(result))"
        case .error(let error): "waiting on \(Request.action) failed: \(error)"
        case .cancelled: "waiting on \(Request.action) was cancelled"
        }
    }

    private static func describe(_ result: RPCPollResult<Request>) -> String {
        switch result {
        case .response: "a response"
        case .error(let error): "\(error)"
        }
    }
}
