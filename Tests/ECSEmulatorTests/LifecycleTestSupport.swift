import APIGenRuntime
import ECS
import ECSEmulator
import Foundation
import Testing

/// The fixture of the instance lifecycle tests: zones, VPCs, vSwitches and security groups of
/// two accounts, each resource there for one rule.
enum LifecycleFixture {
    static let account = TestFixture.account
    static let otherAccount = TestFixture.otherAccount
    static let region = "cn-hangzhou"
    static let image = "aliyun_3_x64_20G_alibase_20240819.vhd"

    /// `cn-hangzhou-i` holds `smallZoneCapacity` instances at most; the other zones any number.
    static let smallZoneCapacity = 5

    static func fixture(instances: [EmulatorFixture.Instance] = []) -> EmulatorFixture {
        var fixture = TestFixture.fixture(freeInstances: 1, fullVPCLinks: 0)
        fixture.instances = instances + [
            .init(instanceId: "i-locked", regionId: region, owner: account, networkType: .vpc, status: "Running", locked: true,
                  zoneId: "cn-hangzhou-h", vSwitchId: "vsw-h", securityGroupIds: ["sg-app"]),
            .init(instanceId: "i-protected", regionId: region, owner: account, networkType: .vpc, status: "Stopped",
                  zoneId: "cn-hangzhou-h", vSwitchId: "vsw-h", securityGroupIds: ["sg-app"], deletionProtection: true),
            .init(instanceId: "i-other-account", regionId: region, owner: otherAccount, networkType: .classic, status: "Stopped",
                  zoneId: "cn-hangzhou-h"),
            .init(instanceId: "i-in-beijing", regionId: "cn-beijing", owner: account, networkType: .classic, status: "Stopped",
                  zoneId: "cn-beijing-h"),
        ]
        fixture.links = []
        fixture.vpcs += [
            .init(vpcId: "vpc-app", regionId: region, owner: account, classicLinkEnabled: false),
            .init(vpcId: "vpc-db", regionId: region, owner: account, classicLinkEnabled: false),
        ]
        fixture.zones = [
            .init(zoneId: "cn-hangzhou-h", regionId: region, instanceTypes: ["ecs.g7.large", "ecs.c7.large"]),
            .init(zoneId: "cn-hangzhou-i", regionId: region, instanceTypes: ["ecs.g7.large"], instanceCapacity: smallZoneCapacity),
            .init(zoneId: "cn-beijing-h", regionId: "cn-beijing"),
        ]
        fixture.vswitches = [
            .init(vSwitchId: "vsw-h", vpcId: "vpc-app", zoneId: "cn-hangzhou-h", cidrBlock: "172.16.0.0/16"),
            .init(vSwitchId: "vsw-i", vpcId: "vpc-app", zoneId: "cn-hangzhou-i", cidrBlock: "172.17.0.0/24"),
            .init(vSwitchId: "vsw-db", vpcId: "vpc-db", zoneId: "cn-hangzhou-h", cidrBlock: "10.0.0.0/24", isDefault: true),
            .init(vSwitchId: "vsw-beijing", vpcId: "vpc-beijing", zoneId: "cn-beijing-h"),
            .init(vSwitchId: "vsw-of-other-account", vpcId: "vpc-of-other-account", zoneId: "cn-hangzhou-h"),
        ]
        fixture.securityGroups = [
            .init(securityGroupId: "sg-app", regionId: region, owner: account, vpcId: "vpc-app", securityGroupName: "app"),
            .init(securityGroupId: "sg-db", regionId: region, owner: account, vpcId: "vpc-db", securityGroupName: "db"),
            .init(securityGroupId: "sg-classic", regionId: region, owner: account, securityGroupName: "classic"),
            .init(securityGroupId: "sg-beijing", regionId: "cn-beijing", owner: account, securityGroupName: "beijing"),
            .init(securityGroupId: "sg-of-other-account", regionId: region, owner: otherAccount, securityGroupName: "theirs"),
        ]
        return fixture
    }

    /// A RunInstances request that satisfies every rule: `amount` `ecs.g7.large` instances in
    /// `vsw-h` (zone `cn-hangzhou-h`, no capacity limit) with `sg-app`.
    static func launch(amount: Int = 1, clientToken: String? = nil, name: String? = nil) -> RunInstancesRequest {
        var request = RunInstancesRequest(regionId: region)
        request.imageId = image
        request.instanceType = "ecs.g7.large"
        request.securityGroupId = "sg-app"
        request.vSwitchId = "vsw-h"
        request.amount = amount
        request.clientToken = clientToken
        request.instanceName = name
        return request
    }

    /// Short real-time transitions for the waiter tests: each status lasts `step`.
    static func quick(_ step: Duration = .milliseconds(40)) -> InstanceTransitions {
        InstanceTransitions(pending: step, starting: step, stopping: step, forcedStopping: step)
    }

    /// How long one call may take. Generous: the whole test suite shares two cooperative
    /// threads, and a test elsewhere that holds them (a synchronous generator run) holds up
    /// the emulator's answers with them.
    static let callTimeout = Duration.seconds(90)

    /// A client of the emulator at `endpoint` (V3 unless told, fast retries).
    static func client(_ endpoint: String, credentials: Credentials = TestFixture.key, signature: SignatureVersion = .v3) -> ECSClient {
        ECSClient(
            credentials: .static(credentials), region: region,
            configuration: RPCClientConfiguration(
                signatureVersion: signature, endpointOverride: endpoint, timeout: callTimeout, retryPolicy: TestFixture.quickRetries))
    }
}

/// A transport that moves a manual clock by `tick` after every call it carries: each call (a
/// waiter's poll included) then sees the emulator one tick later than the one before, whatever
/// the machine's load, so a wait's every poll is known in advance.
struct TickingTransport: RPCTransport {
    let clock: ManualEmulatorClock
    let tick: Duration
    let inner = AsyncHTTPClientTransport()

    func send(_ request: SignedRequest, to endpoint: RPCEndpoint, timeout: Duration) async throws(TransportError) -> TransportResponse {
        let response = try await inner.send(request, to: endpoint, timeout: timeout)
        clock.advance(by: tick)
        return response
    }
}

extension LifecycleFixture {
    /// A client whose every call moves `clock` forward by `tick` once answered.
    static func tickingClient(_ endpoint: String, clock: ManualEmulatorClock, tick: Duration = .seconds(1)) -> ECSClient {
        ECSClient(
            credentials: .static(TestFixture.key), region: region,
            configuration: RPCClientConfiguration(endpointOverride: endpoint, timeout: callTimeout, retryPolicy: TestFixture.quickRetries),
            transport: TickingTransport(clock: clock, tick: tick))
    }
}

/// The statuses DescribeInstanceStatus gives for `ids`, by ID (an ID that is gone is missing).
func statuses(_ ecs: ECSClient, _ ids: [String]) async throws -> [String: String] {
    let response = try await ecs.describeInstanceStatus(
        DescribeInstanceStatusRequest(regionId: LifecycleFixture.region, pageSize: 50, instanceIds: ids))
    var result: [String: String] = [:]
    for entry in response.instanceStatuses {
        if let id = entry.instanceId { result[id] = entry.status?.rawValue }
    }
    return result
}

/// The error code and HTTP status a call failed with, or nil when it succeeded (a failure
/// without a service error is its description and -1).
func failure(_ call: () async throws -> Void) async -> (code: String, status: Int)? {
    do {
        try await call()
        return nil
    } catch let error as any AlibabaCloudError {
        guard let code = error.errorCode else { return ("\(error)", -1) }
        return (code, error.httpStatus ?? -1)
    } catch {
        return ("\(error)", -1)
    }
}
