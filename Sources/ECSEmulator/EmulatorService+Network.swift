import APIGenRuntime
import APIGenServer
import ECS
import ECSServer
import Foundation

/// Regions, zones, vSwitches, security groups and tags.
extension EmulatorService {
    /// Names ECS gives its regions in English (a region missing here is named by its ID).
    static let regionNames: [String: String] = [
        "cn-hangzhou": "China (Hangzhou)", "cn-shanghai": "China (Shanghai)", "cn-beijing": "China (Beijing)",
        "cn-shenzhen": "China (Shenzhen)", "cn-qingdao": "China (Qingdao)", "cn-zhangjiakou": "China (Zhangjiakou)",
        "cn-huhehaote": "China (Hohhot)", "cn-chengdu": "China (Chengdu)", "cn-hongkong": "China (Hong Kong)",
        "ap-southeast-1": "Singapore", "ap-northeast-1": "Japan (Tokyo)", "us-west-1": "US (Silicon Valley)",
        "us-east-1": "US (Virginia)", "eu-central-1": "Germany (Frankfurt)", "eu-west-1": "UK (London)",
    ]

    // MARK: DescribeRegions

    /// DescribeRegions: the fixture's regions, each with ECS's endpoint for it. `AcceptLanguage`
    /// must be `zh-CN`, `en-US` or `ja` (`InvalidAcceptLanguage.NotFound`); names are English.
    public func describeRegions(
        _ request: DescribeRegionsRequest, context: RPCServerContext
    ) async throws(DescribeRegionsError) -> DescribeRegionsResponse {
        try await answer(DescribeRegionsRequest.self) { () async throws(EmulatorFailure) in
            if let language = request.acceptLanguage, !["zh-CN", "en-US", "ja"].contains(language) {
                throw EmulatorFailure("InvalidAcceptLanguage.NotFound", "Only Chinese (zh-CN), English (en-US), and Japanese (ja) are allowed.")
            }
            if let type = request.resourceType, !["instance", "disk", "reservedinstance", "scu"].contains(type) {
                throw EmulatorFailure("InvalidResourceType.NotFound", "The ResourceType provided does not exist in our records.")
            }
        }
        let regions = await state.regions
        return DescribeRegionsResponse(
            requestId: context.requestId,
            regions: regions.map { region in
                .init(
                    status: "available", regionEndpoint: ECSProduct.regionalEndpoints[region] ?? "ecs.\(region).aliyuncs.com",
                    localName: Self.regionNames[region] ?? region, regionId: region)
            })
    }

    // MARK: DescribeZones

    /// DescribeZones: the region's zones (`InvalidRegionId.NotFound` for another region), with
    /// the instance types each sells.
    public func describeZones(
        _ request: DescribeZonesRequest, context: RPCServerContext
    ) async throws(DescribeZonesError) -> DescribeZonesResponse {
        let zones = try await answer(DescribeZonesRequest.self) { () async throws(EmulatorFailure) -> [EmulatorFixture.Zone] in
            if let language = request.acceptLanguage, !["zh-CN", "en-US", "ja"].contains(language) {
                throw EmulatorFailure("InvalidAcceptLanguage.NotFound", "Only Chinese (zh-CN), English (en-US), and Japanese (ja) are allowed.")
            }
            return try await state.zones(in: request.regionId)
        }
        return DescribeZonesResponse(
            requestId: context.requestId,
            zones: zones.map { zone in
                let letter = zone.zoneId.split(separator: "-").last.map { $0.uppercased() } ?? zone.zoneId
                return .init(
                    zoneId: zone.zoneId, zoneType: "AvailabilityZone",
                    localName: zone.localName ?? "\(Self.regionNames[zone.regionId] ?? zone.regionId) Zone \(letter)",
                    availableResourceCreations: ["Instance", "VSwitch", "Disk"], availableInstanceTypes: zone.instanceTypes,
                    availableDiskCategories: ["cloud_essd", "cloud_efficiency"])
            })
    }

    // MARK: DescribeVSwitches

    /// DescribeVSwitches (as ECS exposes it): the account's vSwitches (of the region, VPC, zone,
    /// vSwitch ID and `IsDefault` asked for), in fixture order, paged by `PageNumber` and
    /// `PageSize` (1…50, 10 by default). A `VpcId` the account does not have is
    /// `Forbidden.VpcNotFound`.
    public func describeVSwitches(
        _ request: DescribeVSwitchesRequest, context: RPCServerContext
    ) async throws(DescribeVSwitchesError) -> DescribeVSwitchesResponse {
        let account = account(context)
        let page = try await answer(DescribeVSwitchesRequest.self) {
            () async throws(EmulatorFailure) -> EmulatorPaging.Page<(vswitch: EmulatorFixture.VSwitch, regionId: String, used: Int)> in
            if let vpcId = request.vpcId, await !state.hasVPC(vpcId, account: account, regionId: request.regionId) {
                throw EmulatorFailure("Forbidden.VpcNotFound", "Specified VPC can not found: \(vpcId).")
            }
            let all = try await state.vswitches(account: account, regionId: request.regionId)
            let matching = all.filter { entry in
                (request.vpcId == nil || entry.vswitch.vpcId == request.vpcId)
                    && (request.vSwitchId == nil || entry.vswitch.vSwitchId == request.vSwitchId)
                    && (request.zoneId == nil || entry.vswitch.zoneId == request.zoneId)
                    && (request.isDefault == nil || entry.vswitch.isDefault == request.isDefault)
            }
            var position = 0
            let positioned = matching.map { entry -> (Int, (vswitch: EmulatorFixture.VSwitch, regionId: String, used: Int)) in
                position += 1
                return (position, entry)
            }
            let page = try EmulatorPaging.page(
                positioned, position: \.0, request: .init(pageNumber: request.pageNumber, pageSize: request.pageSize), limits: .init(),
                listing: EmulatorPaging.listing(request, account: account), invalidToken: EmulatorFailure("InvalidParameter", status: 400))
            return EmulatorPaging.Page(
                items: page.items.map(\.1), nextToken: page.nextToken, totalCount: page.totalCount, pageNumber: page.pageNumber,
                pageSize: page.pageSize)
        }
        return DescribeVSwitchesResponse(
            pageSize: page.pageSize, requestId: context.requestId, pageNumber: page.pageNumber, totalCount: page.totalCount,
            vSwitches: page.items.map { entry in
                let vswitch = entry.vswitch
                let capacity = IPv4CIDR(vswitch.cidrBlock)?.usableAddressCount ?? 0
                return .init(
                    status: "Available", vpcId: vswitch.vpcId, isDefault: vswitch.isDefault, vSwitchId: vswitch.vSwitchId,
                    cidrBlock: vswitch.cidrBlock, availableIpAddressCount: max(0, capacity - entry.used), zoneId: vswitch.zoneId,
                    vSwitchName: vswitch.vSwitchName)
            })
    }

    // MARK: Security groups

    static func tags(_ tags: [(key: String?, value: String?)]) throws(EmulatorFailure) -> [EmulatorFixture.Tag] {
        var result: [EmulatorFixture.Tag] = []
        for tag in tags {
            guard let key = tag.key else {
                throw EmulatorFailure("InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid: a Tag.n.Value without its key.")
            }
            result.append(EmulatorFixture.Tag(key: key, value: tag.value ?? ""))
        }
        return result
    }

    public func createSecurityGroup(
        _ request: CreateSecurityGroupRequest, context: RPCServerContext
    ) async throws(CreateSecurityGroupError) -> CreateSecurityGroupResponse {
        let account = account(context)
        let id = try await answer(CreateSecurityGroupRequest.self) { () async throws(EmulatorFailure) -> String in
            if request.resourceGroupId != nil { throw Self.unsupported("ResourceGroupId", of: CreateSecurityGroupRequest.action) }
            if request.serviceManaged == true { throw Self.unsupported("ServiceManaged", of: CreateSecurityGroupRequest.action) }
            let spec = SecurityGroupSpec(
                regionId: request.regionId, securityGroupName: request.securityGroupName, description: request.description,
                vpcId: request.vpcId, securityGroupType: request.securityGroupType,
                tags: try Self.tags((request.tags ?? []).map { ($0.key ?? $0._legacyKey, $0.value ?? $0._legacyValue) }),
                clientToken: request.clientToken, parameters: Self.parameters(request))
            return try await state.createSecurityGroup(spec, account: account)
        }
        return CreateSecurityGroupResponse(securityGroupId: id, requestId: context.requestId)
    }

    /// DescribeSecurityGroups: the account's groups in the region, filtered (IDs, VPC, name,
    /// type, network type, tags), in creation order, paged by NextToken (`MaxResults` 1…100,
    /// 10 by default) or PageNumber (`PageSize`, 10 by default); see ``EmulatorPaging``.
    public func describeSecurityGroups(
        _ request: DescribeSecurityGroupsRequest, context: RPCServerContext
    ) async throws(DescribeSecurityGroupsError) -> DescribeSecurityGroupsResponse {
        let account = account(context)
        typealias Entry = (group: EmulatorFixture.SecurityGroup, position: Int, instanceCount: Int)
        let page = try await answer(DescribeSecurityGroupsRequest.self) { () async throws(EmulatorFailure) -> EmulatorPaging.Page<Entry> in
            let action = DescribeSecurityGroupsRequest.action
            if request.resourceGroupId != nil { throw Self.unsupported("ResourceGroupId", of: action) }
            if request.serviceManaged != nil { throw Self.unsupported("ServiceManaged", of: action) }
            if let type = request.securityGroupType, type != "normal" && type != "enterprise" {
                throw EmulatorFailure("InvalidParameter.SecurityGroupType", "The specified SecurityGroupType is not valid: \(type).")
            }
            if let networkType = request.networkType, networkType != "vpc" && networkType != "classic" {
                throw EmulatorFailure("InvalidParameter", "The specified NetworkType is not valid: \(networkType).", status: 400)
            }
            var matches: [TagMatch] = []
            for tag in request.tags ?? [] {
                guard let key = tag.key ?? tag._legacyKey, !key.isEmpty else {
                    throw EmulatorFailure("InvalidTag.Mismatch", "The specified Tag.n.Key and Tag.n.Value are not match.", status: 400)
                }
                matches.append(TagMatch(key: key, values: (tag.value ?? tag._legacyValue).map { [$0] } ?? []))
            }
            if request.dryRun == true {
                throw EmulatorFailure("DryRunOperation", "Request validation has been passed with DryRun flag set.", status: 400)
            }
            let ids = request.securityGroupIds.map(Set.init)
            let fuzzy = request.fuzzyQuery == true
            let matching = try await state.securityGroups(account: account, regionId: request.regionId).filter { entry in
                let group = entry.group
                if let ids, !ids.contains(group.securityGroupId) { return false }
                if let id = request.securityGroupId, group.securityGroupId != id { return false }
                if let vpcId = request.vpcId, group.vpcId != vpcId { return false }
                if let type = request.securityGroupType, group.securityGroupType != type { return false }
                if let networkType = request.networkType, (group.vpcId == nil ? "classic" : "vpc") != networkType { return false }
                if let name = request.securityGroupName {
                    let groupName = group.securityGroupName ?? ""
                    if fuzzy ? !groupName.contains(name) : groupName != name { return false }
                }
                return matches.allSatisfy { $0.matches(group.tags) }
            }
            return try EmulatorPaging.page(
                matching, position: \.position,
                request: .init(nextToken: request.nextToken, maxResults: request.maxResults, pageNumber: request.pageNumber, pageSize: request.pageSize),
                limits: .init(), listing: EmulatorPaging.listing(request, account: account),
                invalidToken: EmulatorFailure("InValidParameter.NextToken", "The parameter NextToken is invalid."))
        }
        let counted = request.isQueryEcsCount == true
        return DescribeSecurityGroupsResponse(
            requestId: context.requestId, regionId: request.regionId, nextToken: page.nextToken,
            securityGroups: page.items.map { entry in
                let group = entry.group
                return .init(
                    securityGroupId: group.securityGroupId, securityGroupName: group.securityGroupName ?? "",
                    description: group.description ?? "", securityGroupType: group.securityGroupType, vpcId: group.vpcId ?? "",
                    creationTime: group.creationTime.map { $0.formatted(.iso8601) }, ecsCount: counted ? entry.instanceCount : nil,
                    availableInstanceAmount: counted ? max(0, 2000 - entry.instanceCount) : nil, serviceManaged: false,
                    tags: group.tags.map { .init(tagValue: $0.value, tagKey: $0.key) }, ruleCount: 0, groupToGroupRuleCount: 0)
            },
            totalCount: page.totalCount, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    // MARK: Tags

    public func tagResources(
        _ request: TagResourcesRequest, context: RPCServerContext
    ) async throws(TagResourcesError) -> TagResourcesResponse {
        let account = account(context)
        try await answer(TagResourcesRequest.self) { () async throws(EmulatorFailure) in
            try await state.tagResources(
                type: request.resourceType, ids: request.resourceIds,
                tags: request.tags.map { EmulatorFixture.Tag(key: $0.key, value: $0.value) }, regionId: request.regionId, account: account)
        }
        return TagResourcesResponse(requestId: context.requestId)
    }

    /// ListTagResources: the tags of the resources asked for, 50 a page, paged by NextToken (in
    /// resource creation order, then tag order; see ``EmulatorPaging``). A bad token is
    /// `Invalid.NextToken` (403).
    public func listTagResources(
        _ request: ListTagResourcesRequest, context: RPCServerContext
    ) async throws(ListTagResourcesError) -> ListTagResourcesResponse {
        let account = account(context)
        let page = try await answer(ListTagResourcesRequest.self) { () async throws(EmulatorFailure) -> EmulatorPaging.Page<TagEntry> in
            var matches: [TagMatch] = []
            for tag in request.tags ?? [] {
                guard let key = tag.key, !key.isEmpty else {
                    throw EmulatorFailure("InvalidTag.Mismatch", "The specified Tag.n.Key and Tag.n.Value are not match.")
                }
                matches.append(TagMatch(key: key, values: tag.value.map { [$0] } ?? []))
            }
            for filter in request.tagFilters ?? [] {
                guard let key = filter.tagKey, !key.isEmpty else {
                    throw EmulatorFailure("InvalidTagFilter.Malformed", "The specified TagFilter is not valid: a TagFilter.N without TagKey.")
                }
                matches.append(TagMatch(key: key, values: filter.tagValues ?? []))
            }
            let entries = try await state.tagEntries(
                type: request.resourceType, ids: request.resourceIds ?? [], matches: matches,
                usesTagFilters: !(request.tagFilters ?? []).isEmpty, usesTags: !(request.tags ?? []).isEmpty, regionId: request.regionId,
                account: account)
            return try EmulatorPaging.page(
                entries, position: \.position, request: .init(nextToken: request.nextToken, maxResults: 50),
                limits: .init(defaultMaxResults: 50), listing: EmulatorPaging.listing(request, account: account),
                invalidToken: EmulatorFailure("Invalid.NextToken", "The specified NextToken is not valid."))
        }
        return ListTagResourcesResponse(
            nextToken: page.nextToken, requestId: context.requestId,
            tagResources: page.items.map { .init(tagValue: $0.value, resourceType: $0.resourceType, resourceId: $0.resourceId, tagKey: $0.key) })
    }
}
