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
    /// `GET` or `POST` (the default); parameters always travel in the query.
    public var method: HTTPMethod

    public init(
        signatureVersion: SignatureVersion = .default,
        responseFormat: ResponseFormat = .json,
        endpointOverride: String? = nil,
        timeout: Duration = .seconds(30),
        retryPolicy: RetryPolicy = RetryPolicy(),
        method: HTTPMethod = .post
    ) {
        self.signatureVersion = signatureVersion
        self.responseFormat = responseFormat
        self.endpointOverride = endpointOverride
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.method = method
    }
}
