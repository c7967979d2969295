import Foundation

extension ServiceErrorPayload {
    /// Decodes an error body, in JSON (`{"RequestId","HostId","Code","Message","Recommend"}`) or
    /// XML (`<Error><RequestId/><HostId/><Code/><Message/><Recommend/></Error>`; the root's
    /// name is not checked), telling them apart by the first byte that is not whitespace
    /// (`{` or `<`; a UTF-8 byte order mark is skipped). Both are read whatever `format` is:
    /// XML by `format`'s decoder when it reads XML (`ResponseFormat.xml`, from `APIGenXML`),
    /// else by a reader of the error body's flat shape that needs no XML library.
    ///
    /// `Code` is required: missing or empty, it is a ``ResponseDecodingError``. `Message`
    /// defaults to `""`; the other fields are optional. A field given as a number or Boolean
    /// instead of a string is kept as its text; a field of any other kind is ignored.
    public static func decode(
        from body: Data, httpStatus: Int, format: ResponseFormat = .json
    ) throws(ResponseDecodingError) -> ServiceErrorPayload {
        guard let sniffed = sniffFormat(body) else {
            throw ResponseDecodingError(
                httpStatus: httpStatus, body: body,
                reason: body.isEmpty ? "the error body is empty" : "the error body is neither JSON nor XML")
        }
        let wire: WireErrorPayload
        if sniffed == format.wireFormat {
            wire = try ResponseDecoder.decode(WireErrorPayload.self, body: body, decoder: format.decoder, httpStatus: httpStatus)
        } else if sniffed == .json {
            wire = try ResponseDecoder.decode(WireErrorPayload.self, body: body, decoder: JSONBodyDecoder(), httpStatus: httpStatus)
        } else {
            do {
                wire = WireErrorPayload(try FlatXMLErrorBody.fields(body))
            } catch {
                throw ResponseDecodingError(httpStatus: httpStatus, body: body, reason: error.reason)
            }
        }
        guard let code = wire.code, !code.isEmpty else {
            throw ResponseDecodingError(
                httpStatus: httpStatus, body: body,
                reason: wire.code == nil ? "the error body has no Code" : "the error body has an empty Code")
        }
        return ServiceErrorPayload(
            code: code, message: wire.message ?? "", requestId: wire.requestId,
            hostId: wire.hostId, recommend: wire.recommend, httpStatus: httpStatus)
    }

    /// `<` → XML, `{` → JSON, after whitespace and a byte order mark.
    static func sniffFormat(_ body: Data) -> WireFormat? {
        var bytes = body[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = bytes.first(where: { !isSpace($0) }) else { return nil }
        switch first {
        case UInt8(ascii: "<"): return .xml
        case UInt8(ascii: "{"): return .json
        default: return nil
        }
    }
}

/// The error body as sent; every field lenient.
private struct WireErrorPayload: Decodable {
    var code: String?
    var message: String?
    var requestId: String?
    var hostId: String?
    var recommend: String?

    enum CodingKeys: String, CodingKey {
        case code = "Code"
        case message = "Message"
        case requestId = "RequestId"
        case hostId = "HostId"
        case recommend = "Recommend"
    }

    /// The fields of a flat XML error body: strings as they are, as XML decoding reads them.
    init(_ fields: [String: String]) {
        code = fields["Code"]
        message = fields["Message"]
        requestId = fields["RequestId"]
        hostId = fields["HostId"]
        recommend = fields["Recommend"]
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = Self.text(container, .code)
        message = Self.text(container, .message)
        requestId = Self.text(container, .requestId)
        hostId = Self.text(container, .hostId)
        recommend = Self.text(container, .recommend)
    }

    private static func text(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) -> String? {
        if let value = try? container.decodeIfPresent(String.self, forKey: key) { return value }
        if let value = try? container.decodeIfPresent(Int64.self, forKey: key) { return String(value) }
        if let value = try? container.decodeIfPresent(Double.self, forKey: key) { return PythonFloatFormat.string(value) }
        if let value = try? container.decodeIfPresent(Bool.self, forKey: key) { return value ? "true" : "false" }
        return nil
    }
}
