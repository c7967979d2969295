import APIGenRuntime
import ECS
import Foundation

/// The emulator's resources: loaded from a fixture, changed in memory by the calls it answers.
/// An actor, so concurrent requests see and change it one at a time: two attaches racing for
/// the last ClassicLink slot of a VPC cannot both win, and concurrent `RunInstances` and
/// `DeleteInstances` never lose or duplicate an instance (no method awaits in the middle of a
/// change).
///
/// Instances move through their transitional statuses on ``InstanceTransitions/clock``: each
/// change schedules the next statuses, and every method first applies the steps that are due
/// (``settle()``), so nothing sleeps and a manual clock decides what a test sees.
public actor EmulatorState {
    public private(set) var regions: [String]
    public private(set) var vpcs: [String: EmulatorFixture.VPC]
    /// Instance ID → the VPC it is linked to.
    var linkTable: [String: String]
    /// The most instances linked to one VPC (`QuotaExceeded` beyond it).
    public let classicLinkQuotaPerVPC: Int
    /// How many of the next calls answer `Throttling`.
    public private(set) var throttledCallsRemaining = 0

    /// Every set of temporary credentials the emulated STS issued, in order.
    public private(set) var issuedCredentials: [EmulatorSTSService.IssuedCredentials] = []

    /// How long transitions take, and the clock they are timed on.
    public let transitions: InstanceTransitions
    /// Wall-clock time, for creation and start times.
    let wallClock: @Sendable () -> Date

    // Instances, by ID, and their IDs in list order (creation order).
    var instanceRecords: [String: InstanceRecord] = [:]
    var instanceOrder: [String] = []
    /// Instances with scheduled steps.
    var instancesInTransition: Set<String> = []
    var securityGroupRecords: [String: SecurityGroupRecord] = [:]
    var securityGroupOrder: [String] = []
    public private(set) var zones: [EmulatorFixture.Zone]
    var vswitches: [EmulatorFixture.VSwitch]
    var vswitchesById: [String: EmulatorFixture.VSwitch]
    /// Resource ID → its tags, in the order their keys were first added.
    var tagsByResource: [String: [TagRecord]] = [:]
    /// The next list position: a resource created later always lists after every earlier one.
    var nextPosition = 0
    /// (account, action, token) → what the first call with the token did.
    var clientTokens: [ClientTokenKey: ClientTokenEntry] = [:]
    /// vSwitch ID → the index of the next private address it hands out (never reused).
    var nextAddressIndex: [String: Int] = [:]

    func recordIssued(_ issued: EmulatorSTSService.IssuedCredentials) {
        issuedCredentials.append(issued)
    }

    public init(
        fixture: EmulatorFixture, classicLinkQuotaPerVPC: Int = EmulatorFixture.classicLinkQuotaPerVPC,
        transitions: InstanceTransitions = .realistic, wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        regions = fixture.regions
        vpcs = Dictionary(fixture.vpcs.map { ($0.vpcId, $0) }, uniquingKeysWith: { _, last in last })
        linkTable = Dictionary(fixture.links.map { ($0.instanceId, $0.vpcId) }, uniquingKeysWith: { _, last in last })
        self.classicLinkQuotaPerVPC = classicLinkQuotaPerVPC
        self.transitions = transitions
        self.wallClock = wallClock
        zones = fixture.effectiveZones
        vswitches = fixture.vswitches
        vswitchesById = Dictionary(fixture.vswitches.map { ($0.vSwitchId, $0) }, uniquingKeysWith: { _, last in last })
        let now = wallClock()
        for group in fixture.securityGroups where securityGroupRecords[group.securityGroupId] == nil {
            var group = group
            group.creationTime = group.creationTime ?? now
            securityGroupRecords[group.securityGroupId] = SecurityGroupRecord(group: group, position: nextPosition)
            securityGroupOrder.append(group.securityGroupId)
            nextPosition += 1
            tagsByResource[group.securityGroupId] = group.tags.enumerated().map { TagRecord(key: $1.key, value: $1.value, ordinal: $0) }
        }
        for instance in fixture.instances where instanceRecords[instance.instanceId] == nil {
            var instance = instance
            if let vSwitchId = instance.vSwitchId, let vswitch = vswitchesById[vSwitchId] {
                instance.vpcId = instance.vpcId ?? vswitch.vpcId
                instance.zoneId = instance.zoneId ?? vswitch.zoneId
            }
            instance.creationTime = instance.creationTime ?? now
            var record = InstanceRecord(instance: instance, position: nextPosition)
            if let vSwitchId = instance.vSwitchId, let cidr = vswitchesById[vSwitchId].flatMap({ IPv4CIDR($0.cidrBlock) }) {
                let index = nextAddressIndex[vSwitchId, default: 0]
                nextAddressIndex[vSwitchId] = index + 1
                record.privateIpAddress = cidr.address(at: index)
            }
            if instance.status == InstanceStatus.running.rawValue { record.startTime = instance.creationTime }
            instanceRecords[instance.instanceId] = record
            instanceOrder.append(instance.instanceId)
            nextPosition += 1
            tagsByResource[instance.instanceId] = instance.tags.enumerated().map { TagRecord(key: $1.key, value: $1.value, ordinal: $0) }
        }
    }

    /// Every instance (as it is now: transitions due are applied first), by ID; each with its
    /// current tags.
    public var instances: [String: EmulatorFixture.Instance] {
        settle()
        var all: [String: EmulatorFixture.Instance] = [:]
        for (id, record) in instanceRecords { all[id] = view(of: record) }
        return all
    }

    /// The instances in list order (creation order), as they are now.
    public var instancesInListOrder: [EmulatorFixture.Instance] {
        settle()
        return instanceOrder.compactMap { instanceRecords[$0].map(view(of:)) }
    }

    /// One instance as it is now; nil once it is gone.
    public func instance(_ id: String) -> EmulatorFixture.Instance? {
        settle()
        return instanceRecords[id].map(view(of:))
    }

    /// The security groups, in creation order, each with its current tags.
    public var securityGroups: [EmulatorFixture.SecurityGroup] {
        securityGroupOrder.compactMap { id in
            securityGroupRecords[id].map { record in
                var group = record.group
                group.tags = tags(of: id)
                return group
            }
        }
    }

    func view(of record: InstanceRecord) -> EmulatorFixture.Instance {
        var instance = record.instance
        instance.tags = tags(of: instance.instanceId)
        return instance
    }

    func tags(of resourceId: String) -> [EmulatorFixture.Tag] {
        (tagsByResource[resourceId] ?? []).map { EmulatorFixture.Tag(key: $0.key, value: $0.value) }
    }

    // MARK: Throttling

    /// Makes the next `count` calls answer `Throttling` (0 turns throttling off).
    public func throttle(nextCalls count: Int) {
        throttledCallsRemaining = max(0, count)
    }

    /// Whether this call is throttled; counts it down if so.
    func takeThrottledCall() -> Bool {
        guard throttledCallsRemaining > 0 else { return false }
        throttledCallsRemaining -= 1
        return true
    }

    // MARK: ClassicLink

    /// Instance ID → the VPC it is linked to (an instance's link goes when the instance does).
    public var links: [String: String] {
        settle()
        return linkTable
    }

    /// The instances linked to `vpcId`, sorted.
    public func linkedInstances(of vpcId: String) -> [String] {
        settle()
        return linkTable.filter { $0.value == vpcId }.map(\.key).sorted()
    }

    /// The VPC `instanceId` is linked to.
    public func linkedVPC(of instanceId: String) -> String? {
        settle()
        return linkTable[instanceId]
    }

    /// Links a classic network instance to a VPC, by the rules of the AttachClassicLinkVpc
    /// document. Each failure is the one code whose table row describes it; the checks run in
    /// this order, so a request that breaks several rules gets the first:
    ///
    /// | condition | code (HTTP status) |
    /// |---|---|
    /// | the region is not one of the account's regions | `InvalidRegionId.Malformed` (400) |
    /// | no instance with this ID in the region | `InvalidInstanceId.NotFound` (404) |
    /// | the instance belongs to another account | `InvalidInstanceId.NotBelong` (403) |
    /// | the instance is not a classic network instance | `InvalidInstanceId.MalFormed` (400) |
    /// | the instance is busy with another task (locked) | `InvalidStatus.InstanceLocked` (403) |
    /// | the instance is neither Running nor Stopped | `InvalidStatus.InstanceStatus` (403) |
    /// | no VPC with this ID in the instance's region and account | `InvalidVpcId.Malformed` (400) |
    /// | the VPC does not have ClassicLink enabled | `OperationDenied` (403) |
    /// | the instance is already linked to another VPC | `Abs.InvalidInstanceId.MalFormed` (400) |
    /// | the VPC already has 1000 linked instances | `QuotaExceeded` (403) |
    ///
    /// Linking an instance to the VPC it is already linked to succeeds and changes nothing.
    public func attachClassicLinkVpc(
        regionId: String, instanceId: String, vpcId: String, account: String
    ) -> AttachClassicLinkVpcError? {
        settle()
        guard regions.contains(regionId) else { return .invalidRegionIdMalformed }
        guard let instance = instanceRecords[instanceId]?.instance, instance.regionId == regionId else { return .invalidInstanceIdNotFound }
        guard instance.owner == account else { return .invalidInstanceIdNotBelong }
        guard instance.networkType == .classic else { return .invalidInstanceIdMalFormed }
        guard !instance.locked else { return .invalidStatusInstanceLocked }
        guard instance.status == "Running" || instance.status == "Stopped" else { return .invalidStatusInstanceStatus }
        guard let vpc = vpcs[vpcId], vpc.regionId == instance.regionId, vpc.owner == account else { return .invalidVpcIdMalformed }
        guard vpc.classicLinkEnabled else { return .operationDenied }
        if let linked = linkTable[instanceId] {
            return linked == vpcId ? nil : .absInvalidInstanceIdMalFormed
        }
        guard linkCount(of: vpcId) < classicLinkQuotaPerVPC else { return .quotaExceeded }
        linkTable[instanceId] = vpcId
        return nil
    }

    /// Removes the link of `instanceId` to `vpcId`, with DetachClassicLinkVpc's codes.
    public func detachClassicLinkVpc(
        regionId: String, instanceId: String, vpcId: String, account: String
    ) -> DetachClassicLinkVpcError? {
        settle()
        guard regions.contains(regionId) else { return .invalidRegionIdNotFound }
        guard let instance = instanceRecords[instanceId]?.instance, instance.regionId == regionId else { return .invalidInstanceIdNotFound }
        guard instance.owner == account else { return .invalidInstanceIdNotBelong }
        guard instance.networkType == .classic else { return .invalidInstanceIdMalFormed }
        guard instance.status == "Running" || instance.status == "Stopped" else { return .invalidStatusInstanceStatus }
        guard let vpc = vpcs[vpcId], vpc.regionId == regionId, vpc.owner == account else { return .invalidVpcIdMalformed }
        guard linkTable[instanceId] == vpcId else { return .invalidParameterInvalidInstanceIdAndVpcId }
        linkTable[instanceId] = nil
        return nil
    }

    /// The links the account can see in a region, optionally of one VPC or one instance.
    public func classicLinks(
        regionId: String, vpcId: String?, instanceId: String?, account: String
    ) -> [(instanceId: String, vpcId: String)] {
        settle()
        return linkTable.compactMap { link -> (instanceId: String, vpcId: String)? in
            guard let vpc = vpcs[link.value], vpc.owner == account, vpc.regionId == regionId else { return nil }
            if let vpcId, link.value != vpcId { return nil }
            if let instanceId, link.key != instanceId { return nil }
            return (link.key, link.value)
        }
        .sorted { $0.instanceId < $1.instanceId }
    }

    private func linkCount(of vpcId: String) -> Int {
        var count = 0
        for (_, linked) in linkTable where linked == vpcId { count += 1 }
        return count
    }
}
