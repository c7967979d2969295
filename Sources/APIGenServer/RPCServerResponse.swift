import APIGenRuntime
import Foundation

/// The answer to one ``RPCServerRequest``, independent of the HTTP server that sends it.
public struct RPCServerResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the header `name` (any case).
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name.lowercased() == name }?.value
    }

    /// A success body: `response` as JSON, or as XML under `<ActionResponse>`, HTTP 200.
    public static func success<Response: Encodable>(
        _ response: Response, action: String, format: WireFormat
    ) throws -> RPCServerResponse {
        let body: [UInt8]
        switch format {
        case .json:
            body = Array(try makeJSONEncoder().encode(response))
        case .xml:
            body = try XMLResponseEncoder().encode(response, rootElement: action + "Response")
        }
        return RPCServerResponse(status: 200, headers: [contentType(format)], body: body)
    }

    /// An error body as Alibaba Cloud writes it (`RequestId`, `HostId`, `Code`, `Message`,
    /// `Recommend`), in JSON or as `<Error>…</Error>` XML, with the payload's HTTP status.
    public static func error(_ payload: ServiceErrorPayload, format: WireFormat) -> RPCServerResponse {
        let body = ErrorBody(payload)
        let bytes: [UInt8]
        switch format {
        case .json:
            // Encoding five optional strings cannot fail.
            bytes = (try? Array(makeJSONEncoder().encode(body))) ?? []
        case .xml:
            var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<Error>"
            for (name, value) in body.fields {
                xml += "<\(name)>\(XMLText.escape(value))</\(name)>"
            }
            xml += "</Error>"
            bytes = Array(xml.utf8)
        }
        return RPCServerResponse(status: payload.httpStatus, headers: [contentType(format)], body: bytes)
    }

    /// An error body for the call in `context`: its RequestId and HostId are filled in when
    /// the payload has none, and so is a Recommend link to Alibaba Cloud's troubleshooter.
    public static func error(_ payload: ServiceErrorPayload, context: RPCServerContext) -> RPCServerResponse {
        var payload = payload
        if payload.requestId == nil { payload.requestId = context.requestId }
        if payload.hostId == nil { payload.hostId = context.hostId }
        if payload.recommend == nil {
            payload.recommend = "https://api.aliyun.com/troubleshoot?q=" + PercentEncoding.encode(payload.code)
                + "&requestId=" + PercentEncoding.encode(context.requestId)
        }
        return error(payload, format: context.format)
    }

    private static func contentType(_ format: WireFormat) -> (name: String, value: String) {
        switch format {
        case .json: (name: "Content-Type", value: "application/json;charset=utf-8")
        case .xml: (name: "Content-Type", value: "text/xml;charset=utf-8")
        }
    }

    private static func makeJSONEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }
}

/// The fields of an error body, in the order Alibaba Cloud writes them.
private struct ErrorBody: Encodable {
    var requestId: String?
    var hostId: String?
    var code: String
    var message: String
    var recommend: String?

    init(_ payload: ServiceErrorPayload) {
        requestId = payload.requestId
        hostId = payload.hostId
        code = payload.code
        message = payload.message
        recommend = payload.recommend
    }

    var fields: [(String, String)] {
        [("RequestId", requestId), ("HostId", hostId), ("Code", code), ("Message", message), ("Recommend", recommend)]
            .compactMap { name, value in value.map { (name, $0) } }
    }

    enum CodingKeys: String, CodingKey {
        case requestId = "RequestId"
        case hostId = "HostId"
        case code = "Code"
        case message = "Message"
        case recommend = "Recommend"
    }
}

/// Escaping of XML character data.
enum XMLText {
    /// Escapes `&`, `<`, `>` (so `]]>` cannot appear) and the quotes, leaving other text as it is.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else {
            return text
        }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
