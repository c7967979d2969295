import APIGenRuntime
import ECS
import ECSEmulator
import Foundation
import Testing

/// The runtime's waiters against the emulator, as the generated `waitUntilInstance…` methods
/// will call them: run, wait Running, stop, wait Stopped, delete, wait gone; a failure state;
/// a timeout; a cancellation. Polls are 5–40 ms apart; transitions run on a manual clock
/// (moved by the calls themselves where the count of polls is checked) or take 40 ms of real
/// time.
@Suite struct InstanceWaiterTests {
    static let delay = Duration.milliseconds(5)...Duration.milliseconds(40)
    static let region = LifecycleFixture.region

    /// Every polled instance's status, from DescribeInstances by ID (a JSON list on the wire).
    static func instanceStatuses(_ response: DescribeInstancesResponse) -> [String] {
        response.instances.compactMap { $0.status?.rawValue }
    }

    static func waitForStatus(
        _ ecs: ECSClient, _ ids: [String], _ status: String, failOn failures: [String] = [], timeout: Duration = .seconds(10)
    ) async throws(RPCWaiterError<DescribeInstancesRequest>) -> RPCWaiterOutcome<DescribeInstancesRequest> {
        var matchers: [RPCWaiterMatcher<DescribeInstancesRequest>] = [.values({ Self.instanceStatuses($0) }, all: [status], state: .success)]
        if !failures.isEmpty { matchers.append(.values({ Self.instanceStatuses($0) }, any: failures, state: .failure)) }
        return try await ecs.client.wait(
            for: DescribeInstancesRequest(regionId: region, instanceIds: ids, maxResults: 100), timeout: timeout, delay: delay,
            matchers: matchers)
    }

    /// The whole life, on a manual clock that a ticking transport moves one second after each
    /// call: so every poll's answer is known (Pending 2 s, Starting 3 s, Stopping 3 s).
    @Test func runWaitRunningStopWaitStoppedDeleteWaitGone() async throws {
        let clock = ManualEmulatorClock()
        try await withEmulator(LifecycleFixture.fixture(), transitions: .manual(clock)) { _, endpoint in
            let ecs = LifecycleFixture.tickingClient(endpoint, clock: clock)
            let ids = try await ecs.runInstances(LifecycleFixture.launch(amount: 3)).instanceIds          // t=0, then 1
            #expect(try await statuses(ecs, ids).values.allSatisfy { $0 == "Pending" })                       // t=1

            // Polls at t=2 (Starting), 3, 4 (Starting), 5 (Running).
            let running = try await Self.waitForStatus(ecs, ids, "Running", failOn: ["Stopping", "Stopped"])
            #expect(running.attempts == 4, "Starting was polled three times before Running")
            #expect(running.response.map(Self.instanceStatuses) == ["Running", "Running", "Running"])

            _ = try await ecs.stopInstances(.init(regionId: Self.region, instanceIds: ids))                    // t=6 Stopping
            let stopped = try await Self.waitForStatus(ecs, ids, "Stopped", failOn: ["Pending", "Starting"])   // t=7, 8, 9
            #expect(stopped.attempts == 3)
            #expect(stopped.response.map(Self.instanceStatuses) == ["Stopped", "Stopped", "Stopped"])

            _ = try await ecs.deleteInstances(.init(regionId: Self.region, instanceIds: ids))
            // Gone: DescribeInstanceAttribute answers InvalidInstanceId.NotFound (the generated
            // "deleted" waiter's success), and DescribeInstances lists none.
            let gone = try await ecs.client.wait(
                for: DescribeInstanceAttributeRequest(instanceId: ids[0]), timeout: .seconds(120), delay: Self.delay,
                matchers: [.errorCode("InvalidInstanceId.NotFound", state: .success)])
            #expect(gone.attempts == 1)
            #expect(gone.response == nil, "success by an error code has no response")
            let listed = try await ecs.client.wait(
                for: DescribeInstancesRequest(regionId: Self.region, instanceIds: ids), timeout: .seconds(120), delay: Self.delay,
                matchers: [.value({ $0.totalCount }, equals: 0, state: .success)])
            #expect(listed.attempts == 1)
        }
    }

    /// The same with real time: transitions of 40 ms, polls 5–40 ms apart (what a test of one's
    /// own code against the emulator looks like).
    @Test func theSameOnRealTime() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: LifecycleFixture.quick()) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let ids = try await ecs.runInstances(LifecycleFixture.launch(amount: 2)).instanceIds
            _ = try await Self.waitForStatus(ecs, ids, "Running", failOn: ["Stopping", "Stopped"])
            #expect(try await statuses(ecs, ids).values.allSatisfy { $0 == "Running" })
            _ = try await ecs.stopInstances(.init(regionId: Self.region, forceStop: true, instanceIds: ids))
            _ = try await Self.waitForStatus(ecs, ids, "Stopped", failOn: ["Pending", "Starting", "Running"])
            _ = try await ecs.deleteInstances(.init(regionId: Self.region, instanceIds: ids))
            let gone = try await ecs.client.wait(
                for: DescribeInstanceStatusRequest(regionId: Self.region, instanceIds: ids), timeout: .seconds(120), delay: Self.delay,
                matchers: [.value({ $0.totalCount }, equals: 0, state: .success)])
            #expect(gone.attempts == 1, "a Stopped instance is released at once")
        }
    }

    @Test func aForceDeleteWithoutForceStopIsGoneAfterItsStop() async throws {
        let clock = ManualEmulatorClock()
        try await withEmulator(LifecycleFixture.fixture(), transitions: .manual(clock)) { emulator, endpoint in
            let ecs = LifecycleFixture.tickingClient(endpoint, clock: clock)
            let id = try #require(try await ecs.runInstances(LifecycleFixture.launch()).instanceIds.first)
            _ = try await Self.waitForStatus(ecs, [id], "Running")
            _ = try await ecs.deleteInstance(.init(instanceId: id, force: true, forceStop: false))             // Stopping for 3 s
            #expect(await emulator.state.instance(id)?.status == "Stopping")
            let gone = try await ecs.client.wait(
                for: DescribeInstanceStatusRequest(regionId: Self.region, instanceIds: [id]), timeout: .seconds(120), delay: Self.delay,
                matchers: [
                    .value({ $0.totalCount }, equals: 0, state: .success),
                    .values({ $0.instanceStatuses.compactMap(\.status?.rawValue) }, any: ["Running", "Starting"], state: .failure),
                ])
            #expect(gone.attempts == 3, "Stopping at the first two polls, gone at the third")
            #expect(await emulator.state.instance(id) == nil)
        }
    }

    /// Waiting for Running while another caller stops the instance: the waiter reaches its
    /// failure state (Stopped) and says so with the poll that saw it.
    @Test func aWaiterThatHitsAFailureState() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: LifecycleFixture.quick()) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let id = try #require(try await ecs.runInstances(LifecycleFixture.launch()).instanceIds.first)
            _ = try await Self.waitForStatus(ecs, [id], "Running")
            _ = try await ecs.stopInstance(.init(instanceId: id, forceStop: true))
            do throws(RPCWaiterError<DescribeInstanceAttributeRequest>) {
                _ = try await ecs.client.wait(
                    for: DescribeInstanceAttributeRequest(instanceId: id), timeout: .seconds(120), delay: Self.delay,
                    matchers: [
                        .value({ $0.status?.rawValue }, equals: "Running", state: .success),
                        .value({ $0.status?.rawValue }, equals: "Stopped", state: .failure),
                    ])
                Issue.record("the wait succeeded on a stopped instance")
            } catch .failureState(let last) {
                #expect(last.response?.status == .stopped)
            } catch {
                Issue.record("unexpected \(error)")
            }

            // A deleted instance: the NotFound code as a failure state.
            _ = try await ecs.deleteInstance(.init(instanceId: id))
            do throws(RPCWaiterError<DescribeInstanceAttributeRequest>) {
                _ = try await ecs.client.wait(
                    for: DescribeInstanceAttributeRequest(instanceId: id), timeout: .seconds(120), delay: Self.delay,
                    matchers: [
                        .value({ $0.status?.rawValue }, equals: "Running", state: .success),
                        .errorCode("InvalidInstanceId.NotFound", state: .failure),
                    ])
                Issue.record("the wait succeeded on a deleted instance")
            } catch .failureState(let last) {
                #expect(last.error?.errorCode == "InvalidInstanceId.NotFound")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    /// An instance that stays Pending (the manual clock never moves) never reaches Running:
    /// the wait ends at its timeout with the last poll.
    @Test func aWaiterThatTimesOut() async throws {
        let clock = ManualEmulatorClock()
        try await withEmulator(LifecycleFixture.fixture(), transitions: .manual(clock)) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let ids = try await ecs.runInstances(LifecycleFixture.launch(amount: 2)).instanceIds
            let started = ContinuousClock.now
            do throws(RPCWaiterError<DescribeInstancesRequest>) {
                _ = try await Self.waitForStatus(ecs, ids, "Running", timeout: .milliseconds(300))
                Issue.record("the wait succeeded on Pending instances")
            } catch .timedOut(let last) {
                #expect(last.response.map(Self.instanceStatuses) == ["Pending", "Pending"])
            } catch {
                Issue.record("unexpected \(error)")
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(300), "not before its timeout: \(elapsed)")

            // Once the clock moves, the same wait succeeds at its first poll.
            clock.advance(by: .seconds(5))
            let outcome = try await Self.waitForStatus(ecs, ids, "Running", timeout: .milliseconds(300))
            #expect(outcome.attempts == 1)
        }
    }

    /// A wait cancelled with its task ends with `.cancelled`, not a timeout or an error.
    @Test func aWaiterThatIsCancelled() async throws {
        let clock = ManualEmulatorClock()
        try await withEmulator(LifecycleFixture.fixture(), transitions: .manual(clock)) { emulator, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let ids = try await ecs.runInstances(LifecycleFixture.launch()).instanceIds
            let waiting = Task { () async -> RPCWaiterError<DescribeInstancesRequest>? in
                do throws(RPCWaiterError<DescribeInstancesRequest>) {
                    _ = try await Self.waitForStatus(ecs, ids, "Running", timeout: .seconds(600))
                    return nil
                } catch {
                    return error
                }
            }
            // Let it poll a few times, then cancel.
            try await Task.sleep(for: .milliseconds(150))
            waiting.cancel()
            let started = ContinuousClock.now
            let result = await waiting.value
            guard case .cancelled = result else {
                Issue.record("expected .cancelled, got \(String(describing: result))")
                return
            }
            #expect(ContinuousClock.now - started < .seconds(120), "cancellation ends the wait, not its 10-minute timeout")
            #expect(await emulator.state.instance(ids[0])?.status == "Pending")
        }
    }
}
