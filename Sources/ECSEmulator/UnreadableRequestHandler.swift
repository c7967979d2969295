import APIGenRuntime
import APIGenServer
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers, in Alibaba Cloud's error format, a request the HTTP parser refuses before the
/// emulator sees it: a request line or headers longer than the limit (a 4 MB parameter
/// value in the URL, say), or bytes that are not HTTP.
///
/// Left alone, Hummingbird answers those with an empty `400` and closes the connection, so an
/// SDK gets no code to show (Alibaba Cloud's Python SDK raises a bare `UnretryableException`).
/// Here the parser's error is caught on its way to Hummingbird and answered with a JSON error
/// body (`RequestId`, `HostId`, `Code`, `Message`, `Recommend`) and `Connection: close`, since
/// the rest of the connection's bytes cannot be read as HTTP:
/// - too long: `414` `RequestURITooLong`, naming the limit and the way out (a form body);
/// - anything else: `400` `MalformedRequest`, naming the parser's complaint.
///
/// JSON because the request's `Format` or `Accept` was never read; both of Alibaba Cloud's
/// SDKs' signatures ask for JSON, and they read an error by its `Content-Type`.
///
/// Only when no request of the connection is in flight (every request head seen has its
/// response written); otherwise the error goes on to Hummingbird, whose answer cannot then mix
/// with a response being written.
final class UnreadableRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The most bytes of request line and headers the server reads.
    let requestHeadLimit: Int
    private var requestsSeen = 0
    private var responsesWritten = 0

    init(requestHeadLimit: Int) {
        self.requestHeadLimit = requestHeadLimit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { requestsSeen += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { responsesWritten += 1 }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, requestsSeen == responsesWritten else {
            context.fireErrorCaught(error)
            return
        }
        let answer = RPCServerResponse.error(Self.payload(for: parserError, limit: requestHeadLimit), format: .json)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        fields[.contentLength] = String(answer.body.count)
        fields[.connection] = "close"
        fields[.server] = "ecs-emulator"
        responsesWritten = requestsSeen + 1  // nothing more is answered on this connection
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .init(code: answer.status), headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: answer.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        // Output only, once the answer is written: the client may still be sending the request
        // (the parser drops the rest), and closing both ways would reset the connection under
        // the answer before the client reads it. The connection closes when the client closes.
        context.close(mode: .output, promise: nil)
    }

    /// The error a refused request gets.
    static func payload(for error: HTTPParserError, limit: Int) -> ServiceErrorPayload {
        let payload: ServiceErrorPayload
        switch error {
        case .headerOverflow:
            payload = ServiceErrorPayload(
                code: "RequestURITooLong",
                message: "The request line and headers are longer than the \(limit) bytes this endpoint reads. "
                    + "Send long parameter values in a form body instead: POST with Content-Type application/x-www-form-urlencoded.",
                httpStatus: 414)
        default:
            payload = ServiceErrorPayload(
                code: "MalformedRequest",
                message: "The request could not be read as HTTP/1.1 (\(error)).",
                httpStatus: 400)
        }
        var answered = payload
        answered.requestId = UUID().uuidString
        answered.hostId = "ecs-emulator"
        return answered
    }
}
