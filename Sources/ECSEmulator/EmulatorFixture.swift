import Foundation

/// The emulator's starting state, as a JSON fixture file describes it.
///
/// ```json
/// {
///   "regions": ["cn-hangzhou", "cn-beijing"],
///   "accessKeys": [
///     {"accessKeyId": "LTAI5tEmulatorKey", "accessKeySecret": "emulator-secret", "account": "1234567890123456"},
///     {"accessKeyId": "STS.EmulatorTemporary", "accessKeySecret": "sts-secret", "account": "1234567890123456",
///      "securityToken": "CAIS-emulator-token", "expiration": "2099-12-31T00:00:00Z"}
///   ],
///   "vpcs": [
///     {"vpcId": "vpc-classiclink", "regionId": "cn-hangzhou", "owner": "1234567890123456", "classicLinkEnabled": true}
///   ],
///   "instances": [
///     {"instanceId": "i-classic-running", "regionId": "cn-hangzhou", "owner": "1234567890123456",
///      "networkType": "classic", "status": "Running", "locked": false}
///   ],
///   "links": [{"instanceId": "i-classic-linked", "vpcId": "vpc-classiclink"}]
/// }
/// ```
///
/// `locked` defaults to `false`, `classicLinkEnabled` to `false`, `links` to `[]`;
/// an access key without `securityToken` is a long-term key. Everything is checked when the
/// fixture is loaded (``validate()``): unknown regions, owners or IDs, duplicates and
/// impossible links are reported with their place in the file.
///
/// For the instance lifecycle (`RunInstances`, `DescribeInstances`, …) a fixture may also
/// list `zones`, `vswitches` and `securityGroups`, and give instances a zone, a vSwitch,
/// security groups, a name, a type, tags and a creation time. Every one of these may be left
/// out, so a fixture written before them loads unchanged; a fixture without `zones` gets one
/// zone per region, `<region>-a` (``effectiveZones``).
///
/// ```json
/// "zones": [{"zoneId": "cn-hangzhou-h", "regionId": "cn-hangzhou", "instanceTypes": ["ecs.g7.large"], "instanceCapacity": 2000}],
/// "vswitches": [{"vSwitchId": "vsw-hz-h", "vpcId": "vpc-hz", "zoneId": "cn-hangzhou-h", "cidrBlock": "172.16.0.0/20"}],
/// "securityGroups": [{"securityGroupId": "sg-hz", "regionId": "cn-hangzhou", "owner": "1234567890123456", "vpcId": "vpc-hz"}],
/// "instances": [{"instanceId": "i-web-1", "regionId": "cn-hangzhou", "owner": "1234567890123456", "status": "Running",
///                "zoneId": "cn-hangzhou-h", "vSwitchId": "vsw-hz-h", "securityGroupIds": ["sg-hz"],
///                "instanceName": "web-1", "tags": [{"key": "env", "value": "prod"}]}]
/// ```
public struct EmulatorFixture: Codable, Sendable, Hashable {
    /// The regions the emulated account may use.
    public var regions: [String]
    /// The access keys requests may be signed with, and the account each belongs to.
    public var accessKeys: [AccessKey]
    public var vpcs: [VPC]
    public var instances: [Instance]
    /// The ClassicLink connections that already exist.
    public var links: [Link]
    /// RAM roles that STS `AssumeRole` and `AssumeRoleWithOIDC` may hand out credentials for.
    public var roles: [Role]
    /// OIDC identity providers that `AssumeRoleWithOIDC` trusts.
    public var oidcProviders: [OIDCProvider]
    /// The zones of the regions (`DescribeZones`, where instances run); none: ``effectiveZones``.
    public var zones: [Zone]
    /// The vSwitches of the VPCs (`DescribeVSwitches`, `RunInstances` with `VSwitchId`).
    public var vswitches: [VSwitch]
    /// The security groups that exist (`DescribeSecurityGroups`; `RunInstances` needs one).
    public var securityGroups: [SecurityGroup]

    public init(
        regions: [String], accessKeys: [AccessKey], vpcs: [VPC] = [], instances: [Instance] = [], links: [Link] = [],
        roles: [Role] = [], oidcProviders: [OIDCProvider] = [], zones: [Zone] = [], vswitches: [VSwitch] = [],
        securityGroups: [SecurityGroup] = []
    ) {
        self.regions = regions
        self.accessKeys = accessKeys
        self.vpcs = vpcs
        self.instances = instances
        self.links = links
        self.roles = roles
        self.oidcProviders = oidcProviders
        self.zones = zones
        self.vswitches = vswitches
        self.securityGroups = securityGroups
    }

    /// The zones instances may run in: ``zones``, or when the fixture lists none, one zone per
    /// region named `<region>-a` (so that a fixture written before zones existed can still run
    /// instances).
    public var effectiveZones: [Zone] {
        zones.isEmpty ? regions.map { Zone(zoneId: "\($0)-a", regionId: $0) } : zones
    }

    /// A tag: a key and a value (which may be empty).
    public struct Tag: Codable, Sendable, Hashable {
        public var key: String
        public var value: String

        public init(key: String, value: String = "") {
            self.key = key
            self.value = value
        }

        enum CodingKeys: String, CodingKey { case key, value }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(String.self, forKey: .key)
            value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
        }
    }

    /// A zone of a region. `instanceTypes` lists the types it sells (empty: any type);
    /// `instanceCapacity` is the most instances that may exist in it at once (absent: no
    /// limit), beyond which `RunInstances` answers `OperationDenied.NoStock`, or creates fewer
    /// when `MinAmount` allows.
    public struct Zone: Codable, Sendable, Hashable {
        public var zoneId: String
        public var regionId: String
        public var localName: String?
        public var instanceTypes: [String]
        public var instanceCapacity: Int?

        public init(zoneId: String, regionId: String, localName: String? = nil, instanceTypes: [String] = [], instanceCapacity: Int? = nil) {
            self.zoneId = zoneId
            self.regionId = regionId
            self.localName = localName
            self.instanceTypes = instanceTypes
            self.instanceCapacity = instanceCapacity
        }

        enum CodingKeys: String, CodingKey { case zoneId, regionId, localName, instanceTypes, instanceCapacity }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            zoneId = try container.decode(String.self, forKey: .zoneId)
            regionId = try container.decode(String.self, forKey: .regionId)
            localName = try container.decodeIfPresent(String.self, forKey: .localName)
            instanceTypes = try container.decodeIfPresent([String].self, forKey: .instanceTypes) ?? []
            instanceCapacity = try container.decodeIfPresent(Int.self, forKey: .instanceCapacity)
        }
    }

    /// A vSwitch: a subnet of a VPC in one zone (its region and owner are the VPC's).
    public struct VSwitch: Codable, Sendable, Hashable {
        public var vSwitchId: String
        public var vpcId: String
        public var zoneId: String
        /// IPv4 CIDR block, e.g. `172.16.0.0/20` (default `172.16.0.0/24`).
        public var cidrBlock: String
        public var vSwitchName: String?
        public var isDefault: Bool

        public init(vSwitchId: String, vpcId: String, zoneId: String, cidrBlock: String = "172.16.0.0/24", vSwitchName: String? = nil, isDefault: Bool = false) {
            self.vSwitchId = vSwitchId
            self.vpcId = vpcId
            self.zoneId = zoneId
            self.cidrBlock = cidrBlock
            self.vSwitchName = vSwitchName
            self.isDefault = isDefault
        }

        enum CodingKeys: String, CodingKey { case vSwitchId, vpcId, zoneId, cidrBlock, vSwitchName, isDefault }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            vSwitchId = try container.decode(String.self, forKey: .vSwitchId)
            vpcId = try container.decode(String.self, forKey: .vpcId)
            zoneId = try container.decode(String.self, forKey: .zoneId)
            cidrBlock = try container.decodeIfPresent(String.self, forKey: .cidrBlock) ?? "172.16.0.0/24"
            vSwitchName = try container.decodeIfPresent(String.self, forKey: .vSwitchName)
            isDefault = try container.decodeIfPresent(Bool.self, forKey: .isDefault) ?? false
        }
    }

    /// A security group: of a VPC (`vpcId`), or of the classic network (none).
    /// `securityGroupType` is `normal` (default) or `enterprise`.
    public struct SecurityGroup: Codable, Sendable, Hashable {
        public var securityGroupId: String
        public var regionId: String
        public var owner: String
        public var vpcId: String?
        public var securityGroupName: String?
        public var description: String?
        public var securityGroupType: String
        public var tags: [Tag]
        public var creationTime: Date?

        public init(
            securityGroupId: String, regionId: String, owner: String, vpcId: String? = nil, securityGroupName: String? = nil,
            description: String? = nil, securityGroupType: String = "normal", tags: [Tag] = [], creationTime: Date? = nil
        ) {
            self.securityGroupId = securityGroupId
            self.regionId = regionId
            self.owner = owner
            self.vpcId = vpcId
            self.securityGroupName = securityGroupName
            self.description = description
            self.securityGroupType = securityGroupType
            self.tags = tags
            self.creationTime = creationTime
        }

        enum CodingKeys: String, CodingKey {
            case securityGroupId, regionId, owner, vpcId, securityGroupName, description, securityGroupType, tags, creationTime
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            securityGroupId = try container.decode(String.self, forKey: .securityGroupId)
            regionId = try container.decode(String.self, forKey: .regionId)
            owner = try container.decode(String.self, forKey: .owner)
            vpcId = try container.decodeIfPresent(String.self, forKey: .vpcId)
            securityGroupName = try container.decodeIfPresent(String.self, forKey: .securityGroupName)
            description = try container.decodeIfPresent(String.self, forKey: .description)
            securityGroupType = try container.decodeIfPresent(String.self, forKey: .securityGroupType) ?? "normal"
            tags = try container.decodeIfPresent([Tag].self, forKey: .tags) ?? []
            creationTime = try container.decodeIfPresent(Date.self, forKey: .creationTime)
        }
    }

    /// A RAM role (`acs:ram::<account>:role/<name>`): STS issues temporary credentials acting
    /// for `account` to callers of the same account (`AssumeRole`, with the `externalId` when
    /// one is set) or holding a token of a trusted OIDC provider (`AssumeRoleWithOIDC`).
    public struct Role: Codable, Sendable, Hashable {
        public var roleArn: String
        public var account: String
        public var externalId: String?
        /// The longest `DurationSeconds` allowed (default 3600).
        public var maxSessionDuration: Int?

        public init(roleArn: String, account: String, externalId: String? = nil, maxSessionDuration: Int? = nil) {
            self.roleArn = roleArn
            self.account = account
            self.externalId = externalId
            self.maxSessionDuration = maxSessionDuration
        }
    }

    /// An OIDC provider (`acs:ram::<account>:oidc-provider/<name>`) and the tokens it vouches
    /// for (absent: any non-empty token).
    public struct OIDCProvider: Codable, Sendable, Hashable {
        public var oidcProviderArn: String
        public var tokens: [String]?

        public init(oidcProviderArn: String, tokens: [String]? = nil) {
            self.oidcProviderArn = oidcProviderArn
            self.tokens = tokens
        }
    }

    public struct AccessKey: Codable, Sendable, Hashable {
        public var accessKeyId: String
        public var accessKeySecret: String
        /// The account (owner ID) whose resources the key acts on.
        public var account: String
        /// Set for STS credentials: requests must carry this token.
        public var securityToken: String?
        /// When the STS token stops being accepted (`yyyy-MM-ddTHH:mm:ssZ`); no expiry when absent.
        public var expiration: Date?

        public init(accessKeyId: String, accessKeySecret: String, account: String, securityToken: String? = nil, expiration: Date? = nil) {
            self.accessKeyId = accessKeyId
            self.accessKeySecret = accessKeySecret
            self.account = account
            self.securityToken = securityToken
            self.expiration = expiration
        }
    }

    public struct VPC: Codable, Sendable, Hashable {
        public var vpcId: String
        public var regionId: String
        public var owner: String
        public var classicLinkEnabled: Bool

        public init(vpcId: String, regionId: String, owner: String, classicLinkEnabled: Bool) {
            self.vpcId = vpcId
            self.regionId = regionId
            self.owner = owner
            self.classicLinkEnabled = classicLinkEnabled
        }

        enum CodingKeys: String, CodingKey {
            case vpcId, regionId, owner, classicLinkEnabled
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            vpcId = try container.decode(String.self, forKey: .vpcId)
            regionId = try container.decode(String.self, forKey: .regionId)
            owner = try container.decode(String.self, forKey: .owner)
            classicLinkEnabled = try container.decodeIfPresent(Bool.self, forKey: .classicLinkEnabled) ?? false
        }
    }

    public enum NetworkType: String, Codable, Sendable, Hashable, CaseIterable {
        case classic
        case vpc
    }

    /// An instance. `networkType` may be left out: `vpc` when the instance has a `vSwitchId` or
    /// `vpcId`, else `classic`. `status` is the status it starts in (a transitional one such as
    /// `Starting` stays until a call changes it). The lifecycle fields (zone, vSwitch, security
    /// groups, name, type, image, tags, creation time, deletion protection) are optional.
    public struct Instance: Codable, Sendable, Hashable {
        public var instanceId: String
        public var regionId: String
        public var owner: String
        public var networkType: NetworkType
        /// `Pending`, `Running`, `Starting`, `Stopping`, `Stopped` (any string is kept).
        public var status: String
        /// Whether the instance is busy with another task (`InvalidStatus.InstanceLocked` for
        /// ClassicLink, `InstanceLockedForSecurity` for start, stop, reboot and delete).
        public var locked: Bool
        public var zoneId: String?
        public var vpcId: String?
        public var vSwitchId: String?
        public var securityGroupIds: [String]
        public var instanceName: String?
        public var instanceType: String?
        public var imageId: String?
        public var hostName: String?
        public var description: String?
        public var tags: [Tag]
        public var creationTime: Date?
        /// `DeleteInstance(s)` answers `InvalidOperation.DeletionProtection` while set.
        public var deletionProtection: Bool

        public init(
            instanceId: String, regionId: String, owner: String, networkType: NetworkType, status: String, locked: Bool = false,
            zoneId: String? = nil, vpcId: String? = nil, vSwitchId: String? = nil, securityGroupIds: [String] = [],
            instanceName: String? = nil, instanceType: String? = nil, imageId: String? = nil, hostName: String? = nil,
            description: String? = nil, tags: [Tag] = [], creationTime: Date? = nil, deletionProtection: Bool = false
        ) {
            self.instanceId = instanceId
            self.regionId = regionId
            self.owner = owner
            self.networkType = networkType
            self.status = status
            self.locked = locked
            self.zoneId = zoneId
            self.vpcId = vpcId
            self.vSwitchId = vSwitchId
            self.securityGroupIds = securityGroupIds
            self.instanceName = instanceName
            self.instanceType = instanceType
            self.imageId = imageId
            self.hostName = hostName
            self.description = description
            self.tags = tags
            self.creationTime = creationTime
            self.deletionProtection = deletionProtection
        }

        enum CodingKeys: String, CodingKey {
            case instanceId, regionId, owner, networkType, status, locked, zoneId, vpcId, vSwitchId, securityGroupIds, instanceName,
                instanceType, imageId, hostName, description, tags, creationTime, deletionProtection
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            instanceId = try container.decode(String.self, forKey: .instanceId)
            regionId = try container.decode(String.self, forKey: .regionId)
            owner = try container.decode(String.self, forKey: .owner)
            status = try container.decode(String.self, forKey: .status)
            locked = try container.decodeIfPresent(Bool.self, forKey: .locked) ?? false
            zoneId = try container.decodeIfPresent(String.self, forKey: .zoneId)
            vpcId = try container.decodeIfPresent(String.self, forKey: .vpcId)
            vSwitchId = try container.decodeIfPresent(String.self, forKey: .vSwitchId)
            networkType = try container.decodeIfPresent(NetworkType.self, forKey: .networkType)
                ?? (vSwitchId != nil || vpcId != nil ? .vpc : .classic)
            securityGroupIds = try container.decodeIfPresent([String].self, forKey: .securityGroupIds) ?? []
            instanceName = try container.decodeIfPresent(String.self, forKey: .instanceName)
            instanceType = try container.decodeIfPresent(String.self, forKey: .instanceType)
            imageId = try container.decodeIfPresent(String.self, forKey: .imageId)
            hostName = try container.decodeIfPresent(String.self, forKey: .hostName)
            description = try container.decodeIfPresent(String.self, forKey: .description)
            tags = try container.decodeIfPresent([Tag].self, forKey: .tags) ?? []
            creationTime = try container.decodeIfPresent(Date.self, forKey: .creationTime)
            deletionProtection = try container.decodeIfPresent(Bool.self, forKey: .deletionProtection) ?? false
        }
    }

    public struct Link: Codable, Sendable, Hashable {
        public var instanceId: String
        public var vpcId: String

        public init(instanceId: String, vpcId: String) {
            self.instanceId = instanceId
            self.vpcId = vpcId
        }
    }

    enum CodingKeys: String, CodingKey {
        case regions, accessKeys, vpcs, instances, links, roles, oidcProviders, zones, vswitches, securityGroups
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        regions = try container.decode([String].self, forKey: .regions)
        accessKeys = try container.decode([AccessKey].self, forKey: .accessKeys)
        vpcs = try container.decodeIfPresent([VPC].self, forKey: .vpcs) ?? []
        instances = try container.decodeIfPresent([Instance].self, forKey: .instances) ?? []
        links = try container.decodeIfPresent([Link].self, forKey: .links) ?? []
        roles = try container.decodeIfPresent([Role].self, forKey: .roles) ?? []
        oidcProviders = try container.decodeIfPresent([OIDCProvider].self, forKey: .oidcProviders) ?? []
        zones = try container.decodeIfPresent([Zone].self, forKey: .zones) ?? []
        vswitches = try container.decodeIfPresent([VSwitch].self, forKey: .vswitches) ?? []
        securityGroups = try container.decodeIfPresent([SecurityGroup].self, forKey: .securityGroups) ?? []
    }
}

/// A fixture that cannot be used: which file, and what is wrong where.
public struct EmulatorFixtureError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The file, or `nil` for a fixture built in code.
    public var file: String?
    /// What is wrong, e.g. `instances[3].regionId: region "cn-nowhere" is not in "regions"`.
    public var problems: [String]

    public init(file: String?, problems: [String]) {
        self.file = file
        self.problems = problems
    }

    public var description: String {
        let place = file ?? "fixture"
        return problems.map { "\(place): error: \($0)" }.joined(separator: "\n")
    }
}

extension EmulatorFixture {
    /// The emulator's default ClassicLink quota: 1000 linked instances per VPC, as the API
    /// document says.
    public static let classicLinkQuotaPerVPC = 1000

    /// Reads and checks a fixture file.
    public static func load(contentsOf url: URL) throws(EmulatorFixtureError) -> EmulatorFixture {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw EmulatorFixtureError(file: url.path, problems: ["cannot read the file: \(error.localizedDescription)"])
        }
        return try decode(data, file: url.path)
    }

    /// Decodes and checks a fixture; `file` names it in errors.
    public static func decode(_ data: Data, file: String?) throws(EmulatorFixtureError) -> EmulatorFixture {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let fixture: EmulatorFixture
        do {
            fixture = try decoder.decode(EmulatorFixture.self, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let syntax = Self.syntaxError(in: data) {
                throw EmulatorFixtureError(file: file, problems: ["not valid JSON: \(syntax)"])
            }
            throw EmulatorFixtureError(file: file, problems: [Self.describe(error)])
        } catch {
            throw EmulatorFixtureError(file: file, problems: ["\(error)"])
        }
        let problems = fixture.validate()
        if !problems.isEmpty { throw EmulatorFixtureError(file: file, problems: problems) }
        return fixture
    }

    /// The fixture as JSON (dates in ISO 8601), e.g. to write one for a separate emulator process.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// What is inconsistent: duplicates, references to unknown regions, accounts or IDs, an
    /// instance linked twice, a link that the rules could never have made.
    public func validate() -> [String] {
        var problems: [String] = []
        if regions.isEmpty { problems.append("regions: at least one region is needed") }
        let regionSet = Set(regions)
        for (index, region) in regions.enumerated() where regions.firstIndex(of: region) != index {
            problems.append("regions[\(index)]: duplicate region \"\(region)\"")
        }

        if accessKeys.isEmpty { problems.append("accessKeys: at least one access key is needed") }
        var keyIds: Set<String> = []
        for (index, key) in accessKeys.enumerated() {
            if key.accessKeyId.isEmpty { problems.append("accessKeys[\(index)].accessKeyId: empty") }
            if key.accessKeySecret.isEmpty { problems.append("accessKeys[\(index)].accessKeySecret: empty") }
            if key.account.isEmpty { problems.append("accessKeys[\(index)].account: empty") }
            if !keyIds.insert(key.accessKeyId).inserted {
                problems.append("accessKeys[\(index)].accessKeyId: duplicate \"\(key.accessKeyId)\"")
            }
            if key.expiration != nil && key.securityToken == nil {
                problems.append("accessKeys[\(index)].expiration: only an STS key (with securityToken) expires")
            }
            if let token = key.securityToken, token.isEmpty {
                problems.append("accessKeys[\(index)].securityToken: empty")
            }
        }

        var vpcsById: [String: VPC] = [:]
        for (index, vpc) in vpcs.enumerated() {
            if vpc.vpcId.isEmpty { problems.append("vpcs[\(index)].vpcId: empty") }
            if !regionSet.contains(vpc.regionId) {
                problems.append("vpcs[\(index)].regionId: region \"\(vpc.regionId)\" is not in \"regions\"")
            }
            if vpcsById.updateValue(vpc, forKey: vpc.vpcId) != nil {
                problems.append("vpcs[\(index)].vpcId: duplicate \"\(vpc.vpcId)\"")
            }
        }

        var zonesById: [String: Zone] = [:]
        for (index, zone) in zones.enumerated() {
            if zone.zoneId.isEmpty { problems.append("zones[\(index)].zoneId: empty") }
            if !regionSet.contains(zone.regionId) {
                problems.append("zones[\(index)].regionId: region \"\(zone.regionId)\" is not in \"regions\"")
            }
            if zonesById.updateValue(zone, forKey: zone.zoneId) != nil {
                problems.append("zones[\(index)].zoneId: duplicate \"\(zone.zoneId)\"")
            }
            if let capacity = zone.instanceCapacity, capacity < 0 {
                problems.append("zones[\(index)].instanceCapacity: \(capacity) is negative")
            }
        }
        if zones.isEmpty {
            for zone in effectiveZones { zonesById[zone.zoneId] = zone }
        }

        var vswitchesById: [String: VSwitch] = [:]
        for (index, vswitch) in vswitches.enumerated() {
            let place = "vswitches[\(index)]"
            if vswitch.vSwitchId.isEmpty { problems.append("\(place).vSwitchId: empty") }
            if vswitchesById.updateValue(vswitch, forKey: vswitch.vSwitchId) != nil {
                problems.append("\(place).vSwitchId: duplicate \"\(vswitch.vSwitchId)\"")
            }
            let vpc = vpcsById[vswitch.vpcId]
            if vpc == nil { problems.append("\(place).vpcId: no VPC \"\(vswitch.vpcId)\" in \"vpcs\"") }
            let zone = zonesById[vswitch.zoneId]
            if zone == nil { problems.append("\(place).zoneId: no zone \"\(vswitch.zoneId)\" (see \"zones\")") }
            if let vpc, let zone, vpc.regionId != zone.regionId {
                problems.append("\(place): zone \"\(zone.zoneId)\" (\(zone.regionId)) is not in the region of VPC \"\(vpc.vpcId)\" (\(vpc.regionId))")
            }
            if IPv4CIDR(vswitch.cidrBlock) == nil {
                problems.append("\(place).cidrBlock: \"\(vswitch.cidrBlock)\" is not an IPv4 CIDR block such as 172.16.0.0/24")
            }
        }

        var securityGroupsById: [String: SecurityGroup] = [:]
        for (index, group) in securityGroups.enumerated() {
            let place = "securityGroups[\(index)]"
            if group.securityGroupId.isEmpty { problems.append("\(place).securityGroupId: empty") }
            if securityGroupsById.updateValue(group, forKey: group.securityGroupId) != nil {
                problems.append("\(place).securityGroupId: duplicate \"\(group.securityGroupId)\"")
            }
            if !regionSet.contains(group.regionId) {
                problems.append("\(place).regionId: region \"\(group.regionId)\" is not in \"regions\"")
            }
            if let vpcId = group.vpcId {
                if let vpc = vpcsById[vpcId] {
                    if vpc.regionId != group.regionId || vpc.owner != group.owner {
                        problems.append("\(place).vpcId: VPC \"\(vpcId)\" is not in the group's region and account")
                    }
                } else {
                    problems.append("\(place).vpcId: no VPC \"\(vpcId)\" in \"vpcs\"")
                }
            }
            if !["normal", "enterprise"].contains(group.securityGroupType) {
                problems.append("\(place).securityGroupType: \"\(group.securityGroupType)\" is not normal or enterprise")
            }
            problems += Self.tagProblems(group.tags, place: place)
        }

        var instancesById: [String: Instance] = [:]
        for (index, instance) in instances.enumerated() {
            let place = "instances[\(index)]"
            if instance.instanceId.isEmpty { problems.append("instances[\(index)].instanceId: empty") }
            if !regionSet.contains(instance.regionId) {
                problems.append("instances[\(index)].regionId: region \"\(instance.regionId)\" is not in \"regions\"")
            }
            if instancesById.updateValue(instance, forKey: instance.instanceId) != nil {
                problems.append("instances[\(index)].instanceId: duplicate \"\(instance.instanceId)\"")
            }
            if let zoneId = instance.zoneId, zonesById[zoneId]?.regionId != instance.regionId {
                problems.append("\(place).zoneId: no zone \"\(zoneId)\" in region \"\(instance.regionId)\" (see \"zones\")")
            }
            if let vSwitchId = instance.vSwitchId {
                if let vswitch = vswitchesById[vSwitchId] {
                    if let vpcId = instance.vpcId, vpcId != vswitch.vpcId {
                        problems.append("\(place).vpcId: \"\(vpcId)\" is not the VPC of vSwitch \"\(vSwitchId)\" (\(vswitch.vpcId))")
                    }
                    if let zoneId = instance.zoneId, zoneId != vswitch.zoneId {
                        problems.append("\(place).zoneId: \"\(zoneId)\" is not the zone of vSwitch \"\(vSwitchId)\" (\(vswitch.zoneId))")
                    }
                    if let vpc = vpcsById[vswitch.vpcId], vpc.regionId != instance.regionId || vpc.owner != instance.owner {
                        problems.append("\(place).vSwitchId: vSwitch \"\(vSwitchId)\" is not in the instance's region and account")
                    }
                } else {
                    problems.append("\(place).vSwitchId: no vSwitch \"\(vSwitchId)\" in \"vswitches\"")
                }
                if instance.networkType == .classic {
                    problems.append("\(place).networkType: a classic network instance has no vSwitch")
                }
            } else if let vpcId = instance.vpcId, vpcsById[vpcId] == nil {
                problems.append("\(place).vpcId: no VPC \"\(vpcId)\" in \"vpcs\"")
            }
            for (groupIndex, groupId) in instance.securityGroupIds.enumerated() {
                guard let group = securityGroupsById[groupId] else {
                    problems.append("\(place).securityGroupIds[\(groupIndex)]: no security group \"\(groupId)\" in \"securityGroups\"")
                    continue
                }
                let instanceVPC = instance.vpcId ?? instance.vSwitchId.flatMap { vswitchesById[$0]?.vpcId }
                if group.regionId != instance.regionId || group.owner != instance.owner || group.vpcId != instanceVPC {
                    problems.append(
                        "\(place).securityGroupIds[\(groupIndex)]: security group \"\(groupId)\" is not in the instance's region, account and network")
                }
            }
            problems += Self.tagProblems(instance.tags, place: place)
        }

        var linked: Set<String> = []
        var perVPC: [String: Int] = [:]
        for (index, link) in links.enumerated() {
            guard let instance = instancesById[link.instanceId] else {
                problems.append("links[\(index)].instanceId: no instance \"\(link.instanceId)\" in \"instances\"")
                continue
            }
            guard let vpc = vpcsById[link.vpcId] else {
                problems.append("links[\(index)].vpcId: no VPC \"\(link.vpcId)\" in \"vpcs\"")
                continue
            }
            if !linked.insert(link.instanceId).inserted {
                problems.append("links[\(index)].instanceId: \"\(link.instanceId)\" is linked more than once")
            }
            if instance.networkType != .classic {
                problems.append("links[\(index)]: instance \"\(link.instanceId)\" is not a classic network instance")
            }
            if !vpc.classicLinkEnabled {
                problems.append("links[\(index)]: VPC \"\(link.vpcId)\" does not have ClassicLink enabled")
            }
            if instance.regionId != vpc.regionId {
                problems.append("links[\(index)]: instance \"\(link.instanceId)\" (\(instance.regionId)) and VPC \"\(link.vpcId)\" (\(vpc.regionId)) are in different regions")
            }
            perVPC[link.vpcId, default: 0] += 1
        }
        for (vpcId, count) in perVPC.sorted(by: { $0.key < $1.key }) where count > Self.classicLinkQuotaPerVPC {
            problems.append("links: VPC \"\(vpcId)\" has \(count) links, more than the quota of \(Self.classicLinkQuotaPerVPC)")
        }
        for (index, role) in roles.enumerated() {
            if !role.roleArn.hasPrefix("acs:ram::") || !role.roleArn.contains(":role/") {
                problems.append("roles[\(index)].roleArn: \"\(role.roleArn)\" is not acs:ram::<account>:role/<name>")
            }
            if !accessKeys.contains(where: { $0.account == role.account }) {
                problems.append("roles[\(index)].account: no access key acts for account \"\(role.account)\"")
            }
        }
        for (index, provider) in oidcProviders.enumerated() where !provider.oidcProviderArn.contains(":oidc-provider/") {
            problems.append("oidcProviders[\(index)].oidcProviderArn: \"\(provider.oidcProviderArn)\" is not acs:ram::<account>:oidc-provider/<name>")
        }
        return problems
    }

    /// Tags as ECS accepts them: at most 20, keys unique and not empty.
    static func tagProblems(_ tags: [Tag], place: String) -> [String] {
        var problems: [String] = []
        if tags.count > 20 { problems.append("\(place).tags: \(tags.count) tags, more than 20") }
        var keys: Set<String> = []
        for (index, tag) in tags.enumerated() {
            if tag.key.isEmpty { problems.append("\(place).tags[\(index)].key: empty") }
            if !keys.insert(tag.key).inserted { problems.append("\(place).tags[\(index)].key: duplicate \"\(tag.key)\"") }
        }
        return problems
    }

    /// What JSONSerialization says is wrong with `data`, with "character N" turned into a line
    /// and column; `nil` when it parses.
    static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            guard let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
                  let offset = Int(detail[range].dropFirst("character ".count))
            else { return detail }
            let prefix = data.prefix(offset)
            let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let column = offset - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 - prefix.startIndex + 1 } ?? 0) + 1
            return detail + " (line \(line), column \(column))"
        }
    }

    /// A `DecodingError` as `path: what` (e.g. `instances[2].networkType: …`).
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : "." + key.stringValue
                }
            }
            return text.isEmpty ? "top level" : text
        }
        switch error {
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            let detail = [context.debugDescription, underlying].compactMap { $0 }.joined(separator: ": ")
            return "\(path(context.codingPath)): \(detail)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required key \"\(key.stringValue)\" is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type) (\(context.debugDescription))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        @unknown default:
            return "\(error)"
        }
    }
}

/// An IPv4 CIDR block (`172.16.0.0/24`).
struct IPv4CIDR: Sendable, Hashable {
    var base: UInt32
    var prefixLength: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix) else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let byte = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        base = value
        prefixLength = prefix
    }

    /// Addresses an instance may take: all but the first and the last three (ECS reserves four
    /// per vSwitch).
    var usableAddressCount: Int { max(0, (1 << (32 - prefixLength)) - 4) }

    /// The `index`-th usable address (from the block's second address on), as text.
    func address(at index: Int) -> String {
        let value = base &+ UInt32(truncatingIfNeeded: index + 1)
        return "\(value >> 24 & 255).\(value >> 16 & 255).\(value >> 8 & 255).\(value & 255)"
    }
}
