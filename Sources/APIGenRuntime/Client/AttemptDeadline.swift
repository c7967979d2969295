import Foundation

/// Bounds one attempt of a call by the client's own clock, whatever the transport does.
///
/// The transport is told the timeout too, and a good one stops by itself; but `RPCTransport`
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
                    let outcome: Result<Value, TransportError>
                    do throws(TransportError) {
                        outcome = .success(try await operation())
                    } catch {
                        outcome = .failure(error)
                    }
                    race.finish(outcome)
                }
                let timer = Task {
                    // A timer cancelled because the work ended (or the caller gave up) ends quietly.
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    race.finish(.failure(TransportError(.timedOut, "no response within \(timeout) (the client's timeout)")))
                }
                race.onFinish {
                    work.cancel()
                    timer.cancel()
                }
            }
        } onCancel: {
            race.finish(.failure(TransportError(.other, "the call was cancelled")))
        }
        return try result.get()
    }

    /// The first outcome wins; later ones are dropped. Cancellation may come before the
    /// continuation exists, so an early outcome is kept until `start`.
    private final class Race<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Result<Value, TransportError>, Never>?
        private var outcome: Result<Value, TransportError>?
        private var resumed = false
        private var cleanup: (@Sendable () -> Void)?

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
            let cleanup = self.cleanup
            if continuation != nil { resumed = true }
            lock.unlock()
            continuation?.resume(returning: result)
            cleanup?()
        }

        /// Runs `cleanup` once an outcome is known (at once when it already is).
        func onFinish(_ cleanup: @escaping @Sendable () -> Void) {
            lock.lock()
            if outcome != nil {
                lock.unlock()
                cleanup()
                return
            }
            self.cleanup = cleanup
            lock.unlock()
        }
    }
}
