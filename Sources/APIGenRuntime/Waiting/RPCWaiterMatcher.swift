/// What a waiter concludes from one poll.
public enum RPCWaiterState: String, Sendable, Hashable, CaseIterable {
    /// The resource is in the state waited for: the wait returns.
    case success
    /// The resource is in a state it will not leave for the one waited for (an instance
    /// `Deleted` while waiting for `Running`): the wait throws ``RPCWaiterError/failureState(_:)``.
    case failure
    /// Not there yet: poll again after a delay.
    case retry
}

/// What one poll of a waiter gave: the action's response or its error.
public enum RPCPollResult<Request: RPCRequest>: Sendable {
    case response(Request.Response)
    case error(RPCError<Request>)

    /// The response, when the poll succeeded.
    public var response: Request.Response? {
        if case .response(let response) = self { return response }
        return nil
    }

    /// The error, when the poll failed.
    public var error: RPCError<Request>? {
        if case .error(let error) = self { return error }
        return nil
    }
}

/// Decides a waiter's state from a poll when it matches. A waiter tries its matchers in order;
/// the first that matches decides. A response no matcher matches means `.retry`; an error no
/// matcher matches ends the wait with ``RPCWaiterError/error(_:)``.
///
/// ```swift
/// .values({ $0.instanceStatuses.map(\.status.rawValue) }, all: ["Running"], state: .success)
/// .values({ $0.instanceStatuses.map(\.status.rawValue) }, any: ["Stopped", "Deleted"], state: .failure)
/// .value({ $0.invocationStatus }, equals: "Finished", state: .success)
/// .errorCode("InvalidInstanceId.NotFound", state: .success)
/// ```
public struct RPCWaiterMatcher<Request: RPCRequest>: Sendable, CustomStringConvertible {
    /// The state the waiter takes when this matches.
    public let state: RPCWaiterState
    /// What it matches, for logs (`all of [Running]`).
    public let description: String
    private let predicate: @Sendable (RPCPollResult<Request>) -> Bool

    /// A matcher of your own: `matches` says whether a poll's result (response or error) is in
    /// the state.
    public init(
        state: RPCWaiterState, description: String = "custom", matches: @escaping @Sendable (RPCPollResult<Request>) -> Bool
    ) {
        self.state = state
        self.description = description
        self.predicate = matches
    }

    /// Whether the poll's result matches.
    public func matches(_ result: RPCPollResult<Request>) -> Bool {
        predicate(result)
    }

    /// Matches a response when `extract` gives at least one value and every value is one of
    /// `expected` (every instance `Running`). An empty list never matches: "all of none" is
    /// not a state.
    public static func values<Value: Equatable & Sendable>(
        _ extract: @escaping @Sendable (Request.Response) -> [Value], all expected: [Value], state: RPCWaiterState
    ) -> Self {
        Self(state: state, description: "all of \(expected)") { result in
            guard let response = result.response else { return false }
            let values = extract(response)
            return !values.isEmpty && values.allSatisfy(expected.contains)
        }
    }

    /// Matches a response when any value `extract` gives is one of `expected` (any instance
    /// `Stopped` or `Deleted`).
    public static func values<Value: Equatable & Sendable>(
        _ extract: @escaping @Sendable (Request.Response) -> [Value], any expected: [Value], state: RPCWaiterState
    ) -> Self {
        Self(state: state, description: "any of \(expected)") { result in
            guard let response = result.response else { return false }
            return extract(response).contains(where: expected.contains)
        }
    }

    /// Matches a response when the value `extract` gives is `expected` (nil never matches).
    public static func value<Value: Equatable & Sendable>(
        _ extract: @escaping @Sendable (Request.Response) -> Value?, equals expected: Value, state: RPCWaiterState
    ) -> Self {
        Self(state: state, description: "equals \(expected)") { result in
            guard let response = result.response, let value = extract(response) else { return false }
            return value == expected
        }
    }

    /// Matches a response when the list `extract` gives is empty (every instance asked about
    /// is gone from the listing).
    public static func empty<Value>(_ extract: @escaping @Sendable (Request.Response) -> [Value], state: RPCWaiterState) -> Self {
        Self(state: state, description: "empty") { result in
            guard let response = result.response else { return false }
            return extract(response).isEmpty
        }
    }

    /// Matches a poll that failed with the service's error `code` (case-sensitive), e.g.
    /// `InvalidInstanceId.NotFound` for "deleted".
    public static func errorCode(_ code: String, state: RPCWaiterState) -> Self {
        Self(state: state, description: "error \(code)") { result in
            if case .error(.service(let error)) = result { return error.code == code }
            return false
        }
    }
}
