import APIGenRuntime
import APIGenServer
import ECS
import ECSServer
import Synchronization
import Testing

/// The generated ECS paginators and waiters against a service in the same process: the key
/// paths they name (a token and a list inside an optional object, page numbers with a total
/// count) and the matchers they build (typed statuses, failure states) behave on real pages.
@Suite struct GeneratedPaginatorsAndWaitersTests {
    /// Invocation results in pages of `MaxResults` by token, key pairs in pages by number, and
    /// disks whose status moves on with each call.
    final class FakeECS: ECSService, Sendable {
        let results = (1...23).map { "i-\($0)" }
        let keyPairs = (1...17).map { "key-\($0)" }
        let diskCalls = Mutex(0)

        func describeInvocationResults(_ request: DescribeInvocationResultsRequest, context: RPCServerContext)
            async throws(DescribeInvocationResultsError) -> DescribeInvocationResultsResponse {
            let start = request.nextToken.flatMap { Int($0.dropFirst("token-".count)) } ?? 0
            let size = request.maxResults ?? 10
            let page = results[start..<min(results.count, start + size)]
            let next = start + size < results.count ? "token-\(start + size)" : nil
            return DescribeInvocationResultsResponse(
                requestId: context.requestId,
                invocation: .init(nextToken: next, invocationResults: page.map { .init(invocationStatus: .success, instanceId: $0) }))
        }

        func describeDisks(_ request: DescribeDisksRequest, context: RPCServerContext)
            async throws(DescribeDisksError) -> DescribeDisksResponse {
            if let ids = request.diskIds {
                // The waiter's polls: Creating twice, then Available (or, for d-broken, gone wrong).
                let calls = diskCalls.withLock { calls in
                    calls += 1
                    return calls
                }
                let status: DiskStatus = ids == ["d-never"] ? .creating : calls <= 2 ? .creating : .available
                return DescribeDisksResponse(requestId: context.requestId, disks: ids.map { .init(status: status, diskId: $0) })
            }
            return DescribeDisksResponse(requestId: context.requestId)
        }

        func describeKeyPairs(_ request: DescribeKeyPairsRequest, context: RPCServerContext)
            async throws(DescribeKeyPairsError) -> DescribeKeyPairsResponse {
            let size = request.pageSize ?? 10
            let number = request.pageNumber ?? 1
            let start = (number - 1) * size
            let page = keyPairs[min(keyPairs.count, start)..<min(keyPairs.count, start + size)]
            return DescribeKeyPairsResponse(
                pageSize: size, requestId: context.requestId, pageNumber: number, totalCount: keyPairs.count,
                keyPairs: page.map { .init(keyPairName: $0) })
        }
    }

    private func client(_ service: FakeECS) -> ECSClient {
        let router = ECSServiceRouter(service: service)
        let transport = InProcessTransport { request in await router.respond(to: request, context: RPCServerContext(request: request)) }
        return ECSClient(credentials: .static(Credentials(accessKeyId: "test", accessKeySecret: "test")), region: "cn-hangzhou", transport: transport)
    }

    @Test func aTokenAndItemsInsideAnOptionalObjectPage() async throws {
        let service = FakeECS()
        let ecs = client(service)
        let request = DescribeInvocationResultsRequest(regionId: "cn-hangzhou", maxResults: 10)
        var ids: [String] = []
        for try await result in ecs.describeInvocationResultsPaginator(request).items {
            ids.append(result.instanceId ?? "")
            #expect(result.invocationStatus == .success)
        }
        #expect(ids == service.results)
        var pages = 0
        for try await _ in ecs.describeInvocationResultsPaginator(request) { pages += 1 }
        #expect(pages == 3)
    }

    @Test func pageNumbersStopAtTheTotalCount() async throws {
        let service = FakeECS()
        let ecs = client(service)
        let keyPairs = try await ecs.describeKeyPairsPaginator(.init(regionId: "cn-hangzhou", pageSize: 5)).items.collect()
        #expect(keyPairs.map(\.keyPairName) == service.keyPairs)
    }

    @Test func aWaiterWaitsForTheTypedStatus() async throws {
        let service = FakeECS()
        let ecs = client(service)
        let outcome = try await ecs.waitUntilDiskAvailable(
            .init(regionId: "cn-hangzhou", diskIds: ["d-1"]), timeout: .seconds(30), delay: .milliseconds(1) ... .milliseconds(2))
        #expect(outcome.attempts == 3)
        #expect(outcome.response?.disks.map(\.status) == [.available])
    }

    @Test func aWaiterThatNeverSeesItsStateTimesOut() async throws {
        let ecs = client(FakeECS())
        do {
            try await ecs.waitUntilDiskAvailable(
                .init(regionId: "cn-hangzhou", diskIds: ["d-never"]), timeout: .milliseconds(50), delay: .milliseconds(5) ... .milliseconds(10))
            Issue.record("the waiter should time out")
        } catch {
            guard case .timedOut(let last) = error else {
                Issue.record("expected a time-out, got \(error)")
                return
            }
            #expect(last.response?.disks.map(\.status) == [.creating])
        }
    }
}
