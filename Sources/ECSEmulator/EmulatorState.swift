import ECS
import Foundation

/// The emulator's resources: loaded from a fixture, changed in memory by the calls it answers.
/// An actor, so concurrent requests see and change it one at a time: two attaches racing for
/// the last ClassicLink slot of a VPC cannot both win.
public actor EmulatorState {
    public private(set) var regions: [String]
    public private(set) var instances: [String: EmulatorFixture.Instance]
    public private(set) var vpcs: [String: EmulatorFixture.VPC]
    /// Instance ID → the VPC it is linked to.
    public private(set) var links: [String: String]
    /// The most instances linked to one VPC (`QuotaExceeded` beyond it).
    public let classicLinkQuotaPerVPC: Int
    /// How many of the next calls answer `Throttling`.
    public private(set) var throttledCallsRemaining = 0

    /// Every set of temporary credentials the emulated STS issued, in order.
    public private(set) var issuedCredentials: [EmulatorSTSService.IssuedCredentials] = []

    func recordIssued(_ issued: EmulatorSTSService.IssuedCredentials) {
        issuedCredentials.append(issued)
    }

    public init(fixture: EmulatorFixture, classicLinkQuotaPerVPC: Int = EmulatorFixture.classicLinkQuotaPerVPC) {
        regions = fixture.regions
        instances = Dictionary(fixture.instances.map { ($0.instanceId, $0) }, uniquingKeysWith: { _, last in last })
        vpcs = Dictionary(fixture.vpcs.map { ($0.vpcId, $0) }, uniquingKeysWith: { _, last in last })
        links = Dictionary(fixture.links.map { ($0.instanceId, $0.vpcId) }, uniquingKeysWith: { _, last in last })
        self.classicLinkQuotaPerVPC = classicLinkQuotaPerVPC
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

    /// The instances linked to `vpcId`, sorted.
    public func linkedInstances(of vpcId: String) -> [String] {
        links.filter { $0.value == vpcId }.map(\.key).sorted()
    }

    /// The VPC `instanceId` is linked to.
    public func linkedVPC(of instanceId: String) -> String? {
        links[instanceId]
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
        guard regions.contains(regionId) else { return .invalidRegionIdMalformed }
        guard let instance = instances[instanceId], instance.regionId == regionId else { return .invalidInstanceIdNotFound }
        guard instance.owner == account else { return .invalidInstanceIdNotBelong }
        guard instance.networkType == .classic else { return .invalidInstanceIdMalFormed }
        guard !instance.locked else { return .invalidStatusInstanceLocked }
        guard instance.status == "Running" || instance.status == "Stopped" else { return .invalidStatusInstanceStatus }
        guard let vpc = vpcs[vpcId], vpc.regionId == instance.regionId, vpc.owner == account else { return .invalidVpcIdMalformed }
        guard vpc.classicLinkEnabled else { return .operationDenied }
        if let linked = links[instanceId] {
            return linked == vpcId ? nil : .absInvalidInstanceIdMalFormed
        }
        guard linkCount(of: vpcId) < classicLinkQuotaPerVPC else { return .quotaExceeded }
        links[instanceId] = vpcId
        return nil
    }

    /// Removes the link of `instanceId` to `vpcId`, with DetachClassicLinkVpc's codes.
    public func detachClassicLinkVpc(
        regionId: String, instanceId: String, vpcId: String, account: String
    ) -> DetachClassicLinkVpcError? {
        guard regions.contains(regionId) else { return .invalidRegionIdNotFound }
        guard let instance = instances[instanceId], instance.regionId == regionId else { return .invalidInstanceIdNotFound }
        guard instance.owner == account else { return .invalidInstanceIdNotBelong }
        guard instance.networkType == .classic else { return .invalidInstanceIdMalFormed }
        guard instance.status == "Running" || instance.status == "Stopped" else { return .invalidStatusInstanceStatus }
        guard let vpc = vpcs[vpcId], vpc.regionId == regionId, vpc.owner == account else { return .invalidVpcIdMalformed }
        guard links[instanceId] == vpcId else { return .invalidParameterInvalidInstanceIdAndVpcId }
        links[instanceId] = nil
        return nil
    }

    /// The links the account can see in a region, optionally of one VPC or one instance.
    public func classicLinks(
        regionId: String, vpcId: String?, instanceId: String?, account: String
    ) -> [(instanceId: String, vpcId: String)] {
        links.compactMap { link -> (instanceId: String, vpcId: String)? in
            guard let vpc = vpcs[link.value], vpc.owner == account, vpc.regionId == regionId else { return nil }
            if let vpcId, link.value != vpcId { return nil }
            if let instanceId, link.key != instanceId { return nil }
            return (link.key, link.value)
        }
        .sorted { $0.instanceId < $1.instanceId }
    }

    private func linkCount(of vpcId: String) -> Int {
        var count = 0
        for (_, linked) in links where linked == vpcId { count += 1 }
        return count
    }
}
