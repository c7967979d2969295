import APIGenRuntime
import ECS
import Foundation

/// A call the emulator refuses: an ECS error code, with the message and HTTP status to answer
/// with (the action's documented ones where these are nil).
public struct EmulatorFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String?
    public var httpStatus: Int?

    public init(_ code: String, _ message: String? = nil, status: Int? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = status
    }

    public var description: String { "\(code): \(message ?? "")" }

    /// The error as the action `Request` answers it: the documented message and first status
    /// of the code for that action unless the failure names its own.
    public func serviceError<Request: RPCRequest>(_: Request.Type = Request.self) -> ServiceError<Request> {
        var payload = ServiceError<Request>(code: code, message: message).payload
        if let httpStatus { payload.httpStatus = httpStatus }
        return ServiceError(payload: payload)
    }
}

/// An instance as the emulator keeps it: the fixture's fields, its place in list order, and the
/// statuses scheduled next.
struct InstanceRecord: Sendable {
    var instance: EmulatorFixture.Instance
    /// Its place in list order (creation order); never changes, never reused.
    let position: Int
    /// The statuses to come, each at an instant of the transition clock; a `nil` status means
    /// the instance is released then.
    var schedule: [ScheduledStep] = []
    var startTime: Date?
    var privateIpAddress: String?
    var instanceChargeType = "PostPaid"
    var internetChargeType: String?
    var internetMaxBandwidthOut = 0

    init(instance: EmulatorFixture.Instance, position: Int) {
        self.instance = instance
        self.position = position
    }
}

struct ScheduledStep: Sendable {
    var at: ContinuousClock.Instant
    var status: String?
}

struct SecurityGroupRecord: Sendable {
    var group: EmulatorFixture.SecurityGroup
    let position: Int
}

struct TagRecord: Sendable, Hashable {
    var key: String
    var value: String
    /// The order the key was first added to its resource in.
    var ordinal: Int
}

struct ClientTokenKey: Sendable, Hashable {
    var account: String
    var action: String
    var token: String
}

struct ClientTokenEntry: Sendable {
    /// The first request's parameters, without `ClientToken`.
    var parameters: [QueryItem]
    /// What it created (or acted on).
    var resourceIds: [String]
}

/// What `RunInstances` asks for, read from the request.
struct InstanceLaunch: Sendable {
    var regionId: String
    var zoneId: String?
    var vSwitchId: String?
    var securityGroupIds: [String]
    var imageId: String?
    var instanceType: String?
    var instanceName: String?
    var hostName: String?
    var description: String?
    var amount: Int
    var minAmount: Int?
    var uniqueSuffix: Bool
    var tags: [EmulatorFixture.Tag]
    var deletionProtection: Bool
    var instanceChargeType: String
    var internetChargeType: String?
    var internetMaxBandwidthOut: Int
    var dryRun: Bool
    var clientToken: String?
    /// The request's parameters other than `ClientToken`: what makes two requests "the same".
    var parameters: [QueryItem]
}

/// One instance's outcome in a batch call (`StartInstances`, `StopInstances`).
struct BatchOutcome: Sendable {
    var instanceId: String
    var previousStatus: String?
    var currentStatus: String?
    /// nil: done.
    var failure: EmulatorFailure?
}

/// The status names, as ECS spells them.
enum Status {
    static let pending = InstanceStatus.pending.rawValue
    static let starting = InstanceStatus.starting.rawValue
    static let running = InstanceStatus.running.rawValue
    static let stopping = InstanceStatus.stopping.rawValue
    static let stopped = InstanceStatus.stopped.rawValue
}

extension EmulatorState {
    // MARK: Time

    /// Applies every scheduled step that is due on the transition clock: what a caller sees
    /// is always the status the clock says, however long ago the last call was.
    func settle() {
        guard !instancesInTransition.isEmpty else { return }
        let now = transitions.clock.now
        for id in instancesInTransition {
            guard var record = instanceRecords[id] else {
                instancesInTransition.remove(id)
                continue
            }
            var released = false
            while let step = record.schedule.first, step.at <= now {
                record.schedule.removeFirst()
                guard let status = step.status else {
                    released = true
                    break
                }
                record.instance.status = status
                if status == Status.running { record.startTime = wallClock() }
            }
            if released {
                removeInstance(id)
                continue
            }
            instanceRecords[id] = record
            if record.schedule.isEmpty { instancesInTransition.remove(id) }
        }
    }

    /// Sets `status` now and schedules `steps` after it, each lasting from the previous one.
    func transition(_ id: String, to status: String, then steps: [(after: Duration, status: String?)]) {
        guard var record = instanceRecords[id] else { return }
        record.instance.status = status
        var at = transitions.clock.now
        record.schedule = steps.map { step in
            at = at.advanced(by: step.after)
            return ScheduledStep(at: at, status: step.status)
        }
        instanceRecords[id] = record
        if record.schedule.isEmpty {
            instancesInTransition.remove(id)
        } else {
            instancesInTransition.insert(id)
        }
    }

    func removeInstance(_ id: String) {
        guard let record = instanceRecords[id] else { return }
        // instanceOrder is sorted by position (and holds only IDs of instanceRecords): bisect.
        var low = 0
        var high = instanceOrder.count
        while low < high {
            let middle = (low + high) / 2
            if (instanceRecords[instanceOrder[middle]]?.position ?? Int.max) < record.position {
                low = middle + 1
            } else {
                high = middle
            }
        }
        if low < instanceOrder.count, instanceOrder[low] == id {
            instanceOrder.remove(at: low)
        } else if let index = instanceOrder.firstIndex(of: id) {
            instanceOrder.remove(at: index)
        }
        instanceRecords[id] = nil
        instancesInTransition.remove(id)
        linkTable[id] = nil
        tagsByResource[id] = nil
    }

    /// The account's instance `id` (in `regionId` when given), as it is now.
    func ownedInstance(_ id: String, account: String, regionId: String? = nil) -> InstanceRecord? {
        guard let record = instanceRecords[id], record.instance.owner == account else { return nil }
        if let regionId, record.instance.regionId != regionId { return nil }
        return record
    }

    static func instanceNotFound(_ id: String) -> EmulatorFailure {
        EmulatorFailure("InvalidInstanceId.NotFound", "The specified InstanceId does not exist: \(id).", status: 404)
    }

    static func regionNotFound(_ regionId: String) -> EmulatorFailure {
        EmulatorFailure("InvalidRegionId.NotFound", "The specified RegionId does not exist: \(regionId).", status: 404)
    }

    func checkRegion(_ regionId: String) throws(EmulatorFailure) {
        guard regions.contains(regionId) else { throw Self.regionNotFound(regionId) }
    }

    // MARK: RunInstances

    /// Creates instances by the rules of the RunInstances document, checked in this order (the
    /// first broken rule answers):
    ///
    /// | condition | code |
    /// |---|---|
    /// | region not in the fixture | `InvalidRegionId.NotFound` (404) |
    /// | `ClientToken` over 64 characters or not ASCII | `InvalidClientToken.ValueNotSupported` |
    /// | the token was used before with other parameters | `IdempotentParameterMismatch` (403) |
    /// | the token was used before with the same parameters | success: the same instance IDs, nothing created |
    /// | `Amount` outside 1…100 | `InvalidAmount.Malformed` |
    /// | `MinAmount` greater than `Amount` | `InvalidMinAmount.Malformed` |
    /// | no `ImageId` / no `InstanceType` / no security group | `MissingParameter` |
    /// | `InstanceName` not 2…128 characters, or starting with `http://`/`https://` | `InvalidInstanceName.Malformed` |
    /// | `Description` over 256 characters, or starting with `http://`/`https://` | `InvalidDescription.Malformed` |
    /// | a tag key empty, over 128, starting with `acs:` or `aliyun`, or with `http://` | `InvalidTagKey.Malformed` |
    /// | a tag value over 128 or with `http://` | `InvalidTagValue.Malformed` |
    /// | two tags with one key | `Duplicate.TagKey` |
    /// | a security group not in the region and account | `InvalidSecurityGroupId.NotFound` |
    /// | security groups of different networks | `InvalidSecurityGroup.VpcMismatch` |
    /// | `VSwitchId` not a vSwitch of the account in the region | `InvalidVSwitchId.NotFound` (404) |
    /// | a VPC security group without a vSwitch | `MissingParameter` (VSwitchId) |
    /// | a classic security group with a vSwitch | `InvalidSecurityGroup.NetworkType` |
    /// | the vSwitch in another VPC than the security group | `InvalidParameter.Mismatch` |
    /// | `ZoneId` not a zone of the region | `InvalidZoneId.NotFound` (404) |
    /// | `ZoneId` not the vSwitch's zone | `InvalidParameter` |
    /// | the region has no zone | `ResourceNotAvailable` |
    /// | the zone lists instance types and not this one | `InvalidInstanceType.ValueNotSupported` |
    /// | fewer free places in the zone than `MinAmount` (or `Amount`) | `OperationDenied.NoStock` (403) |
    /// | `DryRun` | `DryRunOperation` (400): nothing created |
    ///
    /// With `MinAmount`, as many instances as the zone has room for are created, between
    /// `MinAmount` and `Amount`. New instances are `Pending`, then `Starting`, then `Running`.
    func runInstances(_ launch: InstanceLaunch, account: String) throws(EmulatorFailure) -> [String] {
        settle()
        try checkRegion(launch.regionId)
        var tokenKey: ClientTokenKey?
        if let token = launch.clientToken, !token.isEmpty {
            guard token.utf8.count <= 64, token.unicodeScalars.allSatisfy(\.isASCII) else {
                throw EmulatorFailure("InvalidClientToken.ValueNotSupported", "The ClientToken provided is invalid.")
            }
            if !launch.dryRun {
                let key = ClientTokenKey(account: account, action: RunInstancesRequest.action, token: token)
                if let entry = clientTokens[key] {
                    guard entry.parameters == launch.parameters else {
                        throw EmulatorFailure(
                            "IdempotentParameterMismatch",
                            "The request uses the same client token as a previous, but non-identical request.")
                    }
                    return entry.resourceIds
                }
                tokenKey = key
            }
        }
        guard (1...100).contains(launch.amount) else {
            throw EmulatorFailure(
                "InvalidAmount.Malformed", "The specified parameter Amount is not valid: it must be between 1 and 100.", status: 400)
        }
        if let minimum = launch.minAmount, minimum > launch.amount {
            throw EmulatorFailure("InvalidMinAmount.Malformed", "The specified parameter MinAmount is not valid: it is greater than Amount.")
        }
        guard let imageId = launch.imageId, !imageId.isEmpty else { throw Self.missing("ImageId") }
        guard let instanceType = launch.instanceType, !instanceType.isEmpty else { throw Self.missing("InstanceType") }
        guard !launch.securityGroupIds.isEmpty else { throw Self.missing("SecurityGroupId") }
        if let name = launch.instanceName, !Self.isValidName(name, length: 2...128) {
            throw EmulatorFailure("InvalidInstanceName.Malformed", "The specified parameter \"InstanceName\" is not valid.")
        }
        if let description = launch.description, !Self.isValidName(description, length: 0...256) {
            throw EmulatorFailure("InvalidDescription.Malformed", "The specified parameter \"Description\" is not valid.")
        }
        try Self.checkTags(launch.tags)

        // Network: security groups, vSwitch, zone.
        var groupVPC: String??
        for groupId in launch.securityGroupIds {
            guard let group = securityGroupRecords[groupId]?.group, group.owner == account, group.regionId == launch.regionId else {
                throw EmulatorFailure(
                    "InvalidSecurityGroupId.NotFound", "The SecurityGroupId provided does not exist in our records: \(groupId).")
            }
            if let previous = groupVPC, previous != group.vpcId {
                throw EmulatorFailure("InvalidSecurityGroup.VpcMismatch", "The specified security groups are not in the same network.")
            }
            groupVPC = .some(group.vpcId)
        }
        let securityGroupVPC = groupVPC ?? nil
        var vswitch: EmulatorFixture.VSwitch?
        if let vSwitchId = launch.vSwitchId, !vSwitchId.isEmpty {
            guard let found = vswitchesById[vSwitchId], let vpc = vpcs[found.vpcId], vpc.owner == account,
                  vpc.regionId == launch.regionId
            else {
                throw EmulatorFailure("InvalidVSwitchId.NotFound", "Specified virtual switch does not exist: \(vSwitchId).", status: 404)
            }
            vswitch = found
        }
        switch (securityGroupVPC, vswitch) {
        case (.some, nil):
            throw Self.missing("VSwitchId")
        case (nil, .some):
            throw EmulatorFailure(
                "InvalidSecurityGroup.NetworkType", "A classic network security group cannot be used with a vSwitch.")
        case (.some(let vpcId), .some(let vswitch)) where vpcId != vswitch.vpcId:
            throw EmulatorFailure("InvalidParameter.Mismatch", "Specified security group and virtual switch are not in the same VPC.")
        default:
            break
        }
        let regionZones = zones.filter { $0.regionId == launch.regionId }
        var zone: EmulatorFixture.Zone?
        if let zoneId = launch.zoneId, !zoneId.isEmpty {
            guard let found = regionZones.first(where: { $0.zoneId == zoneId }) else {
                throw EmulatorFailure("InvalidZoneId.NotFound", "The ZoneId provided does not exist in our records: \(zoneId).", status: 404)
            }
            if let vswitch, vswitch.zoneId != zoneId {
                throw EmulatorFailure(
                    "InvalidParameter", "The specified ZoneId \(zoneId) is not the zone of vSwitch \(vswitch.vSwitchId) (\(vswitch.zoneId)).")
            }
            zone = found
        } else if let vswitch {
            zone = regionZones.first { $0.zoneId == vswitch.zoneId }
        } else {
            // The first zone with room for what is asked, else the first zone.
            let needed = launch.minAmount ?? launch.amount
            zone = regionZones.first { freePlaces(in: $0) >= needed } ?? regionZones.first
        }
        guard let zone else {
            throw EmulatorFailure("ResourceNotAvailable", "Resource you requested is not available in this region or zone.")
        }
        if !zone.instanceTypes.isEmpty, !zone.instanceTypes.contains(instanceType) {
            throw EmulatorFailure(
                "InvalidInstanceType.ValueNotSupported", "The specified InstanceType \(instanceType) is not sold in zone \(zone.zoneId).")
        }
        let free = freePlaces(in: zone)
        let count = min(launch.amount, free)
        guard count >= (launch.minAmount ?? launch.amount) else {
            throw EmulatorFailure("OperationDenied.NoStock", "The resource is out of usage: zone \(zone.zoneId) has room for \(free) more instances.")
        }
        if launch.dryRun {
            throw EmulatorFailure("DryRunOperation", "Request validation has been passed with DryRun flag set.", status: 400)
        }

        // Create them.
        let created = wallClock()
        let cidr = vswitch.flatMap { IPv4CIDR($0.cidrBlock) }
        var ids: [String] = []
        for index in 0..<count {
            let id = newResourceId(prefix: "i-", regionId: launch.regionId)
            let suffix = launch.uniqueSuffix && launch.amount > 1 ? String(format: "%03d", index + 1) : ""
            let instance = EmulatorFixture.Instance(
                instanceId: id, regionId: launch.regionId, owner: account, networkType: vswitch == nil ? .classic : .vpc,
                status: Status.pending, zoneId: zone.zoneId, vpcId: vswitch?.vpcId, vSwitchId: vswitch?.vSwitchId,
                securityGroupIds: launch.securityGroupIds, instanceName: launch.instanceName.map { $0 + suffix } ?? id,
                instanceType: instanceType, imageId: imageId,
                hostName: launch.hostName.map { $0 + suffix } ?? "iZ\(id.dropFirst(2))Z", description: launch.description,
                creationTime: created, deletionProtection: launch.deletionProtection)
            var record = InstanceRecord(instance: instance, position: nextPosition)
            nextPosition += 1
            record.instanceChargeType = launch.instanceChargeType
            record.internetChargeType = launch.internetChargeType
            record.internetMaxBandwidthOut = launch.internetMaxBandwidthOut
            if let cidr, let vswitch {
                record.privateIpAddress = cidr.address(at: nextAddressIndex[vswitch.vSwitchId, default: 0])
                nextAddressIndex[vswitch.vSwitchId, default: 0] += 1
            }
            instanceRecords[id] = record
            instanceOrder.append(id)
            tagsByResource[id] = launch.tags.enumerated().map { TagRecord(key: $1.key, value: $1.value, ordinal: $0) }
            transition(
                id, to: Status.pending,
                then: [(transitions.pending, Status.starting), (transitions.starting, Status.running)])
            ids.append(id)
        }
        if let tokenKey {
            clientTokens[tokenKey] = ClientTokenEntry(parameters: launch.parameters, resourceIds: ids)
        }
        return ids
    }

    static func missing(_ parameter: String) -> EmulatorFailure {
        EmulatorFailure(
            "MissingParameter", "The input parameter \"\(parameter)\" that is mandatory for processing this request is not supplied.",
            status: 400)
    }

    /// Names and descriptions as ECS takes them: a length, and not starting with a URL scheme.
    static func isValidName(_ text: String, length: ClosedRange<Int>) -> Bool {
        length.contains(text.count) && !text.hasPrefix("http://") && !text.hasPrefix("https://")
    }

    /// The tag rules shared by RunInstances, CreateSecurityGroup and TagResources.
    static func checkTags(_ tags: [EmulatorFixture.Tag]) throws(EmulatorFailure) {
        if tags.count > 20 {
            throw EmulatorFailure("InvalidTagCount", "The specified tags are beyond the permitted range (20).")
        }
        var keys: Set<String> = []
        for tag in tags {
            let key = tag.key
            if key.isEmpty || key.count > 128 || key.hasPrefix("acs:") || key.hasPrefix("aliyun") || key.contains("http://")
                || key.contains("https://")
            {
                throw EmulatorFailure("InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid: \"\(key)\".")
            }
            if tag.value.count > 128 || tag.value.contains("http://") || tag.value.contains("https://") {
                throw EmulatorFailure("InvalidTagValue.Malformed", "The specified Tag.n.Value is not valid: \"\(tag.value)\".")
            }
            guard keys.insert(key).inserted else {
                throw EmulatorFailure("Duplicate.TagKey", "The Tag.N.Key contain duplicate key: \"\(key)\".")
            }
        }
    }

    /// How many more instances the zone holds (`Int.max` without a capacity).
    func freePlaces(in zone: EmulatorFixture.Zone) -> Int {
        guard let capacity = zone.instanceCapacity else { return Int.max }
        var used = 0
        for record in instanceRecords.values where record.instance.zoneId == zone.zoneId { used += 1 }
        return max(0, capacity - used)
    }

    /// A new ID like ECS's (`i-bp1…`, 22 characters), unused.
    func newResourceId(prefix: String, regionId: String) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let regionCode = Self.regionCodes[regionId] ?? "em"
        while true {
            var id = prefix + regionCode
            for _ in 0..<18 { id.append(letters.randomElement()!) }
            if instanceRecords[id] == nil, securityGroupRecords[id] == nil { return id }
        }
    }

    /// The two letters ECS IDs start with in some regions.
    static let regionCodes: [String: String] = [
        "cn-hangzhou": "bp", "cn-shanghai": "uf", "cn-beijing": "2z", "cn-shenzhen": "wz", "cn-qingdao": "m5",
        "cn-zhangjiakou": "8v", "cn-hongkong": "j6", "ap-southeast-1": "t4", "us-west-1": "rj", "eu-central-1": "gw",
    ]

    // MARK: Reading

    /// The account's instances in `regionId`, in list order, as they are now.
    func instances(account: String, regionId: String) throws(EmulatorFailure) -> [InstanceRecord] {
        settle()
        try checkRegion(regionId)
        return instanceOrder.compactMap { id in
            guard var record = instanceRecords[id], record.instance.owner == account, record.instance.regionId == regionId else {
                return nil
            }
            record.instance.tags = tags(of: id)
            return record
        }
    }

    /// An instance of the account, in any region (actions such as `StartInstance` take no region).
    func instanceRecord(_ id: String, account: String) throws(EmulatorFailure) -> InstanceRecord {
        settle()
        guard var record = ownedInstance(id, account: account) else { throw Self.instanceNotFound(id) }
        record.instance.tags = tags(of: id)
        return record
    }

    // MARK: Start, stop, reboot, delete

    /// What each action needs of an instance's status, and the failure when it is not so.
    enum LifecycleAction: Sendable {
        case start, stop(force: Bool), reboot(force: Bool), delete(force: Bool, forceStop: Bool)
    }

    /// Why `action` cannot be done on `record` now, or nil.
    func refusal(_ action: LifecycleAction, _ record: InstanceRecord) -> EmulatorFailure? {
        let instance = record.instance
        if instance.locked {
            return EmulatorFailure(
                "InstanceLockedForSecurity", "The specified operation is denied as your instance is locked for security reasons.")
        }
        let status = instance.status
        let pendingRelease = record.schedule.contains { $0.status == nil }
        func incorrect() -> EmulatorFailure {
            EmulatorFailure(
                "IncorrectInstanceStatus",
                "The current status of the resource does not support this operation: instance \(instance.instanceId) is \(pendingRelease ? "being released" : status).",
                status: 403)
        }
        if pendingRelease { return incorrect() }
        switch action {
        case .start:
            return status == Status.stopped ? nil : incorrect()
        case .stop, .reboot:
            return status == Status.running ? nil : incorrect()
        case .delete(let force, _):
            if instance.deletionProtection {
                return EmulatorFailure(
                    "InvalidOperation.DeletionProtection", "The operation is not allowed due to deletion protection.", status: 403)
            }
            if status == Status.pending {
                return EmulatorFailure(
                    "IncorrectInstanceStatus.Initializing", "The specified instance status does not support this operation.", status: 403)
            }
            if status == Status.stopped || (status == Status.running && force) { return nil }
            return incorrect()
        }
    }

    /// Does `action` (already checked by ``refusal(_:_:)``).
    func perform(_ action: LifecycleAction, on id: String) {
        switch action {
        case .start:
            transition(id, to: Status.starting, then: [(transitions.starting, Status.running)])
        case .stop(let force):
            transition(id, to: Status.stopping, then: [(force ? transitions.forcedStopping : transitions.stopping, Status.stopped)])
        case .reboot(let force):
            transition(
                id, to: Status.stopping,
                then: [(force ? transitions.forcedStopping : transitions.stopping, Status.starting), (transitions.starting, Status.running)])
        case .delete(_, let forceStop):
            guard let record = instanceRecords[id] else { return }
            if record.instance.status == Status.running && !forceStop {
                // A normal stop first, then the release.
                transition(id, to: Status.stopping, then: [(transitions.stopping, nil)])
            } else {
                removeInstance(id)
            }
        }
    }

    /// One instance (StartInstance, StopInstance, RebootInstance, DeleteInstance): not found,
    /// then the status rules, then `DryRun` (`DryRunOperation`), then the change.
    func act(_ action: LifecycleAction, on id: String, account: String, dryRun: Bool) throws(EmulatorFailure) {
        let record = try instanceRecord(id, account: account)
        if let failure = refusal(action, record) { throw failure }
        if dryRun {
            throw EmulatorFailure("DryRunOperation", "Request validation has been passed with DryRun flag set.", status: 400)
        }
        perform(action, on: id)
    }

    /// Several instances of a region (StartInstances, StopInstances, DeleteInstances).
    ///
    /// Every ID must name an instance of the account in the region (`InvalidInstanceId.NotFound`,
    /// 404, names the first that does not). `AllTogether` (the default): if any instance cannot
    /// change, the call fails with its code and nothing changes. `SuccessFirst`: each instance
    /// changes or not on its own, and the outcomes say which. `DryRun` answers `DRYRUN.SUCCESS`
    /// (with `SuccessFirst`, whatever the checks say, as the documents describe).
    func actOnMany(
        _ action: LifecycleAction, ids: [String], regionId: String, account: String, successFirst: Bool, dryRun: Bool
    ) throws(EmulatorFailure) -> [BatchOutcome] {
        settle()
        try checkRegion(regionId)
        var unique: [String] = []
        var seen: Set<String> = []
        for id in ids where seen.insert(id).inserted { unique.append(id) }
        guard !unique.isEmpty else { throw Self.missing("InstanceId") }
        let dryRunSuccess = EmulatorFailure("DRYRUN.SUCCESS", "This request is a dryrun request with successful result.", status: 400)
        if dryRun && successFirst { throw dryRunSuccess }
        var records: [InstanceRecord] = []
        for id in unique {
            guard let record = ownedInstance(id, account: account, regionId: regionId) else { throw Self.instanceNotFound(id) }
            records.append(record)
        }
        if !successFirst {
            for record in records {
                if let failure = refusal(action, record) { throw failure }
            }
        }
        if dryRun { throw dryRunSuccess }
        return records.map { record in
            let id = record.instance.instanceId
            let previous = record.instance.status
            if let failure = refusal(action, record) {
                return BatchOutcome(instanceId: id, previousStatus: previous, currentStatus: previous, failure: failure)
            }
            perform(action, on: id)
            return BatchOutcome(instanceId: id, previousStatus: previous, currentStatus: instanceRecords[id]?.instance.status, failure: nil)
        }
    }

    /// DeleteInstances with its `ClientToken`: the same token with the same parameters succeeds
    /// again and changes nothing (the instances may be gone by then); with other parameters,
    /// `IdempotentParameterMismatch`.
    func deleteInstances(
        ids: [String], regionId: String, account: String, force: Bool, forceStop: Bool, dryRun: Bool, clientToken: String?,
        parameters: [QueryItem]
    ) throws(EmulatorFailure) {
        var key: ClientTokenKey?
        if let token = clientToken, !token.isEmpty, !dryRun {
            let tokenKey = ClientTokenKey(account: account, action: DeleteInstancesRequest.action, token: token)
            if let entry = clientTokens[tokenKey] {
                guard entry.parameters == parameters else {
                    throw EmulatorFailure(
                        "IdempotentParameterMismatch", "The request uses the same client token as a previous, but non-identical request.")
                }
                return
            }
            key = tokenKey
        }
        _ = try actOnMany(
            .delete(force: force, forceStop: forceStop), ids: ids, regionId: regionId, account: account, successFirst: false, dryRun: dryRun)
        if let key { clientTokens[key] = ClientTokenEntry(parameters: parameters, resourceIds: ids) }
    }
}
