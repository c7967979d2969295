import Foundation

/// Decodes response bodies, in JSON or XML, into generated response types.
///
/// Generated types declare `CodingKeys` with the wire names (PascalCase), so no key strategy is
/// applied. XML bodies are read with the same shapes as JSON ones (see ``XMLTreeDecoder``):
/// the root element stands for the top-level object and its name is not checked.
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

    /// The one implementation behind both overloads: XML is parsed straight from the bytes,
    /// JSON through `Data` (copied only when the body is not one already).
    private static func decode<T: Decodable, Body: ContiguousBytes & Collection<UInt8>>(
        _ type: T.Type, body: Body, format: ResponseFormat, httpStatus: Int?
    ) throws(ResponseDecodingError) -> T {
        let result: Result<T, DecodeFailure>
        switch format {
        case .json:
            result = decodeJSON(type, from: body as? Data ?? Data(body))
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

    static func decodeJSON<T: Decodable>(_ type: T.Type, from body: Data) -> Result<T, DecodeFailure> {
        if body.isEmpty { return .failure(DecodeFailure(reason: "the body is empty")) }
        do {
            return .success(try JSONDecoder().decode(type, from: body))
        } catch let error as DecodingError {
            return .failure(DecodeFailure(reason: reason(for: error, format: .json, body: body)))
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
            return .failure(DecodeFailure(reason: reason(for: error, format: .xml, body: nil)))
        } catch {
            return .failure(DecodeFailure(reason: String(describing: error)))
        }
    }

    // MARK: Reasons

    /// A one-line reason naming the coding path, e.g.
    /// `Instances.Instance[3].CpuOptions.CoreCount: expected Int32, found "abc"`.
    static func reason(for error: DecodingError, format: ResponseFormat, body: Data?) -> String {
        switch error {
        case let .keyNotFound(key, context):
            return pathString(context.codingPath + [key]) + ": required value is missing"
        case let .typeMismatch(type, context):
            if format == .json, let body {
                let found = JSONValue.find(context.codingPath, in: body).map(\.summary) ?? "another kind of value"
                return located(context.codingPath, "expected \(typeName(type)), found \(found)")
            }
            return located(context.codingPath, context.debugDescription)
        case let .valueNotFound(type, context):
            if format == .json {
                return located(context.codingPath, "expected \(typeName(type)), found null")
            }
            return located(context.codingPath, context.debugDescription)
        case let .dataCorrupted(context):
            if format == .json, context.codingPath.isEmpty {
                return "the body is not valid JSON: " + (body.flatMap(jsonSyntaxError) ?? context.debugDescription)
            }
            return located(context.codingPath, context.debugDescription)
        @unknown default:
            return String(describing: error)
        }
    }

    /// What `JSONSerialization` says is wrong with `body` (JSONDecoder, on Linux, does not say).
    private static func jsonSyntaxError(_ body: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
            return nil
        } catch {
            return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
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

/// Any JSON value; used only to say what was found where a decoding error happened.
private indirect enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    static func find(_ path: [any CodingKey], in body: Data) -> JSONValue? {
        guard var value = try? JSONDecoder().decode(JSONValue.self, from: body) else { return nil }
        for key in path {
            switch value {
            case .object(let members):
                guard let member = members[key.stringValue] else { return nil }
                value = member
            case .array(let items):
                guard let index = key.intValue, items.indices.contains(index) else { return nil }
                value = items[index]
            default:
                return nil
            }
        }
        return value
    }

    var summary: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { String(Int64(value)) } else { PythonFloatFormat.string(value) }
        case .string(let value): "\"" + ResponseDecodingError.shortened(value) + "\""
        case .array: "a list"
        case .object: "an object"
        }
    }
}
