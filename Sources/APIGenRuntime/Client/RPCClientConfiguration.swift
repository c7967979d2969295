/// How a client talks to the service.
public struct RPCClientConfiguration: Sendable {
    /// Signature 1.0 or V3 (the default).
    public var signatureVersion: SignatureVersion
    /// JSON (the default) or XML bodies.
    public var responseFormat: ResponseFormat
    /// A full URL that replaces the product's endpoint, e.g. `http://127.0.0.1:8080` for a
    /// local emulator, or a VPC endpoint.
    public var endpointOverride: String?
    /// How long one attempt may take, from sending to the last byte of the response.
    public var timeout: Duration
    public var retryPolicy: RetryPolicy
    /// `GET` or `POST` (the default). Parameters travel in the query, except with `POST` when
    /// their encoded length passes ``formBodyThreshold``: then they go in a form body.
    public var method: HTTPMethod
    /// The network whose endpoints are used (`.public`, `.vpc`, `.share`, `.ipv6`, …); see
    /// ``EndpointResolution``.
    public var network: EndpointNetwork
    /// Encoded parameter bytes past which a `POST` sends its parameters in an
    /// `application/x-www-form-urlencoded` body instead of the URL (default 2,048: the common
    /// parameters and signature still fit a 4 KB URL, a limit some proxies and gateways keep).
    public var formBodyThreshold: Int
    /// The tracer and metrics factory (the process-wide ones unless set).
    public var observability: RPCClientObservability

    public init(
        signatureVersion: SignatureVersion = .default,
        responseFormat: ResponseFormat = .json,
        endpointOverride: String? = nil,
        timeout: Duration = .seconds(30),
        retryPolicy: RetryPolicy = RetryPolicy(),
        method: HTTPMethod = .post,
        network: EndpointNetwork = .public,
        formBodyThreshold: Int = 2048,
        observability: RPCClientObservability = RPCClientObservability()
    ) {
        self.signatureVersion = signatureVersion
        self.responseFormat = responseFormat
        self.endpointOverride = endpointOverride
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.method = method
        self.network = network
        self.formBodyThreshold = formBodyThreshold
        self.observability = observability
    }
}
