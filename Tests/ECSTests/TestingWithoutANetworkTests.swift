import APIGenRuntime
import APIGenServer
import ECS
import ECSServer
import Testing

/// The README's "Testing your code without a network" example, as written there.
@Suite struct TestingWithoutANetworkTests {
    struct FakeECS: ECSService {
        func describeRegions(_ request: DescribeRegionsRequest, context: RPCServerContext)
            async throws(DescribeRegionsError) -> DescribeRegionsResponse {
            DescribeRegionsResponse(requestId: context.requestId, regions: [.init(regionId: "cn-hangzhou")])
        }
    }

    @Test func aClosureTransportSeesTheRequestAsSent() async throws {
        let canned = ClosureTransport { request, endpoint in
            #expect(request.headers["x-acs-action"] == "DescribeRegions")
            #expect(endpoint.host == "ecs.cn-hangzhou.aliyuncs.com")
            return TransportResponse(status: 200, body: Array(#"{"RequestId":"r-1","Regions":{"Region":[]}}"#.utf8))
        }
        let ecs = ECSClient(credentials: .static(Credentials(accessKeyId: "test", accessKeySecret: "test")), region: "cn-hangzhou", transport: canned)
        #expect(try await ecs.describeRegions(.init()).requestId == "r-1")
    }

    @Test func anInProcessTransportAnswersWithTheGeneratedRouter() async throws {
        let router = ECSServiceRouter(service: FakeECS())
        let inProcess = InProcessTransport { request in await router.respond(to: request, context: RPCServerContext(request: request)) }
        let ecs = ECSClient(
            credentials: .static(Credentials(accessKeyId: "test", accessKeySecret: "test")), region: "cn-hangzhou", transport: inProcess)
        let regions = try await ecs.describeRegions(.init())
        #expect(regions.regions.map(\.regionId) == ["cn-hangzhou"])

        // Actions the fake does not implement answer as the router does on the wire.
        do {
            _ = try await ecs.attachClassicLinkVpc(.init(regionId: "cn-hangzhou", instanceId: "i-1", vpcId: "vpc-1"))
            Issue.record("no error")
        } catch {
            #expect(error.payload?.code == "UnsupportedOperation")
        }
    }
}
