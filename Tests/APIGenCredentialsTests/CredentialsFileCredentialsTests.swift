import APIGenCredentials
import APIGenRuntime
import APIGenTestSupport
import Foundation
import Testing

/// `~/.alibabacloud/credentials[.ini]`: both names, the variable, sections, types, and errors
/// naming the file and the line.
@Suite struct CredentialsFileCredentialsTests {
    static let disabled = ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true"]

    func credentials(_ files: [String: String], environment: [String: String] = [:]) async throws -> (Credentials, String) {
        let home = try TemporaryHome()
        defer { home.remove() }
        for (name, text) in files { try home.write(name, text.replacingOccurrences(of: "$HOME", with: home.path)) }
        let chain = DefaultCredentialsChain(configuration: .test(Self.disabled.merging(environment.mapValues { $0.replacingOccurrences(of: "$HOME", with: home.path) }) { $1 }, home: home))
        let credentials = try await chain.credentials()
        return (credentials, await chain.selectedSource ?? "")
    }

    func problem(_ text: String, section: String = "default") throws -> String {
        let home = try TemporaryHome()
        defer { home.remove() }
        let path = try home.write(".alibabacloud/credentials", text)
        do {
            _ = try CredentialsFileCredentials.provider(file: path, section: section, configuration: .test(home: home))
            Issue.record("no error")
            return ""
        } catch {
            #expect(error.path == path)
            return "\(error)"
        }
    }

    @Test func bothFileNamesAreRead() async throws {
        let section = "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = s\n"
        #expect(try await credentials([".alibabacloud/credentials.ini": section]).0.accessKeyId == "LTAIini")
        #expect(try await credentials([".alibabacloud/credentials": section]).0.accessKeyId == "LTAIini")
        let (both, source) = try await credentials([
            ".alibabacloud/credentials": section,
            ".alibabacloud/credentials.ini": section.replacingOccurrences(of: "LTAIini", with: "LTAIother"),
        ])
        #expect(both.accessKeyId == "LTAIini")
        #expect(source == "default/credentials_file[default]/access_key")
    }

    @Test func theVariableAndTheProfileChooseFileAndSection() async throws {
        let text = "[default]\ntype = access_key\naccess_key_id = LTAIdefault\naccess_key_secret = s\n\n[prod]\ntype = access_key\naccess_key_id = LTAIprod\naccess_key_secret = t\n"
        let (credentials, source) = try await credentials(
            ["custom/creds": text], environment: ["ALIBABA_CLOUD_CREDENTIALS_FILE": "$HOME/custom/creds", "ALIBABA_CLOUD_PROFILE": "prod"])
        #expect(credentials.accessKeyId == "LTAIprod")
        #expect(source == "default/credentials_file[prod]/access_key")
    }

    @Test func hashAndPercentInValuesAreKept() async throws {
        let text = "# comment\n; another\n[default]\ntype = access_key\naccess_key_id = LTAIhash\naccess_key_secret = abc#def%ghi\n"
        #expect(try await credentials([".alibabacloud/credentials.ini": text]).0.accessKeySecret == "abc#def%ghi")
    }

    @Test func brokenFilesNameTheLine() throws {
        #expect(try problem("[default]\ntype = access_key\nthis line is wrong\n").hasSuffix("credentials:3: expected 'key = value', '[section]' or a comment"))
        #expect(try problem("type = access_key\n").hasSuffix("credentials:1: 'key = value' before any [section]"))
        #expect(try problem("[default\n").hasSuffix("credentials:1: a section header must look like [name]"))
        #expect(try problem("[default]\ntype = access_key\ntype = ecs_ram_role\n").hasSuffix("credentials:3: key 'type' appears twice in [default]"))
    }

    @Test func missingSectionsKeysAndTypesAreNamed() throws {
        #expect(try problem("[other]\ntype = access_key\n").hasSuffix("has no section [default] (sections: other)"))
        #expect(try problem("[default]\ntype = access_key\naccess_key_id = x\n").hasSuffix("credentials:1: [default]: 'access_key_secret' is missing or empty (type access_key needs it)"))
        #expect(try problem("[default]\naccess_key_id = x\n").contains("'type' is missing"))
        #expect(try problem("[default]\ntype = rsa_key_pair\n").hasSuffix("credentials:2: [default]: type 'rsa_key_pair' is not supported (supported: access_key, ecs_ram_role, ram_role_arn, oidc_role_arn)"))
        #expect(try problem("[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = b\nrole_arn = acs:ram::1:role/r\nduration_seconds = 60\n")
            .contains("the session duration 60 s is below STS's minimum of 900 s"))
    }

    @Test func aNamedFileMustExist() async throws {
        let message = await chainError(.test(Self.disabled.merging(["ALIBABA_CLOUD_CREDENTIALS_FILE": "/nonexistent/creds"]) { $1 }))
        #expect(message.contains("credentials_file: /nonexistent/creds: does not exist"))
    }

    @Test func permissions() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let logs = CapturedLogs()
        let path = try home.write(".alibabacloud/credentials", "[default]\ntype = access_key\naccess_key_id = LTAIopen\naccess_key_secret = open-secret\n", mode: 0o644)
        let configuration = CredentialsConfiguration.test(Self.disabled, home: home, logs: logs)
        #expect(try await CredentialsProvider.default(configuration: configuration).credentials().accessKeyId == "LTAIopen")
        let warning = logs.all.first { $0.hasPrefix("warning") && $0.contains("read by other users") }
        #expect(warning?.contains(path) == true && warning?.contains("mode=644") == true)
        #expect(logs.all.allSatisfy { !$0.contains("open-secret") })

        // A directory where the file should be.
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(await chainError(configuration).contains("\(path): is a directory, not a file"))
    }

    @Test(.enabled(if: geteuid() != 0, "root reads any file, so an unreadable file cannot be made"))
    func anUnreadableFileIsAnErrorNamingIt() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let path = try home.write(".alibabacloud/credentials", "[default]\ntype = access_key\n", mode: 0o000)
        #expect(await chainError(.test(Self.disabled, home: home)).contains("\(path): cannot be read"))
    }
}
