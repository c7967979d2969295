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

    public init(
        regions: [String], accessKeys: [AccessKey], vpcs: [VPC] = [], instances: [Instance] = [], links: [Link] = [],
        roles: [Role] = [], oidcProviders: [OIDCProvider] = []
    ) {
        self.regions = regions
        self.accessKeys = accessKeys
        self.vpcs = vpcs
        self.instances = instances
        self.links = links
        self.roles = roles
        self.oidcProviders = oidcProviders
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

    public struct Instance: Codable, Sendable, Hashable {
        public var instanceId: String
        public var regionId: String
        public var owner: String
        public var networkType: NetworkType
        /// `Pending`, `Running`, `Starting`, `Stopping`, `Stopped` (any string is kept).
        public var status: String
        /// Whether the instance is busy with another task (`InvalidStatus.InstanceLocked`).
        public var locked: Bool

        public init(instanceId: String, regionId: String, owner: String, networkType: NetworkType, status: String, locked: Bool = false) {
            self.instanceId = instanceId
            self.regionId = regionId
            self.owner = owner
            self.networkType = networkType
            self.status = status
            self.locked = locked
        }

        enum CodingKeys: String, CodingKey {
            case instanceId, regionId, owner, networkType, status, locked
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            instanceId = try container.decode(String.self, forKey: .instanceId)
            regionId = try container.decode(String.self, forKey: .regionId)
            owner = try container.decode(String.self, forKey: .owner)
            networkType = try container.decode(NetworkType.self, forKey: .networkType)
            status = try container.decode(String.self, forKey: .status)
            locked = try container.decodeIfPresent(Bool.self, forKey: .locked) ?? false
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
        case regions, accessKeys, vpcs, instances, links, roles, oidcProviders
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

        var instancesById: [String: Instance] = [:]
        for (index, instance) in instances.enumerated() {
            if instance.instanceId.isEmpty { problems.append("instances[\(index)].instanceId: empty") }
            if !regionSet.contains(instance.regionId) {
                problems.append("instances[\(index)].regionId: region \"\(instance.regionId)\" is not in \"regions\"")
            }
            if instancesById.updateValue(instance, forKey: instance.instanceId) != nil {
                problems.append("instances[\(index)].instanceId: duplicate \"\(instance.instanceId)\"")
            }
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
