import Foundation
import InMemoryTracing
import Logging
import MetricsTestKit
import Synchronization
import Testing
import Tracing

@testable import APIGenRuntime

/// What a call reports: a debug line per attempt, the exchange at trace with secrets hidden,
/// a span per call and per attempt, request and error counters and a duration timer.
@Suite struct CallObservationTests {
    typealias ScriptedTransport = RPCClientTests.ScriptedTransport

    static func client(
        _ transport: any RPCTransport, recorder: RPCClientTests.Recorder, tracer: InMemoryTracer, metrics: TestMetrics,
        credentials: Credentials = Credentials(accessKeyId: "LTAI5tObservedKey", accessKeySecret: "observed-secret", securityToken: "CAIS-observed-token")
    ) -> RPCClient<RPCClientTests.TestProduct> {
        var logger = Logger(label: "test") { _ in RecordingLogHandler(recorder: recorder) }
        logger.logLevel = .trace
        return RPCClient(
            credentials: .static(credentials), region: "cn-test",
            configuration: RPCClientConfiguration(observability: RPCClientObservability(tracer: tracer, metricsFactory: metrics)),
            transport: transport, logger: logger,
            sleep: { _ in }, makeSigner: { version, format in version.signer(responseFormat: format) }, random: { 0 })
    }

    @Test func aRetriedCallLogsEachAttemptAndRecordsSpansAndMetrics() async throws {
        let recorder = RPCClientTests.Recorder()
        let tracer = InMemoryTracer()
        let metrics = TestMetrics()
        let transport = ScriptedTransport([
            .respond(TransportResponse(status: 503, headers: ["x-acs-request-id": "REQ-1"], body: Array(#"{"Code":"ServiceUnavailable","Message":"m","RequestId":"REQ-1"}"#.utf8))),
            RPCClientTests.ok("REQ-2"),
        ])
        _ = try await Self.client(transport, recorder: recorder, tracer: tracer, metrics: metrics).send(RPCClientTests.ReadRequest(name: "n"))

        let debug = recorder.logs.withLock { $0 }.filter { $0.hasPrefix("debug") }
        #expect(debug.count == 2)
        for (line, expected) in zip(debug, [("1/4", "503", "REQ-1"), ("2/4", "200", "REQ-2")]) {
            #expect(line.contains("action=DescribeThings") && line.contains("region=cn-test"))
            #expect(line.contains("endpoint=https://test.cn-test.example.com"))
            #expect(line.contains("attempt=\(expected.0)") && line.contains("status=\(expected.1)") && line.contains("request_id=\(expected.2)"))
            #expect(line.contains("duration_ms="))
        }
        #expect(debug[0].contains("error_code=ServiceUnavailable"))

        let spans = tracer.finishedSpans
        #expect(spans.count == 3)
        let call = try #require(spans.first { $0.operationName == "Test/DescribeThings" })
        let attempts = spans.filter { $0.operationName.hasPrefix("Test/DescribeThings attempt") }
        #expect(attempts.count == 2)
        #expect(attempts.allSatisfy { $0.parentSpanID == call.spanID && $0.traceID == call.traceID })
        #expect(call.kind == .client)
        #expect(call.attributes["alibabacloud.request_id"]?.toSpanAttribute() == "REQ-2")
        #expect(call.attributes["alibabacloud.attempts"]?.toSpanAttribute() == 2)
        #expect(call.attributes["rpc.method"]?.toSpanAttribute() == "DescribeThings")
        let failed = try #require(attempts.first { $0.operationName.hasSuffix("attempt 1") })
        #expect(failed.attributes["alibabacloud.error_code"]?.toSpanAttribute() == "ServiceUnavailable")
        #expect(failed.attributes["http.response.status_code"]?.toSpanAttribute() == 503)
        #expect(failed.status?.code == .error)

        #expect(metrics.counterTotal(label: "apigen_requests_total") == 1)
        #expect(try metrics.expectCounter("apigen_requests_total", [("product", "Test"), ("action", "DescribeThings"), ("outcome", "success")]).totalValue == 1)
        #expect(metrics.counterTotal(label: "apigen_request_errors_total") == 0)
        #expect(try metrics.expectTimer("apigen_request_duration", [("product", "Test"), ("action", "DescribeThings")]).values.count == 1)
    }

    @Test func aFailedCallCountsItsErrorCode() async throws {
        let recorder = RPCClientTests.Recorder()
        let tracer = InMemoryTracer()
        let metrics = TestMetrics()
        let transport = ScriptedTransport([RPCClientTests.failure("InvalidThing.NotFound", status: 404)])
        await #expect(throws: RPCError<RPCClientTests.WriteRequest>.self) {
            try await Self.client(transport, recorder: recorder, tracer: tracer, metrics: metrics).send(RPCClientTests.WriteRequest())
        }
        #expect(try metrics.expectCounter("apigen_request_errors_total", [("product", "Test"), ("action", "ChangeThing"), ("code", "InvalidThing.NotFound")]).totalValue == 1)
        #expect(try metrics.expectCounter("apigen_requests_total", [("product", "Test"), ("action", "ChangeThing"), ("outcome", "error")]).totalValue == 1)
        let call = try #require(tracer.finishedSpans.first { $0.operationName == "Test/ChangeThing" })
        #expect(call.attributes["alibabacloud.error_code"]?.toSpanAttribute() == "InvalidThing.NotFound")
        #expect(call.attributes["alibabacloud.request_id"]?.toSpanAttribute() == "R")
        #expect(call.errors.count == 1)

        // Transport failures count under their own code.
        let lost = ScriptedTransport([.fail(TransportError(.connectionFailed, "refused"))])
        _ = try? await Self.client(lost, recorder: recorder, tracer: tracer, metrics: metrics).send(RPCClientTests.WriteRequest())
        #expect(metrics.counterTotal(label: "apigen_request_errors_total", dimensions: [("product", "Test"), ("action", "ChangeThing"), ("code", "Transport.connectionFailed")]) == 1)
    }

    @Test func traceLogsShowTheExchangeWithCredentialsAndSensitiveMembersHidden() async throws {
        let recorder = RPCClientTests.Recorder()
        let body = #"{"RequestId":"REQ-9","Credentials":{"AccessKeyId":"STS.issued","AccessKeySecret":"issued-secret","SecurityToken":"issued-token"},"Password":"hunter2"}"#
        for version in SignatureVersion.allCases {
            let transport = ScriptedTransport([.respond(TransportResponse(status: 200, body: Array(body.utf8)))])
            var logger = Logger(label: "test") { _ in RecordingLogHandler(recorder: recorder) }
            logger.logLevel = .trace
            let client = RPCClient<RPCClientTests.TestProduct>(
                credentials: .static(Credentials(accessKeyId: "LTAI5tObservedKey", accessKeySecret: "observed-secret", securityToken: "CAIS-observed-token")),
                region: "cn-test", configuration: RPCClientConfiguration(signatureVersion: version), transport: transport, logger: logger,
                sleep: { _ in }, makeSigner: { version, format in version.signer(responseFormat: format) }, random: { 0 })
            _ = try await client.send(PasswordRequest(password: "p@ssw0rd-in-request"))
        }
        let lines = recorder.logs.withLock { $0 }
        let traces = lines.filter { $0.hasPrefix("trace") }
        #expect(traces.count == 4)
        #expect(traces.contains { $0.contains("issued-secret") == false && $0.contains("STS.issued") })
        for line in lines {
            for secret in ["observed-secret", "CAIS-observed-token", "issued-secret", "issued-token", "hunter2", "p@ssw0rd-in-request", "5tObservedKey"] {
                #expect(!line.contains(secret), "\(secret) leaked: \(line)")
            }
        }
        #expect(traces.contains { $0.contains("Password=%2A%2A%2A") || $0.contains("Password=***") })
    }

    struct PasswordRequest: RPCRequest {
        typealias Product = RPCClientTests.TestProduct
        typealias Response = RPCClientTests.TestResponse
        static let action = "ResetPassword"
        static let operationType: OperationType = .write
        var password: String
        init(password: String) { self.password = password }
        func encodeQuery(into query: inout QueryEncoder) { query.encode(password, forKey: "Password") }
        func validate() throws(RequestValidationError) {}
    }

    @Test func redactionOfXMLBodies() {
        let xml = "<AssumeRoleResponse><Credentials><AccessKeySecret>abc</AccessKeySecret><SecurityToken>tok</SecurityToken></Credentials></AssumeRoleResponse>"
        let redacted = RPCRedaction.redactBody(Array(xml.utf8))
        #expect(redacted.contains("<AccessKeySecret>***</AccessKeySecret>") && redacted.contains("<SecurityToken>***</SecurityToken>"))
        #expect(RPCRedaction.redactBody(Array("plain secret text".utf8)) == "(17 bytes, not JSON or XML)")
    }
}
