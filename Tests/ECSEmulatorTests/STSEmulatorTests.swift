import APIGenRuntime
import ECS
import ECSEmulator
import Foundation
import STS
import Synchronization
import Testing

/// The emulator's STS: signature checks first, then the role's rules, and temporary keys that
/// ECS calls accept until they expire by the emulator's clock.
@Suite struct STSEmulatorTests {
    static let role = "acs:ram::1234567890123456:role/emulator-role"
    static let key = Credentials(accessKeyId: "LTAI5tEmulatorAccessKey", accessKeySecret: "EmulatorAccessKeySecret")

    @Test func issuedKeysWorkForECSUntilTheyExpire() async throws {
        // The emulator's clock runs 600 s behind while the 900 s credentials are issued (they
        // expire 300 s from now by the client's clock), then 310 s ahead: expired, while the
        // signing timestamps stay within the 15 minutes allowed either way.
        let offset = Mutex<TimeInterval>(-600)
        let emulator = ECSEmulator(fixture: try ECSEmulator.defaultFixture(), clock: { Date().addingTimeInterval(offset.withLock { $0 }) })
        try await emulator.start()
        defer { Task { await emulator.stop() } }
        let endpoint = try #require(await emulator.endpoint)
        let configuration = RPCClientConfiguration(endpointOverride: endpoint, retryPolicy: .none)
        let sts = STSClient(credentials: .static(Self.key), region: "cn-hangzhou", configuration: configuration)
        let response = try await sts.assumeRole(.init(durationSeconds: 900, roleArn: Self.role, roleSessionName: "s"))
        let info = try #require(response.credentialsInfo)
        let temporary = Credentials(
            accessKeyId: try #require(info.accessKeyId), accessKeySecret: try #require(info.accessKeySecret), securityToken: info.securityToken)
        #expect(temporary.accessKeyId.hasPrefix("STS."))
        let ecs = ECSClient(credentials: .static(temporary), region: "cn-hangzhou", configuration: configuration)
        _ = try await ecs.describeClassicLinkInstances(.init(regionId: "cn-hangzhou"))

        offset.withLock { $0 = 310 }
        do {
            _ = try await ecs.describeClassicLinkInstances(.init(regionId: "cn-hangzhou"))
            Issue.record("expired credentials accepted")
        } catch {
            #expect(error.payload?.code == "InvalidSecurityToken.Expired")
        }
    }

    @Test func assumeRoleRules() async throws {
        let emulator = ECSEmulator(fixture: try ECSEmulator.defaultFixture())
        try await emulator.start()
        defer { Task { await emulator.stop() } }
        let configuration = RPCClientConfiguration(endpointOverride: try #require(await emulator.endpoint), retryPolicy: .none)
        func code(_ credentials: CredentialsProvider, _ request: AssumeRoleRequest) async -> String? {
            do {
                _ = try await STSClient(credentials: credentials, region: "cn-hangzhou", configuration: configuration).assumeRole(request)
                return nil
            } catch {
                return error.payload?.code
            }
        }
        #expect(await code(.anonymous, .init(roleArn: Self.role, roleSessionName: "s")) != nil)   // AssumeRole must be signed
        #expect(await code(.static(Credentials(accessKeyId: Self.key.accessKeyId, accessKeySecret: "wrong")), .init(roleArn: Self.role, roleSessionName: "s")) == "SignatureDoesNotMatch")
        #expect(await code(.static(Self.key), .init(roleArn: "acs:ram::1234567890123456:role/nope", roleSessionName: "s")) == "EntityNotExist.Role")
        #expect(await code(.static(Credentials(accessKeyId: "LTAI5tOtherAccountKey", accessKeySecret: "OtherAccountSecret")), .init(roleArn: Self.role, roleSessionName: "s")) == "NoPermission")
        #expect(await code(.static(Self.key), .init(durationSeconds: 899, roleArn: Self.role, roleSessionName: "s")) == "InvalidParameter.DurationSeconds")
        #expect(await code(.static(Self.key), .init(durationSeconds: 3601, roleArn: Self.role, roleSessionName: "s")) == "InvalidParameter.DurationSeconds")
        #expect(await code(.static(Self.key), .init(roleArn: "acs:ram::1234567890123456:role/external-id-role", roleSessionName: "s")) == "InvalidParameter.ExternalId")
        #expect(await code(.static(Self.key), .init(roleArn: Self.role, roleSessionName: "s")) == nil)
        #expect(await emulator.state.issuedCredentials.count == 1)
    }

    @Test func assumeRoleWithOIDCIsAnonymousAndChecksTheProvider() async throws {
        var fixture = try ECSEmulator.defaultFixture()
        fixture.oidcProviders = [.init(oidcProviderArn: "acs:ram::1234567890123456:oidc-provider/p", tokens: ["good-token"])]
        let emulator = ECSEmulator(fixture: fixture)
        try await emulator.start()
        defer { Task { await emulator.stop() } }
        let sts = STSClient(
            credentials: .anonymous, region: "cn-hangzhou",
            configuration: RPCClientConfiguration(endpointOverride: try #require(await emulator.endpoint), retryPolicy: .none))
        func request(_ provider: String, _ token: String) -> AssumeRoleWithOIDCRequest {
            .init(oidcProviderArn: provider, roleArn: Self.role, oidcToken: token, roleSessionName: "pod")
        }
        let ok = try await sts.assumeRoleWithOIDC(request("acs:ram::1234567890123456:oidc-provider/p", "good-token"))
        #expect(ok.credentialsInfo?.accessKeyId?.hasPrefix("STS.") == true)
        await #expect(throws: RPCError<AssumeRoleWithOIDCRequest>.self) { try await sts.assumeRoleWithOIDC(request("acs:ram::1234567890123456:oidc-provider/p", "bad-token")) }
        await #expect(throws: RPCError<AssumeRoleWithOIDCRequest>.self) { try await sts.assumeRoleWithOIDC(request("acs:ram::1234567890123456:oidc-provider/q", "good-token")) }
    }

    @Test func fixtureRolesAreValidated() throws {
        var fixture = try ECSEmulator.defaultFixture()
        fixture.roles.append(.init(roleArn: "not-an-arn", account: "1234567890123456"))
        fixture.roles.append(.init(roleArn: "acs:ram::999:role/x", account: "999"))
        let problems = fixture.validate()
        #expect(problems.contains { $0.hasPrefix("roles[2].roleArn") })
        #expect(problems.contains("roles[3].account: no access key acts for account \"999\""))
    }
}
