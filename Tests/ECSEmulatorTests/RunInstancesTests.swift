import APIGenRuntime
import ECS
import ECSEmulator
import Foundation
import Testing

/// RunInstances by its document: every rule's code, Amount and MinAmount against a zone's
/// capacity, DryRun, ClientToken idempotency, and concurrent calls that never lose or
/// duplicate an instance.
@Suite struct RunInstancesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var condition: String
        var change: @Sendable (inout RunInstancesRequest) -> Void
        var code: String
        var status: Int
        var testDescription: String { "\(code): \(condition)" }
    }

    static let rows: [Row] = [
        Row(condition: "unknown region", change: { $0.regionId = "cn-nowhere" }, code: "InvalidRegionId.NotFound", status: 404),
        Row(condition: "a client token over 64 characters", change: { $0.clientToken = String(repeating: "t", count: 65) },
            code: "InvalidClientToken.ValueNotSupported", status: 400),
        Row(condition: "Amount over 100", change: { $0.amount = 101 }, code: "InvalidAmount.Malformed", status: 400),
        Row(condition: "MinAmount over Amount", change: { $0.amount = 2; $0.minAmount = 3 }, code: "InvalidMinAmount.Malformed", status: 400),
        Row(condition: "no image", change: { $0.imageId = nil }, code: "MissingParameter", status: 400),
        Row(condition: "no instance type", change: { $0.instanceType = nil }, code: "MissingParameter", status: 400),
        Row(condition: "no security group", change: { $0.securityGroupId = nil }, code: "MissingParameter", status: 400),
        Row(condition: "both SecurityGroupId and SecurityGroupIds", change: { $0.securityGroupIds = ["sg-app"] },
            code: "InvalidSecurityGroupId.SingleIdAndMultiIdConflict", status: 400),
        Row(condition: "a one-letter name", change: { $0.instanceName = "x" }, code: "InvalidInstanceName.Malformed", status: 400),
        Row(condition: "a name that is a URL", change: { $0.instanceName = "http://x" }, code: "InvalidInstanceName.Malformed", status: 400),
        Row(condition: "a tag key starting with acs:", change: { $0.tags = [.init(key: "acs:x", value: "v")] }, code: "InvalidTagKey.Malformed", status: 400),
        Row(condition: "a tag value with a URL", change: { $0.tags = [.init(key: "k", value: "see https://x")] }, code: "InvalidTagValue.Malformed", status: 400),
        Row(condition: "two tags with one key", change: { $0.tags = [.init(key: "k", value: "1"), .init(key: "k", value: "2")] },
            code: "Duplicate.TagKey", status: 400),
        Row(condition: "21 tags", change: { $0.tags = (1...21).map { .init(key: "k\($0)", value: "v") } }, code: "InvalidTagCount", status: 400),
        Row(condition: "a security group that does not exist", change: { $0.securityGroupId = "sg-missing" },
            code: "InvalidSecurityGroupId.NotFound", status: 400),
        Row(condition: "another account's security group", change: { $0.securityGroupId = "sg-of-other-account" },
            code: "InvalidSecurityGroupId.NotFound", status: 400),
        Row(condition: "a security group of another region", change: { $0.securityGroupId = "sg-beijing"; $0.vSwitchId = nil },
            code: "InvalidSecurityGroupId.NotFound", status: 400),
        Row(condition: "security groups of two VPCs", change: { $0.securityGroupId = nil; $0.securityGroupIds = ["sg-app", "sg-db"] },
            code: "InvalidSecurityGroup.VpcMismatch", status: 400),
        Row(condition: "a vSwitch that does not exist", change: { $0.vSwitchId = "vsw-missing" }, code: "InvalidVSwitchId.NotFound", status: 404),
        Row(condition: "another account's vSwitch", change: { $0.vSwitchId = "vsw-of-other-account" }, code: "InvalidVSwitchId.NotFound", status: 404),
        Row(condition: "a VPC security group without a vSwitch", change: { $0.vSwitchId = nil }, code: "MissingParameter", status: 400),
        Row(condition: "a classic security group with a vSwitch", change: { $0.securityGroupId = "sg-classic" },
            code: "InvalidSecurityGroup.NetworkType", status: 400),
        Row(condition: "a vSwitch of another VPC than the group", change: { $0.vSwitchId = "vsw-db" }, code: "InvalidParameter.Mismatch", status: 400),
        Row(condition: "a zone that does not exist", change: { $0.zoneId = "cn-hangzhou-z" }, code: "InvalidZoneId.NotFound", status: 404),
        Row(condition: "a zone that is not the vSwitch's", change: { $0.zoneId = "cn-hangzhou-i" }, code: "InvalidParameter", status: 400),
        Row(condition: "an instance type the zone does not sell", change: { $0.vSwitchId = "vsw-i"; $0.instanceType = "ecs.c7.large" },
            code: "InvalidInstanceType.ValueNotSupported", status: 400),
        Row(condition: "more instances than the zone holds", change: { $0.vSwitchId = "vsw-i"; $0.amount = LifecycleFixture.smallZoneCapacity + 1 },
            code: "OperationDenied.NoStock", status: 403),
        Row(condition: "a dry run that passes", change: { $0.dryRun = true }, code: "DryRunOperation", status: 400),
        Row(condition: "a launch template (not emulated)", change: { $0.launchTemplateId = "lt-1" }, code: "UnsupportedParameter", status: 400),
    ]

    @Test(arguments: rows)
    func eachBrokenRuleIsItsDocumentedCode(row: Row) async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { emulator, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            var request = LifecycleFixture.launch(amount: 2)
            row.change(&request)
            let before = await emulator.state.instances.count
            let result = await failure { _ = try await ecs.runInstances(request) }
            #expect(result?.code == row.code && result?.status == row.status, "\(String(describing: result))")
            #expect(await emulator.state.instances.count == before, "a refused call creates nothing")
        }
    }

    @Test func minAmountTakesWhatTheZoneHasRoomFor() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            var request = LifecycleFixture.launch(amount: 4)
            request.vSwitchId = "vsw-i"
            let first = try await ecs.runInstances(request).instanceIds
            #expect(first.count == 4)

            // One place left: Amount 3 alone fails, with MinAmount 1 one instance is created.
            request.amount = 3
            let refused = await failure { _ = try await ecs.runInstances(request) }
            #expect(refused?.code == "OperationDenied.NoStock")
            request.minAmount = 2
            #expect(await failure { _ = try await ecs.runInstances(request) }?.code == "OperationDenied.NoStock", "room for 1 < MinAmount 2")
            request.minAmount = 1
            let partial = try await ecs.runInstances(request).instanceIds
            #expect(partial.count == 1)

            // A deleted instance frees its place.
            _ = try await ecs.deleteInstance(.init(instanceId: first[0], force: true))
            request.minAmount = nil
            request.amount = 1
            #expect(try await ecs.runInstances(request).instanceIds.count == 1)

            // Without a vSwitch or zone, a classic launch goes to a zone with room.
            var classic = LifecycleFixture.launch(amount: 2)
            classic.vSwitchId = nil
            classic.securityGroupId = "sg-classic"
            let ids = try await ecs.runInstances(classic).instanceIds
            let described = try await ecs.describeInstances(.init(regionId: LifecycleFixture.region, instanceIds: ids))
            #expect(described.instances.map(\.zoneId) == ["cn-hangzhou-h", "cn-hangzhou-h"])
            #expect(described.instances.map(\.instanceNetworkType) == ["classic", "classic"])
        }
    }

    @Test func aDryRunCreatesNothingAndTakesNoToken() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { emulator, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            var request = LifecycleFixture.launch(amount: 3, clientToken: "dry-then-real")
            request.dryRun = true
            #expect(await failure { _ = try await ecs.runInstances(request) }?.code == "DryRunOperation")
            #expect(await emulator.state.instances.count == 4, "the fixture's four")
            request.dryRun = nil
            let created = try await ecs.runInstances(request).instanceIds
            #expect(created.count == 3, "the token was not used by the dry run")
        }
    }

    /// The same RunInstances with the same ClientToken twice creates its instances once and
    /// answers the same IDs; the token with other parameters is IdempotentParameterMismatch
    /// (the ECS idempotence document), and creates nothing.
    @Test(arguments: [SignatureVersion.v3, .v1])
    func theSameClientTokenCreatesOnce(signature: SignatureVersion) async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { emulator, endpoint in
            let ecs = LifecycleFixture.client(endpoint, signature: signature)
            let request = LifecycleFixture.launch(amount: 3, clientToken: "123e4567-e89b-12d3-a456-426655440000")
            let first = try await ecs.runInstances(request).instanceIds
            let second = try await ecs.runInstances(request).instanceIds
            #expect(first.count == 3)
            #expect(second == first)
            #expect(await emulator.state.instances.count == 4 + 3)

            var other = request
            other.amount = 4
            let mismatch = await failure { _ = try await ecs.runInstances(other) }
            #expect(mismatch?.code == "IdempotentParameterMismatch" && mismatch?.status == 403, "\(String(describing: mismatch))")
            #expect(await emulator.state.instances.count == 4 + 3)

            // Even once they are gone, the token answers what it created.
            _ = try await ecs.deleteInstances(.init(force: true, regionId: LifecycleFixture.region, instanceIds: first))
            #expect(try await ecs.runInstances(request).instanceIds == first)
            #expect(await emulator.state.instances.count == 4)

            // Another account's same token is its own.
            let theirs = LifecycleFixture.client(endpoint, credentials: TestFixture.otherAccountKey, signature: signature)
            var theirRequest = request
            theirRequest.securityGroupId = "sg-of-other-account"
            theirRequest.vSwitchId = nil   // its group is a classic one
            #expect(try await theirs.runInstances(theirRequest).instanceIds != first)
        }
    }

    @Test func concurrentCallsWithOneTokenCreateOnce() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { emulator, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let request = LifecycleFixture.launch(amount: 5, clientToken: "one-token-racing")
            let answers = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<16 { group.addTask { try await ecs.runInstances(request).instanceIds } }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            #expect(Set(answers).count == 1, "every call answers the same five IDs")
            #expect(await emulator.state.instances.count == 4 + 5)
        }
    }

    @Test func deleteInstancesWithTheSameTokenSucceedsAgain() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let ids = try await ecs.runInstances(LifecycleFixture.launch(amount: 2)).instanceIds
            let delete = DeleteInstancesRequest(force: true, clientToken: "delete-once", regionId: LifecycleFixture.region, instanceIds: ids)
            _ = try await ecs.deleteInstances(delete)
            _ = try await ecs.deleteInstances(delete)   // a retry: the instances are gone, the answer is the same
            var other = delete
            other.instanceIds = [ids[0]]
            #expect(await failure { _ = try await ecs.deleteInstances(other) }?.code == "IdempotentParameterMismatch")
            var fresh = delete
            fresh.clientToken = "another-token"
            #expect(await failure { _ = try await ecs.deleteInstances(fresh) }?.code == "InvalidInstanceId.NotFound")
        }
    }

    /// 40 RunInstances (3 instances each) and 40 DeleteInstances (2 instances each, of 80
    /// created first) at once: every instance created exists once, every one deleted is gone,
    /// nothing else changed.
    @Test func concurrentRunsAndDeletesNeverLoseOrDuplicateAnInstance() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { emulator, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let victims = try await InstancePagingTests.create(80, ecs)
            enum Outcome: Sendable { case created([String]), deleted([String]) }
            let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
                for index in 0..<40 {
                    group.addTask { .created(try await ecs.runInstances(LifecycleFixture.launch(amount: 3)).instanceIds) }
                    let pair = Array(victims[(index * 2)..<(index * 2 + 2)])
                    group.addTask {
                        _ = try await ecs.deleteInstances(.init(force: true, regionId: LifecycleFixture.region, instanceIds: pair))
                        return .deleted(pair)
                    }
                }
                return try await group.reduce(into: [Outcome]()) { $0.append($1) }
            }
            var created: [String] = []
            var deleted: [String] = []
            for outcome in outcomes {
                switch outcome {
                case .created(let ids): created += ids
                case .deleted(let ids): deleted += ids
                }
            }
            #expect(created.count == 120 && Set(created).count == 120, "no ID handed out twice")
            #expect(Set(deleted) == Set(victims))
            let listed = try await InstancePagingTests.byToken(ecs, .init(regionId: LifecycleFixture.region, maxResults: 100)).items.collect()
            let listedIds = listed.compactMap(\.instanceId)
            #expect(Set(listedIds).count == listedIds.count)
            #expect(Set(listedIds) == Set(InstancePagingTests.fixtureInstances + created))
            #expect(await emulator.state.instances.count == 4 + 120)
        }
    }

    @Test func uniqueSuffixNumbersNamesAndHostNames() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            var request = LifecycleFixture.launch(amount: 3, name: "node-")
            request.hostName = "k8s-node-"
            request.uniqueSuffix = true
            let ids = try await ecs.runInstances(request).instanceIds
            let described = try await ecs.describeInstances(.init(regionId: LifecycleFixture.region, instanceIds: ids))
            #expect(described.instances.map(\.instanceName) == ["node-001", "node-002", "node-003"])
            #expect(described.instances.map(\.hostName) == ["k8s-node-001", "k8s-node-002", "k8s-node-003"])
            #expect(ids.allSatisfy { $0.hasPrefix("i-bp") && $0.count == 22 }, "IDs shaped like ECS's: \(ids)")
            let addresses = described.instances.compactMap { $0.vpcAttributes?.privateIpAddresses.first }
            #expect(Set(addresses).count == 3 && addresses.allSatisfy { $0.hasPrefix("172.16.") })
        }
    }
}
