import APIGenCredentials
import APIGenRuntime
import Foundation
import Testing

/// `~/.aliyun/config.json`: modes, profile selection, and a clear error for every broken file.
@Suite struct CLIProfileCredentialsTests {
    static func config(_ profiles: String, current: String = "dev") -> String {
        #"{"current": "\#(current)", "profiles": [\#(profiles)]}"#
    }

    func provider(_ text: String, profile: String? = nil, environment: [String: String] = [:]) throws -> (CredentialsProvider, String, TemporaryHome) {
        let home = try TemporaryHome()
        let path = try home.write(".aliyun/config.json", text)
        let provider = try CLIProfileCredentials.provider(file: path, profile: profile, configuration: .test(environment, home: home))
        return (provider, path, home)
    }

    func problem(_ text: String, profile: String? = nil) throws -> String {
        let home = try TemporaryHome()
        defer { home.remove() }
        let path = try home.write(".aliyun/config.json", text)
        do {
            _ = try CLIProfileCredentials.provider(file: path, profile: profile, configuration: .test(home: home))
            Issue.record("no error for \(text)")
            return ""
        } catch {
            #expect(error.path == path)
            return "\(error)"
        }
    }

    @Test func akAndStsTokenProfiles() async throws {
        let text = Self.config(#"""
            {"name": "dev", "mode": "AK", "access_key_id": "LTAIdev", "access_key_secret": "dev-secret"},
            {"name": "sts", "mode": "StsToken", "access_key_id": "STS.key", "access_key_secret": "sts-secret", "sts_token": "CAIS-token"}
            """#)
        let (current, _, home) = try provider(text)
        defer { home.remove() }
        #expect(try await current.credentials() == Credentials(accessKeyId: "LTAIdev", accessKeySecret: "dev-secret"))
        #expect(current.name == "cli_profile(dev)/AK")
        let (named, _, other) = try provider(text, profile: "sts")
        defer { other.remove() }
        #expect(try await named.credentials() == Credentials(accessKeyId: "STS.key", accessKeySecret: "sts-secret", securityToken: "CAIS-token"))
    }

    @Test func brokenJSONNamesTheFileAndLine() throws {
        let message = try problem("{\n  \"current\": \"dev\",\n  \"profiles\": [\n    {\"name\": \"dev\" \"mode\": \"AK\"}\n  ]\n}\n")
        #expect(message.contains("config.json:4: not valid JSON"), "\(message)")
    }

    @Test func missingAndMistypedKeysNameTheProfileAndKey() throws {
        #expect(try problem(Self.config(#"{"name": "dev", "mode": "AK", "access_key_id": "LTAIdev"}"#))
            .hasSuffix("profile 'dev' (profiles[0]): 'access_key_secret' is missing or empty"))
        #expect(try problem(Self.config(#"{"name": "dev", "mode": "StsToken", "access_key_id": "a", "access_key_secret": "b"}"#))
            .contains("'sts_token' is missing or empty"))
        #expect(try problem(Self.config(#"{"name": "dev", "mode": "RamRoleArn", "access_key_id": "a", "access_key_secret": "b", "ram_role_arn": "acs:ram::1:role/r", "expired_seconds": "3600"}"#))
            .contains("'expired_seconds' must be a whole number of seconds"))
        #expect(try problem(Self.config(#"{"name": "dev", "mode": "RamRoleArn", "access_key_id": "a", "access_key_secret": "b", "ram_role_arn": "acs:ram::1:role/r", "enable_vpc": "yes"}"#))
            .contains("'enable_vpc' must be true or false"))
        #expect(try problem(Self.config(#"{"name": "dev", "mode": "RamRoleArn", "access_key_id": "a", "access_key_secret": "b", "ram_role_arn": "acs:ram::1:role/r", "expired_seconds": 600}"#))
            .contains("the session duration 600 s is below STS's minimum of 900 s"))
        #expect(try problem(Self.config(#"{"mode": "AK"}"#)).contains("profiles[0] has no 'name'"))
        #expect(try problem(#"{"current": "dev"}"#).contains("has no 'profiles'"))
        #expect(try problem("[1, 2]").contains("is not a JSON object"))
    }

    @Test func unknownAndUnsupportedModesNameTheProfileAndMode() throws {
        #expect(try problem(Self.config(#"{"name": "dev", "mode": "Kerberos"}"#))
            .contains("profile 'dev' has mode 'Kerberos', which apigen does not know (supported: AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn)"))
        #expect(try problem(Self.config(#"{"name": "dev", "mode": "CloudSSO"}"#)).contains("has mode 'CloudSSO', which apigen does not support"))
        #expect(try problem(Self.config(#"{"name": "dev"}"#)).contains("'mode' is missing or empty"))
    }

    @Test func profileSelection() throws {
        let text = Self.config(#"{"name": "a", "mode": "AK", "access_key_id": "x", "access_key_secret": "y"}"#, current: "")
        #expect(try problem(text).contains("no profile is named: set ALIBABA_CLOUD_PROFILE, or 'current' in the file"))
        #expect(try problem(text, profile: "b").contains("no profile named 'b' (profiles: a)"))
    }

    @Test func aSourceProfileCycleIsAnErrorNotARecursion() throws {
        let text = Self.config(#"""
            {"name": "dev", "mode": "ChainableRamRoleArn", "source_profile": "middle", "ram_role_arn": "acs:ram::1:role/a"},
            {"name": "middle", "mode": "ChainableRamRoleArn", "source_profile": "dev", "ram_role_arn": "acs:ram::1:role/b"},
            {"name": "self", "mode": "ChainableRamRoleArn", "source_profile": "self", "ram_role_arn": "acs:ram::1:role/c"}
            """#)
        #expect(try problem(text).contains("source_profile cycle: 'dev' → 'middle' → 'dev'"))
        #expect(try problem(text, profile: "self").contains("source_profile cycle: 'self' → 'self'"))
    }

    @Test func theChainSkipsAMissingOrDisabledFileAndReportsABrokenOne() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let disabled: [String: String] = ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"]
        let none = await chainError(.test(disabled, home: home))
        #expect(none.contains("cli_profile: skipped, \(home.path)/.aliyun/config.json does not exist"))

        try home.write(".aliyun/config.json", "{ nope")
        let broken = await chainError(.test(disabled, home: home))
        #expect(broken.contains("cli_profile: \(home.path)/.aliyun/config.json:1: not valid JSON"))

        let off = await chainError(.test(disabled.merging(["ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "TRUE"]) { $1 }, home: home))
        #expect(off.contains("cli_profile: skipped, ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true"))

        // ALIBABA_CLOUD_CONFIG_FILE names another file (Python's library ignores the variable).
        let elsewhere = try home.write("elsewhere/cli.json", Self.config(#"{"name": "dev", "mode": "AK", "access_key_id": "LTAIelsewhere", "access_key_secret": "s"}"#))
        let provider = CredentialsProvider.default(configuration: .test(disabled.merging(["ALIBABA_CLOUD_CONFIG_FILE": elsewhere]) { $1 }, home: home))
        #expect(try await provider.credentials().accessKeyId == "LTAIelsewhere")
    }

    @Test func aMissingSecretIsNeverFilledFromTheEnvironment() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try home.write(".aliyun/config.json", Self.config(#"{"name": "dev", "mode": "AK", "access_key_id": "LTAIprofile"}"#))
        // Python's library would sign with the profile's ID and this secret: two sources mixed.
        let message = await chainError(.test(["ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret", "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"], home: home))
        #expect(message.contains("'access_key_secret' is missing or empty"))
        #expect(message.contains("environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set (ALIBABA_CLOUD_ACCESS_KEY_SECRET is)"))
        #expect(!message.contains("env-secret"))
    }
}

/// The default chain's error over `configuration` (the test fails if credentials are found).
func chainError(_ configuration: CredentialsConfiguration) async -> String {
    do {
        let credentials = try await CredentialsProvider.default(configuration: configuration).credentials()
        Issue.record("credentials found: \(credentials)")
        return ""
    } catch {
        #expect(error is CredentialsChainError)
        return "\(error)"
    }
}
