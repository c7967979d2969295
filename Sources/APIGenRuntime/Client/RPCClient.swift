import Foundation
import Logging

/// Sends the typed requests of one product: validates, signs, sends, decodes, retries.
///
/// Generated clients (such as `ECSClient`) wrap one of these and add a method per action.
public struct RPCClient<Product: RPCProduct>: Sendable {
    public let credentials: CredentialsProvider
    public let region: String
    public let configuration: RPCClientConfiguration
    public let transport: any RPCTransport
    public let logger: Logger
    /// Waits between attempts; replaced in tests so that they do not sleep.
    let sleep: @Sendable (Duration) async throws -> Void
    /// Makes a signer per attempt (fresh timestamp and nonce); replaced in tests.
    let makeSigner: @Sendable (SignatureVersion, WireFormat) -> any RPCSigner
    let random: @Sendable () -> Double
    /// Reads the time for waiters' timeouts; replaced in tests together with `sleep`, so that
    /// a test's time passes only when the client sleeps.
    let now: @Sendable () -> ContinuousClock.Instant

    public init(
        credentials: CredentialsProvider,
        region: String,
        configuration: RPCClientConfiguration = RPCClientConfiguration(),
        transport: any RPCTransport = AsyncHTTPClientTransport(),
        logger: Logger = Logger(label: "apigen.\(Product.productCode)")
    ) {
        self.init(
            credentials: credentials, region: region, configuration: configuration, transport: transport, logger: logger,
            sleep: { try await Task.sleep(for: $0) },
            makeSigner: { version, format in version.signer(responseFormat: format) },
            random: { Double.random(in: 0...1) }
        )
    }

    init(
        credentials: CredentialsProvider,
        region: String,
        configuration: RPCClientConfiguration,
        transport: any RPCTransport,
        logger: Logger,
        sleep: @escaping @Sendable (Duration) async throws -> Void,
        makeSigner: @escaping @Sendable (SignatureVersion, WireFormat) -> any RPCSigner,
        random: @escaping @Sendable () -> Double,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.credentials = credentials
        self.region = region
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        self.sleep = sleep
        self.makeSigner = makeSigner
        self.random = random
        self.now = now
    }

    /// Where requests go (see ``EndpointResolution``): the override if there is one, else the
    /// region's host from the product's table, else `<product>[-<network>].<region>.aliyuncs.com`.
    /// Nil when no endpoint can be chosen (``resolveEndpoint()`` says why).
    public var endpoint: RPCEndpoint? {
        try? resolveEndpoint().endpoint
    }

    /// The endpoint and the rule that chose it, or why there is none.
    public func resolveEndpoint() throws(EndpointResolutionError) -> ResolvedEndpoint {
        try EndpointResolution.resolve(
            Product.self, region: region, network: configuration.network, override: configuration.endpointOverride)
    }

    /// Sends one request and returns its typed response, or throws a typed error.
    ///
    /// Actions with an idempotency token (``RPCRequest/clientTokenParameter``) get one when the
    /// caller left it empty; the same parameters, token included, go out on every attempt.
    ///
    /// A call whose task is cancelled throws ``RPCError/cancelled``: before anything is sent when
    /// the task was already cancelled, else as soon as the attempt in flight gives up (a
    /// cancelled call is never retried).
    public func send<Request: RPCRequest>(_ request: Request) async throws(RPCError<Request>) -> Request.Response
    where Request.Product == Product {
        do {
            try request.validate()
        } catch {
            throw .validation(error)
        }
        let resolved: ResolvedEndpoint
        do {
            resolved = try resolveEndpoint()
        } catch {
            throw .configuration(error.message)
        }
        let endpoint = resolved.endpoint
        if Task.isCancelled { throw .cancelled }
        let parameters = RequestPreparation.fillingClientToken(request.queryItems, parameter: Request.clientTokenParameter)
        let location = RequestPreparation.location(
            for: parameters, method: configuration.method, threshold: configuration.formBodyThreshold)
        // A write that carries a token is safe to repeat: the service does it at most once.
        let idempotent = Request.isIdempotent || Request.clientTokenParameter != nil
        let policy = configuration.retryPolicy
        let observation = CallObservation(
            product: Product.productCode, action: Request.action, region: region, endpoint: endpoint.description,
            maximumAttempts: policy.maximumAttempts, logger: logger, observability: configuration.observability,
            sensitive: Request.sensitiveParameters)
        var attempt = 1
        while true {
            let attemptObservation = observation.startAttempt(attempt)
            let outcome = await attemptOnce(
                Request.self, parameters: parameters, location: location, endpoint: endpoint, observation: observation,
                attempt: attemptObservation)
            let retry: (reason: RetryPolicy.Reason, retryAfter: Duration?)?
            switch outcome {
            case .success(let success):
                let result = CallObservation.AttemptOutcome(status: success.status, requestId: success.requestId)
                observation.finishAttempt(attemptObservation, result)
                observation.finishCall(attempts: attempt, result)
                return success.response
            case .failure(let failure):
                switch failure.error {
                case .service(let error):
                    retry = policy.reason(status: error.payload.httpStatus, code: error.payload.code, idempotent: idempotent)
                        .map { ($0, failure.retryAfter) }
                case .decoding(let error):
                    retry = error.httpStatus.flatMap { policy.reason(status: $0, code: nil, idempotent: idempotent) }
                        .map { ($0, failure.retryAfter) }
                case .transport(let error):
                    retry = policy.reason(transport: error, idempotent: idempotent).map { ($0, nil) }
                default:
                    retry = nil
                }
                // A cancelled caller gets `.cancelled`, whatever the attempt failed with (the
                // transport's "cancelled", credentials' `CancellationError`, …), and no retry.
                let error: RPCError<Request> = Task.isCancelled ? .cancelled : failure.error
                let result = CallObservation.AttemptOutcome(
                    status: failure.status, requestId: error.payload?.requestId ?? failure.requestId,
                    errorCode: Self.errorCode(error), error: error)
                observation.finishAttempt(attemptObservation, result)
                if case .cancelled = error {
                    observation.finishCall(attempts: attempt, result)
                    throw error
                }
                guard let retry, attempt < policy.maximumAttempts else {
                    observation.finishCall(attempts: attempt, result)
                    throw failure.error
                }
                guard let delay = policy.delay(afterAttempt: attempt, retryAfter: retry.retryAfter, random: random()) else {
                    // The service asks for a longer wait than the policy allows: its error (with
                    // the wait asked for in `payload.retryAfter`) goes to the caller now.
                    logger.warning("not retrying: Retry-After is longer than the retry policy's maximumRetryAfter", metadata: [
                        "action": "\(Request.action)",
                        "retry_after_s": "\(retry.retryAfter?.components.seconds ?? 0)",
                        "request_id": "\(failure.error.payload?.requestId ?? "-")",
                    ])
                    observation.finishCall(attempts: attempt, result)
                    throw failure.error
                }
                logger.warning("retrying", metadata: [
                    "action": "\(Request.action)",
                    "attempt": "\(attempt + 1)/\(policy.maximumAttempts)",
                    "reason": "\(retry.reason)",
                    "delay_ms": "\(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)",
                    "request_id": "\(failure.error.payload?.requestId ?? "-")",
                ])
                do {
                    try await sleep(delay)
                } catch {
                    observation.finishCall(attempts: attempt, result)
                    throw Task.isCancelled ? .cancelled : failure.error
                }
                attempt += 1
            }
        }
    }

    /// The code metrics and spans report for a failed call: the service's error code, or what
    /// failed on this side (`Transport.timedOut`, `Credentials`, `Decoding`, …).
    static func errorCode<Failing: RPCRequest>(_ error: RPCError<Failing>) -> String {
        switch error {
        case .service(let error): error.payload.code
        case .validation: "Validation"
        case .credentials: "Credentials"
        case .transport(let error): "Transport.\(error.kind)"
        case .decoding: "Decoding"
        case .configuration: "Configuration"
        case .cancelled: "Cancelled"
        }
    }

    private struct AttemptSuccess<Response: Sendable>: Sendable {
        var response: Response
        var status: Int
        var requestId: String?
    }

    private struct AttemptFailure<Request: RPCRequest>: Error {
        var error: RPCError<Request>
        var retryAfter: Duration?
        var status: Int?
        var requestId: String?
    }

    /// One signed exchange: credentials, signature (new nonce and time), send, decode.
    private func attemptOnce<Request: RPCRequest>(
        _: Request.Type, parameters: [QueryItem], location: ParameterLocation, endpoint: RPCEndpoint,
        observation: CallObservation, attempt: AttemptObservation
    ) async -> Result<AttemptSuccess<Request.Response>, AttemptFailure<Request>> {
        let resolved: Credentials
        do {
            resolved = try await credentials.credentials()
        } catch {
            return .failure(AttemptFailure(error: .credentials(error)))
        }
        let call = RPCCall(
            action: Request.action, version: Product.apiVersion, host: endpoint.authority,
            method: configuration.method, path: "/", parameters: parameters, parameterLocation: location
        )
        let signedByKey = makeSigner(configuration.signatureVersion, configuration.responseFormat.wireFormat).sign(call, with: resolved)
        let signed = credentials.isAnonymous ? AnonymousRequest.strip(signedByKey) : signedByKey
        observation.traceRequest(signed, to: endpoint, attempt: attempt)
        let response: TransportResponse
        do {
            let transport = self.transport, timeout = configuration.timeout
            response = try await AttemptDeadline.run(timeout: timeout) { () async throws(TransportError) -> TransportResponse in
                try await transport.send(signed, to: endpoint, timeout: timeout)
            }
        } catch {
            return .failure(AttemptFailure(error: .transport(error)))
        }
        observation.traceResponse(response, attempt: attempt)
        let retryAfter = RetryPolicy.retryAfter(response.headers)
        let requestId = CallObservation.requestId(of: response)
        if (200..<300).contains(response.status) {
            do {
                let body = try ResponseDecoder.decode(
                    Request.Response.self, from: response.body, format: configuration.responseFormat, httpStatus: response.status
                )
                return .success(AttemptSuccess(response: body, status: response.status, requestId: requestId))
            } catch {
                return .failure(AttemptFailure(error: .decoding(error), retryAfter: retryAfter, status: response.status, requestId: requestId))
            }
        }
        do {
            var payload = try ServiceErrorPayload.decode(
                from: Data(response.body), httpStatus: response.status, format: configuration.responseFormat)
            payload.retryAfter = retryAfter
            return .failure(
                AttemptFailure(
                    error: .service(ServiceError(payload: payload)), retryAfter: retryAfter, status: response.status,
                    requestId: requestId))
        } catch {
            return .failure(AttemptFailure(error: .decoding(error), retryAfter: retryAfter, status: response.status, requestId: requestId))
        }
    }
}
