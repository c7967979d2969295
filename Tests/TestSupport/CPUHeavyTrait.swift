import Synchronization
import Testing

extension Trait where Self == CPUHeavyTrait {
    /// Runs the test while no other `.cpuHeavy` test runs. For tests that compute for
    /// seconds without suspending (importing all of ECS, generating it, fuzzing decoders).
    public static var cpuHeavy: Self { Self() }
}

/// Lets one CPU-heavy test run at a time, so that one of the concurrency pool's threads stays
/// free for everything else.
///
/// The test suite runs in parallel on the cooperative pool, which has one thread per core: two
/// on a CI machine. When two synchronous tests hold both threads for half a minute, no timer
/// of any async test fires, and a test of a 1-second timeout measured 37 s (CI, December 2026).
/// Waiting here suspends, so a test waiting its turn holds no thread.
public struct CPUHeavyTrait: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    /// Each test case takes its turn on its own; a suite does not hold the turn for its tests.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        await CPUHeavyTurn.shared.take()
        defer { CPUHeavyTurn.shared.pass() }
        try await function()
    }
}

/// One turn, handed to waiters in the order they came.
final class CPUHeavyTurn: Sendable {
    static let shared = CPUHeavyTurn()

    private struct State {
        var taken = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func take() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if !state.taken {
                    state.taken = true
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    func pass() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.taken = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
