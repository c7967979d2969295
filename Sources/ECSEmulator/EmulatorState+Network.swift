import APIGenRuntime
import ECS
import Foundation

/// What `CreateSecurityGroup` asks for, read from the request.
struct SecurityGroupSpec: Sendable {
    var regionId: String
    var securityGroupName: String?
    var description: String?
    var vpcId: String?
    var securityGroupType: String?
    var tags: [EmulatorFixture.Tag]
    var clientToken: String?
    /// The request's parameters other than `ClientToken`.
    var parameters: [QueryItem]
}

/// One resource's tag, as ListTagResources lists it.
struct TagEntry: Sendable {
    var resourceId: String
    var resourceType: String
    var key: String
    var value: String
    /// Its place: the resource's list position, then the order its key was added in.
    var position: Int
}

/// A tag filter of ListTagResources or DescribeInstances: a key, and the values accepted
/// (empty: any value).
struct TagMatch: Sendable {
    var key: String
    var values: [String]

    func matches(_ tags: [EmulatorFixture.Tag]) -> Bool {
        tags.contains { $0.key == key && (values.isEmpty || values.contains($0.value)) }
    }
}

extension EmulatorState {
    // MARK: Zones and vSwitches

    func zones(in regionId: String) throws(EmulatorFailure) -> [EmulatorFixture.Zone] {
        try checkRegion(regionId)
        return zones.filter { $0.regionId == regionId }
    }

    /// The account's vSwitches (in `regionId` when given), in fixture order, each with its
    /// region and the number of its addresses instances use.
    func vswitches(account: String, regionId: String?) throws(EmulatorFailure) -> [(vswitch: EmulatorFixture.VSwitch, regionId: String, used: Int)] {
        settle()
        if let regionId { try checkRegion(regionId) }
        var used: [String: Int] = [:]
        for record in instanceRecords.values {
            if let vSwitchId = record.instance.vSwitchId { used[vSwitchId, default: 0] += 1 }
        }
        return vswitches.compactMap { vswitch in
            guard let vpc = vpcs[vswitch.vpcId], vpc.owner == account else { return nil }
            if let regionId, vpc.regionId != regionId { return nil }
            return (vswitch, vpc.regionId, used[vswitch.vSwitchId] ?? 0)
        }
    }

    /// Whether the account has VPC `vpcId` in the region.
    func hasVPC(_ vpcId: String, account: String, regionId: String?) -> Bool {
        guard let vpc = vpcs[vpcId], vpc.owner == account else { return false }
        return regionId.map { $0 == vpc.regionId } ?? true
    }

    // MARK: Security groups

    /// Creates a security group by the rules of the CreateSecurityGroup document, in order:
    /// region (`InvalidRegionId.NotFound`), client token (same parameters: the same group again;
    /// others: `IdempotentParameterMismatch`), name 2…128 characters starting with a letter and
    /// not with `http://` or `https://` (`InvalidSecurityGroupName.Malformed`), description
    /// 2…256 (`InvalidDescription.Malformed`), type `normal` or `enterprise`
    /// (`InvalidParams.GroupType`; `enterprise` needs a VPC: `InvalidParams.VpcIdGroupType`), the
    /// VPC of the account in the region (`InvalidVpcId.NotFound`, 404), tags (as RunInstances).
    func createSecurityGroup(_ spec: SecurityGroupSpec, account: String) throws(EmulatorFailure) -> String {
        try checkRegion(spec.regionId)
        var tokenKey: ClientTokenKey?
        if let token = spec.clientToken, !token.isEmpty {
            let key = ClientTokenKey(account: account, action: CreateSecurityGroupRequest.action, token: token)
            if let entry = clientTokens[key] {
                guard entry.parameters == spec.parameters else {
                    throw EmulatorFailure(
                        "IdempotentParameterMismatch", "The request uses the same client token as a previous, but non-identical request.")
                }
                return entry.resourceIds[0]
            }
            tokenKey = key
        }
        if let name = spec.securityGroupName {
            guard Self.isValidName(name, length: 2...128), name.first?.isLetter == true else {
                throw EmulatorFailure("InvalidSecurityGroupName.Malformed", "The specified parameter SecurityGroupName is not valid.")
            }
        }
        if let description = spec.description, !Self.isValidName(description, length: 2...256) {
            throw EmulatorFailure("InvalidDescription.Malformed", "The specified parameter \"Description\" is not valid.")
        }
        let type = spec.securityGroupType ?? "normal"
        guard type == "normal" || type == "enterprise" else {
            throw EmulatorFailure("InvalidParams.GroupType", "The specified security group type is not valid: \(type).")
        }
        if type == "enterprise", spec.vpcId == nil {
            throw EmulatorFailure("InvalidParams.VpcIdGroupType", "Only VPC instance supports enterprise level security group.")
        }
        if let vpcId = spec.vpcId, !hasVPC(vpcId, account: account, regionId: spec.regionId) {
            throw EmulatorFailure("InvalidVpcId.NotFound", "Specified VPC does not exist: \(vpcId).", status: 404)
        }
        try Self.checkTags(spec.tags)
        let id = newResourceId(prefix: "sg-", regionId: spec.regionId)
        let group = EmulatorFixture.SecurityGroup(
            securityGroupId: id, regionId: spec.regionId, owner: account, vpcId: spec.vpcId, securityGroupName: spec.securityGroupName,
            description: spec.description, securityGroupType: type, creationTime: wallClock())
        securityGroupRecords[id] = SecurityGroupRecord(group: group, position: nextPosition)
        nextPosition += 1
        securityGroupOrder.append(id)
        tagsByResource[id] = spec.tags.enumerated().map { TagRecord(key: $1.key, value: $1.value, ordinal: $0) }
        if let tokenKey { clientTokens[tokenKey] = ClientTokenEntry(parameters: spec.parameters, resourceIds: [id]) }
        return id
    }

    /// The account's security groups in the region, in creation order, each with its tags, its
    /// list position and how many instances are in it.
    func securityGroups(account: String, regionId: String) throws(EmulatorFailure) -> [(group: EmulatorFixture.SecurityGroup, position: Int, instanceCount: Int)] {
        settle()
        try checkRegion(regionId)
        var counts: [String: Int] = [:]
        for record in instanceRecords.values {
            for groupId in record.instance.securityGroupIds { counts[groupId, default: 0] += 1 }
        }
        return securityGroupOrder.compactMap { id in
            guard var record = securityGroupRecords[id], record.group.owner == account, record.group.regionId == regionId else { return nil }
            record.group.tags = tags(of: id)
            return (record.group, record.position, counts[id] ?? 0)
        }
    }

    // MARK: Tags

    /// The resource types TagResources and ListTagResources document; the emulator keeps
    /// `instance` and `securitygroup` (the others exist, with no resources).
    static let taggableResourceTypes: Set<String> = [
        "instance", "disk", "snapshot", "image", "securitygroup", "volume", "eni", "ddh", "ddhcluster", "keypair", "launchtemplate",
        "reservedinstance", "snapshotpolicy", "elasticityassurance", "capacityreservation", "command", "invocation", "activation",
        "managedinstance", "prefixlist", "portrangelist",
    ]

    /// The position of a resource of `type` the account has in the region; nil when none.
    private func taggablePosition(type: String, id: String, account: String, regionId: String) -> Int? {
        switch type {
        case "instance":
            guard let record = ownedInstance(id, account: account, regionId: regionId) else { return nil }
            return record.position
        case "securitygroup":
            guard let record = securityGroupRecords[id], record.group.owner == account, record.group.regionId == regionId else { return nil }
            return record.position
        default:
            return nil
        }
    }

    private func checkResourceType(_ type: String) throws(EmulatorFailure) {
        guard Self.taggableResourceTypes.contains(type) else {
            throw EmulatorFailure("InvalidResourceType.NotFound", "The ResourceType provided does not exist in our records: \(type).")
        }
    }

    /// Adds or replaces tags on resources by the rules of the TagResources document, all or
    /// nothing: region (`InvalidRegionId.NotFound`), type (`InvalidResourceType.NotFound`), at
    /// most 50 resources (`NumberExceed.ResourceIds`) and 20 tags (`NumberExceed.Tags`), tag
    /// keys and values (`InvalidTagKey.Malformed`, `InvalidTagValue.Malformed`,
    /// `Duplicate.TagKey`), every resource the account's in the region
    /// (`InvalidResourceId.NotFound`), at most 20 tags on a resource afterwards
    /// (`OperationDenied.QuotaExceed`). A key a resource has already gets the new value.
    func tagResources(
        type: String, ids: [String], tags: [EmulatorFixture.Tag], regionId: String, account: String
    ) throws(EmulatorFailure) {
        settle()
        try checkRegion(regionId)
        try checkResourceType(type)
        guard !ids.isEmpty else { throw EmulatorFailure("MissingParameter.ResourceIds", "The parameter - ResourceIds.N should not be null.") }
        guard ids.count <= 50 else { throw EmulatorFailure("NumberExceed.ResourceIds", "The ResourceIds parameter's number is exceed , Valid : 50.") }
        guard !tags.isEmpty else { throw EmulatorFailure("MissingParameter.Tags", "The parameter - Tags should not be null.") }
        guard tags.count <= 20 else { throw EmulatorFailure("NumberExceed.Tags", "The Tags parameter's number is exceed , Valid : 20.") }
        try Self.checkTags(tags)
        for id in ids where taggablePosition(type: type, id: id, account: account, regionId: regionId) == nil {
            throw EmulatorFailure("InvalidResourceId.NotFound", "The specified ResourceIds are not found in our records: \(id).")
        }
        var updated: [String: [TagRecord]] = [:]
        for id in Set(ids) {
            var records = tagsByResource[id] ?? []
            for tag in tags {
                if let index = records.firstIndex(where: { $0.key == tag.key }) {
                    records[index].value = tag.value
                } else {
                    records.append(TagRecord(key: tag.key, value: tag.value, ordinal: (records.map(\.ordinal).max() ?? -1) + 1))
                }
            }
            guard records.count <= 20 else {
                throw EmulatorFailure("OperationDenied.QuotaExceed", "The quota of tags on resource is beyond permitted range: \(id) would have \(records.count).")
            }
            updated[id] = records
        }
        for (id, records) in updated { tagsByResource[id] = records }
    }

    /// The tags ListTagResources lists, in order (resource by resource, in list order; each
    /// resource's tags in the order their keys were added), after its rules: region, type, at
    /// least one of resources, tags and tag filters (`BothEmpty.TagsAndResources`), not both
    /// tags and tag filters (`InvalidTags.MalFormed`), at most 50 resources and 20 tags. A
    /// resource is listed when it is one of `ids` (if given) and has every tag of `matches`
    /// (each: the key, with one of the values if any); all its tags are listed.
    func tagEntries(
        type: String, ids: [String], matches: [TagMatch], usesTagFilters: Bool, usesTags: Bool, regionId: String, account: String
    ) throws(EmulatorFailure) -> [TagEntry] {
        settle()
        try checkRegion(regionId)
        try checkResourceType(type)
        if ids.isEmpty && matches.isEmpty {
            throw EmulatorFailure("BothEmpty.TagsAndResources", "The specified Tags and ResourcesIds are not allow to both empty.")
        }
        if usesTags && usesTagFilters {
            throw EmulatorFailure("InvalidTags.MalFormed", "The tags must be empty, when the tagFilters is not empty.")
        }
        guard ids.count <= 50 else { throw EmulatorFailure("NumberExceed.ResourceIds", "The ResourceIds parameter's number is exceed , Valid : 50.") }
        guard matches.count <= 20 else { throw EmulatorFailure("NumberExceed.Tags", "The Tags parameter's number is exceed , Valid : 20.") }
        let candidates: [(id: String, position: Int)]
        switch type {
        case "instance":
            candidates = instanceOrder.compactMap { id in
                ownedInstance(id, account: account, regionId: regionId).map { (id, $0.position) }
            }
        case "securitygroup":
            candidates = securityGroupOrder.compactMap { id in
                guard let record = securityGroupRecords[id], record.group.owner == account, record.group.regionId == regionId else { return nil }
                return (id, record.position)
            }
        default:
            candidates = []
        }
        let wanted = Set(ids)
        var entries: [TagEntry] = []
        for candidate in candidates where wanted.isEmpty || wanted.contains(candidate.id) {
            let records = (tagsByResource[candidate.id] ?? []).sorted { $0.ordinal < $1.ordinal }
            let tags = records.map { EmulatorFixture.Tag(key: $0.key, value: $0.value) }
            guard matches.allSatisfy({ $0.matches(tags) }) else { continue }
            for record in records {
                entries.append(
                    TagEntry(
                        resourceId: candidate.id, resourceType: type, key: record.key, value: record.value,
                        position: candidate.position * 1024 + record.ordinal))
            }
        }
        return entries
    }
}
