import Foundation
import InMemoryTracing
import Synchronization
import Testing
import Tracing

@testable import APIGenRuntime

/// Waiters end to end through a client: success, failure states, error codes, errors no
/// matcher handles, timeouts and cancellation, on a clock that moves only when the client
/// sleeps (so that ten-minute waits take milliseconds).
@Suite struct WaiterTests {
    typealias Fixtures = WaitingFixtures
    typealias Request = WaitingFixtures.Request

    @Test func pollsUntilSuccessAndReturnsTheLastResponse() async throws {
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService(
            [.statuses(["Pending"]), .statuses(["Pending", "Starting"]), .statuses(["Running", "Starting"]), .statuses(["Running", "Running"])],
            clock: clock)
        let client = Fixtures.client(service.transport, clock: clock)
        let outcome = try await client.wait(for: Request(), timeout: .seconds(600), delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)
        #expect(outcome.attempts == 4)
        #expect(outcome.response?.statuses.map(\.status.rawValue) == ["Running", "Running"])
        #expect(outcome.response?.requestId == "R-4")
        // With random = 1, each delay is its ceiling: 5 s, then doubling.
        #expect(clock.sleeps == [.seconds(5), .seconds(10), .seconds(20)])
        #expect(service.pollCount == 4)
    }

    @Test func aFailureStateThrowsWithTheMatchedResponse() async throws {
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.statuses(["Pending"]), .statuses(["Running", "Stopped"]), .statuses(["Running"])], clock: clock)
        let client = Fixtures.client(service.transport, clock: clock)
        do throws(RPCWaiterError<Request>) {
            try await client.wait(for: Request(), timeout: .seconds(600), delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)
            Issue.record("no error")
        } catch .failureState(.response(let response)) {
            #expect(response.statuses.map(\.status.rawValue) == ["Running", "Stopped"])
        } catch {
            Issue.record("\(error)")
        }
        #expect(service.pollCount == 2)
    }

    @Test func anErrorCodeCanBeTheSuccessState() async throws {
        // "Deleted": describing the thing fails with InvalidThingId.NotFound.
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.statuses(["Deleting"]), .error("InvalidThingId.NotFound", status: 404)], clock: clock)
        let client = Fixtures.client(service.transport, clock: clock)
        let outcome = try await client.wait(
            for: Request(), timeout: .seconds(600), delay: .seconds(5)...(.seconds(30)),
            matchers: [.errorCode("InvalidThingId.NotFound", state: .success)])
        #expect(outcome.attempts == 2)
        #expect(outcome.response == nil)
        #expect(outcome.result.error?.errorCode == "InvalidThingId.NotFound")
    }

    @Test func anErrorCodeCanBeTheFailureState() async throws {
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.error("InvalidThingId.NotFound", status: 404)], clock: clock)
        do throws(RPCWaiterError<Request>) {
            try await Fixtures.client(service.transport, clock: clock).wait(
                for: Request(), timeout: .seconds(600), delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)
            Issue.record("no error")
        } catch .failureState(.error(.service(let error))) {
            #expect(error.code == "InvalidThingId.NotFound")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func anErrorNoMatcherHandlesEndsTheWait() async throws {
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.statuses(["Pending"]), .error("InvalidParameter", status: 400), .statuses(["Running"])], clock: clock)
        do throws(RPCWaiterError<Request>) {
            try await Fixtures.client(service.transport, clock: clock).wait(
                for: Request(), timeout: .seconds(600), delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)
            Issue.record("no error")
        } catch .error(.service(let error)) {
            let typed: ServiceError<Request> = error
            #expect(typed.code == "InvalidParameter")
        } catch {
            Issue.record("\(error)")
        }
        #expect(service.pollCount == 2)
    }

    @Test func retryableErrorsAreTheClientsToRetryWithinAPoll() async throws {
        // A throttled poll is retried by the client (its policy), not seen by the matchers.
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.statuses(["Pending"]), .error("Throttling", status: 400), .statuses(["Running"])], clock: clock)
        let client = Fixtures.client(service.transport, clock: clock, configuration: RPCClientConfiguration())
        let outcome = try await client.wait(for: Request(), timeout: .seconds(600), delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)
        #expect(outcome.attempts == 2)
        #expect(service.pollCount == 3)
        // The waiter's 5 s, then the client's backoff (200 ms, random = 1).
        #expect(clock.sleeps == [.seconds(5), .milliseconds(200)])
    }

    @Test func timesOutWithTheLastResponseAndNeverWaitsPastTheTimeout() async throws {
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.statuses(["Pending"])], clock: clock)
        do throws(RPCWaiterError<Request>) {
            try await Fixtures.client(service.transport, clock: clock).wait(
                for: Request(), timeout: .seconds(60), delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)
            Issue.record("no error")
        } catch .timedOut(.response(let last)) {
            #expect(last.statuses.map(\.status.rawValue) == ["Pending"])
            #expect(last.requestId == "R-5")
        } catch {
            Issue.record("\(error)")
        }
        // 5 + 10 + 20 s, then 30 s would pass the minute: the last wait is cut to 25 s, so the
        // last poll is at the deadline.
        #expect(clock.sleeps == [.seconds(5), .seconds(10), .seconds(20), .seconds(25)])
        #expect(service.pollCount == 5)
        #expect(clock.elapsed == .seconds(60))
    }

    @Test func theTimeoutCountsTheCallsToo() async throws {
        // Each call takes 2 s of the minute.
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.statuses(["Pending"])], clock: clock, callDuration: .seconds(2))
        do throws(RPCWaiterError<Request>) {
            try await Fixtures.client(service.transport, clock: clock).wait(
                for: Request(), timeout: .seconds(60), delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)
            Issue.record("no error")
        } catch .timedOut {
        } catch {
            Issue.record("\(error)")
        }
        // Polls start at 0, 7, 19, 41 and 60 s; after the one at 43 s only 17 s are left.
        #expect(clock.sleeps == [.seconds(5), .seconds(10), .seconds(20), .seconds(17)])
        #expect(service.pollCount == 5)
        #expect(clock.elapsed == .seconds(62))
    }

    @Test func timingOutOnAnErrorTheMatchersRetryKeepsThatError() async throws {
        // "Exists" waiters retry NotFound: timing out carries the last NotFound.
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.error("InvalidThingId.NotFound", status: 404)], clock: clock)
        do throws(RPCWaiterError<Request>) {
            try await Fixtures.client(service.transport, clock: clock).wait(
                for: Request(), timeout: .seconds(30), delay: .seconds(10)...(.seconds(10)),
                matchers: [.errorCode("InvalidThingId.NotFound", state: .retry), .values({ $0.statuses.map(\.status) }, any: [.pending], state: .success)])
            Issue.record("no error")
        } catch .timedOut(.error(let error)) {
            #expect(error.errorCode == "InvalidThingId.NotFound")
        } catch {
            Issue.record("\(error)")
        }
        #expect(service.pollCount == 4)  // at 0, 10, 20 and 30 s
    }

    @Test func aZeroTimeoutPollsOnce() async throws {
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.statuses(["Pending"])], clock: clock)
        await #expect(throws: RPCWaiterError<Request>.self) {
            try await Fixtures.client(service.transport, clock: clock).wait(
                for: Request(), timeout: .zero, delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)
        }
        #expect(service.pollCount == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func cancelledBeforeTheFirstPollSendsNothing() async throws {
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.statuses(["Running"])], clock: clock)
        let client = Fixtures.client(service.transport, clock: clock)
        let task = Task { () -> RPCWaiterError<Request>? in
            withUnsafeCurrentTask { $0?.cancel() }
            do throws(RPCWaiterError<Request>) {
                try await client.wait(for: Request(), timeout: .seconds(600), delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)
                return nil
            } catch {
                return error
            }
        }
        guard case .cancelled = await task.value else {
            Issue.record("not cancelled")
            return
        }
        #expect(service.pollCount == 0)
    }

    @Test func cancellingWhileWaitingBetweenPollsEndsTheWait() async throws {
        // Real sleeping here (an hour, unless cancelled): the test cancels during the first delay.
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.statuses(["Pending"])], clock: clock)
        let sleeping = AsyncStream<Void>.makeStream()
        let client = Fixtures.client(service.transport, clock: clock, sleep: { _ in
            sleeping.continuation.yield()
            try await Task.sleep(for: .seconds(3600))
        })
        let task = Task { () -> RPCWaiterError<Request>? in
            do throws(RPCWaiterError<Request>) {
                try await client.wait(for: Request(), timeout: .seconds(7200), delay: .seconds(3600)...(.seconds(3600)), matchers: Fixtures.running)
                return nil
            } catch {
                return error
            }
        }
        for await _ in sleeping.stream { break }
        task.cancel()
        guard case .cancelled = await task.value else {
            Issue.record("not cancelled")
            return
        }
        #expect(service.pollCount == 1)
    }

    @Test func cancellingDuringAPollEndsTheWait() async throws {
        let clock = Fixtures.TestClock()
        let entered = AsyncStream<Void>.makeStream()
        let transport = ClosureTransport { (_: SignedRequest, _: RPCEndpoint) async throws(TransportError) -> TransportResponse in
            entered.continuation.yield()
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                throw TransportError(.other, "cancelled")
            }
            return TransportResponse(status: 200, body: Array(#"{"RequestId":"R","Statuses":[{"Id":"t","Status":"Running"}]}"#.utf8))
        }
        let client = Fixtures.client(transport, clock: clock)
        let task = Task { () -> RPCWaiterError<Request>? in
            do throws(RPCWaiterError<Request>) {
                try await client.wait(for: Request(), timeout: .seconds(600), delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)
                return nil
            } catch {
                return error
            }
        }
        for await _ in entered.stream { break }
        task.cancel()
        guard case .cancelled = await task.value else {
            Issue.record("not cancelled")
            return
        }
    }

    @Test func delaysAreJitteredBetweenTheBounds() async throws {
        // The random numbers 0.25, 0.5, 0.75 in turn: the first delay is the lower bound
        // whatever the draw; then 5 + (10 − 5) × 0.5 and 5 + (20 − 5) × 0.75.
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService(
            [.statuses(["Pending"]), .statuses(["Pending"]), .statuses(["Pending"]), .statuses(["Running"])], clock: clock)
        let client = Fixtures.client(service.transport, clock: clock, randoms: [0.25, 0.5, 0.75])
        try await client.wait(for: Request(), timeout: .seconds(600), delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)
        #expect(clock.sleeps == [.seconds(5), .milliseconds(7500), .milliseconds(16250)])
    }

    @Test func eachPollIsLoggedAndTheWaitIsOneSpanAboveItsCalls() async throws {
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService([.statuses(["Pending"]), .statuses(["Running"])], clock: clock)
        let recorder = RPCClientTests.Recorder()
        let tracer = InMemoryTracer()
        let client = Fixtures.client(
            service.transport, clock: clock, recorder: recorder,
            configuration: RPCClientConfiguration(observability: RPCClientObservability(tracer: tracer)))
        try await client.wait(for: Request(), timeout: .seconds(600), delay: .seconds(5)...(.seconds(30)), matchers: Fixtures.running)

        let lines = recorder.logs.withLock { $0 }.filter { $0.hasPrefix("debug waiting") }
        #expect(lines.count == 2)
        #expect(lines[0].contains("attempt=1") && lines[0].contains("action=DescribeThingStatus") && lines[0].contains("delay_ms=5000"))
        #expect(lines[1].contains("attempt=2") && lines[1].contains("matched=all of [\"Running\"]"))

        let spans = tracer.finishedSpans
        let wait = try #require(spans.first { $0.operationName == "Paging/DescribeThingStatus wait" })
        let calls = spans.filter { $0.operationName == "Paging/DescribeThingStatus" }
        #expect(calls.count == 2)
        #expect(calls.allSatisfy { $0.parentSpanID == wait.spanID && $0.traceID == wait.traceID })
        #expect(wait.attributes["alibabacloud.wait.attempts"]?.toSpanAttribute() == 2)
        #expect(wait.attributes["alibabacloud.wait.outcome"]?.toSpanAttribute() == "success")
    }

    @Test func theGeneratedFormsRead() async throws {
        // Running, then stopped (typed values), then gone (an error code as success).
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService(
            [.statuses(["Pending"]), .statuses(["Running"]), .statuses(["Stopping"]), .statuses(["Stopped"]),
             .error("InvalidThingId.NotFound", status: 404)],
            clock: clock)
        let things = Fixtures.ThingsClient(client: Fixtures.client(service.transport, clock: clock))
        let running = try await things.waitUntilThingRunning(Request())
        #expect(running.attempts == 2 && running.response?.statuses.map(\.status) == [.running])
        try await things.waitUntilThingStopped(Request())
        let deleted = try await things.waitUntilThingDeleted(Request(), timeout: .seconds(60))
        #expect(deleted.attempts == 1 && deleted.response == nil)
        #expect(service.pollCount == 5)
        #expect(clock.sleeps == [.seconds(5), .seconds(5)])
    }

    @Test func aWaiterOfYourOwnAsTheReadmeWritesIt() async throws {
        // Throttled polls (past the client's retries) are retried by the last matcher; a
        // thing with no statuses left is a success by the count.
        let clock = Fixtures.TestClock()
        let service = Fixtures.ScriptedService(
            [.statuses(["Running"]), .error("Throttling", status: 429), .statuses(["Stopping"]), .statuses([])], clock: clock)
        let client = Fixtures.client(service.transport, clock: clock)
        let outcome = try await client.wait(for: Request(), timeout: .seconds(300), delay: .seconds(2)...(.seconds(20)), matchers: [
            .values({ $0.statuses.map(\.status) }, all: ["Stopped"], state: .success),
            .values({ $0.statuses.map(\.status) }, any: ["Deleted"], state: .failure),
            .value({ $0.statuses.count }, equals: 0, state: .success),
            .errorCode("InvalidThingId.NotFound", state: .failure),
            RPCWaiterMatcher(state: .retry) { $0.error?.isThrottling == true },
        ])
        #expect(outcome.attempts == 4)
        #expect(outcome.response?.statuses.isEmpty == true)
        #expect(clock.sleeps == [.seconds(2), .seconds(4), .seconds(8)])
    }
}
