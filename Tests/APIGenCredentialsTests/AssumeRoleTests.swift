import APIGenCredentials
import APIGenRuntime
import ECS
import ECSEmulator
import Foundation
import Synchronization
import Testing

/// `AssumeRole` and `AssumeRoleWithOIDC` through the generated STS client against the
/// emulator, whose STS verifies the caller's signature and issues temporary keys that its ECS
/// then accepts.
@Suite struct AssumeRoleTests {
    static let role = "acs:ram::1234567890123456:role/emulator-role"
    static let disabled = ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"]

    /// A running emulator (default fixture) and its URL.
    static func emulator() async throws -> (ECSEmulator, String) {
        let emulator = ECSEmulator(fixture: try ECSEmulator.defaultFixture())
        try await emulator.start()
        return (emulator, try #require(await emulator.endpoint))
    }

    static func ecs(_ credentials: CredentialsProvider, _ endpoint: String) -> ECSClient {
        ECSClient(credentials: credentials, region: "cn-hangzhou", configuration: RPCClientConfiguration(endpointOverride: endpoint))
    }

    static func profile(_ body: String) -> String {
        #"{"current": "dev", "profiles": [\#(body)]}"#
    }

    @Test(arguments: [SignatureVersion.v3, .v1])
    func ramRoleArnProfileGetsCredentialsThatECSAccepts(_ version: SignatureVersion) async throws {
        let (emulator, endpoint) = try await Self.emulator()
        defer { Task { await emulator.stop() } }
        let home = try TemporaryHome()
        defer { home.remove() }
        try home.write(".aliyun/config.json", Self.profile(#"""
            {"name": "dev", "mode": "RamRoleArn", "access_key_id": "LTAI5tEmulatorAccessKey", "access_key_secret": "EmulatorAccessKeySecret",
             "ram_role_arn": "\#(Self.role)", "ram_session_name": "laptop", "expired_seconds": 1800, "policy": "{\"Version\":\"1\"}"}
            """#))
        var configuration = CredentialsConfiguration.test(Self.disabled, home: home, stsTransport: AsyncHTTPClientTransport(), stsEndpoint: endpoint)
        configuration.stsSignatureVersion = version
        let chain = DefaultCredentialsChain(configuration: configuration)
        let response = try await Self.ecs(chain.provider, endpoint).describeClassicLinkInstances(.init(regionId: "cn-hangzhou"))
        #expect(!response.requestId.isEmpty)
        #expect(await chain.selectedSource == "default/cli_profile(dev)/AK/ram_role_arn(\(Self.role))")
        let issued = await emulator.state.issuedCredentials
        #expect(issued.count == 1)
        #expect(issued.first?.callerAccessKeyId == "LTAI5tEmulatorAccessKey" && issued.first?.roleSessionName == "laptop")
        let credentials = try await chain.credentials()
        #expect(credentials.accessKeyId == issued.first?.accessKeyId && credentials.securityToken != nil)
        let lifetime = try #require(credentials.expiration).timeIntervalSinceNow
        #expect(lifetime > 1700 && lifetime <= 1800)
    }

    @Test func aWrongSourceSecretFailsWithTheEmulatorsSignatureError() async throws {
        let (emulator, endpoint) = try await Self.emulator()
        defer { Task { await emulator.stop() } }
        let provider = try RAMRoleARNCredentials.provider(
            source: .static(Credentials(accessKeyId: "LTAI5tEmulatorAccessKey", accessKeySecret: "wrong-secret")),
            parameters: RoleParameters(roleArn: Self.role), configuration: .test(stsTransport: AsyncHTTPClientTransport(), stsEndpoint: endpoint))
        do {
            _ = try await provider.credentials()
            Issue.record("no error")
        } catch {
            let message = "\(error)"
            #expect(message.contains("AssumeRole at \(endpoint) failed") && message.contains("SignatureDoesNotMatch"), "\(message)")
            #expect(!message.contains("wrong-secret"))
        }
        #expect(await emulator.state.issuedCredentials.isEmpty)
    }

    @Test func externalIDAndDurationAreChecked() async throws {
        let (emulator, endpoint) = try await Self.emulator()
        defer { Task { await emulator.stop() } }
        let source = CredentialsProvider.static(Credentials(accessKeyId: "LTAI5tEmulatorAccessKey", accessKeySecret: "EmulatorAccessKeySecret"))
        let configuration = CredentialsConfiguration.test(stsTransport: AsyncHTTPClientTransport(), stsEndpoint: endpoint)
        let guarded = "acs:ram::1234567890123456:role/external-id-role"
        await #expect(throws: CredentialsSourceError.self) {
            try await RAMRoleARNCredentials.provider(source: source, parameters: RoleParameters(roleArn: guarded), configuration: configuration).credentials()
        }
        let withID = try RAMRoleARNCredentials.provider(
            source: source, parameters: RoleParameters(roleArn: guarded, externalId: "emulator-external-id"), configuration: configuration)
        #expect(try await withID.credentials().accessKeyId.hasPrefix("STS."))
        #expect(throws: CredentialsSourceError.self) {
            try RAMRoleARNCredentials.provider(source: source, parameters: RoleParameters(roleArn: Self.role, durationSeconds: 899), configuration: configuration)
        }
    }

    @Test func chainableRoleOnTopOfAnotherRole() async throws {
        let (emulator, endpoint) = try await Self.emulator()
        defer { Task { await emulator.stop() } }
        let home = try TemporaryHome()
        defer { home.remove() }
        try home.write(".aliyun/config.json", Self.profile(#"""
            {"name": "base", "mode": "AK", "access_key_id": "LTAI5tEmulatorAccessKey", "access_key_secret": "EmulatorAccessKeySecret"},
            {"name": "first", "mode": "ChainableRamRoleArn", "source_profile": "base", "ram_role_arn": "\#(Self.role)"},
            {"name": "dev", "mode": "ChainableRamRoleArn", "source_profile": "first", "ram_role_arn": "acs:ram::1234567890123456:role/external-id-role", "external_id": "emulator-external-id"}
            """#))
        let provider = CredentialsProvider.default(
            configuration: .test(Self.disabled, home: home, stsTransport: AsyncHTTPClientTransport(), stsEndpoint: endpoint))
        _ = try await Self.ecs(provider, endpoint).describeClassicLinkInstances(.init(regionId: "cn-hangzhou"))
        let issued = await emulator.state.issuedCredentials
        #expect(issued.map(\.roleArn) == [Self.role, "acs:ram::1234567890123456:role/external-id-role"])
        #expect(issued[1].callerAccessKeyId == issued[0].accessKeyId)   // the second role was assumed with the first's keys
    }

    @Test func oidcFromTheEnvironmentRereadsTheTokenAtEachRefresh() async throws {
        let (emulator, endpoint) = try await Self.emulator()
        defer { Task { await emulator.stop() } }
        let home = try TemporaryHome()
        defer { home.remove() }
        let tokenFile = try home.write("var/run/secrets/tokens/oidc-token", "first-service-account-token\n")
        let now = Mutex(Date())
        let configuration = CredentialsConfiguration.test(
            Self.disabled.merging([
                "ALIBABA_CLOUD_ROLE_ARN": Self.role,
                "ALIBABA_CLOUD_OIDC_PROVIDER_ARN": "acs:ram::1234567890123456:oidc-provider/ack-rrsa-emulator",
                "ALIBABA_CLOUD_OIDC_TOKEN_FILE": tokenFile,
                "ALIBABA_CLOUD_ROLE_SESSION_NAME": "pod-a",
            ]) { $1 }, home: home, stsTransport: AsyncHTTPClientTransport(), stsEndpoint: endpoint, clock: { now.withLock { $0 } })
        let chain = DefaultCredentialsChain(configuration: configuration)
        _ = try await Self.ecs(chain.provider, endpoint).describeClassicLinkInstances(.init(regionId: "cn-hangzhou"))
        #expect(await chain.selectedSource == "default/oidc_role_arn(\(Self.role))")

        try home.write("var/run/secrets/tokens/oidc-token", "rotated-service-account-token\n")
        now.withLock { $0 = $0.addingTimeInterval(3600 - 100) }   // within 180 s of expiry
        _ = try await chain.credentials()
        let issued = await emulator.state.issuedCredentials
        #expect(issued.map(\.oidcToken) == ["first-service-account-token", "rotated-service-account-token"])
        #expect(issued.allSatisfy { $0.action == "AssumeRoleWithOIDC" && $0.roleSessionName == "pod-a" && $0.callerAccessKeyId == nil })
    }

    @Test func twoHundredECSCallsAcrossAnExpiryAssumeTheRoleExactlyOnceMore() async throws {
        let (emulator, endpoint) = try await Self.emulator()
        defer { Task { await emulator.stop() } }
        let now = Mutex(Date())
        let provider = try RAMRoleARNCredentials.provider(
            source: .static(Credentials(accessKeyId: "LTAI5tEmulatorAccessKey", accessKeySecret: "EmulatorAccessKeySecret")),
            parameters: RoleParameters(roleArn: Self.role, roleSessionName: "load"),
            configuration: .test(stsTransport: AsyncHTTPClientTransport(), stsEndpoint: endpoint, clock: { now.withLock { $0 } }))
        let ecs = Self.ecs(provider, endpoint)
        _ = try await ecs.describeClassicLinkInstances(.init(regionId: "cn-hangzhou"))
        now.withLock { $0 = $0.addingTimeInterval(3600 - 60) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask { _ = try await ecs.describeClassicLinkInstances(.init(regionId: "cn-hangzhou")) }
            }
            try await group.waitForAll()
        }
        #expect(await emulator.state.issuedCredentials.count == 2)
    }
}
