import APIGenRuntime

/// A transport that hands each request to a server in the same process (a generated service
/// router, an emulator) instead of the network: for testing code that uses a generated client
/// against your own implementation of the generated service protocol.
///
/// ```swift
/// struct FakeECS: ECSService {
///     func describeRegions(_ request: DescribeRegionsRequest, context: RPCServerContext)
///         async throws(DescribeRegionsError) -> DescribeRegionsResponse { … }
/// }
/// let router = ECSServiceRouter(service: FakeECS())
/// let ecs = ECSClient(
///     credentials: .static(Credentials(accessKeyId: "test", accessKeySecret: "test")),
///     region: "cn-hangzhou",
///     transport: InProcessTransport { request in await router.respond(to: request, context: RPCServerContext(request: request)) }
/// )
/// ```
///
/// The request goes through the same encoding as over HTTP (URI with the query, headers, form
/// body), so the server sees what it would see on the wire; the response comes back unchanged.
public struct InProcessTransport: RPCTransport {
    public typealias Handler = @Sendable (RPCServerRequest) async -> RPCServerResponse

    private let handler: Handler

    public init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    public func send(_ request: SignedRequest, to endpoint: RPCEndpoint, timeout: Duration) async throws(TransportError) -> TransportResponse {
        var headers = request.headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        if !headers.contains(where: { $0.name == "host" }) { headers.insert((name: "host", value: endpoint.authority), at: 0) }
        let serverRequest = RPCServerRequest(method: request.method.rawValue, uri: request.pathAndQuery, headers: headers, body: request.body)
        let answer = await handler(serverRequest)
        var responseHeaders: [String: String] = [:]
        for (name, value) in answer.headers {
            let key = name.lowercased()
            responseHeaders[key] = responseHeaders[key].map { $0 + ", " + value } ?? value
        }
        return TransportResponse(status: answer.status, headers: responseHeaders, body: answer.body)
    }
}
