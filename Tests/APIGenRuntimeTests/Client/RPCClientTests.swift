import APIGenTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@testable import APIGenRuntime

/// The client's decisions — what to retry, how long to wait, what to log — with a scripted
/// transport and no real sleeping.
@Suite struct RPCClientTests {
    // A hand-written product and two actions, one read and one write, as the generator would emit.
    enum TestProduct: RPCProduct {
        static let productCode = "Test"
        static let apiVersion = "2020-02-02"
        static let defaultEndpoint = "test.example.com"
        static let regionalEndpoints = ["cn-test": "test.cn-test.example.com"]
    }

    struct TestResponse: RPCResponse, Encodable {
        var requestId: String
        enum CodingKeys: String, CodingKey { case requestId = "RequestId" }
    }

    struct ReadRequest: RPCRequest {
        typealias Product = TestProduct
        typealias Response = TestResponse
        static let action = "DescribeThings"
        static let operationType: OperationType = .read
        var name = "x"
        init(name: String = "x") { self.name = name }
        func encodeQuery(into query: inout QueryEncoder) { query.encode(name, forKey: "Name") }
        func validate() throws(RequestValidationError) {
            try RequestValidation.nonEmpty(name, action: Self.action, parameter: "Name")
        }
    }

    struct WriteRequest: RPCRequest {
        typealias Product = TestProduct
        typealias Response = TestResponse
        static let action = "ChangeThing"
        static let operationType: OperationType = .write
        init() {}
        func encodeQuery(into query: inout QueryEncoder) {}
        func validate() throws(RequestValidationError) {}
    }

    struct IdempotentWriteRequest: RPCRequest {
        typealias Product = TestProduct
        typealias Response = TestResponse
        static let action = "TagThing"
        static let operationType: OperationType = .write
        static let isIdempotent = true
        init() {}
        func encodeQuery(into query: inout QueryEncoder) {}
        func validate() throws(RequestValidationError) {}
    }

    /// Answers from a script, one entry per attempt, and records what it was sent.
    final class ScriptedTransport: RPCTransport {
        enum Step: Sendable {
            case respond(TransportResponse)
            case fail(TransportError)
        }

        private let state: Mutex<(steps: [Step], sent: [(SignedRequest, RPCEndpoint)])>

        init(_ steps: [Step]) {
            state = Mutex((steps, []))
        }

        var sent: [(SignedRequest, RPCEndpoint)] { state.withLock { $0.sent } }

        func send(_ request: SignedRequest, to endpoint: RPCEndpoint, timeout: Duration) async throws(TransportError) -> TransportResponse {
            let step = state.withLock { state -> Step in
                state.sent.append((request, endpoint))
                return state.steps.isEmpty ? .fail(TransportError(.other, "script exhausted")) : state.steps.removeFirst()
            }
            switch step {
            case .respond(let response): return response
            case .fail(let error): throw error
            }
        }
    }

    static func ok(_ id: String = "OK") -> ScriptedTransport.Step {
        .respond(TransportResponse(status: 200, body: Array(#"{"RequestId": "\#(id)"}"#.utf8)))
    }

    static func failure(_ code: String, status: Int, headers: [String: String] = [:]) -> ScriptedTransport.Step {
        .respond(TransportResponse(status: status, headers: headers, body: Array(#"{"Code": "\#(code)", "Message": "m", "RequestId": "R"}"#.utf8)))
    }

    /// Records sleeps instead of sleeping, and captures log lines.
    final class Recorder: Sendable {
        let sleeps = Mutex<[Duration]>([])
        let logs = Mutex<[String]>([])
    }

    static func client(_ transport: ScriptedTransport, recorder: Recorder = Recorder(), policy: RetryPolicy = RetryPolicy(), region: String = "cn-test", random: Double = 1.0) -> RPCClient<TestProduct> {
        var logger = Logger(label: "test") { _ in RecordingLogHandler(recorder: recorder) }
        logger.logLevel = .trace
        return RPCClient(
            credentials: .static(Credentials(accessKeyId: "id", accessKeySecret: "secret")),
            region: region,
            configuration: RPCClientConfiguration(retryPolicy: policy),
            transport: transport,
            logger: logger,
            sleep: { duration in recorder.sleeps.withLock { $0.append(duration) } },
            makeSigner: { version, format in version.signer(responseFormat: format) },
            random: { random }
        )
    }

    // MARK: Retries

    @Test func readsRetryServerErrorsAndConnectionFailures() async throws {
        let transport = ScriptedTransport([
            Self.failure("InternalError", status: 500),
            .fail(TransportError(.connectionFailed, "refused")),
            .fail(TransportError(.timedOut, "slow")),
            Self.ok(),
        ])
        let recorder = Recorder()
        let response = try await Self.client(transport, recorder: recorder).send(ReadRequest())
        #expect(response.requestId == "OK")
        #expect(transport.sent.count == 4)
        // Full jitter with random = 1: 200 ms, 400 ms, 800 ms.
        #expect(recorder.sleeps.withLock { $0 } == [.milliseconds(200), .milliseconds(400), .milliseconds(800)])
        // The retry warnings (the per-attempt debug and trace lines are checked in CallObservationTests).
        let logs = recorder.logs.withLock { $0 }.filter { $0.hasPrefix("warning") }
        #expect(logs.count == 3)
        #expect(logs[0].contains("DescribeThings") && logs[0].contains("HTTP 500") && logs[0].contains("2/4"))
        #expect(logs.allSatisfy { !$0.contains("secret") })
    }

    @Test func writesDoNotRetryServerErrorsOrLostConnections() async throws {
        for step in [Self.failure("InternalError", status: 500), .fail(TransportError(.timedOut, "slow")), .fail(TransportError(.connectionFailed, "refused"))] {
            let transport = ScriptedTransport([step, Self.ok()])
            await #expect(throws: RPCError<WriteRequest>.self) { try await Self.client(transport).send(WriteRequest()) }
            #expect(transport.sent.count == 1)
        }
    }

    @Test func idempotentWritesRetryLikeReads() async throws {
        let transport = ScriptedTransport([Self.failure("ServiceUnavailable", status: 503), Self.ok()])
        let response = try await Self.client(transport).send(IdempotentWriteRequest())
        #expect(response.requestId == "OK")
        #expect(transport.sent.count == 2)
    }

    @Test func throttlingIsRetriedForWritesAndHonoursRetryAfter() async throws {
        let transport = ScriptedTransport([
            Self.failure("Throttling.Api", status: 400, headers: ["retry-after": "3"]),
            Self.failure("Whatever", status: 429),
            Self.ok(),
        ])
        let recorder = Recorder()
        _ = try await Self.client(transport, recorder: recorder, random: 0.5).send(WriteRequest())
        #expect(transport.sent.count == 3)
        // The hint (3 s) beats the jittered 100 ms; then 0.5 × 400 ms.
        #expect(recorder.sleeps.withLock { $0 } == [.seconds(3), .milliseconds(200)])
    }

    @Test func retriesStopAtTheMaximumAndThrowTheLastError() async throws {
        let transport = ScriptedTransport(Array(repeating: Self.failure("Throttling", status: 400), count: 10))
        do {
            _ = try await Self.client(transport, policy: RetryPolicy(maximumAttempts: 3)).send(WriteRequest())
            Issue.record("no error")
        } catch {
            #expect(error.payload?.code == "Throttling")
        }
        #expect(transport.sent.count == 3)
        let none = ScriptedTransport([Self.failure("Throttling", status: 400), Self.ok()])
        await #expect(throws: RPCError<ReadRequest>.self) { try await Self.client(none, policy: .none).send(ReadRequest()) }
        #expect(none.sent.count == 1)
    }

    @Test func backoffIsCappedAndJittered() {
        let policy = RetryPolicy(initialBackoff: .milliseconds(100), maximumBackoff: .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 1) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil, random: 1) == .milliseconds(800))
        #expect(policy.delay(afterAttempt: 10, retryAfter: nil, random: 1) == .seconds(1))
        #expect(policy.delay(afterAttempt: 10, retryAfter: nil, random: 0.25) == .milliseconds(250))
        // A hint within maximumRetryAfter (by default maximumBackoff) is waited for in full; a
        // longer one is not retried (nil): the error goes to the caller.
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(1), random: 0) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(60), random: 0) == nil)
        let patient = RetryPolicy(initialBackoff: .milliseconds(100), maximumBackoff: .seconds(1), maximumRetryAfter: .seconds(90))
        #expect(patient.delay(afterAttempt: 1, retryAfter: .seconds(60), random: 0) == .seconds(60))
        #expect(RetryPolicy.retryAfter(["retry-after": "1e300"]) == .seconds(365 * 86_400))
        #expect(RetryPolicy.retryAfter(["retry-after": " 2 "]) == .seconds(2))
        #expect(RetryPolicy.retryAfter(["retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"]) == nil)
    }

    // MARK: Each attempt

    @Test func everyAttemptIsSignedAnewForTheRegionsHost() async throws {
        let transport = ScriptedTransport([Self.failure("Throttling", status: 400), Self.ok()])
        _ = try await Self.client(transport).send(ReadRequest(name: "n"))
        let sent = transport.sent
        #expect(sent.map(\.1) == [RPCEndpoint(host: "test.cn-test.example.com"), RPCEndpoint(host: "test.cn-test.example.com")])
        #expect(sent[0].0.headers["x-acs-signature-nonce"] != sent[1].0.headers["x-acs-signature-nonce"])
        #expect(sent[0].0.headers["x-acs-action"] == "DescribeThings")
        #expect(sent[0].0.headers["x-acs-version"] == "2020-02-02")
        #expect(sent[0].0.queryItems == [QueryItem(name: "Name", value: "n")])

        // A region missing from the table gets the regional rule, never the central host.
        let elsewhere = ScriptedTransport([Self.ok()])
        _ = try await Self.client(elsewhere, region: "nowhere").send(ReadRequest())
        #expect(elsewhere.sent.first?.1 == RPCEndpoint(host: "test.nowhere.aliyuncs.com"))
    }

    @Test func validationFailsBeforeAnythingIsSent() async throws {
        let transport = ScriptedTransport([Self.ok()])
        do {
            _ = try await Self.client(transport).send(ReadRequest(name: ""))
            Issue.record("no error")
        } catch {
            guard case .validation(let validation) = error else { Issue.record("\(error)"); return }
            #expect(validation.parameter == "Name")
        }
        #expect(transport.sent.isEmpty)
    }

    @Test func endpointURLsAreParsedStrictly() {
        #expect(RPCEndpoint(url: "http://127.0.0.1:8080") == RPCEndpoint(scheme: "http", host: "127.0.0.1", port: 8080))
        #expect(RPCEndpoint(url: "https://ecs.aliyuncs.com/") == RPCEndpoint(host: "ecs.aliyuncs.com"))
        #expect(RPCEndpoint(url: "ecs-vpc.cn-hangzhou.aliyuncs.com")?.authority == "ecs-vpc.cn-hangzhou.aliyuncs.com")
        #expect(RPCEndpoint(url: "http://127.0.0.1:8080")?.authority == "127.0.0.1:8080")
        for bad in ["ftp://host", "http://host/path", "http://host:99999", "http://", "http://user@host", "http://host:port"] {
            #expect(RPCEndpoint(url: bad) == nil, "\(bad)")
        }
    }
}

/// Captures log lines (message and metadata) for assertions.
struct RecordingLogHandler: LogHandler {
    let recorder: RPCClientTests.Recorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        recorder.logs.withLock { $0.append(CapturedLogs.line(event, metadata: metadata)) }
    }
}
