import Foundation

/// Alibaba Cloud's OpenAPI metadata for one product version (`api-docs.json`), as far as
/// apigen uses it. Keys it does not know are ignored; values of an unexpected JSON type are
/// kept as `FlexibleText.other` or `Lenient.invalid` so that one odd entry costs that entry,
/// never the whole import.
///
/// Decode it with `AlibabaMetadata.decode(from:)`, which keeps object keys in document order
/// (`OrderedEntries`); Foundation's `JSONDecoder` does not promise any order.
public struct AlibabaMetadata: Decodable, Sendable {
    public var version: String?
    public var info: Info
    public var endpoints: [Lenient<EndpointEntry>]?
    /// Action name → action, in document order.
    public var apis: OrderedEntries<Lenient<API>>
    /// Shared schemas, which `$ref`s name as `#/components/schemas/<Name>`.
    public var components: Components?

    public struct Components: Decodable, Sendable {
        public var schemas: OrderedEntries<Lenient<Schema>>?
    }

    public struct Info: Decodable, Sendable {
        public var style: String?
        public var product: String?
        public var version: String?
        public var title: String?
    }

    public struct EndpointEntry: Decodable, Sendable {
        public var regionId: String?
        public var endpoint: String?
    }

    /// One action.
    public struct API: Decodable, Sendable {
        public var title: FlexibleText?
        public var summary: FlexibleText?
        public var description: FlexibleText?
        public var deprecated: LenientBool?
        public var operationType: FlexibleText?
        /// Classification tags; `operationType` there (`get`, `list`, `create`, …) stands in
        /// when the action has no `operationType` of its own.
        public var systemTags: SystemTags?
        public var parameters: [Lenient<Parameter>]?
        /// HTTP status → response, in document order.
        public var responses: OrderedEntries<Lenient<Response>>?
        /// HTTP status (as written, e.g. `"403"` or the odd `"4003"`) → error codes.
        public var errorCodes: OrderedEntries<Lenient<[Lenient<ErrorCode>]>>?
        /// A JSON array, encoded as a string, of `{"type": "json"|"xml", "example": "…"}`.
        public var responseDemo: FlexibleText?
        public var requestParamsDescription: FlexibleText?
        public var responseParamsDescription: FlexibleText?
        public var staticInfo: StaticInfo?
    }

    public struct SystemTags: Decodable, Sendable {
        public var operationType: FlexibleText?
    }

    public struct StaticInfo: Decodable, Sendable {
        /// Replacements of a deprecated action, as `Product::Version::Action`.
        public var substitutions: [FlexibleText]?
        /// Why a deprecated action has no replacement.
        public var noSubstitutionReason: FlexibleText?
    }

    public struct Parameter: Decodable, Sendable {
        public var name: FlexibleText?
        /// `query`, `formData`, `body` (sent as RPC parameters); anything else is not imported.
        public var `in`: FlexibleText?
        /// `repeatList`, `flat` or `json`.
        public var style: FlexibleText?
        public var schema: Schema?
    }

    public struct Response: Decodable, Sendable {
        public var schema: Schema?
    }

    public struct ErrorCode: Decodable, Sendable {
        public var errorCode: FlexibleText?
        public var errorMessage: FlexibleText?
        public var description: FlexibleText?
    }

    /// A JSON-schema-like description of a value. A class, since it nests.
    public final class Schema: Decodable, Sendable {
        public let type: FlexibleText?
        public let format: FlexibleText?
        public let title: FlexibleText?
        public let description: FlexibleText?
        public let required: LenientBool?
        public let deprecated: LenientBool?
        public let example: FlexibleText?
        public let `default`: FlexibleText?
        public let `enum`: Lenient<[FlexibleText]>?
        /// Value → title; only descriptions here, since the metadata does not keep them in step
        /// with `enum` (or with the description's list of values).
        public let enumValueTitles: OrderedEntries<FlexibleText>?
        public let minimum: FlexibleText?
        public let maximum: FlexibleText?
        public let exclusiveMinimum: LenientBool?
        public let exclusiveMaximum: LenientBool?
        public let minLength: FlexibleText?
        public let maxLength: FlexibleText?
        public let pattern: FlexibleText?
        public let minItems: FlexibleText?
        public let maxItems: FlexibleText?
        public let items: Lenient<Schema>?
        /// Member name → schema, in document order.
        public let properties: OrderedEntries<Lenient<Schema>>?
        /// A map's values; the spec format has no maps, so only its presence matters.
        public let additionalProperties: JSONPresence?
        public let ref: FlexibleText?

        enum CodingKeys: String, CodingKey {
            case type, format, title, description, required, deprecated, example, `default`, `enum`, enumValueTitles
            case minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern, minItems, maxItems
            case items, properties, additionalProperties
            case ref = "$ref"
        }

        /// The stored properties, for `MetadataReader`.
        struct Fields {
            var type, format, title, description: FlexibleText?
            var required, deprecated: LenientBool?
            var example, `default`: FlexibleText?
            var `enum`: Lenient<[FlexibleText]>?
            var enumValueTitles: OrderedEntries<FlexibleText>?
            var minimum, maximum: FlexibleText?
            var exclusiveMinimum, exclusiveMaximum: LenientBool?
            var minLength, maxLength, pattern, minItems, maxItems: FlexibleText?
            var items: Lenient<Schema>?
            var properties: OrderedEntries<Lenient<Schema>>?
            var additionalProperties: JSONPresence?
            var ref: FlexibleText?
        }

        init(_ fields: Fields) {
            type = fields.type
            format = fields.format
            title = fields.title
            description = fields.description
            required = fields.required
            deprecated = fields.deprecated
            example = fields.example
            `default` = fields.default
            `enum` = fields.enum
            enumValueTitles = fields.enumValueTitles
            minimum = fields.minimum
            maximum = fields.maximum
            exclusiveMinimum = fields.exclusiveMinimum
            exclusiveMaximum = fields.exclusiveMaximum
            minLength = fields.minLength
            maxLength = fields.maxLength
            pattern = fields.pattern
            minItems = fields.minItems
            maxItems = fields.maxItems
            items = fields.items
            properties = fields.properties
            additionalProperties = fields.additionalProperties
            ref = fields.ref
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> FlexibleText? { try container.decodeIfPresent(FlexibleText.self, forKey: key) }
            func flag(_ key: CodingKeys) throws -> LenientBool? { try container.decodeIfPresent(LenientBool.self, forKey: key) }
            type = try text(.type)
            format = try text(.format)
            title = try text(.title)
            description = try text(.description)
            required = try flag(.required)
            deprecated = try flag(.deprecated)
            example = try text(.example)
            `default` = try text(.default)
            `enum` = try container.decodeIfPresent(Lenient<[FlexibleText]>.self, forKey: .enum)
            enumValueTitles = try? container.decodeIfPresent(OrderedEntries<FlexibleText>.self, forKey: .enumValueTitles)
            minimum = try text(.minimum)
            maximum = try text(.maximum)
            exclusiveMinimum = try flag(.exclusiveMinimum)
            exclusiveMaximum = try flag(.exclusiveMaximum)
            minLength = try text(.minLength)
            maxLength = try text(.maxLength)
            pattern = try text(.pattern)
            minItems = try text(.minItems)
            maxItems = try text(.maxItems)
            items = try container.decodeIfPresent(Lenient<Schema>.self, forKey: .items)
            properties = try container.decodeIfPresent(OrderedEntries<Lenient<Schema>>.self, forKey: .properties)
            additionalProperties = try container.decodeIfPresent(JSONPresence.self, forKey: .additionalProperties)
            ref = try text(.ref)
        }
    }

    /// Reads `api-docs.json`: JSON syntax errors name the line and column; a file whose top
    /// level is not metadata at all (no `apis` object, say) is an error too.
    public static func decode(from data: Data) throws(ImportError) -> AlibabaMetadata {
        let tree: JSONValue
        do {
            tree = try JSONReader.parse(data)
        } catch {
            throw ImportError("not valid JSON: \(error)")
        }
        var reader = MetadataReader()
        do {
            return try reader.metadata(tree)
        } catch {
            throw ImportError("not Alibaba Cloud API metadata: \(error.text)")
        }
    }

    /// What `decode(from:)` gives, through `Decodable` and `JSONTreeDecoder` (the reference
    /// `MetadataReader` is tested against).
    static func decodeWithDecoder(from data: Data) throws(ImportError) -> AlibabaMetadata {
        let tree: JSONValue
        do {
            tree = try JSONReader.parse(data)
        } catch {
            throw ImportError("not valid JSON: \(error)")
        }
        do {
            return try JSONTreeDecoder().decode(AlibabaMetadata.self, from: tree)
        } catch let error as DecodingError {
            throw ImportError("not Alibaba Cloud API metadata: \(DecodingErrorText.describe(error))")
        } catch {
            throw ImportError("not Alibaba Cloud API metadata: \(error)")
        }
    }
}

/// Why an import could not be done at all (nothing was written).
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// Problems with a place in a file (the overlay's), `path:line:column: error: …` each.
    public var diagnostics: [Diagnostic]

    public init(_ message: String, diagnostics: [Diagnostic] = []) {
        self.message = message
        self.diagnostics = diagnostics
    }

    public var description: String {
        (diagnostics.map(\.description) + [message]).joined(separator: "\n")
    }
}

/// An object's entries in document order.
public struct OrderedEntries<Value: Decodable & Sendable>: Decodable, Sendable {
    public var entries: [(key: String, value: Value)]

    public init(entries: [(key: String, value: Value)]) {
        self.entries = entries
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        entries = try container.allKeys.map { ($0.stringValue, try container.decode(Value.self, forKey: $0)) }
    }

    public var keys: [String] { entries.map(\.key) }

    public subscript(key: String) -> Value? {
        entries.last { $0.key == key }?.value
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A value that is decoded if it can be, and otherwise kept as the reason it could not.
public enum Lenient<Value: Decodable & Sendable>: Decodable, Sendable {
    case value(Value)
    case invalid(String)

    public init(from decoder: any Decoder) throws {
        do {
            self = .value(try Value(from: decoder))
        } catch let error as DecodingError {
            self = .invalid(DecodingErrorText.describe(error))
        } catch {
            self = .invalid("\(error)")
        }
    }

    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}

/// A scalar as text: strings as they are, numbers as written (`9223372036854775807` stays
/// exact), booleans as `true`/`false`. Arrays, objects and null are `other`.
public enum FlexibleText: Decodable, Hashable, Sendable {
    case string(String)
    case number(String)
    case bool(Bool)
    /// Not a scalar; the JSON type, for messages.
    case other(String)

    public init(from decoder: any Decoder) throws {
        if let raw = (decoder as? any RawJSONDecoding)?.rawValue {
            switch raw {
            case .string(let text): self = .string(text)
            case .number(let text): self = .number(text)
            case .bool(let flag): self = .bool(flag)
            default: self = .other(raw.kindName)
            }
            return
        }
        // Another decoder (Foundation's): best effort.
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .number(String(number))
        } else if let number = try? container.decode(Double.self) {
            self = .number(String(number))
        } else {
            self = .other("non-scalar")
        }
    }

    /// The scalar as text; nil for `other`.
    public var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .other: nil
        }
    }

    /// A string value only (numbers and booleans are not names).
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

/// `true`/`false`, also written as the strings `"true"`/`"false"` (any case); anything else
/// is `invalid`.
public enum LenientBool: Decodable, Hashable, Sendable {
    case value(Bool)
    case invalid(String)

    public init(from decoder: any Decoder) throws {
        self.init(try FlexibleText(from: decoder))
    }

    init(_ text: FlexibleText) {
        switch text {
        case .bool(let flag): self = .value(flag)
        case .string(let text) where text.lowercased() == "true": self = .value(true)
        case .string(let text) where text.lowercased() == "false": self = .value(false)
        case let other: self = .invalid(other.text.map { "'\($0)'" } ?? "a non-scalar")
        }
    }

    public var isTrue: Bool { self == .value(true) }
}

/// Only whether a key was there.
public struct JSONPresence: Decodable, Sendable {
    init() {}

    public init(from decoder: any Decoder) throws {}
}

enum DecodingErrorText {
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let components = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }
            let text = components.joined()
            return text.isEmpty ? "top level" : String(text.drop { $0 == "." })
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing '\(key.stringValue)'"
        @unknown default:
            return "\(error)"
        }
    }
}
