import APIGenRuntime
import Foundation

/// Step 3 of the default chain: a profile of the Alibaba Cloud CLI's configuration file,
/// `ALIBABA_CLOUD_CONFIG_FILE` or `~/.aliyun/config.json`.
///
/// The profile is `ALIBABA_CLOUD_PROFILE`, else the file's `current`. Skipped when
/// `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true` or when the file does not exist; every other
/// problem is an error naming the file, the profile and the key (or the line, for JSON that
/// does not parse).
///
/// | mode | keys |
/// |---|---|
/// | `AK` | `access_key_id`, `access_key_secret` |
/// | `StsToken` | `access_key_id`, `access_key_secret`, `sts_token` |
/// | `RamRoleArn` | `access_key_id`, `access_key_secret`, `ram_role_arn`; optional `ram_session_name`, `expired_seconds`, `policy`, `external_id`, `sts_region`, `enable_vpc` |
/// | `EcsRamRole` | optional `ram_role_name` (discovered from the metadata service otherwise) |
/// | `OIDC` | `ram_role_arn`, `oidc_provider_arn`, `oidc_token_file`; optional `role_session_name` (or `ram_session_name`), `expired_seconds`, `policy`, `sts_region`, `enable_vpc` |
/// | `ChainableRamRoleArn` | `source_profile`, `ram_role_arn`; optional as `RamRoleArn`. The source profile may itself chain; a cycle is an error |
///
/// `CloudSSO`, `OAuth` and `External` (browser and process logins of the CLI) are not
/// supported: such a profile is an error naming the profile and the mode.
public enum CLIProfileCredentials {
    static let source = "cli_profile"
    public static let supportedModes = ["AK", "StsToken", "RamRoleArn", "EcsRamRole", "OIDC", "ChainableRamRoleArn"]

    /// The file the chain reads.
    public static func path(_ configuration: CredentialsConfiguration) -> String {
        configuration.variable(EnvironmentVariables.configFile)
            ?? (configuration.home as NSString).appendingPathComponent(".aliyun/config.json")
    }

    static func step(_ configuration: CredentialsConfiguration) -> ChainStep.Outcome {
        if configuration.flag(EnvironmentVariables.cliProfileDisabled) {
            return .skipped("\(EnvironmentVariables.cliProfileDisabled)=true")
        }
        let path = path(configuration)
        guard CredentialsFileAccess.exists(path) else { return .skipped("\(path) does not exist") }
        do {
            return .provider(try provider(file: path, profile: configuration.variable(EnvironmentVariables.profile), configuration: configuration))
        } catch {
            return .failed("\(error)")
        }
    }

    /// A provider for one profile of a CLI configuration file (`profile` nil: the file's
    /// `current`).
    public static func provider(
        file path: String, profile requested: String?, configuration: CredentialsConfiguration
    ) throws(CredentialsFileError) -> CredentialsProvider {
        let file = try CLIConfigFile.load(path, configuration: configuration)
        guard let name = requested ?? file.current else {
            throw CredentialsFileError(
                path: path, "no profile is named: set \(EnvironmentVariables.profile), or 'current' in the file")
        }
        return try file.provider(for: name, configuration: configuration, visited: [])
    }
}

/// The parsed `config.json`: `{"current": "…", "profiles": [{"name": "…", "mode": "…", …}]}`.
struct CLIConfigFile {
    let path: String
    let current: String?
    let profiles: [(name: String, index: Int, fields: [String: JSONField])]

    static func load(_ path: String, configuration: CredentialsConfiguration) throws(CredentialsFileError) -> CLIConfigFile {
        let text = try CredentialsFileAccess.contents(path, logger: configuration.logger)
        let parsed: JSONField
        do {
            // JSONSerialization for its error positions, JSONDecoder for values that keep
            // `true` apart from `1`.
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8))
            parsed = try JSONDecoder().decode(JSONField.self, from: Data(text.utf8))
        } catch {
            throw JSONProblem.error(path: path, text: text, error: error)
        }
        guard case .object(let root) = parsed else {
            throw CredentialsFileError(path: path, "is not a JSON object ({\"current\": …, \"profiles\": […]})")
        }
        var current: String?
        if let value = root["current"], value != .null {
            guard case .string(let string) = value else { throw CredentialsFileError(path: path, "'current' must be a string") }
            current = string.isEmpty ? nil : string
        }
        guard let list = root["profiles"] else { throw CredentialsFileError(path: path, "has no 'profiles'") }
        guard case .array(let array) = list else { throw CredentialsFileError(path: path, "'profiles' must be an array") }
        var profiles: [(String, Int, [String: JSONField])] = []
        for (index, element) in array.enumerated() {
            guard case .object(let fields) = element else {
                throw CredentialsFileError(path: path, "profiles[\(index)] is not an object")
            }
            guard case .string(let name)? = fields["name"], !name.isEmpty else {
                throw CredentialsFileError(path: path, "profiles[\(index)] has no 'name'")
            }
            profiles.append((name, index, fields))
        }
        return CLIConfigFile(path: path, current: current, profiles: profiles)
    }

    func provider(
        for name: String, configuration: CredentialsConfiguration, visited: [String]
    ) throws(CredentialsFileError) -> CredentialsProvider {
        if visited.contains(name) {
            throw CredentialsFileError(
                path: path, "source_profile cycle: " + (visited + [name]).map { "'\($0)'" }.joined(separator: " → "))
        }
        guard let profile = profiles.first(where: { $0.name == name }) else {
            throw CredentialsFileError(
                path: path, "no profile named '\(name)' (profiles: \(profiles.map(\.name).joined(separator: ", ")))")
        }
        let reader = ProfileReader(path: path, profile: name, index: profile.index, fields: profile.fields)
        let mode = try reader.required("mode")
        let source = "cli_profile(\(name))"
        switch mode {
        case "AK":
            let credentials = Credentials(
                accessKeyId: try reader.required("access_key_id"), accessKeySecret: try reader.required("access_key_secret"))
            return CredentialsProvider(name: "\(source)/AK") { credentials }
        case "StsToken":
            let credentials = Credentials(
                accessKeyId: try reader.required("access_key_id"), accessKeySecret: try reader.required("access_key_secret"),
                securityToken: try reader.required("sts_token"))
            return CredentialsProvider(name: "\(source)/StsToken") { credentials }
        case "RamRoleArn":
            let base = Credentials(
                accessKeyId: try reader.required("access_key_id"), accessKeySecret: try reader.required("access_key_secret"))
            let parameters = try reader.roleParameters(sessionNameKeys: ["ram_session_name"], externalId: true)
            return try reader.wrap { () throws(CredentialsSourceError) -> CredentialsProvider in
                try RAMRoleARNCredentials.provider(
                    source: CredentialsProvider(name: "\(source)/AK") { base }, parameters: parameters, configuration: configuration)
            }
        case "EcsRamRole":
            let role = try reader.optional("ram_role_name")
            let inner = ECSRAMRoleCredentials.provider(roleName: role, configuration: configuration)
            return inner.named("\(source)/\(inner.name)")
        case "OIDC":
            let parameters = try reader.roleParameters(sessionNameKeys: ["role_session_name", "ram_session_name"], externalId: false)
            let providerArn = try reader.required("oidc_provider_arn")
            let tokenFile = try reader.required("oidc_token_file")
            let inner = try reader.wrap { () throws(CredentialsSourceError) -> CredentialsProvider in
                try OIDCCredentials.provider(
                    providerArn: providerArn, tokenFile: tokenFile, parameters: parameters, configuration: configuration)
            }
            return inner.named("\(source)/\(inner.name)")
        case "ChainableRamRoleArn":
            let sourceName = try reader.required("source_profile")
            let inner = try self.provider(for: sourceName, configuration: configuration, visited: visited + [name])
            let parameters = try reader.roleParameters(sessionNameKeys: ["ram_session_name"], externalId: true)
            return try reader.wrap { () throws(CredentialsSourceError) -> CredentialsProvider in
                try RAMRoleARNCredentials.provider(source: inner, parameters: parameters, configuration: configuration)
            }
        default:
            let known = ["CloudSSO", "OAuth", "External"].contains(mode)
            throw CredentialsFileError(
                path: path,
                "profile '\(name)' has mode '\(mode)', which apigen \(known ? "does not support" : "does not know") "
                    + "(supported: \(CLIProfileCredentials.supportedModes.joined(separator: ", ")))")
        }
    }
}

/// Reads one profile's keys, each problem naming the file, the profile and the key.
struct ProfileReader {
    let path: String
    let profile: String
    let index: Int
    let fields: [String: JSONField]

    func problem(_ message: String) -> CredentialsFileError {
        CredentialsFileError(path: path, "profile '\(profile)' (profiles[\(index)]): \(message)")
    }

    func optional(_ key: String) throws(CredentialsFileError) -> String? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .string(let string) = value else { throw problem("'\(key)' must be a string") }
        return string.isEmpty ? nil : string
    }

    func required(_ key: String) throws(CredentialsFileError) -> String {
        guard let value = try optional(key) else { throw problem("'\(key)' is missing or empty") }
        return value
    }

    func integer(_ key: String) throws(CredentialsFileError) -> Int? {
        guard let value = fields[key], value != .null else { return nil }
        if case .number(let number) = value, number == number.rounded(), abs(number) < 1e12 { return Int(number) }
        throw problem("'\(key)' must be a whole number of seconds")
    }

    func boolean(_ key: String) throws(CredentialsFileError) -> Bool? {
        guard let value = fields[key], value != .null else { return nil }
        if case .bool(let flag) = value { return flag }
        throw problem("'\(key)' must be true or false")
    }

    func roleParameters(sessionNameKeys: [String], externalId: Bool) throws(CredentialsFileError) -> RoleParameters {
        var sessionName: String?
        for key in sessionNameKeys where sessionName == nil { sessionName = try optional(key) }
        let seconds = try integer("expired_seconds")
        return RoleParameters(
            roleArn: try required("ram_role_arn"),
            roleSessionName: sessionName,
            durationSeconds: (seconds ?? 0) == 0 ? RoleParameters.defaultDurationSeconds : seconds!,
            policy: try optional("policy"),
            externalId: externalId ? try optional("external_id") : nil,
            stsRegion: try optional("sts_region"),
            enableVPC: try boolean("enable_vpc"))
    }

    /// A source error (a bad duration, …) as a problem of this profile.
    func wrap(_ make: () throws(CredentialsSourceError) -> CredentialsProvider) throws(CredentialsFileError) -> CredentialsProvider {
        do {
            return try make()
        } catch {
            throw problem(error.message)
        }
    }
}

/// Where a JSON syntax error is: Foundation's message names a line and column on some
/// platforms and only a byte offset on others; both become `path:line: …`.
enum JSONProblem {
    static func error(path: String, text: String, error: any Error) -> CredentialsFileError {
        let nsError = error as NSError
        let detail = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        if let range = detail.range(of: #"line (\d+)"#, options: .regularExpression),
            let line = Int(detail[range].dropFirst(5))
        {
            return CredentialsFileError(path: path, line: line, "not valid JSON: \(detail)")
        }
        var offset = nsError.userInfo["NSJSONSerializationErrorIndex"] as? Int
        if offset == nil, let range = detail.range(of: #"character (\d+)"#, options: .regularExpression) {
            offset = Int(detail[range].dropFirst(10))
        }
        if let offset {
            let line = text.utf8.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count + 1
            return CredentialsFileError(path: path, line: line, "not valid JSON: \(detail)")
        }
        return CredentialsFileError(path: path, "not valid JSON: \(detail)")
    }
}

/// A JSON value as the CLI file holds it: strings, numbers and booleans told apart.
indirect enum JSONField: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONField])
    case object([String: JSONField])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONField].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONField].self))
        }
    }
}
