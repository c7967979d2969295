import APIGenRuntime
import Foundation

/// Step 4 of the default chain: a section of the shared credentials file, an INI file:
/// `ALIBABA_CLOUD_CREDENTIALS_FILE`, else `~/.alibabacloud/credentials`, else
/// `~/.alibabacloud/credentials.ini` (Go reads the first name, Java and Python the second;
/// apigen reads either, the first when both exist, with a warning).
///
/// The section is `ALIBABA_CLOUD_PROFILE`, else `default`; its `type` says what it holds:
///
/// | type | keys |
/// |---|---|
/// | `access_key` | `access_key_id`, `access_key_secret` |
/// | `ecs_ram_role` | optional `role_name` |
/// | `ram_role_arn` | `access_key_id`, `access_key_secret`, `role_arn`; optional `role_session_name`, `policy`, `duration_seconds`, `external_id` |
/// | `oidc_role_arn` | `role_arn`, `oidc_provider_arn`, `oidc_token_file_path`; optional `role_session_name`, `policy`, `duration_seconds` |
///
/// Skipped when no file exists (a file named by the variable must exist). The syntax is plain:
/// `[section]`, `key = value`, and comment lines starting with `#` or `;`. A value is everything
/// after `=`, trimmed: `#` and `%` inside it are kept (Python's configparser cuts the first and
/// rejects the second).
public enum CredentialsFileCredentials {
    static let source = "credentials_file"
    public static let supportedTypes = ["access_key", "ecs_ram_role", "ram_role_arn", "oidc_role_arn"]

    /// The file the chain reads, or `nil` when there is none (and none is named).
    public static func path(_ configuration: CredentialsConfiguration) -> (path: String?, note: String) {
        if let named = configuration.variable(EnvironmentVariables.credentialsFile) {
            return (named, "")
        }
        let directory = (configuration.home as NSString).appendingPathComponent(".alibabacloud")
        let plain = (directory as NSString).appendingPathComponent("credentials")
        let ini = (directory as NSString).appendingPathComponent("credentials.ini")
        switch (CredentialsFileAccess.exists(plain), CredentialsFileAccess.exists(ini)) {
        case (true, true):
            configuration.logger.warning(
                "both credentials files exist; reading the first, ignoring the second",
                metadata: ["file": "\(plain)", "ignored": "\(ini)"])
            return (plain, "")
        case (true, false): return (plain, "")
        case (false, true): return (ini, "")
        case (false, false): return (nil, "neither \(plain) nor \(ini) exists")
        }
    }

    static func step(_ configuration: CredentialsConfiguration) -> ChainStep.Outcome {
        let (found, note) = path(configuration)
        guard let path = found else { return .skipped(note) }
        do {
            return .provider(
                try provider(
                    file: path, section: configuration.variable(EnvironmentVariables.profile) ?? "default",
                    configuration: configuration))
        } catch {
            return .failed("\(error)")
        }
    }

    /// A provider for one section of a credentials file.
    public static func provider(
        file path: String, section name: String, configuration: CredentialsConfiguration
    ) throws(CredentialsFileError) -> CredentialsProvider {
        let file = try INIFile.parse(CredentialsFileAccess.contents(path, logger: configuration.logger), path: path)
        guard let section = file.sections[name] else {
            throw CredentialsFileError(
                path: path,
                "has no section [\(name)]"
                    + (file.sections.isEmpty ? "" : " (sections: \(file.order.joined(separator: ", ")))"))
        }
        func problem(_ message: String, key: String? = nil) -> CredentialsFileError {
            CredentialsFileError(path: path, line: key.flatMap { section.lines[$0] } ?? section.line, "[\(name)]: \(message)")
        }
        func optional(_ key: String) -> String? {
            section.values[key].flatMap { $0.isEmpty ? nil : $0 }
        }
        func required(_ key: String, for type: String) throws(CredentialsFileError) -> String {
            guard let value = optional(key) else { throw problem("'\(key)' is missing or empty (type \(type) needs it)", key: key) }
            return value
        }
        func duration() throws(CredentialsFileError) -> Int {
            guard let text = optional("duration_seconds") else { return RoleParameters.defaultDurationSeconds }
            guard let seconds = Int(text) else { throw problem("'duration_seconds' must be a whole number", key: "duration_seconds") }
            return seconds
        }
        guard let type = optional("type") else { throw problem("'type' is missing (one of \(supportedTypes.joined(separator: ", ")))") }
        let source = "credentials_file[\(name)]"
        do {
            switch type {
            case "access_key":
                let credentials = Credentials(
                    accessKeyId: try required("access_key_id", for: type), accessKeySecret: try required("access_key_secret", for: type))
                return CredentialsProvider(name: "\(source)/access_key") { credentials }
            case "ecs_ram_role":
                let inner = ECSRAMRoleCredentials.provider(roleName: optional("role_name"), configuration: configuration)
                return inner.named("\(source)/\(inner.name)")
            case "ram_role_arn":
                let base = Credentials(
                    accessKeyId: try required("access_key_id", for: type), accessKeySecret: try required("access_key_secret", for: type))
                let parameters = RoleParameters(
                    roleArn: try required("role_arn", for: type), roleSessionName: optional("role_session_name"),
                    durationSeconds: try duration(), policy: optional("policy"), externalId: optional("external_id"))
                return try RAMRoleARNCredentials.provider(
                    source: CredentialsProvider(name: "\(source)/access_key") { base }, parameters: parameters,
                    configuration: configuration)
            case "oidc_role_arn":
                let parameters = RoleParameters(
                    roleArn: try required("role_arn", for: type), roleSessionName: optional("role_session_name"),
                    durationSeconds: try duration(), policy: optional("policy"))
                let inner = try OIDCCredentials.provider(
                    providerArn: try required("oidc_provider_arn", for: type),
                    tokenFile: try required("oidc_token_file_path", for: type), parameters: parameters, configuration: configuration)
                return inner.named("\(source)/\(inner.name)")
            default:
                throw problem("type '\(type)' is not supported (supported: \(supportedTypes.joined(separator: ", ")))", key: "type")
            }
        } catch let error as CredentialsSourceError {
            throw problem(error.message)
        } catch let error as CredentialsFileError {
            throw error
        } catch {
            throw problem("\(error)")
        }
    }
}

/// A minimal INI reader that keeps line numbers for its errors.
struct INIFile {
    struct Section {
        var line: Int
        var values: [String: String] = [:]
        var lines: [String: Int] = [:]
    }

    var sections: [String: Section] = [:]
    var order: [String] = []

    static func parse(_ text: String, path: String) throws(CredentialsFileError) -> INIFile {
        var file = INIFile()
        var current: String?
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw CredentialsFileError(path: path, line: number, "a section header must look like [name]")
                }
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                guard file.sections[name] == nil else {
                    throw CredentialsFileError(path: path, line: number, "section [\(name)] appears twice")
                }
                file.sections[name] = Section(line: number)
                file.order.append(name)
                current = name
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw CredentialsFileError(path: path, line: number, "expected 'key = value', '[section]' or a comment")
            }
            guard let section = current else {
                throw CredentialsFileError(path: path, line: number, "'key = value' before any [section]")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw CredentialsFileError(path: path, line: number, "a key is empty") }
            guard file.sections[section]?.values[key] == nil else {
                throw CredentialsFileError(path: path, line: number, "key '\(key)' appears twice in [\(section)]")
            }
            file.sections[section]?.values[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            file.sections[section]?.lines[key] = number
        }
        return file
    }
}
