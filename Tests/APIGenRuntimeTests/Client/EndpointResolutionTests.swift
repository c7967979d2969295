import ECS
import Testing

@testable import APIGenRuntime

/// Alibaba Cloud's endpoint order on the generated ECS product and a central product.
@Suite struct EndpointResolutionTests {
    enum CentralProduct: RPCProduct {
        static let productCode = "Ram"
        static let apiVersion = "2015-05-01"
        static let defaultEndpoint = "ram.aliyuncs.com"
        static let regionalEndpoints: [String: String] = [:]
    }

    func host(_ region: String, _ network: EndpointNetwork = .public) throws -> String {
        try EndpointResolution.resolve(ECSProduct.self, region: region, network: network).endpoint.host
    }

    @Test func theTableWinsOnThePublicNetwork() throws {
        #expect(ECSProduct.endpointRule == .regional)
        #expect(ECSProduct.endpointProductLabel == "ecs")
        #expect(try host("cn-hangzhou") == "ecs.cn-hangzhou.aliyuncs.com")
        #expect(try EndpointResolution.resolve(ECSProduct.self, region: "cn-hangzhou").source == .table)
        // The imported table keeps Alibaba's oddities as they are (Alibaba's own Python client maps
        // cn-shenzhen-finance-1 to the same legacy host).
        #expect(try host("cn-shenzhen-finance-1") == "ecs-cn-hangzhou.aliyuncs.com")
        #expect(try host("cn-hangzhou-finance") == "ecs.aliyuncs.com")
    }

    @Test func aNetworkAppliesToMappedRegionsToo() throws {
        #expect(try host("cn-hangzhou", .vpc) == "ecs-vpc.cn-hangzhou.aliyuncs.com")
        #expect(try host("cn-shenzhen-finance-1", .vpc) == "ecs-vpc.cn-shenzhen-finance-1.aliyuncs.com")
        #expect(try host("ap-southeast-1", .share) == "ecs-share.ap-southeast-1.aliyuncs.com")
        #expect(try host("cn-beijing", .ipv6) == "ecs-ipv6.cn-beijing.aliyuncs.com")
        #expect(try EndpointResolution.resolve(ECSProduct.self, region: "cn-hangzhou", network: .vpc).source == .regionalRule)
        #expect(throws: EndpointResolutionError.self) { try host("cn-hangzhou", "v.p.c") }
    }

    @Test func anUnknownRegionGetsTheRegionalRuleNotTheCentralHost() throws {
        #expect(try host("xx-newregion-1") == "ecs.xx-newregion-1.aliyuncs.com")
        #expect(try EndpointResolution.resolve(ECSProduct.self, region: "xx-newregion-1").source == .regionalRule)
        for bad in ["", "CN-HANGZHOU", "cn hangzhou", "cn-hangzhou.evil.com", "cn--x", "-cn"] {
            #expect(throws: EndpointResolutionError.self, "\(bad)") { try host(bad) }
        }
    }

    @Test func centralProductsUseOneHost() throws {
        #expect(CentralProduct.endpointRule == .central)
        #expect(try EndpointResolution.resolve(CentralProduct.self, region: "cn-beijing").endpoint.host == "ram.aliyuncs.com")
        #expect(try EndpointResolution.resolve(CentralProduct.self, region: "", network: .vpc).endpoint.host == "ram-vpc.aliyuncs.com")
    }

    @Test func anExplicitEndpointWinsAndMustBeAURL() throws {
        let resolved = try EndpointResolution.resolve(ECSProduct.self, region: "Not A Region", network: .vpc, override: "http://127.0.0.1:9000")
        #expect(resolved.endpoint == RPCEndpoint(scheme: "http", host: "127.0.0.1", port: 9000))
        #expect(resolved.source == .explicit)
        #expect(throws: EndpointResolutionError.self) {
            try EndpointResolution.resolve(ECSProduct.self, region: "cn-hangzhou", override: "ftp://x")
        }
    }

    @Test func aClientWithAnUnusableRegionFailsBeforeSending() async throws {
        let client = ECSClient(
            credentials: .static(Credentials(accessKeyId: "id", accessKeySecret: "s")), region: "Hangzhou",
            transport: ClosureTransport { _, _ throws(TransportError) in throw TransportError(.other, "must not be sent") })
        do {
            _ = try await client.describeRegions(.init())
            Issue.record("no error")
        } catch {
            guard case .configuration(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("'Hangzhou' is not a region ID"))
        }
    }
}
