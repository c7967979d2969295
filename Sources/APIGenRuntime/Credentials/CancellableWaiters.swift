import Synchronization

/// Callers waiting for the outcome of one piece of work that runs once for all of them (a
/// credentials refresh, the default chain's first walk through its sources): each suspends
/// until ``resumeAll(with:)``; a caller that is cancelled stops waiting at once with
/// `CancellationError`, while the work goes on for the others.
///
/// `wait` runs on the caller's actor until the caller is registered, so an actor that starts
/// the work and then waits cannot miss its end: the work's ``resumeAll(with:)`` runs on the
/// same actor, after.
package final class CancellableWaiters<Value: Sendable>: Sendable {
    private struct State {
        var nextID = 0
        var waiting: [Int: CheckedContinuation<Value, any Error>] = [:]
    }

    private let state = Mutex(State())

    package init() {}

    package func wait(isolation: isolated (any Actor)? = #isolation) async throws -> Value {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation(isolation: isolation) { continuation in
                let cancelled = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    state.waiting[id] = continuation
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            state.withLock { $0.waiting.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }

    /// Ends every wait with `result`.
    package func resumeAll(with result: Result<Value, any Error>) {
        let waiting = state.withLock { state in
            defer { state.waiting = [:] }
            return state.waiting
        }
        for continuation in waiting.values { continuation.resume(with: result) }
    }
}
