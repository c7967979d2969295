import APIGenRuntime
import ECS
import ECSEmulator
import Foundation
import Testing

/// The generated paginators and waiters (`Generated/Ecs/ECSPaginators.swift`, `ECSWaiters.swift`)
/// against the emulator: what a user writes.
@Suite struct GeneratedPagingAndWaitingTests {
    static let region = LifecycleFixture.region
    static let delay = Duration.milliseconds(5)...Duration.milliseconds(40)

    @Test func describeInstancesPaginatorListsEveryInstanceOnce() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let created = try await InstancePagingTests.create(250, ecs)
            let expected = InstancePagingTests.fixtureInstances + created
            let all = try await ecs.describeInstancesPaginator(.init(regionId: Self.region, maxResults: 100)).items.collect()
            #expect(all.compactMap(\.instanceId) == expected)
            var pages = 0
            for try await page in ecs.describeInstancesPaginator(.init(regionId: Self.region)) {   // 10 a page by default
                pages += 1
                #expect(page.instances.count <= 10)
            }
            #expect(pages == 26)

            let statuses = try await ecs.describeInstanceStatusPaginator(.init(regionId: Self.region, pageSize: 50)).items.collect()
            #expect(statuses.compactMap(\.instanceId) == expected)
        }
    }

    @Test func theOtherListingsPageToo() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            for index in 0..<23 { _ = try await ecs.createSecurityGroup(.init(regionId: Self.region, securityGroupName: "g\(index)")) }
            let groups = try await ecs.describeSecurityGroupsPaginator(.init(regionId: Self.region, maxResults: 10)).items.collect()
            #expect(groups.compactMap(\.securityGroupName) == ["app", "db", "classic"] + (0..<23).map { "g\($0)" })

            let ids = try await InstancePagingTests.create(40, ecs)
            _ = try await ecs.tagResources(
                .init(regionId: Self.region, resourceType: "instance", resourceIds: ids,
                      tags: [.init(key: "a", value: "1"), .init(key: "b", value: "2")]))
            let tags = try await ecs.listTagResourcesPaginator(.init(regionId: Self.region, resourceType: "instance", tags: [.init(key: "a")]))
                .items.collect()
            #expect(tags.count == 80 && tags.compactMap(\.resourceId) == ids.flatMap { [$0, $0] })

            let vswitches = try await ecs.client.paginator(
                DescribeVSwitchesRequest(regionId: Self.region, pageSize: 2),
                paging: .pageNumber(request: \.pageNumber, pageSize: \.pageSize, totalCount: \.totalCount), items: \.vSwitches
            ).items.collect()
            #expect(vswitches.compactMap(\.vSwitchId) == ["vsw-h", "vsw-i", "vsw-db"])
        }
    }

    /// `waitUntilInstanceRunning`, `…Stopped`, `…Deleted`, each poll one second later on the
    /// emulator's clock (see ``TickingTransport``).
    @Test func theInstanceWaitersFollowTheLife() async throws {
        let clock = ManualEmulatorClock()
        try await withEmulator(LifecycleFixture.fixture(), transitions: .manual(clock)) { _, endpoint in
            let ecs = LifecycleFixture.tickingClient(endpoint, clock: clock)
            let ids = try await ecs.runInstances(LifecycleFixture.launch(amount: 2)).instanceIds       // t=0, then 1
            let request = DescribeInstancesRequest(regionId: Self.region, instanceIds: ids)
            let running = try await ecs.waitUntilInstanceRunning(request, timeout: .seconds(120), delay: Self.delay)
            #expect(running.attempts == 5, "polls at t=1 (Pending), 2, 3, 4 (Starting), 5 (Running)")

            _ = try await ecs.stopInstances(.init(regionId: Self.region, instanceIds: ids))
            let stopped = try await ecs.waitUntilInstanceStopped(request, timeout: .seconds(120), delay: Self.delay)
            #expect(stopped.attempts == 3)

            // Started again: waiting for Stopped reaches the waiter's failure state (Starting).
            _ = try await ecs.startInstances(.init(regionId: Self.region, instanceIds: ids))
            do throws(RPCWaiterError<DescribeInstancesRequest>) {
                _ = try await ecs.waitUntilInstanceStopped(request, timeout: .seconds(120), delay: Self.delay)
                Issue.record("the wait succeeded on starting instances")
            } catch .failureState(let last) {
                #expect(last.response?.instances.compactMap(\.status) == [.starting, .starting])
            } catch {
                Issue.record("unexpected \(error)")
            }

            _ = try await ecs.waitUntilInstanceRunning(request, timeout: .seconds(120), delay: Self.delay)
            _ = try await ecs.deleteInstances(.init(force: true, forceStop: false, regionId: Self.region, instanceIds: ids))
            let deleted = try await ecs.waitUntilInstanceDeleted(request, timeout: .seconds(120), delay: Self.delay)
            #expect(deleted.attempts == 3, "Stopping for 3 s before they go")
        }
    }
}
