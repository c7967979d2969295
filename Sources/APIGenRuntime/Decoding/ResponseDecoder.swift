import Foundation

/// Decodes response bodies, in JSON or XML, into generated response types.
///
/// Generated types declare `CodingKeys` with the wire names (PascalCase), so no key strategy is
/// applied. JSON bodies are read by ``JSONDocumentDecoder`` (what `JSONDecoder` accepts and
/// decodes, at a fraction of its memory); XML bodies with the same shapes (see
/// ``XMLTreeDecoder``): the root element stands for the top-level object and its name is not
/// checked.
public enum ResponseDecoder {
    /// Decodes `type` from `body`; every failure, whatever the input, is a
    /// ``ResponseDecodingError`` carrying `httpStatus`, the start of the body and a reason.
    public static func decode<T: Decodable>(
        _ type: T.Type, from body: Data, format: ResponseFormat, httpStatus: Int? = nil
    ) throws(ResponseDecodingError) -> T {
        try decode(type, body: body, format: format, httpStatus: httpStatus)
    }

    /// Decodes `type` from `body`, as the `Data` overload does.
    public static func decode<T: Decodable>(
        _ type: T.Type, from body: [UInt8], format: ResponseFormat, httpStatus: Int? = nil
    ) throws(ResponseDecodingError) -> T {
        try decode(type, body: body, format: format, httpStatus: httpStatus)
    }

    /// The one implementation behind both overloads: both formats are read straight from the
    /// bytes, never copied.
    private static func decode<T: Decodable, Body: ContiguousBytes & Collection<UInt8>>(
        _ type: T.Type, body: Body, format: ResponseFormat, httpStatus: Int?
    ) throws(ResponseDecodingError) -> T {
        let result: Result<T, DecodeFailure>
        switch format {
        case .json:
            result = body.withUnsafeBytes { decodeJSON(type, from: $0) }
        case .xml:
            result = body.withUnsafeBytes { decodeXML(type, from: $0) }
        }
        switch result {
        case .success(let value):
            return value
        case .failure(let failure):
            throw ResponseDecodingError(httpStatus: httpStatus, body: body, reason: failure.reason)
        }
    }

    struct DecodeFailure: Error {
        var reason: String
    }

    // MARK: JSON

    static func decodeJSON<T: Decodable>(_ type: T.Type, from body: UnsafeRawBufferPointer) -> Result<T, DecodeFailure> {
        if body.isEmpty { return .failure(DecodeFailure(reason: "the body is empty")) }
        var document: JSONDocument
        do {
            document = try JSONDocument.parse(body)
        } catch {
            return .failure(DecodeFailure(reason: "the body is not valid JSON: \(error)"))
        }
        // The bytes are only borrowed: a decoder kept beyond this call gets a copy of them.
        defer { JSONDocument.detachIfShared(&document) }
        do {
            return .success(try document.decode(type, at: document.root, path: nil))
        } catch let error as DecodingError {
            return .failure(DecodeFailure(reason: reason(for: error, format: .json, document: document)))
        } catch {
            return .failure(DecodeFailure(reason: String(describing: error)))
        }
    }

    // MARK: XML

    static func decodeXML<T: Decodable>(_ type: T.Type, from body: UnsafeRawBufferPointer) -> Result<T, DecodeFailure> {
        let tree: XMLTree
        do {
            tree = try XMLTree.parse(body)
        } catch {
            return .failure(DecodeFailure(reason: error.reason))
        }
        do {
            return .success(try T(from: XMLTreeDecoder(tree: tree, selection: .element(0), path: nil)))
        } catch let error as DecodingError {
            return .failure(DecodeFailure(reason: reason(for: error, format: .xml, document: nil)))
        } catch {
            return .failure(DecodeFailure(reason: String(describing: error)))
        }
    }

    // MARK: Reasons

    /// A one-line reason naming the coding path, e.g.
    /// `Instances.Instance[3].CpuOptions.CoreCount: expected Int32, found "abc"`. For JSON,
    /// `document` is the body, where what was found instead is looked up.
    static func reason(for error: DecodingError, format: ResponseFormat, document: JSONDocument?) -> String {
        switch error {
        case let .keyNotFound(key, context):
            return pathString(context.codingPath + [key]) + ": required value is missing"
        case let .typeMismatch(type, context):
            if format == .json, let document {
                let found = document.value(at: context.codingPath).map(document.summary(of:)) ?? "another kind of value"
                return located(context.codingPath, "expected \(typeName(type)), found \(found)")
            }
            return located(context.codingPath, context.debugDescription)
        case let .valueNotFound(type, context):
            if format == .json {
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
    static func pathString(_ path: [any CodingKey]) -> String {
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
