import APIGenCredentials
import APIGenRuntime
import APIGenTestSupport
import Foundation
import Testing

/// The chain's order, its memory of the first source that worked, and its error.
@Suite struct DefaultCredentialsChainTests {
    static let secrets = ["env-secret", "env-token", "cli-secret", "ini-secret"]

    @Test func theEnvironmentComesFirstAndIsRemembered() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try home.write(".aliyun/config.json", #"{"current":"dev","profiles":[{"name":"dev","mode":"AK","access_key_id":"LTAIcli","access_key_secret":"cli-secret"}]}"#)
        try home.write(".alibabacloud/credentials", "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = ini-secret\n")
        let logs = CapturedLogs()
        let environment = [
            "ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIenv", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret", "ALIBABA_CLOUD_SECURITY_TOKEN": "env-token",
        ]
        let chain = DefaultCredentialsChain(configuration: .test(environment, home: home, logs: logs))
        #expect(try await chain.credentials() == Credentials(accessKeyId: "LTAIenv", accessKeySecret: "env-secret", securityToken: "env-token"))
        #expect(await chain.selectedSource == "default/environment")
        // Without the environment, the CLI profile comes before the credentials file.
        let next = DefaultCredentialsChain(configuration: .test([:], home: home, logs: logs))
        #expect(try await next.credentials().accessKeyId == "LTAIcli")
        let last = DefaultCredentialsChain(configuration: .test(["ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true"], home: home, logs: logs))
        #expect(try await last.credentials().accessKeyId == "LTAIini")
        // The source is logged once, by name; no secret anywhere.
        #expect(logs.all.filter { $0.contains("using Alibaba Cloud credentials") }.count == 3)
        for line in logs.all { for secret in Self.secrets { #expect(!line.contains(secret), "\(line)") } }
    }

    @Test func concurrentFirstCallsWalkTheChainOnce() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try home.write(".alibabacloud/credentials", "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = ini-secret\n")
        let logs = CapturedLogs()
        let chain = DefaultCredentialsChain(configuration: .test(["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"], home: home, logs: logs))
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 { group.addTask { try await chain.credentials().accessKeyId } }
            for try await key in group { #expect(key == "LTAIini") }
        }
        #expect(logs.all.filter { $0.contains("using Alibaba Cloud credentials") }.count == 1)
    }

    @Test func whenEverySourceFailsTheErrorListsEachInOrder() async throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try home.write(".aliyun/config.json", #"{"current":"dev","profiles":[{"name":"dev","mode":"AK","access_key_id":"LTAIcli"}]}"#)
        let logs = CapturedLogs()
        let environment = [
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret", "ALIBABA_CLOUD_ROLE_ARN": "acs:ram::1:role/r",
            "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
        ]
        let message = await chainError(.test(environment, home: home, logs: logs))
        let lines = message.split(separator: "\n").map(String.init)
        #expect(lines.first == "no Alibaba Cloud credentials found; tried, in order:")
        #expect(lines.dropFirst().map { String($0.split(separator: ":").first ?? "") } == [
            "  - environment", "  - oidc_role_arn", "  - cli_profile", "  - credentials_file", "  - ecs_ram_role", "  - credentials_uri",
        ])
        #expect(lines[2] == "  - oidc_role_arn: skipped, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set")
        #expect(lines[3].contains("profile 'dev' (profiles[0]): 'access_key_secret' is missing or empty"))
        for line in logs.all + [message] { for secret in Self.secrets { #expect(!line.contains(secret)) } }
        #expect(logs.all.contains { $0.hasPrefix("error no Alibaba Cloud credentials") })
    }

    @Test func stsEndpointSelection() {
        func url(_ environment: [String: String], region: String? = nil, vpc: Bool? = nil) -> String {
            STSEndpoint.select(configuration: .test(environment), region: region, vpc: vpc).url
        }
        #expect(url([:]) == "https://sts.aliyuncs.com")
        #expect(url(["ALIBABA_CLOUD_STS_REGION": "cn-shanghai"]) == "https://sts.cn-shanghai.aliyuncs.com")
        #expect(url(["ALIBABA_CLOUD_STS_REGION": "cn-shanghai", "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED": "true"]) == "https://sts-vpc.cn-shanghai.aliyuncs.com")
        #expect(url(["ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED": "true"]) == "https://sts.aliyuncs.com")
        #expect(STSEndpoint.select(configuration: .test(["ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED": "true"])).vpcIgnored)
        // A profile's own region and switch win over the environment's.
        #expect(url(["ALIBABA_CLOUD_STS_REGION": "cn-shanghai"], region: "cn-beijing", vpc: true) == "https://sts-vpc.cn-beijing.aliyuncs.com")
        #expect(url(["ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED": "true", "ALIBABA_CLOUD_STS_REGION": "cn-beijing"], vpc: false) == "https://sts.cn-beijing.aliyuncs.com")
        #expect(url(["APIGEN_STS_ENDPOINT": "http://127.0.0.1:9", "ALIBABA_CLOUD_STS_REGION": "cn-beijing"]) == "http://127.0.0.1:9")
    }

    @Test func errorsAndProvidersDescribeNoSecrets() throws {
        let error = CredentialsChainError(attempts: [.init(source: "environment", skipped: true, reason: "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set")])
        #expect("\(error)".contains("environment: skipped, ALIBABA_CLOUD_ACCESS_KEY_ID"))
        let provider = CredentialsProvider.static(Credentials(accessKeyId: "LTAIx", accessKeySecret: "provider-secret"))
        #expect("\(provider)" == "CredentialsProvider(static)")
    }
}
