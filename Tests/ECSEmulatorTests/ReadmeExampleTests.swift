import APIGenRuntime
import APIGenXML
import ECS
import ECSEmulator
import Testing

/// The example test of the README's "Local emulator" section, as written there, against the
/// default fixture; plus what the comments in it claim.
@Suite struct ReadmeExampleTests {
    @Test func linkingTwiceToAnotherVPCFails() async throws {
        let emulator = ECSEmulator(fixture: try ECSEmulator.defaultFixture())   // or EmulatorFixture.load(contentsOf:)
        try await emulator.start()                                               // 127.0.0.1, any free port
        defer { Task { await emulator.stop() } }
        let endpoint = try #require(await emulator.endpoint)                      // http://127.0.0.1:PORT
        let ecs = ECSClient(
            credentials: .static(Credentials(accessKeyId: "LTAI5tEmulatorAccessKey", accessKeySecret: "EmulatorAccessKeySecret")),
            region: "cn-hangzhou",
            configuration: RPCClientConfiguration(endpointOverride: endpoint)
        )

        _ = try await ecs.attachClassicLinkVpc(.init(regionId: "cn-hangzhou", instanceId: "i-hz-classic-running", vpcId: "vpc-hz-classiclink"))
        #expect(await emulator.state.linkedVPC(of: "i-hz-classic-running") == "vpc-hz-classiclink")

        await #expect(throws: RPCError<AttachClassicLinkVpcRequest>.self) {
            try await ecs.attachClassicLinkVpc(.init(regionId: "cn-hangzhou", instanceId: "i-hz-classic-running", vpcId: "vpc-hz-classiclink-2"))
        }   // .service(.absInvalidInstanceIdMalFormed), HTTP 400

        await emulator.throttle(nextCalls: 2)   // the next two calls answer Throttling; the client retries

        // What the comments say.
        do throws(RPCError<AttachClassicLinkVpcRequest>) {
            _ = try await ecs.attachClassicLinkVpc(.init(regionId: "cn-hangzhou", instanceId: "i-hz-classic-running", vpcId: "vpc-hz-classiclink-2"))
            Issue.record("no error")
        } catch .service(let serviceError) where serviceError == .absInvalidInstanceIdMalFormed {
            let payload = serviceError.payload
            #expect(payload.httpStatus == 400)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(await emulator.state.throttledCallsRemaining == 0, "two throttled attempts were retried")
    }

    /// The README's second example, as written there: launch, wait, page, stop, delete.
    @Test func launchWaitListStopAndDelete() async throws {
        let emulator = ECSEmulator(fixture: try ECSEmulator.defaultFixture(),
                                   transitions: .realistic.speeded(up: 50))          // Pending 40 ms, Starting 60 ms, Stopping 60 ms
        try await emulator.start()
        defer { Task { await emulator.stop() } }
        let endpoint = try #require(await emulator.endpoint)
        let ecs = ECSClient(
            credentials: .static(Credentials(accessKeyId: "LTAI5tEmulatorAccessKey", accessKeySecret: "EmulatorAccessKeySecret")),
            region: "cn-hangzhou",
            configuration: RPCClientConfiguration(endpointOverride: endpoint)
        )

        var launch = RunInstancesRequest(regionId: "cn-hangzhou")
        launch.imageId = "aliyun_3_x64_20G_alibase_20240819.vhd"
        launch.instanceType = "ecs.g7.large"
        launch.securityGroupId = "sg-hz-app"                                           // in the default fixture, with
        launch.vSwitchId = "vsw-hz-app-h"                                              // this vSwitch of the same VPC
        launch.amount = 3
        let ids = try await ecs.runInstances(launch).instanceIds                    // Pending, then Starting, then Running

        let these = DescribeInstancesRequest(regionId: "cn-hangzhou", instanceIds: ids)
        let delay = Duration.milliseconds(10)...Duration.milliseconds(100)               // poll often: the emulator is quick
        try await ecs.waitUntilInstanceRunning(these, timeout: .seconds(60), delay: delay)   // Pending, Starting, Running

        // Every instance of the region, 10 a page, each once, in creation order.
        let all = try await ecs.describeInstancesPaginator(.init(regionId: "cn-hangzhou", maxResults: 10)).items.collect()
        #expect(all.count == 10)                                                       // the fixture's 7 and ours
        #expect(all.suffix(3).compactMap(\.instanceId) == ids)

        _ = try await ecs.stopInstances(.init(regionId: "cn-hangzhou", instanceIds: ids))
        try await ecs.waitUntilInstanceStopped(these, timeout: .seconds(60), delay: delay)
        _ = try await ecs.deleteInstances(.init(regionId: "cn-hangzhou", instanceIds: ids))
        try await ecs.waitUntilInstanceDeleted(these, timeout: .seconds(60), delay: delay)

        // The same wait by hand: DescribeInstanceAttribute's InvalidInstanceId.NotFound means gone.
        let gone = try await ecs.client.wait(
            for: DescribeInstanceAttributeRequest(instanceId: ids[0]), timeout: .seconds(60), delay: delay,
            matchers: [.errorCode("InvalidInstanceId.NotFound", state: .success)])
        #expect(gone.response == nil)                                                  // gone: the call's error was the answer
    }

    /// Every rule of AttachClassicLinkVpc has a resource in the default fixture that breaks it
    /// (and only it), so a user can try each code against `swift run ecs-emulator`.
    @Test func theDefaultFixtureReachesEveryCode() async throws {
        let emulator = ECSEmulator(fixture: try ECSEmulator.defaultFixture())
        let account = "1234567890123456"
        let cases: [(String, String, String, AttachClassicLinkVpcError)] = [
            ("cn-nowhere", "i-hz-classic-running", "vpc-hz-classiclink", .invalidRegionIdMalformed),
            ("cn-hangzhou", "i-missing", "vpc-hz-classiclink", .invalidInstanceIdNotFound),
            ("cn-hangzhou", "i-hz-other-account", "vpc-hz-classiclink", .invalidInstanceIdNotBelong),
            ("cn-hangzhou", "i-hz-vpc-network", "vpc-hz-classiclink", .invalidInstanceIdMalFormed),
            ("cn-hangzhou", "i-hz-classic-locked", "vpc-hz-classiclink", .invalidStatusInstanceLocked),
            ("cn-hangzhou", "i-hz-classic-starting", "vpc-hz-classiclink", .invalidStatusInstanceStatus),
            ("cn-hangzhou", "i-hz-classic-running", "vpc-bj-classiclink", .invalidVpcIdMalformed),
            ("cn-hangzhou", "i-hz-classic-running", "vpc-hz-no-classiclink", .operationDenied),
            ("cn-hangzhou", "i-hz-classic-linked", "vpc-hz-classiclink", .absInvalidInstanceIdMalFormed),
        ]
        for (region, instance, vpc, code) in cases {
            let result = await emulator.state.attachClassicLinkVpc(regionId: region, instanceId: instance, vpcId: vpc, account: account)
            #expect(result == code, "\(instance) → \(vpc)")
        }
        // The quota needs 1000 links, which a small fixture does not have (the tests build one).
        #expect(await emulator.state.attachClassicLinkVpc(regionId: "cn-hangzhou", instanceId: "i-hz-classic-stopped", vpcId: "vpc-hz-classiclink", account: account) == nil)
    }
}
