/// The body format of a response on the wire: what the `Format` parameter (signature 1.0) and
/// the `accept` header (V3) ask the service for.
public enum WireFormat: String, Sendable, Hashable, CaseIterable {
    case json = "JSON"
    case xml = "XML"

    /// The `Format` parameter's value (Signature 1.0).
    public var formatParameter: String { rawValue }

    /// The `accept` header's value (V3, as Alibaba Cloud's own SDKs send it).
    public var acceptHeader: String {
        switch self {
        case .json: "application/json"
        case .xml: "application/xml"
        }
    }
}

/// Reads response bodies of one wire format into `Decodable` values.
///
/// JSON's (``JSONBodyDecoder``) is part of this module; XML's comes with `APIGenXML`, which
/// needs libxml2, so that a JSON-only client builds from Swift packages alone.
public protocol ResponseBodyDecoder: Sendable {
    /// The format this decoder reads.
    var wireFormat: WireFormat { get }

    /// Decodes `type` from `body`; a failure's reason names the coding path where there is one.
    func decode<T: Decodable>(_ type: T.Type, from body: UnsafeRawBufferPointer) -> Result<T, ResponseBodyDecodingFailure>
}

/// Why a body could not be decoded (``ResponseDecodingError`` adds the HTTP status and the
/// body's start).
public struct ResponseBodyDecodingFailure: Error, Sendable, Hashable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// The format a client asks for and reads responses in: JSON (``json``, the default) or XML
/// (`ResponseFormat.xml`, from `APIGenXML`).
public struct ResponseFormat: Sendable, CustomStringConvertible {
    /// How the body is decoded.
    public let decoder: any ResponseBodyDecoder

    public init(decoder: any ResponseBodyDecoder) {
        self.decoder = decoder
    }

    /// The wire format asked for.
    public var wireFormat: WireFormat { decoder.wireFormat }

    /// JSON, read by apigen's own decoder (what `JSONDecoder` accepts, at a fraction of its memory).
    public static let json = ResponseFormat(decoder: JSONBodyDecoder())

    public var description: String { wireFormat.rawValue }
}

extension ResponseFormat: Equatable {
    /// Formats are equal when they read the same wire format.
    public static func == (lhs: ResponseFormat, rhs: ResponseFormat) -> Bool {
        lhs.wireFormat == rhs.wireFormat
    }
}
