import Foundation
import Logging
import Metrics
import Tracing

/// Where a client reports what it does. Both default to the process-wide backends
/// (`InstrumentationSystem.tracer`, `MetricsSystem.factory`), which do nothing until the
/// application bootstraps one (swift-otel, swift-prometheus, …); tests pass in-memory ones.
public struct RPCClientObservability: Sendable {
    /// The tracer for call and attempt spans; `nil`: `InstrumentationSystem.tracer`.
    public var tracer: (any Tracer)?
    /// The factory for the request counters and the duration timer; `nil`: `MetricsSystem.factory`.
    public var metricsFactory: (any MetricsFactory)?
    /// Prefix of every metric label (`apigen_requests_total`, …).
    public var metricsPrefix: String

    public init(tracer: (any Tracer)? = nil, metricsFactory: (any MetricsFactory)? = nil, metricsPrefix: String = "apigen") {
        self.tracer = tracer
        self.metricsFactory = metricsFactory
        self.metricsPrefix = metricsPrefix
    }
}

/// The logs, spans and metrics of one call (one `RPCClient.send`), across its attempts.
///
/// - swift-log: one `debug` line per attempt (action, region, endpoint, attempt, HTTP status,
///   request ID, error code, duration), the request and the response in full at `trace` with
///   credentials and sensitive members hidden (``RPCRedaction``).
/// - swift-distributed-tracing: a client span per call, `<Product>/<Action>`, with a child
///   span per attempt, `<Product>/<Action> attempt N`; attributes `rpc.system`, `rpc.service`,
///   `rpc.method`, `cloud.region`, `server.address`, `http.response.status_code`,
///   `alibabacloud.request_id`, `alibabacloud.error_code`, `alibabacloud.attempts`.
/// - swift-metrics: `<prefix>_requests_total` (product, action, outcome `success`/`error`),
///   `<prefix>_request_errors_total` (product, action, code), `<prefix>_request_duration`
///   (a timer; product, action), per call.
struct CallObservation: Sendable {
    let product: String
    let action: String
    let region: String
    let endpoint: String
    let maximumAttempts: Int
    let logger: Logger
    let observability: RPCClientObservability
    let sensitive: Set<String>
    let callSpan: any Span
    let start: ContinuousClock.Instant

    init(
        product: String, action: String, region: String, endpoint: String, maximumAttempts: Int,
        logger: Logger, observability: RPCClientObservability, sensitive: Set<String>
    ) {
        self.product = product
        self.action = action
        self.region = region
        self.endpoint = endpoint
        self.maximumAttempts = maximumAttempts
        self.logger = logger
        self.observability = observability
        self.sensitive = sensitive
        self.start = .now
        let tracer = observability.tracer ?? InstrumentationSystem.tracer
        let span = tracer.startSpan("\(product)/\(action)", context: ServiceContext.current ?? .topLevel, ofKind: .client)
        span.attributes["rpc.system"] = "alibabacloud_rpc"
        span.attributes["rpc.service"] = product
        span.attributes["rpc.method"] = action
        span.attributes["cloud.region"] = region
        span.attributes["server.address"] = endpoint
        self.callSpan = span
    }

    /// What one attempt ended with.
    struct AttemptOutcome: Sendable {
        var status: Int?
        var requestId: String?
        var errorCode: String?
        var error: (any Error)?
    }

    /// Starts the span of attempt `number`.
    func startAttempt(_ number: Int) -> AttemptObservation {
        let tracer = observability.tracer ?? InstrumentationSystem.tracer
        let span = tracer.startSpan("\(product)/\(action) attempt \(number)", context: callSpan.context, ofKind: .client)
        span.attributes["alibabacloud.attempt"] = number
        return AttemptObservation(number: number, span: span, start: .now)
    }

    func traceRequest(_ request: SignedRequest, to endpoint: RPCEndpoint, attempt: AttemptObservation) {
        guard logger.logLevel <= .trace else { return }
        logger.trace(
            "request",
            metadata: ["action": "\(action)", "attempt": "\(attempt.number)", "http": "\(RPCRedaction.describe(request, endpoint: endpoint, sensitive: sensitive))"])
    }

    func traceResponse(_ response: TransportResponse, attempt: AttemptObservation) {
        guard logger.logLevel <= .trace else { return }
        logger.trace(
            "response",
            metadata: ["action": "\(action)", "attempt": "\(attempt.number)", "http": "\(RPCRedaction.describe(response))"])
    }

    /// Ends the attempt's span and logs its debug line.
    func finishAttempt(_ attempt: AttemptObservation, _ outcome: AttemptOutcome) {
        let elapsed = ContinuousClock.now - attempt.start
        if let status = outcome.status { attempt.span.attributes["http.response.status_code"] = status }
        if let requestId = outcome.requestId { attempt.span.attributes["alibabacloud.request_id"] = requestId }
        if let code = outcome.errorCode {
            attempt.span.attributes["alibabacloud.error_code"] = code
            attempt.span.setStatus(SpanStatus(code: .error, message: code))
        }
        if let error = outcome.error { attempt.span.recordError(error) }
        attempt.span.end()
        var metadata: Logger.Metadata = [
            "action": "\(action)",
            "region": "\(region)",
            "endpoint": "\(endpoint)",
            "attempt": "\(attempt.number)/\(maximumAttempts)",
            "status": "\(outcome.status.map(String.init) ?? "-")",
            "request_id": "\(outcome.requestId ?? "-")",
            "duration_ms": "\(Self.milliseconds(elapsed))",
        ]
        if let code = outcome.errorCode { metadata["error_code"] = "\(code)" }
        logger.debug("\(product) call", metadata: metadata)
    }

    /// Ends the call's span and records its metrics.
    func finishCall(attempts: Int, _ outcome: AttemptOutcome) {
        let elapsed = ContinuousClock.now - start
        callSpan.attributes["alibabacloud.attempts"] = attempts
        if let status = outcome.status { callSpan.attributes["http.response.status_code"] = status }
        if let requestId = outcome.requestId { callSpan.attributes["alibabacloud.request_id"] = requestId }
        if let code = outcome.errorCode {
            callSpan.attributes["alibabacloud.error_code"] = code
            callSpan.setStatus(SpanStatus(code: .error, message: code))
        }
        if let error = outcome.error { callSpan.recordError(error) }
        callSpan.end()

        let factory = observability.metricsFactory ?? MetricsSystem.factory
        let prefix = observability.metricsPrefix
        let dimensions = [("product", product), ("action", action)]
        Counter(
            label: "\(prefix)_requests_total", dimensions: dimensions + [("outcome", outcome.errorCode == nil ? "success" : "error")],
            factory: factory
        ).increment()
        if let code = outcome.errorCode {
            Counter(label: "\(prefix)_request_errors_total", dimensions: dimensions + [("code", code)], factory: factory).increment()
        }
        Metrics.Timer(label: "\(prefix)_request_duration", dimensions: dimensions, factory: factory).recordNanoseconds(Self.nanoseconds(elapsed))
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        nanoseconds(duration) / 1_000_000
    }

    /// The request ID of a response: the `x-acs-request-id` header, else `RequestId` in the
    /// body (JSON or XML), found without decoding the whole body.
    static func requestId(of response: TransportResponse) -> String? {
        if let header = response.headers["x-acs-request-id"], !header.isEmpty { return header }
        let prefix = response.body.prefix(4096)
        let text = String(decoding: prefix, as: UTF8.self)
        for (open, close) in [("\"RequestId\":\"", "\""), ("\"RequestId\": \"", "\""), ("<RequestId>", "</RequestId>")] {
            if let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) {
                let value = String(text[start.upperBound..<end.lowerBound])
                if !value.isEmpty, value.count <= 128 { return value }
            }
        }
        return nil
    }
}

/// One attempt's span and start time.
struct AttemptObservation: Sendable {
    let number: Int
    let span: any Span
    let start: ContinuousClock.Instant
}
