/// Where requests go: a scheme, a host and an optional port.
///
/// Parsed from a product's host (`ecs.cn-hangzhou.aliyuncs.com`, HTTPS) or from a full URL
/// given to override it (`http://127.0.0.1:8080` for a local emulator).
public struct RPCEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int?

    public init(scheme: String = "https", host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Reads `https://host`, `http://host:port`, or a bare `host[:port]` (HTTPS).
    /// Nil for anything else (a path, a query, an unknown scheme, a bad port).
    public init?(url: String) {
        var rest = Substring(url)
        var scheme = "https"
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        guard scheme == "http" || scheme == "https" else { return nil }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("?"), !rest.contains("@") else { return nil }
        var host = rest
        var port: Int?
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            guard let parsed = Int(rest[rest.index(after: colon)...]), (1...65535).contains(parsed) else { return nil }
            host = rest[..<colon]
            port = parsed
        }
        guard !host.isEmpty else { return nil }
        self.init(scheme: scheme, host: String(host), port: port)
    }

    /// `host` or `host:port`: what goes in the signed `host` header, as the server will see it.
    public var authority: String {
        port.map { "\(host):\($0)" } ?? host
    }

    public var description: String { "\(scheme)://\(authority)" }
}

/// What came back over the wire.
public struct TransportResponse: Sendable, Hashable {
    public var status: Int
    /// Header names lower-cased; repeated headers joined with `, `.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// A request that got no HTTP response.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// No connection could be made (refused, unreachable, TLS failure, name not found).
        case connectionFailed
        /// No complete response within the timeout; the request may have been processed.
        case timedOut
        /// The connection broke after the request was sent; it may have been processed.
        case connectionLost
        /// The response was larger than the transport accepts.
        case responseTooLarge
        /// Anything else.
        case other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "transport error (\(kind)): \(message)" }
}

/// Sends signed requests. `AsyncHTTPClientTransport` is the default; tests plug in their own.
public protocol RPCTransport: Sendable {
    /// Sends `request` to `endpoint`, giving up after `timeout`.
    func send(_ request: SignedRequest, to endpoint: RPCEndpoint, timeout: Duration) async throws(TransportError) -> TransportResponse
}
