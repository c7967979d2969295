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
    let makeSigner: @Sendable (SignatureVersion, ResponseFormat) -> any RPCSigner
    let random: @Sendable () -> Double

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
        makeSigner: @escaping @Sendable (SignatureVersion, ResponseFormat) -> any RPCSigner,
        random: @escaping @Sendable () -> Double
    ) {
        self.credentials = credentials
        self.region = region
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        self.sleep = sleep
        self.makeSigner = makeSigner
        self.random = random
    }

    /// Where requests go: the override if there is one, else the region's host, else the
    /// product's default host. Nil when the override is not a usable URL.
    public var endpoint: RPCEndpoint? {
        if let override = configuration.endpointOverride { return RPCEndpoint(url: override) }
        return RPCEndpoint(host: Product.regionalEndpoints[region] ?? Product.defaultEndpoint)
    }

    /// Sends one request and returns its typed response, or throws a typed error.
    public func send<Request: RPCRequest>(_ request: Request) async throws(RPCError<Request.Failure>) -> Request.Response
    where Request.Product == Product {
        do {
            try request.validate()
        } catch {
            throw .validation(error)
        }
        guard let endpoint else {
            throw .configuration("endpoint override '\(configuration.endpointOverride ?? "")' is not a URL of the form http(s)://host[:port]")
        }
        let parameters = request.queryItems
        let idempotent = Request.isIdempotent
        let policy = configuration.retryPolicy
        var attempt = 1
        while true {
            let outcome = await attemptOnce(Request.self, parameters: parameters, endpoint: endpoint)
            let retry: (reason: RetryPolicy.Reason, retryAfter: Duration?)?
            switch outcome {
            case .success(let response):
                return response
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
                guard let retry, attempt < policy.maximumAttempts else { throw failure.error }
                guard let delay = policy.delay(afterAttempt: attempt, retryAfter: retry.retryAfter, random: random()) else {
                    // The service asks for a longer wait than the policy allows: its error (with
                    // the wait asked for in `payload.retryAfter`) goes to the caller now.
                    logger.warning("not retrying: Retry-After is longer than the retry policy's maximumRetryAfter", metadata: [
                        "action": "\(Request.action)",
                        "retry_after_s": "\(retry.retryAfter?.components.seconds ?? 0)",
                        "request_id": "\(failure.error.payload?.requestId ?? "-")",
                    ])
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
                    throw failure.error
                }
                attempt += 1
            }
        }
    }

    private struct AttemptFailure<Failure: RPCActionError>: Error {
        var error: RPCError<Failure>
        var retryAfter: Duration?
    }

    /// One signed exchange: credentials, signature (new nonce and time), send, decode.
    private func attemptOnce<Request: RPCRequest>(
        _: Request.Type, parameters: [QueryItem], endpoint: RPCEndpoint
    ) async -> Result<Request.Response, AttemptFailure<Request.Failure>> {
        let resolved: Credentials
        do {
            resolved = try await credentials.credentials()
        } catch {
            return .failure(AttemptFailure(error: .credentials(error)))
        }
        let call = RPCCall(
            action: Request.action, version: Product.apiVersion, host: endpoint.authority,
            method: configuration.method, path: "/", parameters: parameters, parameterLocation: .query
        )
        let signed = makeSigner(configuration.signatureVersion, configuration.responseFormat).sign(call, with: resolved)
        let response: TransportResponse
        do {
            let transport = self.transport, timeout = configuration.timeout
            response = try await AttemptDeadline.run(timeout: timeout) { () async throws(TransportError) -> TransportResponse in
                try await transport.send(signed, to: endpoint, timeout: timeout)
            }
        } catch {
            return .failure(AttemptFailure(error: .transport(error)))
        }
        let retryAfter = RetryPolicy.retryAfter(response.headers)
        if (200..<300).contains(response.status) {
            do {
                let body = try ResponseDecoder.decode(
                    Request.Response.self, from: response.body, format: configuration.responseFormat, httpStatus: response.status
                )
                return .success(body)
            } catch {
                return .failure(AttemptFailure(error: .decoding(error), retryAfter: retryAfter))
            }
        }
        do {
            var payload = try ServiceErrorPayload.decode(from: Data(response.body), httpStatus: response.status)
            payload.retryAfter = retryAfter
            return .failure(AttemptFailure(error: .service(Request.Failure(payload: payload)), retryAfter: retryAfter))
        } catch {
            return .failure(AttemptFailure(error: .decoding(error), retryAfter: retryAfter))
        }
    }
}
