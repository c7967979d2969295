import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix

/// The default transport: swift-server's async-http-client.
///
/// By default it uses `HTTPClient.shared` (connection pooling, its connect timeout of 10
/// seconds, never needs shutting down); pass your own `HTTPClient` to choose other connect
/// timeouts, proxies or TLS settings (and shut it down yourself). The read timeout is the
/// client's per-request `timeout`, applied to the whole exchange.
public struct AsyncHTTPClientTransport: RPCTransport {
    public let client: HTTPClient
    /// Responses larger than this are refused rather than buffered.
    public var maximumResponseSize: Int

    public init(client: HTTPClient = .shared, maximumResponseSize: Int = 64 * 1024 * 1024) {
        self.client = client
        self.maximumResponseSize = maximumResponseSize
    }

    public func send(_ request: SignedRequest, to endpoint: RPCEndpoint, timeout: Duration) async throws(TransportError) -> TransportResponse {
        var httpRequest = HTTPClientRequest(url: endpoint.description + request.pathAndQuery)
        httpRequest.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        // The client derives Host from the URL; it is the signed value (the endpoint's authority).
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) where name != "host" {
            httpRequest.headers.add(name: name, value: value)
        }
        if !request.body.isEmpty {
            httpRequest.body = .bytes(ByteBuffer(bytes: request.body))
        }
        do {
            let response = try await client.execute(httpRequest, timeout: Self.timeAmount(timeout))
            let body = try await response.body.collect(upTo: maximumResponseSize)
            var headers: [String: String] = [:]
            for header in response.headers {
                let name = header.name.lowercased()
                headers[name] = headers[name].map { $0 + ", " + header.value } ?? header.value
            }
            return TransportResponse(status: Int(response.status.code), headers: headers, body: Array(buffer: body))
        } catch {
            throw Self.classify(error)
        }
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Maps async-http-client's and NIO's errors onto what the retry logic needs to know.
    static func classify(_ error: any Error) -> TransportError {
        if let error = error as? TransportError { return error }
        let message = String(describing: error)
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return TransportError(.timedOut, message)
            case .connectTimeout, .tlsHandshakeTimeout, .proxyAuthenticationRequired, .invalidProxyResponse:
                return TransportError(.connectionFailed, message)
            case .remoteConnectionClosed, .cancelled:
                return TransportError(.connectionLost, message)
            default:
                break
            }
        }
        if error is NIOTooManyBytesError {
            return TransportError(.responseTooLarge, message)
        }
        if error is NIOConnectionError || error is ChannelError || error is IOError {
            return TransportError(.connectionFailed, message)
        }
        let lowered = message.lowercased()
        if lowered.contains("connection refused") || lowered.contains("connect") && lowered.contains("fail") {
            return TransportError(.connectionFailed, message)
        }
        return TransportError(.other, message)
    }
}
