import APIGenRuntime
import APIGenXML
import ECS
import ECSEmulator
import Foundation
import Testing

/// An instance's life on a clock the test moves: every status the documents describe, at the
/// instants ``InstanceTransitions/realistic`` gives them, and the codes of the calls a status
/// does not allow.
@Suite struct InstanceLifecycleTests {
    /// Runs `body` with an emulator whose transitions take the realistic durations (Pending 2 s,
    /// Starting 3 s, Stopping 3 s, forced 1 s) on a manual clock.
    func withManualClock(_ body: (ECSEmulator, ECSClient, ManualEmulatorClock) async throws -> Void) async throws {
        let clock = ManualEmulatorClock()
        try await withEmulator(LifecycleFixture.fixture(), transitions: .manual(clock)) { emulator, endpoint in
            try await body(emulator, LifecycleFixture.client(endpoint), clock)
        }
    }

    @Test func runStopStartRebootAndDeleteTakeTheirTime() async throws {
        try await withManualClock { emulator, ecs, clock in
            let id = try #require(try await ecs.runInstances(LifecycleFixture.launch()).instanceIds.first)
            #expect(try await statuses(ecs, [id]) == [id: "Pending"])
            clock.advance(by: .milliseconds(1999))
            #expect(try await statuses(ecs, [id]) == [id: "Pending"], "Pending lasts 2 s")
            clock.advance(by: .milliseconds(1))
            #expect(try await statuses(ecs, [id]) == [id: "Starting"])
            clock.advance(by: .seconds(3))
            #expect(try await statuses(ecs, [id]) == [id: "Running"])
            #expect(await emulator.state.instance(id)?.status == "Running")

            _ = try await ecs.stopInstance(.init(instanceId: id))
            #expect(try await statuses(ecs, [id]) == [id: "Stopping"])
            clock.advance(by: .seconds(3))
            #expect(try await statuses(ecs, [id]) == [id: "Stopped"])

            _ = try await ecs.startInstance(.init(instanceId: id))
            #expect(try await statuses(ecs, [id]) == [id: "Starting"])
            clock.advance(by: .seconds(3))
            #expect(try await statuses(ecs, [id]) == [id: "Running"])

            // Reboot: Stopping, then Starting, then Running.
            _ = try await ecs.rebootInstance(.init(instanceId: id))
            #expect(try await statuses(ecs, [id]) == [id: "Stopping"])
            clock.advance(by: .seconds(3))
            #expect(try await statuses(ecs, [id]) == [id: "Starting"])
            clock.advance(by: .seconds(3))
            #expect(try await statuses(ecs, [id]) == [id: "Running"])

            // A forced stop takes 1 s.
            _ = try await ecs.stopInstance(.init(instanceId: id, forceStop: true))
            clock.advance(by: .seconds(1))
            #expect(try await statuses(ecs, [id]) == [id: "Stopped"])

            _ = try await ecs.deleteInstance(.init(instanceId: id))
            #expect(try await statuses(ecs, [id]) == [:], "a Stopped instance is released at once")
            #expect(await emulator.state.instance(id) == nil)
        }
    }

    @Test func oneJumpOfTheClockAppliesEveryStepThatIsDue() async throws {
        try await withManualClock { _, ecs, clock in
            let ids = try await ecs.runInstances(LifecycleFixture.launch(amount: 3)).instanceIds
            clock.advance(by: .seconds(60))
            #expect(try await statuses(ecs, ids) == Dictionary(uniqueKeysWithValues: ids.map { ($0, "Running") }))
        }
    }

    @Test func deletingARunningInstanceNeedsForce() async throws {
        try await withManualClock { emulator, ecs, clock in
            let ids = try await ecs.runInstances(LifecycleFixture.launch(amount: 3)).instanceIds
            // Pending: not even with Force.
            let pending = await failure { _ = try await ecs.deleteInstance(.init(instanceId: ids[0], force: true)) }
            #expect(pending?.code == "IncorrectInstanceStatus.Initializing" && pending?.status == 403, "\(String(describing: pending))")
            clock.advance(by: .seconds(5))

            let running = await failure { _ = try await ecs.deleteInstance(.init(instanceId: ids[0])) }
            #expect(running?.code == "IncorrectInstanceStatus" && running?.status == 403, "\(String(describing: running))")
            #expect(await emulator.state.instance(ids[0])?.status == "Running", "a refused delete changes nothing")

            // Force (ForceStop defaults to true): gone at once.
            _ = try await ecs.deleteInstance(.init(instanceId: ids[0], force: true))
            #expect(try await statuses(ecs, [ids[0]]) == [:])

            // Force without ForceStop: a normal stop first (Stopping, 3 s), then released.
            _ = try await ecs.deleteInstance(.init(instanceId: ids[1], force: true, forceStop: false))
            #expect(try await statuses(ecs, [ids[1]]) == [ids[1]: "Stopping"])
            let again = await failure { _ = try await ecs.deleteInstance(.init(instanceId: ids[1], force: true)) }
            #expect(again?.code == "IncorrectInstanceStatus", "an instance being released cannot be deleted again")
            clock.advance(by: .seconds(3))
            #expect(try await statuses(ecs, [ids[1]]) == [:])

            // The batch form, too.
            let batch = await failure { _ = try await ecs.deleteInstances(.init(regionId: LifecycleFixture.region, instanceIds: [ids[2]])) }
            #expect(batch?.code == "IncorrectInstanceStatus")
            _ = try await ecs.deleteInstances(.init(force: true, regionId: LifecycleFixture.region, instanceIds: [ids[2]]))
            #expect(try await statuses(ecs, [ids[2]]) == [:])
        }
    }

    /// Each refusal: the instance, the call, the code and status its document gives.
    @Test func eachRefusalIsItsDocumentedCode() async throws {
        try await withManualClock { emulator, ecs, clock in
            let ids = try await ecs.runInstances(LifecycleFixture.launch(amount: 2)).instanceIds
            clock.advance(by: .seconds(5))
            let running = ids[0]
            _ = try await ecs.stopInstance(.init(instanceId: ids[1]))
            clock.advance(by: .seconds(3))
            let stopped = ids[1]

            let cases: [(String, () async throws -> Void, String, Int)] = [
                ("start a Running instance", { _ = try await ecs.startInstance(.init(instanceId: running)) }, "IncorrectInstanceStatus", 403),
                ("stop a Stopped instance", { _ = try await ecs.stopInstance(.init(instanceId: stopped)) }, "IncorrectInstanceStatus", 403),
                ("reboot a Stopped instance", { _ = try await ecs.rebootInstance(.init(instanceId: stopped)) }, "IncorrectInstanceStatus", 403),
                ("start a missing instance", { _ = try await ecs.startInstance(.init(instanceId: "i-missing")) }, "InvalidInstanceId.NotFound", 404),
                ("stop another account's instance", { _ = try await ecs.stopInstance(.init(instanceId: "i-other-account")) }, "InvalidInstanceId.NotFound", 404),
                ("describe a missing instance", { _ = try await ecs.describeInstanceAttribute(.init(instanceId: "i-missing")) }, "InvalidInstanceId.NotFound", 404),
                ("stop a locked instance", { _ = try await ecs.stopInstance(.init(instanceId: "i-locked")) }, "InstanceLockedForSecurity", 403),
                ("delete a protected instance", { _ = try await ecs.deleteInstance(.init(instanceId: "i-protected")) }, "InvalidOperation.DeletionProtection", 403),
                ("dry-run a start", { _ = try await ecs.startInstance(.init(instanceId: stopped, dryRun: true)) }, "DryRunOperation", 400),
                ("dry-run a delete", { _ = try await ecs.deleteInstance(.init(instanceId: stopped, dryRun: true)) }, "DryRunOperation", 400),
                ("batch-start in another region", {
                    _ = try await ecs.startInstances(.init(regionId: "cn-beijing", instanceIds: [stopped]))
                }, "InvalidInstanceId.NotFound", 404),
                ("batch-start in an unknown region", {
                    _ = try await ecs.startInstances(.init(regionId: "cn-nowhere", instanceIds: [stopped]))
                }, "InvalidRegionId.NotFound", 404),
                ("batch dry run", {
                    _ = try await ecs.stopInstances(.init(dryRun: true, regionId: LifecycleFixture.region, instanceIds: [running]))
                }, "DRYRUN.SUCCESS", 400),
                ("batch with an unknown mode", {
                    _ = try await ecs.stopInstances(.init(regionId: LifecycleFixture.region, batchOptimization: "Sometimes", instanceIds: [running]))
                }, "InvalidParameter", 400),
            ]
            for (name, call, code, status) in cases {
                let result = await failure(call)
                #expect(result?.code == code && result?.status == status, "\(name): \(String(describing: result))")
            }
            #expect(try await statuses(ecs, ids) == [running: "Running", stopped: "Stopped"], "no refused call changed anything")
            #expect(await emulator.state.instance("i-protected") != nil)
        }
    }

    @Test func batchesAreAllTogetherUnlessSuccessFirst() async throws {
        try await withManualClock { _, ecs, clock in
            let ids = try await ecs.runInstances(LifecycleFixture.launch(amount: 3)).instanceIds
            clock.advance(by: .seconds(5))
            _ = try await ecs.stopInstance(.init(instanceId: ids[2]))
            clock.advance(by: .seconds(3))

            // AllTogether: one Stopped instance fails the whole call; nothing stops.
            let refused = await failure {
                _ = try await ecs.stopInstances(.init(regionId: LifecycleFixture.region, instanceIds: ids))
            }
            #expect(refused?.code == "IncorrectInstanceStatus")
            #expect(try await statuses(ecs, ids) == [ids[0]: "Running", ids[1]: "Running", ids[2]: "Stopped"])

            // SuccessFirst: the Running ones stop, the Stopped one is reported.
            let response = try await ecs.stopInstances(
                .init(regionId: LifecycleFixture.region, batchOptimization: "SuccessFirst", instanceIds: ids + [ids[0]]))
            #expect(response.instanceResponses.map(\.instanceId) == ids, "each instance once, in the order asked")
            #expect(response.instanceResponses.map(\.code) == ["200", "200", "IncorrectInstanceStatus"])
            #expect(response.instanceResponses.map(\.previousStatus) == ["Running", "Running", "Stopped"])
            #expect(response.instanceResponses.map(\.currentStatus) == ["Stopping", "Stopping", "Stopped"])
            clock.advance(by: .seconds(3))

            let started = try await ecs.startInstances(.init(regionId: LifecycleFixture.region, instanceIds: ids))
            #expect(started.instanceResponses.map(\.currentStatus) == ["Starting", "Starting", "Starting"])
            clock.advance(by: .seconds(3))
            #expect(try await statuses(ecs, ids) == Dictionary(uniqueKeysWithValues: ids.map { ($0, "Running") }))
        }
    }

    @Test func describeInstanceAttributeShowsTheInstance() async throws {
        try await withManualClock { _, ecs, clock in
            var launch = LifecycleFixture.launch(name: "api-server")
            launch.tags = [.init(key: "env", value: "test")]
            let id = try #require(try await ecs.runInstances(launch).instanceIds.first)
            clock.advance(by: .seconds(5))
            let attribute = try await ecs.describeInstanceAttribute(.init(instanceId: id))
            #expect(attribute.instanceId == id)
            #expect(attribute.instanceName == "api-server")
            #expect(attribute.status == .running)
            #expect(attribute.zoneId == "cn-hangzhou-h")
            #expect(attribute.instanceType == "ecs.g7.large")
            #expect(attribute.imageId == LifecycleFixture.image)
            #expect(attribute.securityGroupIds == ["sg-app"])
            #expect(attribute.vpcAttributes?.vpcId == "vpc-app")
            #expect(attribute.vpcAttributes?.vSwitchId == "vsw-h")
            #expect(attribute.vpcAttributes?.privateIpAddresses.first?.hasPrefix("172.16.") == true)
            #expect(attribute.instanceNetworkType == "vpc")

            let described = try await ecs.describeInstances(.init(regionId: LifecycleFixture.region, instanceIds: [id]))
            let instance = try #require(described.instances.first)
            #expect(instance.tags.map { "\($0.tagKey ?? "")=\($0.tagValue ?? "")" } == ["env=test"])
            #expect(instance.creationTime?.count == 17, "to the minute, as ECS writes it: \(instance.creationTime ?? "")")
            #expect(instance.startTime != nil, "a Running instance has a start time")
            #expect(instance.hostName == "iZ\(id.dropFirst(2))Z")
        }
    }

    /// `GET /_emulator/state` lists instances with their statuses; `POST /_emulator/clock/advance`
    /// moves a manual clock (what `ecs-emulator --transition-speed manual` is for), and is
    /// refused (409) on real time.
    @Test func theClockAndStateControlsWorkOverHTTP() async throws {
        func admin(_ endpoint: String, _ method: HTTPMethod, _ path: String, _ query: [QueryItem] = []) async throws -> (Int, [String: Any]) {
            let target = try #require(RPCEndpoint(url: endpoint))
            let request = SignedRequest(method: method, host: target.authority, path: path, queryItems: query, headers: [:], body: [])
            let response = try await AsyncHTTPClientTransport().send(request, to: target, timeout: .seconds(10))
            return (response.status, try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]))
        }
        let clock = ManualEmulatorClock()
        try await withEmulator(LifecycleFixture.fixture(), transitions: .manual(clock)) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let id = try #require(try await ecs.runInstances(LifecycleFixture.launch()).instanceIds.first)
            let (status, advanced) = try await admin(endpoint, .post, "/_emulator/clock/advance", [QueryItem(name: "seconds", value: "2.5")])
            #expect(status == 200 && advanced["AdvancedSeconds"] as? Double == 2.5)
            let (_, state) = try await admin(endpoint, .get, "/_emulator/state")
            let instances = try #require(state["Instances"] as? [[String: String]])
            #expect(instances.last == ["InstanceId": id, "Status": "Starting", "RegionId": "cn-hangzhou"])
            #expect(instances.first?["InstanceId"] == "i-locked")
            let (bad, _) = try await admin(endpoint, .post, "/_emulator/clock/advance", [QueryItem(name: "seconds", value: "-1")])
            #expect(bad == 400)
        }
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let (status, _) = try await admin(endpoint, .post, "/_emulator/clock/advance", [QueryItem(name: "seconds", value: "1")])
            #expect(status == 409)
        }
    }

    /// The same answers in XML (Alibaba's default format) and under signature 1.0: lists of
    /// IDs, instances with nested lists, batch outcomes, errors.
    @Test(arguments: [SignatureVersion.v3, .v1])
    func xmlResponsesReadBackTheSame(signature: SignatureVersion) async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = TestFixture.client(endpoint, signature: signature, format: .xml)
            var launch = LifecycleFixture.launch(amount: 2, name: "xml")
            launch.tags = [.init(key: "format", value: "xml")]
            let ids = try await ecs.runInstances(launch).instanceIds
            #expect(ids.count == 2)
            let described = try await ecs.describeInstances(.init(regionId: LifecycleFixture.region, instanceIds: ids))
            #expect(described.instances.compactMap(\.instanceId) == ids)
            #expect(described.instances.first?.securityGroupIds == ["sg-app"])
            #expect(described.instances.first?.tags.map(\.tagKey) == ["format"])
            #expect(described.instances.first?.vpcAttributes?.privateIpAddresses.count == 1)
            let stopped = try await ecs.stopInstances(.init(regionId: LifecycleFixture.region, instanceIds: ids))
            #expect(stopped.instanceResponses.map(\.code) == ["200", "200"])
            let refused = await failure { _ = try await ecs.startInstance(.init(instanceId: "i-missing")) }
            #expect(refused?.code == "InvalidInstanceId.NotFound" && refused?.status == 404)
        }
    }

    @Test func aDeletedInstanceLosesItsLinkAndTags() async throws {
        try await withManualClock { emulator, ecs, clock in
            let id = try #require(try await ecs.runInstances(LifecycleFixture.launch()).instanceIds.first)
            _ = try await ecs.tagResources(
                .init(regionId: LifecycleFixture.region, resourceType: "instance", resourceIds: [id], tags: [.init(key: "k", value: "v")]))
            clock.advance(by: .seconds(5))
            _ = try await ecs.deleteInstance(.init(instanceId: id, force: true))
            let listed = await failure {
                _ = try await ecs.tagResources(
                    .init(regionId: LifecycleFixture.region, resourceType: "instance", resourceIds: [id], tags: [.init(key: "k", value: "w")]))
            }
            #expect(listed?.code == "InvalidResourceId.NotFound")
            #expect(await emulator.state.instances[id] == nil)
        }
    }
}
