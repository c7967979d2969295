/// A transport that answers from a closure instead of the network: for testing code that
/// uses a generated client, without a server.
///
/// ```swift
/// let transport = ClosureTransport { request, endpoint in
///     #expect(request.headers["x-acs-action"] == "DescribeRegions")
///     return TransportResponse(status: 200, body: Array(#"{"RequestId":"r-1","Regions":{"Region":[]}}"#.utf8))
/// }
/// let ecs = ECSClient(credentials: .static(…), region: "cn-hangzhou", transport: transport)
/// ```
///
/// The closure sees the request exactly as it would go out (signed; parameters in the query,
/// or the form body for long ones); to answer with a generated server implementation
/// instead, see `InProcessTransport`.
public struct ClosureTransport: RPCTransport {
    public typealias Respond = @Sendable (SignedRequest, RPCEndpoint) async throws(TransportError) -> TransportResponse

    private let respond: Respond

    public init(_ respond: @escaping Respond) {
        self.respond = respond
    }

    public func send(_ request: SignedRequest, to endpoint: RPCEndpoint, timeout: Duration) async throws(TransportError) -> TransportResponse {
        try await respond(request, endpoint)
    }
}
