import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A tiny HTTP/1.1 server on 127.0.0.1 for tests: each request goes to an async handler, and
/// every request is recorded. Bound to an ephemeral port; nothing leaves the machine.
public final class LoopbackHTTPServer: Sendable {
    public struct Request: Sendable, Hashable {
        public var method: String
        /// The request target as sent, e.g. `/?Action=…`.
        public var uri: String
        /// Header names lower-cased.
        public var headers: [String: String]
        public var body: [UInt8]

        /// The path, without the query.
        public var path: String { String(uri.prefix { $0 != "?" }) }

        /// The query's pairs, percent-decoded, in order.
        public var queryItems: [(name: String, value: String)] {
            guard let start = uri.firstIndex(of: "?") else { return [] }
            return uri[uri.index(after: start)...].split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
                return (name, value)
            }
        }

        public func query(_ name: String) -> String? {
            queryItems.first { $0.name == name }?.value
        }

        public static func == (lhs: Request, rhs: Request) -> Bool {
            lhs.method == rhs.method && lhs.uri == rhs.uri && lhs.headers == rhs.headers && lhs.body == rhs.body
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(method)
            hasher.combine(uri)
        }
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]

        public init(status: Int = 200, headers: [String: String] = [:], body: [UInt8] = []) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> Response {
            Response(status: status, headers: headers.merging(["content-type": "application/json;charset=utf-8"]) { a, _ in a }, body: Array(text.utf8))
        }

        public static func xml(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> Response {
            Response(status: status, headers: headers.merging(["content-type": "text/xml;charset=utf-8"]) { a, _ in a }, body: Array(text.utf8))
        }
    }

    public typealias Handler = @Sendable (Request) async -> Response

    private let channel: any Channel
    private let recorded = NIOLockedValueBox<[Request]>([])
    public let port: Int

    /// Every request received so far, in order.
    public var requests: [Request] { recorded.withLockedValue { $0 } }

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// `http://127.0.0.1:PORT`
    public var url: String { "http://127.0.0.1:\(port)" }

    public static func start(handler: @escaping Handler) async throws -> LoopbackHTTPServer {
        let box = NIOLockedValueBox<LoopbackHTTPServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(RequestHandler { request in
                        box.withLockedValue { $0 }?.recorded.withLockedValue { $0.append(request) }
                        return await handler(request)
                    })
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let server = LoopbackHTTPServer(channel: channel, port: channel.localAddress?.port ?? 0)
        box.withLockedValue { $0 = server }
        return server
    }

    public func shutdown() async {
        try? await channel.close()
    }

    /// Collects one request, runs the handler, writes the response, keeps the connection open.
    private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let handler: Handler
        private var head: HTTPRequestHead?
        private var body: [UInt8] = []

        init(_ handler: @escaping Handler) {
            self.handler = handler
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for header in head.headers {
                    let name = header.name.lowercased()
                    headers[name] = headers[name].map { $0 + ", " + header.value } ?? header.value
                }
                let request = Request(method: head.method.rawValue, uri: head.uri, headers: headers, body: body)
                let handler = self.handler
                let loop = context.eventLoop
                let contextBox = NIOLoopBound(context, eventLoop: loop)
                let version = head.version
                Task {
                    let response = await handler(request)
                    loop.execute {
                        let context = contextBox.value
                        var headers = HTTPHeaders(response.headers.map { ($0.key, $0.value) })
                        headers.replaceOrAdd(name: "content-length", value: "\(response.body.count)")
                        let responseHead = HTTPResponseHead(version: version, status: .init(statusCode: response.status), headers: headers)
                        context.write(NIOAny(HTTPServerResponsePart.head(responseHead)), promise: nil)
                        context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
                        context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
                    }
                }
            }
        }
    }
}
