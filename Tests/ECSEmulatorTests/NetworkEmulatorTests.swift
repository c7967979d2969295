import APIGenRuntime
import ECS
import ECSEmulator
import Foundation
import Testing

/// DescribeVSwitches through the client's `send`: ECS's metadata deprecates the action (for VPC's
/// own DescribeVSwitches), and the emulator serves it as ECS still does.
func describeVSwitches(_ ecs: ECSClient, _ request: DescribeVSwitchesRequest) async throws -> DescribeVSwitchesResponse {
    try await ecs.client.send(request)
}

/// Regions, zones, vSwitches, security groups and tags against the emulator.
@Suite struct NetworkEmulatorTests {
    static let region = LifecycleFixture.region

    @Test func regionsAndZones() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let regions = try await ecs.describeRegions(.init())
            #expect(regions.regions.map(\.regionId) == ["cn-hangzhou", "cn-beijing"])
            #expect(regions.regions.map(\.regionEndpoint) == ["ecs.cn-hangzhou.aliyuncs.com", "ecs.cn-beijing.aliyuncs.com"])
            #expect(regions.regions.map(\.localName) == ["China (Hangzhou)", "China (Beijing)"])

            let zones = try await ecs.describeZones(.init(regionId: Self.region))
            #expect(zones.zones.map(\.zoneId) == ["cn-hangzhou-h", "cn-hangzhou-i"])
            #expect(zones.zones.map(\.localName) == ["China (Hangzhou) Zone H", "China (Hangzhou) Zone I"])
            #expect(zones.zones.first?.availableInstanceTypes == ["ecs.g7.large", "ecs.c7.large"])

            #expect(await failure { _ = try await ecs.describeZones(.init(regionId: "cn-nowhere")) }?.code == "InvalidRegionId.NotFound")
            #expect(await failure { _ = try await ecs.describeRegions(.init(acceptLanguage: "fr")) }?.code == "InvalidAcceptLanguage.NotFound")
        }
    }

    @Test func aFixtureWithoutZonesHasOnePerRegion() async throws {
        try await withEmulator(TestFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let zones = try await ecs.describeZones(.init(regionId: "cn-beijing"))
            #expect(zones.zones.map(\.zoneId) == ["cn-beijing-a"])
        }
    }

    @Test func vSwitches() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let all = try await describeVSwitches(ecs, .init(regionId: Self.region))
            #expect(all.vSwitches.map(\.vSwitchId) == ["vsw-h", "vsw-i", "vsw-db"])
            #expect(all.totalCount == 3 && all.pageNumber == 1 && all.pageSize == 10)
            #expect(all.vSwitches.map(\.availableIpAddressCount) == [65532 - 2, 252, 252], "vsw-h holds two fixture instances")

            _ = try await ecs.runInstances(LifecycleFixture.launch(amount: 3))
            let h = try await describeVSwitches(ecs, .init(vSwitchId: "vsw-h", regionId: Self.region))
            #expect(h.vSwitches.map(\.availableIpAddressCount) == [65532 - 5])
            #expect(try await describeVSwitches(ecs, .init(vpcId: "vpc-db")).vSwitches.map(\.vSwitchId) == ["vsw-db"])
            #expect(try await describeVSwitches(ecs, .init(zoneId: "cn-hangzhou-i", regionId: Self.region)).vSwitches.map(\.vSwitchId) == ["vsw-i"])
            #expect(try await describeVSwitches(ecs, .init(regionId: Self.region, isDefault: true)).vSwitches.map(\.vSwitchId) == ["vsw-db"])
            let paged = try await describeVSwitches(ecs, .init(regionId: Self.region, pageNumber: 2, pageSize: 2))
            #expect(paged.vSwitches.map(\.vSwitchId) == ["vsw-db"] && paged.totalCount == 3)
            #expect(await failure { _ = try await describeVSwitches(ecs, .init(vpcId: "vpc-of-other-account")) }?.code == "Forbidden.VpcNotFound")
        }
    }

    @Test func securityGroupsAreCreatedDescribedAndUsed() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let created = try await ecs.createSecurityGroup(
                .init(regionId: Self.region, description: "web tier", clientToken: "sg-token", securityGroupName: "web", vpcId: "vpc-app",
                      tags: [.init(key: "team", value: "web")]))
            let id = try #require(created.securityGroupId)
            #expect(id.hasPrefix("sg-bp"))
            // The same token again: the same group.
            let again = try await ecs.createSecurityGroup(
                .init(regionId: Self.region, description: "web tier", clientToken: "sg-token", securityGroupName: "web", vpcId: "vpc-app",
                      tags: [.init(key: "team", value: "web")]))
            #expect(again.securityGroupId == id)

            let listed = try await ecs.describeSecurityGroups(.init(regionId: Self.region))
            #expect(listed.securityGroups.map(\.securityGroupId) == ["sg-app", "sg-db", "sg-classic", id])
            let web = try await ecs.describeSecurityGroups(.init(regionId: Self.region, securityGroupIds: [id], isQueryEcsCount: true))
            #expect(web.securityGroups.first?.tags.map(\.tagKey) == ["team"])
            #expect(web.securityGroups.first?.vpcId == "vpc-app" && web.securityGroups.first?.ecsCount == 0)
            #expect(try await ecs.describeSecurityGroups(.init(regionId: Self.region, networkType: "classic")).securityGroups.map(\.securityGroupId) == ["sg-classic"])
            #expect(try await ecs.describeSecurityGroups(.init(regionId: Self.region, vpcId: "vpc-db")).securityGroups.map(\.securityGroupId) == ["sg-db"])
            #expect(try await ecs.describeSecurityGroups(.init(regionId: Self.region, tags: [.init(key: "team")])).securityGroups.map(\.securityGroupId) == [id])

            // RunInstances with it.
            var launch = LifecycleFixture.launch(amount: 2)
            launch.securityGroupId = id
            _ = try await ecs.runInstances(launch)
            let counted = try await ecs.describeSecurityGroups(.init(regionId: Self.region, isQueryEcsCount: true, securityGroupId: id))
            #expect(counted.securityGroups.first?.ecsCount == 2)

            // Paging by NextToken.
            for index in 0..<12 { _ = try await ecs.createSecurityGroup(.init(regionId: Self.region, securityGroupName: "g\(index)")) }
            let paginator = ecs.client.paginator(
                DescribeSecurityGroupsRequest(regionId: Self.region, maxResults: 5),
                paging: .nextToken(request: \.nextToken, response: \.nextToken), items: \.securityGroups)
            let names = try await paginator.items.collect().compactMap(\.securityGroupName)
            #expect(names == ["app", "db", "classic", "web"] + (0..<12).map { "g\($0)" })

            let cases: [(String, CreateSecurityGroupRequest, String)] = [
                ("a name starting with a digit", .init(regionId: Self.region, securityGroupName: "1st"), "InvalidSecurityGroupName.Malformed"),
                ("an unknown type", .init(regionId: Self.region, securityGroupType: "special"), "InvalidParams.GroupType"),
                ("an enterprise group without VPC", .init(regionId: Self.region, securityGroupType: "enterprise"), "InvalidParams.VpcIdGroupType"),
                ("a VPC of another account", .init(regionId: Self.region, vpcId: "vpc-of-other-account"), "InvalidVpcId.NotFound"),
                ("an unknown region", .init(regionId: "cn-nowhere"), "InvalidRegionId.NotFound"),
                ("the token with other parameters", .init(regionId: Self.region, clientToken: "sg-token", securityGroupName: "web2"),
                 "IdempotentParameterMismatch"),
            ]
            for (name, request, code) in cases {
                #expect(await failure { _ = try await ecs.createSecurityGroup(request) }?.code == code, "\(name)")
            }
            let badToken = await failure { _ = try await ecs.describeSecurityGroups(.init(regionId: Self.region, nextToken: "nope")) }
            #expect(badToken?.code == "InValidParameter.NextToken")
        }
    }

    @Test func tagsAreAddedAndListedByNextToken() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let ids = try await InstancePagingTests.create(30, ecs)
            // 30 instances × 3 tags = 90 entries: two pages of 50 and 40.
            for chunk in [Array(ids[0..<15]), Array(ids[15...])] {
                _ = try await ecs.tagResources(
                    .init(regionId: Self.region, resourceType: "instance", resourceIds: chunk,
                          tags: [.init(key: "app", value: "shop"), .init(key: "env", value: "dev"), .init(key: "owner", value: "ops")]))
            }
            // A key again: the new value, same place.
            _ = try await ecs.tagResources(
                .init(regionId: Self.region, resourceType: "instance", resourceIds: [ids[0]], tags: [.init(key: "env", value: "prod")]))

            let paginator = ecs.client.paginator(
                ListTagResourcesRequest(regionId: Self.region, resourceType: "instance", tags: [.init(key: "app", value: "shop")]),
                paging: .nextToken(request: \.nextToken, response: \.nextToken), items: \.tagResources)
            var pages = 0
            var entries: [ListTagResourcesResponse.TagResource] = []
            for try await page in paginator {
                pages += 1
                entries += page.tagResources
            }
            #expect(pages == 2)
            #expect(entries.count == 90)
            #expect(entries.map(\.resourceId) == ids.flatMap { [$0, $0, $0] })
            #expect(entries.prefix(3).map { "\($0.tagKey ?? "")=\($0.tagValue ?? "")" } == ["app=shop", "env=prod", "owner=ops"])

            let byId = try await ecs.listTagResources(.init(regionId: Self.region, resourceType: "instance", resourceIds: [ids[1]]))
            #expect(byId.tagResources.map(\.tagKey) == ["app", "env", "owner"] && byId.nextToken == "")
            let byFilter = try await ecs.listTagResources(
                .init(regionId: Self.region, resourceType: "instance", tagFilters: [.init(tagValues: ["prod"], tagKey: "env")]))
            #expect(Set(byFilter.tagResources.map(\.resourceId)) == [ids[0]])
            // The instances carry them in DescribeInstances, and filter by them.
            let prod = try await ecs.describeInstances(.init(regionId: Self.region, tags: [.init(value: "prod", key: "env")]))
            #expect(prod.instances.compactMap(\.instanceId) == [ids[0]])

            let sg = try await ecs.tagResources(
                .init(regionId: Self.region, resourceType: "securitygroup", resourceIds: ["sg-db"], tags: [.init(key: "tier", value: "data")]))
            _ = sg
            let groups = try await ecs.listTagResources(.init(regionId: Self.region, resourceType: "securitygroup", resourceIds: ["sg-db"]))
            #expect(groups.tagResources.map(\.tagKey) == ["tier"])

            let region = Self.region
            let cases: [(String, () async throws -> Void, String)] = [
                ("an unknown type", { _ = try await ecs.tagResources(.init(regionId: region, resourceType: "planet", resourceIds: [ids[0]], tags: [.init(key: "k", value: "v")])) }, "InvalidResourceType.NotFound"),
                ("a missing resource", { _ = try await ecs.tagResources(.init(regionId: region, resourceType: "instance", resourceIds: ["i-missing"], tags: [.init(key: "k", value: "v")])) }, "InvalidResourceId.NotFound"),
                ("another account's", { _ = try await ecs.tagResources(.init(regionId: region, resourceType: "instance", resourceIds: ["i-other-account"], tags: [.init(key: "k", value: "v")])) }, "InvalidResourceId.NotFound"),
                ("an aliyun key", { _ = try await ecs.tagResources(.init(regionId: region, resourceType: "instance", resourceIds: [ids[0]], tags: [.init(key: "aliyun-x", value: "v")])) }, "InvalidTagKey.Malformed"),
                ("a 21st tag on a resource", {
                    _ = try await ecs.tagResources(.init(regionId: region, resourceType: "instance", resourceIds: [ids[2]], tags: (1...18).map { .init(key: "x\($0)", value: "v") }))
                }, "OperationDenied.QuotaExceed"),
                ("neither resources nor tags", { _ = try await ecs.listTagResources(.init(regionId: region, resourceType: "instance")) }, "BothEmpty.TagsAndResources"),
                ("tags and tag filters", {
                    _ = try await ecs.listTagResources(.init(regionId: region, resourceType: "instance", tags: [.init(key: "a")], tagFilters: [.init(tagKey: "b")]))
                }, "InvalidTags.MalFormed"),
                ("a token of another listing", {
                    _ = try await ecs.listTagResources(.init(regionId: region, nextToken: "0123456789abcdef0123456789abcdef", resourceType: "instance", resourceIds: [ids[0]]))
                }, "Invalid.NextToken"),
            ]
            for (name, call, code) in cases {
                #expect(await failure(call)?.code == code, "\(name)")
            }
            let unchanged = try await ecs.listTagResources(.init(regionId: region, resourceType: "instance", resourceIds: [ids[2]]))
            #expect(unchanged.tagResources.count == 3, "a refused TagResources changes nothing")
        }
    }
}
