import APIGenRuntime
import APIGenServer
import ECS
import ECSServer
import Synchronization
import Testing

/// The README's "Calling the service" and "Waiting" examples, as written there (with `print`
/// recording what ran), run against a service in the same process.
@Suite struct ReadmeClientExamplesTests {
    /// Answers AttachClassicLinkVpc with `QuotaExceeded`; runs two instances that are Running
    /// from the second look on.
    final class FakeECS: ECSService, Sendable {
        let looks = Mutex(0)

        func attachClassicLinkVpc(_ request: AttachClassicLinkVpcRequest, context: RPCServerContext)
            async throws(AttachClassicLinkVpcError) -> AttachClassicLinkVpcResponse {
            throw .quotaExceeded
        }

        func runInstances(_ request: RunInstancesRequest, context: RPCServerContext) async throws(RunInstancesError) -> RunInstancesResponse {
            RunInstancesResponse(requestId: context.requestId, instanceIds: (1...(request.amount ?? 1)).map { "i-\($0)" })
        }

        func describeInstances(_ request: DescribeInstancesRequest, context: RPCServerContext)
            async throws(DescribeInstancesError) -> DescribeInstancesResponse {
            let look = looks.withLock { looks in
                looks += 1
                return looks
            }
            let status: InstanceStatus = look < 2 ? .pending : .running
            return DescribeInstancesResponse(requestId: context.requestId, instances: (request.instanceIds ?? []).map { .init(status: status, instanceId: $0) })
        }
    }

    private func client(_ service: FakeECS = FakeECS()) -> ECSClient {
        let router = ECSServiceRouter(service: service)
        return ECSClient(
            credentials: .static(Credentials(accessKeyId: "test", accessKeySecret: "test")), region: "cn-hangzhou",
            transport: InProcessTransport { request in await router.respond(to: request, context: RPCServerContext(request: request)) })
    }

    @Test func callingTheService() async {
        let ecs = client()
        let printed = Mutex<[String]>([])
        func print(_ items: Any...) { printed.withLock { $0.append(items.map { "\($0)" }.joined(separator: " ")) } }

        // From the README, as written.
        do {
            let response = try await ecs.attachClassicLinkVpc(
                .init(regionId: "cn-hangzhou", instanceId: "i-…", vpcId: "vpc-…")
            )
            print(response.requestId)
        } catch .service(.quotaExceeded) {                        // a code ECS documents, by name
            print("VPC is full")
        } catch .service(let error) where error.isThrottling {   // still throttled after the retries
            print("slow down:", error.message)
        } catch .service(let error) {                            // any other code, documented or not
            print(error.code, error.message, error.requestId ?? "", error.httpStatus ?? 0)
        } catch .validation(let problem) {                       // checked locally; nothing was sent
            print(problem)                                       // "AttachClassicLinkVpc: parameter VpcId is required …"
        } catch .transport(let failure) {                        // no response: connection failed, timed out, …
            print(failure.kind)
        } catch {
            print(error)                                         // .decoding (carries HTTP status and the body's start), .credentials, …
        }

        #expect(printed.withLock { $0 } == ["VPC is full"])
    }

    @Test func waiting() async throws {
        let ecs = client()
        let printed = Mutex<[String]>([])
        func print(_ items: Any...) { printed.withLock { $0.append(items.map { "\($0)" }.joined(separator: " ")) } }
        // From the README, as written: the first look sees Pending, so the first wait sleeps its
        // first delay (5 s) once.
        let ids = try await ecs.runInstances(.init(regionId: "cn-hangzhou", imageId: "…", instanceType: "ecs.g7.large", amount: 2)).instanceIds
        let request = DescribeInstancesRequest(regionId: "cn-hangzhou", instanceIds: ids)
        do {
            try await ecs.waitUntilInstanceRunning(request)                          // up to 10 minutes
            let outcome = try await ecs.waitUntilInstanceRunning(request, timeout: .seconds(120))
            print(outcome.attempts, outcome.response?.instances.map(\.status) ?? [])
        } catch .failureState(let last) {      // an instance stopped: it will not run (`last`: the poll's response or error)
            print(last)
        } catch .timedOut(let last) {          // still not Running; the last poll's response or error
            print(last)
        } catch .error(let error) {            // a poll failed with an error the waiter does not expect
            print(error)                       // (RPCError<DescribeInstancesRequest>)
        } catch .cancelled {
        }

        #expect(ids == ["i-1", "i-2"])
        #expect(printed.withLock { $0 } == ["1 [Optional(Running), Optional(Running)]"])
    }
}
