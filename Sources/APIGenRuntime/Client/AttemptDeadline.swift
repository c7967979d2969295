import Foundation

/// Bounds one attempt of a call by the client's own clock, whatever the transport does.
///
/// The transport is told the timeout too, and a good one stops by itself (so the client's
/// deadline falls a short `grace` later, letting it report its own error); but `RPCTransport`
/// is a protocol anyone can implement, and one that ignores the timeout (or cancellation) must
/// not make a call wait forever. So the transport runs in a task of its own, raced against a
/// timer: whichever ends first answers. When the timer wins, the transport's task is cancelled
/// and the attempt fails with `TransportError(.timedOut)`, which the retry policy treats like
/// any timeout (retried for idempotent actions only). A transport that ignores cancellation
/// keeps its task until it returns, but the caller no longer waits for it.
///
/// Cancelling the caller's task cancels both and fails the attempt at once.
enum AttemptDeadline {
    static func run<Value: Sendable>(
        timeout: Duration,
        _ operation: @escaping @Sendable () async throws(TransportError) -> Value
    ) async throws(TransportError) -> Value {
        let race = Race<Value>()
        let result: Result<Value, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, TransportError>, Never>) in
                race.start(continuation)
                let work = Task {
                    // The clock starts when the transport does, not when this task was made: on a
                    // busy machine a task may wait for a thread, and that wait is not the
                    // transport's. The timer runs on Dispatch, so it fires on time even if a
                    // transport blocks a thread. At the deadline the transport's task is
                    // cancelled (a transport that honours cancellation ends at once, with
                    // whatever it already had: an answer that came in time still wins); then, a
                    // few turns of the task queue later, the attempt ends regardless.
                    let priority = Task.currentPriority
                    let timer = Timer(DispatchWorkItem {
                        Task(priority: priority) {
                            race.passDeadline()
                            for _ in 0..<16 { await Task.yield() }
                            race.finish(.failure(Self.timedOut(timeout)))
                        }
                    })
                    DispatchQueue.global().asyncAfter(deadline: .now() + Self.dispatchInterval(timeout + grace(timeout)), execute: timer.item)
                    race.onFinish { timer.item.cancel() }
                    var outcome: Result<Value, TransportError>
                    do throws(TransportError) {
                        outcome = .success(try await operation())
                    } catch {
                        outcome = .failure(error)
                    }
                    // Cancelled at the deadline: that is a timeout, whatever the transport called it.
                    if case .failure(let error) = outcome, error.kind == .other, race.isPastDeadline {
                        outcome = .failure(Self.timedOut(timeout))
                    }
                    race.finish(outcome)
                }
                race.onDeadline { work.cancel() }
                race.onFinish { work.cancel() }
            }
        } onCancel: {
            race.finish(.failure(TransportError(.other, "the call was cancelled")))
        }
        return try result.get()
    }

    static func timedOut(_ timeout: Duration) -> TransportError {
        TransportError(.timedOut, "no response within \(timeout) (the client's timeout)")
    }

    /// How long after the timeout the client's own deadline falls: a tenth of it, at least
    /// 250 ms and at most 2 s. A transport that keeps the timeout (async-http-client does)
    /// answers first, with its own, more telling error (a refused connection is
    /// `.connectionFailed`, not `.timedOut`); only one that ignores it meets the deadline.
    static func grace(_ timeout: Duration) -> Duration {
        min(max(timeout / 10, .milliseconds(250)), .seconds(2))
    }

    /// A work item, shared with the closure that cancels it (cancelling is thread-safe).
    private final class Timer: @unchecked Sendable {
        let item: DispatchWorkItem
        init(_ item: DispatchWorkItem) { self.item = item }
    }

    static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanoseconds.overflow, seconds < Int64(Int.max / 1_000_000_000) else { return .never }
        return .nanoseconds(Int(max(0, nanoseconds.partialValue + attoseconds / 1_000_000_000)))
    }

    /// The first outcome wins; later ones are dropped. Cancellation may come before the
    /// continuation exists, so an early outcome is kept until `start`.
    private final class Race<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Result<Value, TransportError>, Never>?
        private var outcome: Result<Value, TransportError>?
        private var resumed = false
        private var cleanups: [@Sendable () -> Void] = []
        private var deadlineHandlers: [@Sendable () -> Void] = []
        private var pastDeadline = false

        var isPastDeadline: Bool { lock.withLock { pastDeadline } }

        /// Runs `handler` when the deadline passes (at once if it has).
        func onDeadline(_ handler: @escaping @Sendable () -> Void) {
            lock.lock()
            guard !pastDeadline else {
                lock.unlock()
                handler()
                return
            }
            deadlineHandlers.append(handler)
            lock.unlock()
        }

        func passDeadline() {
            lock.lock()
            pastDeadline = true
            let handlers = deadlineHandlers
            deadlineHandlers = []
            lock.unlock()
            for handler in handlers { handler() }
        }

        func start(_ continuation: CheckedContinuation<Result<Value, TransportError>, Never>) {
            lock.lock()
            if let outcome, !resumed {
                resumed = true
                lock.unlock()
                continuation.resume(returning: outcome)
                return
            }
            self.continuation = continuation
            lock.unlock()
        }

        func finish(_ result: Result<Value, TransportError>) {
            lock.lock()
            guard outcome == nil else {
                lock.unlock()
                return
            }
            outcome = result
            let continuation = self.continuation
            let cleanups = self.cleanups
            self.cleanups = []
            if continuation != nil { resumed = true }
            lock.unlock()
            continuation?.resume(returning: result)
            for cleanup in cleanups { cleanup() }
        }

        /// Runs `cleanup` once an outcome is known (at once when it already is).
        func onFinish(_ cleanup: @escaping @Sendable () -> Void) {
            lock.lock()
            if outcome != nil {
                lock.unlock()
                cleanup()
                return
            }
            cleanups.append(cleanup)
            lock.unlock()
        }
    }
}
