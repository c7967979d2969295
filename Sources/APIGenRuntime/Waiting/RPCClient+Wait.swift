import Logging
import Tracing

extension RPCClient {
    /// Polls `request` until a matcher decides the state is ``RPCWaiterState/success`` (returns)
    /// or ``RPCWaiterState/failure`` (throws), the timeout passes, or the task is cancelled.
    ///
    /// What generated `waitUntil…` methods call:
    ///
    /// ```swift
    /// try await client.wait(for: request, timeout: timeout, delay: .seconds(5)...(.seconds(30)), matchers: [
    ///     .values({ $0.instanceStatuses.map(\.status.rawValue) }, all: ["Running"], state: .success),
    ///     .errorCode("InvalidInstanceId.NotFound", state: .failure),
    /// ])
    /// ```
    ///
    /// - Each poll is one call through the client (with its own retries); its result goes to
    ///   the matchers in order and the first that matches decides. A response no matcher
    ///   matches means "retry"; an error no matcher matches ends the wait
    ///   (``RPCWaiterError/error(_:)``).
    /// - Between polls: exponential backoff with full jitter within `delay` (the first wait is
    ///   its lower bound, the ceiling doubles up to its upper bound), never past the timeout:
    ///   the last wait is cut short so that one last poll happens at the deadline.
    /// - The timeout counts from the first poll, by the client's clock; the first poll happens
    ///   whatever the timeout.
    /// - Each poll is logged at `debug` (attempt, state, what matched, next delay); the wait is
    ///   one span, `<Product>/<Action> wait`, the parent of each poll's call span.
    ///
    /// - Parameters:
    ///   - request: The request polled, sent as it is each time.
    ///   - timeout: How long to wait in all.
    ///   - delay: The shortest and longest wait between polls.
    ///   - matchers: What each state looks like, tried in order.
    /// - Returns: The poll that reached success (usually the last response) and the number of polls.
    @discardableResult
    public func wait<Request: RPCRequest>(
        for request: Request,
        timeout: Duration,
        delay: ClosedRange<Duration>,
        matchers: [RPCWaiterMatcher<Request>]
    ) async throws(RPCWaiterError<Request>) -> RPCWaiterOutcome<Request> where Request.Product == Product {
        let tracer = configuration.observability.tracer ?? InstrumentationSystem.tracer
        let span = tracer.startSpan(
            "\(Product.productCode)/\(Request.action) wait", context: ServiceContext.current ?? .topLevel, ofKind: .internal)
        span.attributes["rpc.system"] = "alibabacloud_rpc"
        span.attributes["rpc.service"] = Product.productCode
        span.attributes["rpc.method"] = Request.action
        defer { span.end() }

        let start = now()
        let deadline = start + timeout
        var attempt = 0
        func finish(_ outcome: String) {
            span.attributes["alibabacloud.wait.attempts"] = attempt
            span.attributes["alibabacloud.wait.outcome"] = outcome
        }
        while true {
            attempt += 1
            if Task.isCancelled {
                finish("cancelled")
                throw .cancelled
            }
            let result = await ServiceContext.$current.withValue(span.context) { () async -> RPCPollResult<Request> in
                do throws(RPCError<Request>) {
                    return .response(try await self.send(request))
                } catch {
                    return .error(error)
                }
            }
            if case .error(.cancelled) = result {
                finish("cancelled")
                throw .cancelled
            }
            let matcher = matchers.first { $0.matches(result) }
            var metadata: Logger.Metadata = [
                "action": "\(Request.action)",
                "attempt": "\(attempt)",
                "matched": "\(matcher?.description ?? "-")",
                "elapsed_ms": "\(CallObservation.milliseconds(now() - start))",
            ]
            if let error = result.error { metadata["error"] = "\(RPCClient.errorCode(error))" }
            switch (matcher?.state, result) {
            case (.success, _):
                logger.debug("waiting: success", metadata: metadata)
                finish("success")
                return RPCWaiterOutcome(result: result, attempts: attempt)
            case (.failure, _):
                logger.debug("waiting: failure state", metadata: metadata)
                finish("failure")
                span.setStatus(SpanStatus(code: .error, message: "failure state"))
                throw .failureState(result)
            case (nil, .error(let error)):
                logger.debug("waiting: error no matcher handles", metadata: metadata)
                finish("error")
                span.recordError(error)
                span.setStatus(SpanStatus(code: .error, message: RPCClient.errorCode(error)))
                throw .error(error)
            case (.retry, _), (nil, .response):
                break
            }

            let remaining = deadline - now()
            guard remaining > .zero else {
                logger.debug("waiting: timed out", metadata: metadata)
                finish("timed_out")
                span.setStatus(SpanStatus(code: .error, message: "timed out"))
                throw .timedOut(result)
            }
            let pause = min(WaiterBackoff.delay(afterPoll: attempt, range: delay, random: random()), remaining)
            metadata["delay_ms"] = "\(CallObservation.milliseconds(pause))"
            logger.debug("waiting", metadata: metadata)
            do {
                try await sleep(pause)
            } catch {
                finish("cancelled")
                throw .cancelled
            }
        }
    }
}
