import Foundation
import Logging
import Synchronization
import Testing

@testable import APIGenRuntime

/// The client bounds every attempt by its own timeout, whatever the transport does (issue 15):
/// a transport that never answers, or ignores cancellation, still fails the attempt after the
/// timeout with `.transport(.timedOut)`, retried per the policy.
@Suite(.timeLimit(.minutes(3))) struct AttemptDeadlineTests {
    typealias Read = RPCClientTests.ReadRequest
    typealias Write = RPCClientTests.WriteRequest

    /// Never answers and ignores cancellation: every send parks until `release()`.
    final class SilentTransport: RPCTransport {
        private let parked = Mutex<[CheckedContinuation<Void, Never>]>([])
        let sends = Atomic<Int>(0)

        func send(_ request: SignedRequest, to endpoint: RPCEndpoint, timeout: Duration) async throws(TransportError) -> TransportResponse {
            sends.add(1, ordering: .relaxed)
            await withCheckedContinuation { continuation in parked.withLock { $0.append(continuation) } }
            throw TransportError(.other, "released")
        }

        /// Lets the parked sends end, so that no task outlives the test.
        func release() {
            for continuation in parked.withLock({ list in defer { list = [] }; return list }) { continuation.resume() }
        }
    }

    /// Waits an hour unless cancelled, and counts how often it was cancelled.
    final class SlowCooperativeTransport: RPCTransport {
        let cancellations = Atomic<Int>(0)

        func send(_ request: SignedRequest, to endpoint: RPCEndpoint, timeout: Duration) async throws(TransportError) -> TransportResponse {
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                cancellations.add(1, ordering: .relaxed)
                throw TransportError(.other, "cancelled")
            }
            return TransportResponse(status: 200, body: Array(#"{"RequestId": "late"}"#.utf8))
        }
    }

    static func client(_ transport: any RPCTransport, timeout: Duration, attempts: Int = 4, sleeps: RPCClientTests.Recorder? = nil) -> RPCClient<RPCClientTests.TestProduct> {
        RPCClient(
            credentials: .static(Credentials(accessKeyId: "id", accessKeySecret: "secret")),
            region: "cn-test",
            configuration: RPCClientConfiguration(timeout: timeout, retryPolicy: RetryPolicy(maximumAttempts: attempts)),
            transport: transport,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            sleep: { duration in sleeps?.sleeps.withLock { $0.append(duration) } },
            makeSigner: { version, format in version.signer(responseFormat: format) },
            random: { 1 }
        )
    }

    /// Whether `error` is the client's own deadline (not the transport's): `.timedOut`, saying so.
    static func timedOut<Failing: RPCRequest>(_ error: RPCError<Failing>) -> Bool {
        if case .transport(let failure) = error { return failure.kind == .timedOut && failure.message.contains("the client's timeout") }
        return false
    }

    /// How long a call may take here: the timeout and the retries' count, with room for a
    /// test suite that keeps every core busy (tasks then wait for a thread). Without the
    /// client's own deadline these calls never end; the watchdog below turns that into a failure.
    static let generousBound: Duration = .seconds(90)

    /// Runs `call`, failing the test if it has not ended after `generousBound` + 30 s; then
    /// lets every parked send of `transport` end.
    static func withWatchdog(_ transport: SilentTransport, _ call: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await call(); return true }
            group.addTask { try? await Task.sleep(for: generousBound + .seconds(30)); return false }
            if await group.next() == false { Issue.record("the call did not end: the client waited for the transport") }
            transport.release()
            group.cancelAll()
            // The call's task ends once its transport is released.
            while await group.next() != nil {}
        }
    }

    @Test func aTransportThatNeverAnswersFailsAfterTheTimeoutAndAWriteIsNotRetried() async throws {
        let transport = SilentTransport()
        await Self.withWatchdog(transport) {
            let start = ContinuousClock.now
            do throws(RPCError<Write>) {
                _ = try await Self.client(transport, timeout: .milliseconds(300)).send(Write())
                Issue.record("no error")
            } catch {
                #expect(Self.timedOut(error), "\(error)")
            }
            let elapsed = ContinuousClock.now - start
            #expect(elapsed >= .milliseconds(300))
            #expect(elapsed < Self.generousBound, "took \(elapsed)")
            #expect(transport.sends.load(ordering: .relaxed) == 1)
        }
    }

    @Test func aReadIsRetriedAfterEachTimeoutPerThePolicy() async throws {
        let transport = SilentTransport()
        await Self.withWatchdog(transport) {
            let sleeps = RPCClientTests.Recorder()
            let start = ContinuousClock.now
            do throws(RPCError<Read>) {
                _ = try await Self.client(transport, timeout: .milliseconds(200), attempts: 3, sleeps: sleeps).send(Read())
                Issue.record("no error")
            } catch {
                #expect(Self.timedOut(error), "\(error)")
            }
            let elapsed = ContinuousClock.now - start
            #expect(transport.sends.load(ordering: .relaxed) == 3)
            #expect(sleeps.sleeps.withLock { $0.count } == 2)
            #expect(elapsed >= .milliseconds(600))
            #expect(elapsed < Self.generousBound, "took \(elapsed)")
        }
    }

    @Test func theTransportsTaskIsCancelledAtTheDeadline() async throws {
        let transport = SlowCooperativeTransport()
        do throws(RPCError<Read>) {
            _ = try await Self.client(transport, timeout: .milliseconds(100), attempts: 1).send(Read())
            Issue.record("no error")
        } catch {
            #expect(Self.timedOut(error), "\(error)")
        }
        // The cancelled task notices soon after.
        for _ in 0..<200 where transport.cancellations.load(ordering: .relaxed) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(transport.cancellations.load(ordering: .relaxed) == 1)
    }

    @Test func aFastAnswerIsUnaffected() async throws {
        let transport = RPCClientTests.ScriptedTransport([RPCClientTests.ok("fast")])
        let response = try await Self.client(transport, timeout: .seconds(30)).send(Read())
        #expect(response.requestId == "fast")
    }

    @Test func cancellingTheCallerEndsTheAttemptAtOnce() async throws {
        let transport = SilentTransport()
        await Self.withWatchdog(transport) {
            let client = Self.client(transport, timeout: .seconds(3600), attempts: 1)
            let call = Task { try await client.send(Read()) }
            while transport.sends.load(ordering: .relaxed) == 0 { try? await Task.sleep(for: .milliseconds(5)) }
            call.cancel()
            let result = await call.result
            guard case .failure = result else { Issue.record("the call succeeded"); return }
        }
    }
}

/// `Retry-After` longer than the policy will wait (issue 15): the error is surfaced at once,
/// carrying the wait asked for; within the limit it is waited for in full.
@Suite struct RetryAfterPolicyTests {
    @Test func aRetryAfterLongerThanTheMaximumIsSurfacedAtOnceWithTheWaitAskedFor() async throws {
        let transport = RPCClientTests.ScriptedTransport([
            RPCClientTests.failure("Throttling", status: 429, headers: ["retry-after": "3600"]),
            RPCClientTests.ok(),
        ])
        let recorder = RPCClientTests.Recorder()
        do throws(RPCError<RPCClientTests.ReadRequest>) {
            _ = try await RPCClientTests.client(transport, recorder: recorder).send(RPCClientTests.ReadRequest())
            Issue.record("no error")
        } catch {
            #expect(error.payload?.code == "Throttling")
            #expect(error.payload?.retryAfter == .seconds(3600))
            #expect("\(error)".contains("Retry-After"))
        }
        #expect(transport.sent.count == 1)
        #expect(recorder.sleeps.withLock { $0 }.isEmpty)
        #expect(recorder.logs.withLock { $0 }.contains { $0.contains("maximumRetryAfter") && $0.contains("retry_after_s=3600") })
    }

    @Test func aRetryAfterWithinMaximumRetryAfterIsWaitedForInFull() async throws {
        let transport = RPCClientTests.ScriptedTransport([
            RPCClientTests.failure("Throttling", status: 429, headers: ["retry-after": "60"]),
            RPCClientTests.ok(),
        ])
        let recorder = RPCClientTests.Recorder()
        let policy = RetryPolicy(maximumBackoff: .seconds(20), maximumRetryAfter: .seconds(120))
        let response = try await RPCClientTests.client(transport, recorder: recorder, policy: policy).send(RPCClientTests.ReadRequest())
        #expect(response.requestId == "OK")
        #expect(recorder.sleeps.withLock { $0 } == [.seconds(60)])
    }

    @Test func anErrorThatIsNotRetriedStillCarriesItsRetryAfter() async throws {
        let transport = RPCClientTests.ScriptedTransport([
            RPCClientTests.failure("InvalidParameter", status: 400, headers: ["retry-after": "5"]),
        ])
        do throws(RPCError<RPCClientTests.WriteRequest>) {
            _ = try await RPCClientTests.client(transport).send(RPCClientTests.WriteRequest())
            Issue.record("no error")
        } catch {
            #expect(error.payload?.retryAfter == .seconds(5))
        }
    }
}
