import APIGenRuntime
import APIGenXML
import ECS
import ECSEmulator
import Foundation
import Testing

/// The generated `ECSClient` against the emulator on a loopback port: AttachClassicLinkVpc's
/// rules, each error code of the seed document reached by a real request.
@Suite struct AttachClassicLinkVpcEmulatorTests {
    @Test func aClassicInstanceIsLinkedAndTheLinkIsVisible() async throws {
        try await withEmulator { emulator, endpoint in
            let client = TestFixture.client(endpoint)
            let response = try await client.attachClassicLinkVpc(
                AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-running", vpcId: "vpc-main"))
            #expect(response.requestId.count == 36, "a UUID: \(response.requestId)")
            #expect(await emulator.state.linkedVPC(of: "i-running") == "vpc-main")
            #expect(await emulator.state.linkedInstances(of: "vpc-main") == ["i-running"])

            // A Stopped instance may be linked too.
            _ = try await client.attachClassicLinkVpc(
                AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-stopped", vpcId: "vpc-main"))
            #expect(await emulator.state.linkedInstances(of: "vpc-main") == ["i-running", "i-stopped"])

            // The read action sees the links, through the wire.
            let described = try await client.describeClassicLinkInstances(
                DescribeClassicLinkInstancesRequest(regionId: "cn-hangzhou", vpcId: "vpc-main"))
            #expect(described.totalCount == 2)
            #expect(described.links.map(\.instanceId) == ["i-running", "i-stopped"])
            #expect(described.links.allSatisfy { $0.vpcId == "vpc-main" } == true)

            // Linking again to the same VPC changes nothing and succeeds.
            _ = try await client.attachClassicLinkVpc(
                AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-running", vpcId: "vpc-main"))
            #expect(await emulator.state.linkedInstances(of: "vpc-main") == ["i-running", "i-stopped"])

            // Detach, then the instance may be linked elsewhere.
            _ = try await client.detachClassicLinkVpc(
                DetachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-running", vpcId: "vpc-main"))
            #expect(await emulator.state.linkedVPC(of: "i-running") == nil)
            _ = try await client.attachClassicLinkVpc(
                AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-running", vpcId: "vpc-other"))
            #expect(await emulator.state.linkedVPC(of: "i-running") == "vpc-other")
        }
    }

    /// One row per way to break a rule: the request, the code the seed's table gives that
    /// condition, and its status. Every other rule holds in each row.
    struct Row: Sendable, CustomTestStringConvertible {
        var condition: String
        var regionId = "cn-hangzhou"
        var instanceId: String
        var vpcId = "vpc-main"
        var code: AttachClassicLinkVpcError
        var status: Int
        var testDescription: String { "\(code.code): \(condition)" }
    }

    static let rows: [Row] = [
        Row(condition: "already linked to another VPC", instanceId: "i-linked-elsewhere", code: .absInvalidInstanceIdMalFormed, status: 400),
        Row(condition: "not a classic network instance", instanceId: "i-vpc-network", code: .invalidInstanceIdMalFormed, status: 400),
        Row(condition: "region does not exist", regionId: "cn-nowhere", instanceId: "i-running", code: .invalidRegionIdMalformed, status: 400),
        Row(condition: "VPC does not exist", instanceId: "i-running", vpcId: "vpc-missing", code: .invalidVpcIdMalformed, status: 400),
        Row(condition: "VPC in another region than the instance", instanceId: "i-running", vpcId: "vpc-beijing", code: .invalidVpcIdMalformed, status: 400),
        Row(condition: "VPC of another account", instanceId: "i-running", vpcId: "vpc-of-other-account", code: .invalidVpcIdMalformed, status: 400),
        Row(condition: "instance of another account", instanceId: "i-other-account", code: .invalidInstanceIdNotBelong, status: 403),
        Row(condition: "instance busy with another task", instanceId: "i-locked", code: .invalidStatusInstanceLocked, status: 403),
        Row(condition: "instance neither Running nor Stopped", instanceId: "i-starting", code: .invalidStatusInstanceStatus, status: 403),
        Row(condition: "VPC without ClassicLink", instanceId: "i-running", vpcId: "vpc-no-classiclink", code: .operationDenied, status: 403),
        Row(condition: "no such instance", instanceId: "i-missing", code: .invalidInstanceIdNotFound, status: 404),
        Row(condition: "instance in another region than RegionId", instanceId: "i-beijing", code: .invalidInstanceIdNotFound, status: 404),
    ]

    @Test(arguments: rows, [SignatureVersion.v3, .v1])
    func eachBrokenRuleIsItsDocumentedCode(row: Row, signature: SignatureVersion) async throws {
        try await withEmulator { emulator, endpoint in
            let client = TestFixture.client(endpoint, signature: signature)
            let linksBefore = await emulator.state.links
            do throws(RPCError<AttachClassicLinkVpcRequest>) {
                _ = try await client.attachClassicLinkVpc(
                    AttachClassicLinkVpcRequest(regionId: row.regionId, instanceId: row.instanceId, vpcId: row.vpcId))
                Issue.record("no error")
            } catch {
                guard case .service(let serviceError) = error else {
                    Issue.record("not a service error: \(error)")
                    return
                }
                #expect(serviceError == row.code, "\(serviceError)")
                #expect(serviceError.payload.httpStatus == row.status)
                #expect(serviceError.payload.message == row.code.documentation?.message)
                #expect(serviceError.payload.requestId != nil)
                #expect(serviceError.payload.hostId != nil)
            }
            #expect(await emulator.state.links == linksBefore, "a failed attach changes nothing")
        }
    }

    @Test func everyCodeOfTheSeedTableIsReachable() {
        let reached = Set(Self.rows.map(\.code)).union([.quotaExceeded])
        #expect(reached == Set(AttachClassicLinkVpcRequest.documentedErrors))
        #expect(AttachClassicLinkVpcRequest.documentedErrors.count == 10)
    }

    @Test func theThousandAndFirstLinkIsQuotaExceeded() async throws {
        try await withEmulator { emulator, endpoint in
            let client = TestFixture.client(endpoint)
            #expect(await emulator.state.linkedInstances(of: "vpc-nearly-full").count == 999)
            _ = try await client.attachClassicLinkVpc(
                AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-free-1", vpcId: "vpc-nearly-full"))
            #expect(await emulator.state.linkedInstances(of: "vpc-nearly-full").count == 1000)
            var caught: ServiceErrorPayload?
            do throws(RPCError<AttachClassicLinkVpcRequest>) {
                _ = try await client.attachClassicLinkVpc(
                    AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-free-2", vpcId: "vpc-nearly-full"))
            } catch .service(let serviceError) where serviceError == .quotaExceeded {
                let payload = serviceError.payload
                caught = payload
            } catch {
                Issue.record("unexpected \(error)")
            }
            #expect(caught?.httpStatus == 403)
            #expect(caught?.code == "QuotaExceeded")
            #expect(await emulator.state.linkedVPC(of: "i-free-2") == nil)
            // Another VPC is not affected by this one's quota.
            _ = try await client.attachClassicLinkVpc(
                AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-free-2", vpcId: "vpc-main"))
        }
    }

    @Test func concurrentAttachesRaceForTheLastSlotAndExactlyOneWins() async throws {
        let contenders = 24
        try await withEmulator(TestFixture.fixture(freeInstances: contenders)) { emulator, endpoint in
            let client = TestFixture.client(endpoint)
            let outcomes = await withTaskGroup(of: (String, Result<Void, RPCError<AttachClassicLinkVpcRequest>>).self) { group in
                for index in 1...contenders {
                    group.addTask {
                        let instance = "i-free-\(index)"
                        do throws(RPCError<AttachClassicLinkVpcRequest>) {
                            _ = try await client.attachClassicLinkVpc(
                                AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: instance, vpcId: "vpc-nearly-full"))
                            return (instance, .success(()))
                        } catch {
                            return (instance, .failure(error))
                        }
                    }
                }
                var all: [(String, Result<Void, RPCError<AttachClassicLinkVpcRequest>>)] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            let winners = outcomes.filter { if case .success = $0.1 { true } else { false } }.map(\.0)
            let quotaFailures = outcomes.filter {
                if case .failure(.service(let serviceError)) = $0.1, serviceError == .quotaExceeded { serviceError.payload.httpStatus == 403 } else { false }
            }
            #expect(winners.count == 1, "winners: \(winners)")
            #expect(quotaFailures.count == contenders - 1, "\(outcomes.map { "\($0.0): \($0.1)" })")
            let linked = await emulator.state.linkedInstances(of: "vpc-nearly-full")
            #expect(linked.count == 1000)
            #expect(winners.allSatisfy(linked.contains))
        }
    }

    @Test(arguments: [SignatureVersion.v3, .v1], [ResponseFormat.json, .xml])
    func successAndErrorsInBothFormatsAndSignatures(signature: SignatureVersion, format: ResponseFormat) async throws {
        try await withEmulator { emulator, endpoint in
            let client = TestFixture.client(endpoint, signature: signature, format: format)
            let response = try await client.attachClassicLinkVpc(
                AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-running", vpcId: "vpc-main"))
            #expect(!response.requestId.isEmpty)
            #expect(await emulator.state.linkedVPC(of: "i-running") == "vpc-main")

            let described = try await client.describeClassicLinkInstances(
                DescribeClassicLinkInstancesRequest(regionId: "cn-hangzhou", instanceId: "i-running"))
            #expect(described.links == [.init(vpcId: "vpc-main", instanceId: "i-running")])
            #expect(described.totalCount == 1)

            do throws(RPCError<AttachClassicLinkVpcRequest>) {
                _ = try await client.attachClassicLinkVpc(
                    AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-locked", vpcId: "vpc-main"))
                Issue.record("no error")
            } catch .service(let error) where error == .invalidStatusInstanceLocked {
                let payload = error.payload
                #expect(payload.httpStatus == 403)
                #expect(payload.message == "The specified instance is in another processing list.")
                #expect(payload.recommend?.hasPrefix("https://") == true)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
