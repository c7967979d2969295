import Foundation

/// Decodes response bodies into generated response types, in the format a
/// ``ResponseFormat`` names.
///
/// Generated types read their members by wire name (PascalCase) through ``WireReader``, so no
/// key strategy is applied. JSON bodies are read by ``JSONBodyDecoder``; XML bodies with the
/// same shapes by `APIGenXML`'s decoder.
public enum ResponseDecoder {
    /// Decodes `type` from `body`; every failure, whatever the input, is a
    /// ``ResponseDecodingError`` carrying `httpStatus`, the start of the body and a reason.
    public static func decode<T: Decodable>(
        _ type: T.Type, from body: Data, format: ResponseFormat, httpStatus: Int? = nil
    ) throws(ResponseDecodingError) -> T {
        try decode(type, body: body, decoder: format.decoder, httpStatus: httpStatus)
    }

    /// Decodes `type` from `body`, as the `Data` overload does.
    public static func decode<T: Decodable>(
        _ type: T.Type, from body: [UInt8], format: ResponseFormat, httpStatus: Int? = nil
    ) throws(ResponseDecodingError) -> T {
        try decode(type, body: body, decoder: format.decoder, httpStatus: httpStatus)
    }

    /// The one implementation behind both overloads: the bytes are read where they are, never copied.
    static func decode<T: Decodable, Body: ContiguousBytes & Collection<UInt8>>(
        _ type: T.Type, body: Body, decoder: any ResponseBodyDecoder, httpStatus: Int?
    ) throws(ResponseDecodingError) -> T {
        switch body.withUnsafeBytes({ decoder.decode(type, from: $0) }) {
        case .success(let value):
            return value
        case .failure(let failure):
            throw ResponseDecodingError(httpStatus: httpStatus, body: body, reason: failure.reason)
        }
    }

    // MARK: Reasons

    /// A one-line reason naming the coding path, e.g.
    /// `Instances.Instance[3].CpuOptions.CoreCount: expected Int32, found "abc"`. `found`
    /// describes what was found instead at a coding path, where the decoder can tell.
    package static func reason(for error: DecodingError, found: (([any CodingKey]) -> String?)? = nil) -> String {
        switch error {
        case let .keyNotFound(key, context):
            return pathString(context.codingPath + [key]) + ": required value is missing"
        case let .typeMismatch(type, context):
            if let found, let what = found(context.codingPath) {
                return located(context.codingPath, "expected \(typeName(type)), found \(what)")
            }
            return located(context.codingPath, context.debugDescription)
        case let .valueNotFound(type, context):
            if found != nil {
                if context.debugDescription == JSONUnkeyedContainer.endDescription {
                    return located(context.codingPath, "expected \(typeName(type)), but the list has ended")
                }
                return located(context.codingPath, "expected \(typeName(type)), found null")
            }
            return located(context.codingPath, context.debugDescription)
        case let .dataCorrupted(context):
            if let syntax = context.underlyingError as? JSONSyntaxError {
                return "the body is not valid JSON: \(syntax)"
            }
            return located(context.codingPath, context.debugDescription)
        @unknown default:
            return String(describing: error)
        }
    }

    private static func located(_ path: [any CodingKey], _ message: String) -> String {
        path.isEmpty ? message : pathString(path) + ": " + message
    }

    private static func typeName(_ type: Any.Type) -> String {
        if type == [String: Any].self { return "an object" }
        if type == [Any].self { return "a list" }
        return "\(type)"
    }

    /// `Instances.Instance[3].CpuOptions.CoreCount`: keys joined by dots, list indexes (0-based)
    /// in brackets.
    package static func pathString(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue, key.stringValue == "Index \(index)" || key.stringValue == "\(index)" {
                text += "[\(index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        return text
    }
}

/// JSON bodies, read by ``JSONDocumentDecoder``: what `JSONDecoder` accepts and decodes, at a
/// fraction of its memory.
public struct JSONBodyDecoder: ResponseBodyDecoder {
    public init() {}

    public var wireFormat: WireFormat { .json }

    public func decode<T: Decodable>(_ type: T.Type, from body: UnsafeRawBufferPointer) -> Result<T, ResponseBodyDecodingFailure> {
        if body.isEmpty { return .failure(ResponseBodyDecodingFailure(reason: "the body is empty")) }
        var document: JSONDocument
        do {
            document = try JSONDocument.parse(body)
        } catch {
            return .failure(ResponseBodyDecodingFailure(reason: "the body is not valid JSON: \(error)"))
        }
        // The bytes are only borrowed: a decoder kept beyond this call gets a copy of them.
        defer { JSONDocument.detachIfShared(&document) }
        do {
            return .success(try document.decode(type, at: document.root, path: nil))
        } catch let error as DecodingError {
            let reason = ResponseDecoder.reason(for: error) { path in
                document.value(at: path).map(document.summary(of:)) ?? "another kind of value"
            }
            return .failure(ResponseBodyDecodingFailure(reason: reason))
        } catch {
            return .failure(ResponseBodyDecodingFailure(reason: String(describing: error)))
        }
    }
}
