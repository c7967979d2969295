import APIGenRuntime
import APIGenServer
import ECS
import ECSServer
import Foundation

/// The instance lifecycle: RunInstances, DescribeInstances, DescribeInstanceStatus,
/// DescribeInstanceAttribute, Start/Stop/Reboot/DeleteInstance(s). The rules live in
/// ``EmulatorState``; these methods read the typed requests and write the typed responses.
extension EmulatorService {
    /// Runs `body`, answering an ``EmulatorFailure`` as the action's typed error.
    func answer<Request: RPCRequest, Result>(
        _: Request.Type, _ body: () async throws(EmulatorFailure) -> Result
    ) async throws(ServiceError<Request>) -> Result {
        do {
            return try await body()
        } catch {
            throw error.serviceError(Request.self)
        }
    }

    /// A parameter the emulator does not act on, refused rather than ignored (so a test never
    /// passes on a filter that was not applied).
    static func unsupported(_ parameter: String, of action: String) -> EmulatorFailure {
        EmulatorFailure(
            "UnsupportedParameter", "ecs-emulator does not emulate the parameter \(parameter) of \(action); leave it out.", status: 400)
    }

    /// The request's parameters except its client token: what "the same request" compares.
    static func parameters<Request: RPCRequest>(_ request: Request, without name: String = "ClientToken") -> [QueryItem] {
        request.queryItems.filter { $0.name != name }.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
    }

    // MARK: RunInstances

    public func runInstances(
        _ request: RunInstancesRequest, context: RPCServerContext
    ) async throws(RunInstancesError) -> RunInstancesResponse {
        let account = account(context)
        let ids = try await answer(RunInstancesRequest.self) { () async throws(EmulatorFailure) -> [String] in
            // Parameters that would change what is created in ways the emulator does not model
            // are refused; the others (disks, passwords, user data, billing, …) are accepted and
            // not kept.
            let unsupported: [(String, Bool)] = [
                ("LaunchTemplateId", request.launchTemplateId != nil), ("LaunchTemplateName", request.launchTemplateName != nil),
                ("ImageFamily", request.imageFamily != nil), ("HostNames.N", !(request.hostNames ?? []).isEmpty),
                ("NetworkInterface.N", !(request.networkInterfaces ?? []).isEmpty), ("PrivateIpAddress", request.privateIpAddress != nil),
                ("DedicatedHostId", request.dedicatedHostId != nil),
            ]
            if let (name, _) = unsupported.first(where: \.1) { throw Self.unsupported(name, of: RunInstancesRequest.action) }
            var groups = request.securityGroupIds ?? []
            if let single = request.securityGroupId, !single.isEmpty {
                guard groups.isEmpty else {
                    throw EmulatorFailure(
                        "InvalidSecurityGroupId.SingleIdAndMultiIdConflict", "You cannot specify both SecurityGroupId and SecurityGroupIds.N.")
                }
                groups = [single]
            }
            var tags: [EmulatorFixture.Tag] = []
            for tag in request.tags ?? [] {
                guard let key = tag.key else {
                    throw EmulatorFailure("InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid: a Tag.n.Value without its key.")
                }
                tags.append(EmulatorFixture.Tag(key: key, value: tag.value ?? ""))
            }
            let launch = InstanceLaunch(
                regionId: request.regionId, zoneId: request.zoneId, vSwitchId: request.vSwitchId, securityGroupIds: groups,
                imageId: request.imageId, instanceType: request.instanceType, instanceName: request.instanceName, hostName: request.hostName,
                description: request.description, amount: request.amount ?? 1, minAmount: request.minAmount,
                uniqueSuffix: request.uniqueSuffix ?? false, tags: tags, deletionProtection: request.deletionProtection ?? false,
                instanceChargeType: request.instanceChargeType?.rawValue ?? "PostPaid", internetChargeType: request.internetChargeType?.rawValue,
                internetMaxBandwidthOut: request.internetMaxBandwidthOut ?? 0, dryRun: request.dryRun ?? false,
                clientToken: request.clientToken, parameters: Self.parameters(request))
            return try await state.runInstances(launch, account: account)
        }
        return RunInstancesResponse(requestId: context.requestId, instanceIds: ids)
    }

    // MARK: DescribeInstances

    /// DescribeInstances: the account's instances in the region, filtered, in creation order,
    /// paged by NextToken (with `MaxResults`: 10 by default and at least 10, as the document
    /// says) or by PageNumber (with `PageSize`, 10 by default); see ``EmulatorPaging``.
    public func describeInstances(
        _ request: DescribeInstancesRequest, context: RPCServerContext
    ) async throws(DescribeInstancesError) -> DescribeInstancesResponse {
        let account = account(context)
        let page = try await answer(DescribeInstancesRequest.self) { () async throws(EmulatorFailure) -> EmulatorPaging.Page<InstanceRecord> in
            let filter = try InstanceFilter(request)
            if request.dryRun == true {
                throw EmulatorFailure("DryRunOperation", "Request validation has been passed with DryRun flag set.", status: 400)
            }
            let matching = try await state.instances(account: account, regionId: request.regionId).filter(filter.matches)
            return try EmulatorPaging.page(
                matching, position: \.position,
                request: .init(nextToken: request.nextToken, maxResults: request.maxResults, pageNumber: request.pageNumber, pageSize: request.pageSize),
                limits: .init(defaultMaxResults: 10, minimumMaxResults: 10, defaultPageSize: 10),
                listing: EmulatorPaging.listing(request, account: account),
                invalidToken: EmulatorFailure("InvalidParameter.NextToken", "The specified NextToken is not valid for this listing.", status: 400))
        }
        return DescribeInstancesResponse(
            nextToken: page.nextToken, pageSize: page.pageSize, pageNumber: page.pageNumber, requestId: context.requestId,
            totalCount: page.totalCount, instances: page.items.map(Self.describe))
    }

    /// DescribeInstances' filters, checked once.
    struct InstanceFilter: Sendable {
        var ids: Set<String>?
        var status: String?
        var tags: [TagMatch] = []
        var vpcId, vSwitchId, zoneId, securityGroupId, instanceType, imageId, networkType, chargeType: String?
        var namePattern: String?
        var privateIps: Set<String>?

        init(_ request: DescribeInstancesRequest) throws(EmulatorFailure) {
            let action = DescribeInstancesRequest.action
            let unsupported: [(String, Bool)] = [
                ("InnerIpAddresses", request.innerIpAddresses != nil), ("PublicIpAddresses", request.publicIpAddresses != nil),
                ("EipAddresses", request.eipAddresses != nil), ("LockReason", request.lockReason != nil),
                ("Filter.N", !(request.filters ?? []).isEmpty), ("HpcClusterId", request.hpcClusterId != nil),
                ("RdmaIpAddresses", request.rdmaIpAddresses != nil), ("KeyPairName", request.keyPairName != nil),
                ("ResourceGroupId", request.resourceGroupId != nil), ("Ipv6Address.N", !(request.ipv6Addresses ?? []).isEmpty),
                ("InstanceTypeFamily", request.instanceTypeFamily != nil), ("DeviceAvailable", request.deviceAvailable != nil),
                ("IoOptimized", request.ioOptimized != nil), ("InternetChargeType", request.internetChargeType != nil),
                ("HttpEndpoint", request.httpEndpoint != nil), ("HttpTokens", request.httpTokens != nil),
                ("HttpPutResponseHopLimit", request.httpPutResponseHopLimit != nil),
            ]
            if let (name, _) = unsupported.first(where: \.1) { throw EmulatorService.unsupported(name, of: action) }
            if let ids = request.instanceIds {
                guard ids.count <= 100 else {
                    throw EmulatorFailure("InvalidParameter", "The specified parameter InstanceIds holds more than 100 IDs.", status: 400)
                }
                self.ids = Set(ids)
            }
            if let status = request.status {
                guard InstanceStatus.documentedValues.contains(status) else {
                    throw EmulatorFailure("InvalidStatus.NotFound", "The specified Status is not found: \(status.rawValue).")
                }
                self.status = status.rawValue
            }
            if let networkType = request.instanceNetworkType {
                guard networkType == "vpc" || networkType == "classic" else {
                    throw EmulatorFailure("InvalidNetworkType.NotFound", "The specified InstanceNetworkType is not found: \(networkType).")
                }
                self.networkType = networkType
            }
            if let chargeType = request.instanceChargeType {
                guard ["PrePaid", "PostPaid"].contains(chargeType.rawValue) else {
                    throw EmulatorFailure("InvalidInstanceChargeType.NotFound", "The InstanceChargeType does not exist in our records.")
                }
                self.chargeType = chargeType.rawValue
            }
            for tag in request.tags ?? [] {
                guard let key = tag.key ?? tag._legacyKey, !key.isEmpty else {
                    throw EmulatorFailure("InvalidTag.Mismatch", "The specified Tag.n.Key and Tag.n.Value are not match.")
                }
                let value = tag.value ?? tag._legacyValue
                self.tags.append(TagMatch(key: key, values: value.map { [$0] } ?? []))
            }
            vpcId = request.vpcId
            vSwitchId = request.vSwitchId
            zoneId = request.zoneId
            securityGroupId = request.securityGroupId
            instanceType = request.instanceType
            imageId = request.imageId
            namePattern = request.instanceName
            privateIps = request.privateIpAddresses.map(Set.init)
        }

        func matches(_ record: InstanceRecord) -> Bool {
            let instance = record.instance
            if let ids, !ids.contains(instance.instanceId) { return false }
            if let status, instance.status != status { return false }
            if let vpcId, instance.vpcId != vpcId { return false }
            if let vSwitchId, instance.vSwitchId != vSwitchId { return false }
            if let zoneId, instance.zoneId != zoneId { return false }
            if let securityGroupId, !instance.securityGroupIds.contains(securityGroupId) { return false }
            if let instanceType, instance.instanceType != instanceType { return false }
            if let imageId, instance.imageId != imageId { return false }
            if let networkType, instance.networkType.rawValue != networkType { return false }
            if let chargeType, record.instanceChargeType != chargeType { return false }
            if let privateIps, !privateIps.contains(record.privateIpAddress ?? "") { return false }
            if let namePattern, !Self.glob(namePattern, matches: instance.instanceName ?? instance.instanceId) { return false }
            return tags.allSatisfy { $0.matches(instance.tags) }
        }

        /// `*` matches any run of characters (the document's fuzzy search); everything else
        /// matches itself.
        static func glob(_ pattern: String, matches text: String) -> Bool {
            let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
            guard parts.count > 1 else { return pattern == text }
            var rest = Substring(text)
            guard rest.hasPrefix(parts[0]) else { return false }
            rest = rest.dropFirst(parts[0].count)
            for part in parts.dropFirst().dropLast() where !part.isEmpty {
                guard let range = rest.range(of: part) else { return false }
                rest = rest[range.upperBound...]
            }
            let last = parts[parts.count - 1]
            return rest.count >= last.count && rest.hasSuffix(last)
        }
    }

    /// ECS writes creation and start times to the minute (`2024-05-01T08:30Z`).
    static func minuteTime(_ date: Date?) -> String? {
        guard let date else { return nil }
        let text = date.formatted(.iso8601)   // 2024-05-01T08:30:15Z
        guard text.count == 20 else { return text }
        return String(text.prefix(16)) + "Z"
    }

    static func describe(_ record: InstanceRecord) -> DescribeInstancesResponse.Instance {
        let instance = record.instance
        var item = DescribeInstancesResponse.Instance()
        item.instanceId = instance.instanceId
        item.instanceName = instance.instanceName ?? instance.instanceId
        item.regionId = instance.regionId
        item.zoneId = instance.zoneId
        item.status = InstanceStatus(rawValue: instance.status)
        item.instanceType = instance.instanceType
        item.imageId = instance.imageId
        item.hostName = instance.hostName
        item.description = instance.description
        item.creationTime = minuteTime(instance.creationTime)
        item.startTime = minuteTime(record.startTime)
        item.instanceNetworkType = instance.networkType.rawValue
        item.securityGroupIds = instance.securityGroupIds
        item.tags = instance.tags.map { .init(tagKey: $0.key, tagValue: $0.value) }
        item.deletionProtection = instance.deletionProtection
        item.instanceChargeType = InstanceChargeType(rawValue: record.instanceChargeType)
        item.internetChargeType = record.internetChargeType.map { InternetChargeType(rawValue: $0) }
        item.internetMaxBandwidthOut = record.internetMaxBandwidthOut
        item.expiredTime = "2099-12-31T15:59Z"
        item.osType = "linux"
        if instance.networkType == .vpc {
            item.vpcAttributes = VpcAttributes(
                vpcId: instance.vpcId, vSwitchId: instance.vSwitchId, privateIpAddresses: record.privateIpAddress.map { [$0] } ?? [])
        } else if let address = record.privateIpAddress {
            item.innerIpAddresses = [address]
        }
        return item
    }

    // MARK: DescribeInstanceStatus

    /// DescribeInstanceStatus: the account's instances in the region (of `ZoneId`, and of
    /// `InstanceId.N` when given: IDs that name nothing are left out), in creation order, paged
    /// by `PageNumber` and `PageSize` (1…50, 10 by default).
    public func describeInstanceStatus(
        _ request: DescribeInstanceStatusRequest, context: RPCServerContext
    ) async throws(DescribeInstanceStatusError) -> DescribeInstanceStatusResponse {
        let account = account(context)
        let page = try await answer(DescribeInstanceStatusRequest.self) { () async throws(EmulatorFailure) -> EmulatorPaging.Page<InstanceRecord> in
            if request.clusterId != nil { throw Self.unsupported("ClusterId", of: DescribeInstanceStatusRequest.action) }
            if let zoneId = request.zoneId {
                let zones = try await state.zones(in: request.regionId)
                guard zones.contains(where: { $0.zoneId == zoneId }) else {
                    throw EmulatorFailure("InvalidZoneId.NotFound", "The ZoneId provided does not exist in our records: \(zoneId).", status: 404)
                }
            }
            let ids = request.instanceIds.map(Set.init)
            let matching = try await state.instances(account: account, regionId: request.regionId).filter { record in
                (request.zoneId == nil || record.instance.zoneId == request.zoneId) && (ids?.contains(record.instance.instanceId) ?? true)
            }
            return try EmulatorPaging.page(
                matching, position: \.position, request: .init(pageNumber: request.pageNumber, pageSize: request.pageSize),
                limits: .init(), listing: EmulatorPaging.listing(request, account: account),
                invalidToken: EmulatorFailure("InvalidParameter", status: 400))
        }
        return DescribeInstanceStatusResponse(
            pageSize: page.pageSize, requestId: context.requestId, pageNumber: page.pageNumber, totalCount: page.totalCount,
            instanceStatuses: page.items.map { .init(status: InstanceStatus(rawValue: $0.instance.status), instanceId: $0.instance.instanceId) })
    }

    // MARK: DescribeInstanceAttribute

    /// DescribeInstanceAttribute: one instance of the account (any region), or
    /// `InvalidInstanceId.NotFound` (404), which is how a waiter sees it gone.
    public func describeInstanceAttribute(
        _ request: DescribeInstanceAttributeRequest, context: RPCServerContext
    ) async throws(DescribeInstanceAttributeError) -> DescribeInstanceAttributeResponse {
        let account = account(context)
        let record = try await answer(DescribeInstanceAttributeRequest.self) { () async throws(EmulatorFailure) -> InstanceRecord in
            try await state.instanceRecord(request.instanceId, account: account)
        }
        let instance = record.instance
        var response = DescribeInstanceAttributeResponse(requestId: context.requestId)
        response.instanceId = instance.instanceId
        response.instanceName = instance.instanceName ?? instance.instanceId
        response.regionId = instance.regionId
        response.zoneId = instance.zoneId
        response.status = InstanceStatus(rawValue: instance.status)
        response.instanceType = instance.instanceType
        response.imageId = instance.imageId
        response.hostName = instance.hostName
        response.description = instance.description
        response.creationTime = Self.minuteTime(instance.creationTime)
        response.instanceNetworkType = instance.networkType.rawValue
        response.securityGroupIds = instance.securityGroupIds
        response.instanceChargeType = InstanceChargeType(rawValue: record.instanceChargeType)
        response.internetChargeType = record.internetChargeType.map { InternetChargeType(rawValue: $0) }
        response.internetMaxBandwidthOut = record.internetMaxBandwidthOut
        if instance.networkType == .vpc {
            response.vpcAttributes = VpcAttributes(
                vpcId: instance.vpcId, vSwitchId: instance.vSwitchId, privateIpAddresses: record.privateIpAddress.map { [$0] } ?? [])
        } else if let address = record.privateIpAddress {
            response.innerIpAddresses = [address]
        }
        return response
    }

    // MARK: Start, stop, reboot, delete

    public func startInstance(
        _ request: StartInstanceRequest, context: RPCServerContext
    ) async throws(StartInstanceError) -> StartInstanceResponse {
        let account = account(context)
        try await answer(StartInstanceRequest.self) { () async throws(EmulatorFailure) in
            if request.initLocalDisk == true { throw Self.unsupported("InitLocalDisk", of: StartInstanceRequest.action) }
            try await state.act(.start, on: request.instanceId, account: account, dryRun: request.dryRun ?? false)
        }
        return StartInstanceResponse(requestId: context.requestId)
    }

    public func stopInstance(
        _ request: StopInstanceRequest, context: RPCServerContext
    ) async throws(StopInstanceError) -> StopInstanceResponse {
        let account = account(context)
        try await answer(StopInstanceRequest.self) { () async throws(EmulatorFailure) in
            if request.hibernate == true { throw Self.unsupported("Hibernate", of: StopInstanceRequest.action) }
            try await state.act(.stop(force: request.forceStop ?? false), on: request.instanceId, account: account, dryRun: request.dryRun ?? false)
        }
        return StopInstanceResponse(requestId: context.requestId)
    }

    public func rebootInstance(
        _ request: RebootInstanceRequest, context: RPCServerContext
    ) async throws(RebootInstanceError) -> RebootInstanceResponse {
        let account = account(context)
        try await answer(RebootInstanceRequest.self) { () async throws(EmulatorFailure) in
            try await state.act(.reboot(force: request.forceStop ?? false), on: request.instanceId, account: account, dryRun: request.dryRun ?? false)
        }
        return RebootInstanceResponse(requestId: context.requestId)
    }

    public func deleteInstance(
        _ request: DeleteInstanceRequest, context: RPCServerContext
    ) async throws(DeleteInstanceError) -> DeleteInstanceResponse {
        let account = account(context)
        try await answer(DeleteInstanceRequest.self) { () async throws(EmulatorFailure) in
            try await state.act(
                .delete(force: request.force ?? false, forceStop: request.forceStop ?? true), on: request.instanceId, account: account,
                dryRun: request.dryRun ?? false)
        }
        return DeleteInstanceResponse(requestId: context.requestId)
    }

    /// `BatchOptimization`: `AllTogether` (default) or `SuccessFirst`; anything else is
    /// `InvalidParameter`.
    static func successFirst(_ value: String?) throws(EmulatorFailure) -> Bool {
        switch value {
        case nil, "AllTogether": return false
        case "SuccessFirst": return true
        case let other?:
            throw EmulatorFailure("InvalidParameter", "The specified BatchOptimization is not valid: \(other).", status: 400)
        }
    }

    static func instanceResponses(_ outcomes: [BatchOutcome]) -> [InstanceResponse] {
        outcomes.map { outcome in
            InstanceResponse(
                code: outcome.failure?.code ?? "200", message: outcome.failure?.message ?? "success", instanceId: outcome.instanceId,
                currentStatus: outcome.currentStatus, previousStatus: outcome.previousStatus)
        }
    }

    public func startInstances(
        _ request: StartInstancesRequest, context: RPCServerContext
    ) async throws(StartInstancesError) -> StartInstancesResponse {
        let account = account(context)
        let outcomes = try await answer(StartInstancesRequest.self) { () async throws(EmulatorFailure) -> [BatchOutcome] in
            try await state.actOnMany(
                .start, ids: request.instanceIds, regionId: request.regionId, account: account,
                successFirst: try Self.successFirst(request.batchOptimization), dryRun: request.dryRun ?? false)
        }
        return StartInstancesResponse(requestId: context.requestId, instanceResponses: Self.instanceResponses(outcomes))
    }

    public func stopInstances(
        _ request: StopInstancesRequest, context: RPCServerContext
    ) async throws(StopInstancesError) -> StopInstancesResponse {
        let account = account(context)
        let outcomes = try await answer(StopInstancesRequest.self) { () async throws(EmulatorFailure) -> [BatchOutcome] in
            try await state.actOnMany(
                .stop(force: request.forceStop ?? false), ids: request.instanceIds, regionId: request.regionId, account: account,
                successFirst: try Self.successFirst(request.batchOptimization), dryRun: request.dryRun ?? false)
        }
        return StopInstancesResponse(requestId: context.requestId, instanceResponses: Self.instanceResponses(outcomes))
    }

    public func deleteInstances(
        _ request: DeleteInstancesRequest, context: RPCServerContext
    ) async throws(DeleteInstancesError) -> DeleteInstancesResponse {
        let account = account(context)
        try await answer(DeleteInstancesRequest.self) { () async throws(EmulatorFailure) in
            try await state.deleteInstances(
                ids: request.instanceIds, regionId: request.regionId, account: account, force: request.force ?? false,
                forceStop: request.forceStop ?? true, dryRun: request.dryRun ?? false, clientToken: request.clientToken,
                parameters: Self.parameters(request))
        }
        return DeleteInstancesResponse(requestId: context.requestId)
    }
}
