import APIGenRuntime
import APIGenXML
import ECS
import ECSEmulator
import Foundation
import Testing

/// The fixture the end-to-end tests run against: one resource per rule of AttachClassicLinkVpc,
/// so that each error code has exactly one way to be reached.
enum TestFixture {
    static let account = "1111111111111111"
    static let otherAccount = "2222222222222222"

    static let key = Credentials(accessKeyId: "LTAI-test-key", accessKeySecret: "test-secret")
    static let otherAccountKey = Credentials(accessKeyId: "LTAI-other-key", accessKeySecret: "other-secret")
    static let stsKey = Credentials(accessKeyId: "STS.test-key", accessKeySecret: "sts-secret", securityToken: "sts-token-1")
    static let expiredSTSKey = Credentials(accessKeyId: "STS.expired-key", accessKeySecret: "expired-secret", securityToken: "sts-token-old")

    /// Instances a test may link; the race test uses `i-free-1` … `i-free-N`.
    static func fixture(freeInstances: Int = 4, fullVPCLinks: Int = 999) -> EmulatorFixture {
        var instances: [EmulatorFixture.Instance] = [
            .init(instanceId: "i-running", regionId: "cn-hangzhou", owner: account, networkType: .classic, status: "Running"),
            .init(instanceId: "i-stopped", regionId: "cn-hangzhou", owner: account, networkType: .classic, status: "Stopped"),
            .init(instanceId: "i-starting", regionId: "cn-hangzhou", owner: account, networkType: .classic, status: "Starting"),
            .init(instanceId: "i-locked", regionId: "cn-hangzhou", owner: account, networkType: .classic, status: "Running", locked: true),
            .init(instanceId: "i-vpc-network", regionId: "cn-hangzhou", owner: account, networkType: .vpc, status: "Running"),
            .init(instanceId: "i-other-account", regionId: "cn-hangzhou", owner: otherAccount, networkType: .classic, status: "Running"),
            .init(instanceId: "i-linked-elsewhere", regionId: "cn-hangzhou", owner: account, networkType: .classic, status: "Running"),
            .init(instanceId: "i-beijing", regionId: "cn-beijing", owner: account, networkType: .classic, status: "Running"),
        ]
        for index in 1...max(1, freeInstances) {
            instances.append(.init(instanceId: "i-free-\(index)", regionId: "cn-hangzhou", owner: account, networkType: .classic, status: "Running"))
        }
        var links = [EmulatorFixture.Link(instanceId: "i-linked-elsewhere", vpcId: "vpc-other")]
        for index in 0..<fullVPCLinks {
            let id = "i-filler-\(index)"
            instances.append(.init(instanceId: id, regionId: "cn-hangzhou", owner: account, networkType: .classic, status: "Running"))
            links.append(.init(instanceId: id, vpcId: "vpc-nearly-full"))
        }
        return EmulatorFixture(
            regions: ["cn-hangzhou", "cn-beijing"],
            accessKeys: [
                .init(accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, account: account),
                .init(accessKeyId: otherAccountKey.accessKeyId, accessKeySecret: otherAccountKey.accessKeySecret, account: otherAccount),
                .init(accessKeyId: stsKey.accessKeyId, accessKeySecret: stsKey.accessKeySecret, account: account,
                      securityToken: stsKey.securityToken, expiration: wholeSeconds(3600)),
                .init(accessKeyId: expiredSTSKey.accessKeyId, accessKeySecret: expiredSTSKey.accessKeySecret, account: account,
                      securityToken: expiredSTSKey.securityToken, expiration: wholeSeconds(-60)),
            ],
            vpcs: [
                .init(vpcId: "vpc-main", regionId: "cn-hangzhou", owner: account, classicLinkEnabled: true),
                .init(vpcId: "vpc-other", regionId: "cn-hangzhou", owner: account, classicLinkEnabled: true),
                .init(vpcId: "vpc-no-classiclink", regionId: "cn-hangzhou", owner: account, classicLinkEnabled: false),
                .init(vpcId: "vpc-beijing", regionId: "cn-beijing", owner: account, classicLinkEnabled: true),
                .init(vpcId: "vpc-of-other-account", regionId: "cn-hangzhou", owner: otherAccount, classicLinkEnabled: true),
                .init(vpcId: "vpc-nearly-full", regionId: "cn-hangzhou", owner: account, classicLinkEnabled: true),
            ],
            instances: instances,
            links: links
        )
    }

    /// Now plus `offset`, in whole seconds (as fixture files write times).
    static func wholeSeconds(_ offset: TimeInterval) -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + offset).rounded(.down))
    }

    /// Fast retries, so throttling tests take milliseconds.
    static let quickRetries = RetryPolicy(maximumAttempts: 4, initialBackoff: .milliseconds(1), maximumBackoff: .milliseconds(5))

    static func client(
        _ endpoint: String,
        credentials: Credentials = key,
        signature: SignatureVersion = .v3,
        format: ResponseFormat = .json,
        retry: RetryPolicy = quickRetries,
        method: HTTPMethod = .post
    ) -> ECSClient {
        ECSClient(
            credentials: .static(credentials),
            region: "cn-hangzhou",
            configuration: RPCClientConfiguration(
                signatureVersion: signature, responseFormat: format, endpointOverride: endpoint, timeout: .seconds(20), retryPolicy: retry,
                method: method)
        )
    }
}

/// Runs `body` against an emulator on a free loopback port, stopping it afterwards.
func withEmulator<T>(
    _ fixture: EmulatorFixture = TestFixture.fixture(),
    clock: @escaping @Sendable () -> Date = { Date() },
    transitions: InstanceTransitions = .realistic,
    _ body: (ECSEmulator, String) async throws -> T
) async throws -> T {
    let emulator = ECSEmulator(fixture: fixture, clock: clock, transitions: transitions)
    try await emulator.start()
    let endpoint = try #require(await emulator.endpoint)
    do {
        let result = try await body(emulator, endpoint)
        await emulator.stop()
        return result
    } catch {
        await emulator.stop()
        throw error
    }
}
