import Foundation
import Logging
import Synchronization
import Testing

@testable import APIGenRuntime

/// A hand-written polled action, `DescribeThingStatus`, a scripted service answering it, and a
/// clock that moves only when the client sleeps (or a call says it took time): waits of minutes
/// take milliseconds, and every delay is known.
enum WaitingFixtures {
    typealias Product = PagingFixtures.Product

    struct ThingStatus: Decodable, Hashable, Sendable {
        var id: String
        var status: Status
        enum CodingKeys: String, CodingKey { case id = "Id", status = "Status" }

        /// A documented-values string, as generated.
        struct Status: StringEnumeration {
            var rawValue: String
            init(rawValue: String) { self.rawValue = rawValue }
            static let pending: Status = "Pending"
            static let running: Status = "Running"
            static let stopped: Status = "Stopped"
            static let documentedValues: [Status] = [.pending, .running, .stopped]
        }
    }

    struct DescribeThingStatusRequest: RPCRequest {
        typealias Product = WaitingFixtures.Product
        typealias Response = DescribeThingStatusResponse
        static let action = "DescribeThingStatus"
        static let operationType: OperationType = .read
        var thingId: String
        init(thingId: String = "t-1") { self.thingId = thingId }
        func encodeQuery(into query: inout QueryEncoder) { query.encode(thingId, forKey: "ThingId") }
        func validate() throws(RequestValidationError) {}
    }

    struct DescribeThingStatusResponse: RPCResponse {
        var requestId: String
        var statuses: [ThingStatus]
        var phase: String?
        enum CodingKeys: String, CodingKey { case requestId = "RequestId", statuses = "Statuses", phase = "Phase" }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            requestId = try container.decode(String.self, forKey: .requestId)
            statuses = try container.decodeIfPresent([ThingStatus].self, forKey: .statuses) ?? []
            phase = try container.decodeIfPresent(String.self, forKey: .phase)
        }
    }

    typealias Request = DescribeThingStatusRequest

    /// The time as the client sees it: `sleep` and calls move it, nothing else does.
    final class TestClock: Sendable {
        let start = ContinuousClock.now
        private let state = Mutex<(elapsed: Duration, sleeps: [Duration])>((.zero, []))

        var elapsed: Duration { state.withLock { $0.elapsed } }
        var sleeps: [Duration] { state.withLock { $0.sleeps } }
        func now() -> ContinuousClock.Instant { start + elapsed }
        func sleep(_ duration: Duration) {
            state.withLock {
                $0.sleeps.append(duration)
                $0.elapsed += duration
            }
        }
        func advance(_ duration: Duration) { state.withLock { $0.elapsed += duration } }
    }

    /// Answers each poll from a script (the last answer repeats), moving the clock by
    /// `callDuration` per call.
    final class ScriptedService: Sendable {
        enum Answer: Sendable {
            case statuses([String], phase: String? = nil)
            case error(String, status: Int)
        }

        private let script: Mutex<[Answer]>
        private let polls = Mutex(0)
        let clock: TestClock
        let callDuration: Duration

        init(_ answers: [Answer], clock: TestClock = TestClock(), callDuration: Duration = .zero) {
            script = Mutex(answers)
            self.clock = clock
            self.callDuration = callDuration
        }

        var pollCount: Int { polls.withLock { $0 } }

        var transport: ClosureTransport {
            ClosureTransport { _, _ in
                let number = self.polls.withLock { $0 += 1; return $0 }
                self.clock.advance(self.callDuration)
                let answer = self.script.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] }
                switch answer {
                case .statuses(let statuses, let phase):
                    var body: [String: Any] = [
                        "RequestId": "R-\(number)",
                        "Statuses": statuses.enumerated().map { ["Id": "t-\($0.offset)", "Status": $0.element] },
                    ]
                    if let phase { body["Phase"] = phase }
                    return TransportResponse(status: 200, body: Array(try! JSONSerialization.data(withJSONObject: body)))
                case .error(let code, let status):
                    return TransportResponse(
                        status: status, body: Array(#"{"Code":"\#(code)","Message":"m","RequestId":"R-\#(number)"}"#.utf8))
                }
            }
        }
    }

    /// A client whose sleeps move `clock` instead of waiting, whose random numbers come from
    /// `randoms` in turn (the last repeats), logging into `recorder`.
    static func client(
        _ transport: any RPCTransport, clock: TestClock, randoms: [Double] = [1], recorder: RPCClientTests.Recorder = RPCClientTests.Recorder(),
        configuration: RPCClientConfiguration = RPCClientConfiguration(retryPolicy: .none),
        sleep: (@Sendable (Duration) async throws -> Void)? = nil
    ) -> RPCClient<Product> {
        var logger = Logger(label: "waiting") { _ in RecordingLogHandler(recorder: recorder) }
        logger.logLevel = .debug
        let pending = Mutex(randoms)
        return RPCClient(
            credentials: .static(Credentials(accessKeyId: "id", accessKeySecret: "secret")),
            region: "cn-test",
            configuration: configuration,
            transport: transport,
            logger: logger,
            sleep: sleep ?? { clock.sleep($0) },
            makeSigner: { version, format in version.signer(responseFormat: format) },
            random: { pending.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] } },
            now: { clock.now() }
        )
    }

    /// What a generated `waitUntilThingRunning` would pass.
    static let running: [RPCWaiterMatcher<Request>] = [
        .values({ $0.statuses.map(\.status.rawValue) }, all: ["Running"], state: .success),
        .values({ $0.statuses.map(\.status.rawValue) }, any: ["Stopped", "Deleted"], state: .failure),
        .errorCode("InvalidThingId.NotFound", state: .failure),
    ]

    /// What the generated extension on a product's client would hold: the contract's form.
    struct ThingsClient: Sendable {
        let client: RPCClient<Product>

        @discardableResult
        func waitUntilThingRunning(
            _ request: DescribeThingStatusRequest, timeout: Duration = .seconds(600)
        ) async throws(RPCWaiterError<DescribeThingStatusRequest>) -> RPCWaiterOutcome<DescribeThingStatusRequest> {
            try await client.wait(for: request, timeout: timeout, delay: .seconds(5)...(.seconds(30)), matchers: [
                .values({ $0.statuses.map(\.status.rawValue) }, all: ["Running"], state: .success),
                .values({ $0.statuses.map(\.status.rawValue) }, any: ["Stopped", "Deleted"], state: .failure),
                .errorCode("InvalidThingId.NotFound", state: .failure),
            ])
        }

        /// The same on the typed values (string literals are `StringEnumeration` values).
        @discardableResult
        func waitUntilThingStopped(
            _ request: DescribeThingStatusRequest, timeout: Duration = .seconds(600)
        ) async throws(RPCWaiterError<DescribeThingStatusRequest>) -> RPCWaiterOutcome<DescribeThingStatusRequest> {
            try await client.wait(for: request, timeout: timeout, delay: .seconds(5)...(.seconds(30)), matchers: [
                .values({ $0.statuses.map(\.status) }, all: [.stopped], state: .success),
                .values({ $0.statuses.map(\.status) }, any: ["Deleted"], state: .failure),
            ])
        }

        @discardableResult
        func waitUntilThingDeleted(
            _ request: DescribeThingStatusRequest, timeout: Duration = .seconds(600)
        ) async throws(RPCWaiterError<DescribeThingStatusRequest>) -> RPCWaiterOutcome<DescribeThingStatusRequest> {
            try await client.wait(for: request, timeout: timeout, delay: .seconds(5)...(.seconds(30)), matchers: [
                .errorCode("InvalidThingId.NotFound", state: .success),
                .value({ $0.statuses.count }, equals: 0, state: .success),
            ])
        }
    }
}
