/// Reads `AlibabaMetadata` straight from a `JSONValue` tree: one pass over each object's
/// entries, no `Decoder` containers, coding keys or type casts per value.
///
/// It gives exactly what `JSONTreeDecoder` gives for the same tree (the `Decodable`
/// conformances stay, for other decoders and as the reference the tests compare against):
///
/// - a key repeated in an object: its last value (`OrderedEntries`: keys in order of first
///   appearance, each with its last value);
/// - `null` where an optional is: absent; `null` in a list of texts: `FlexibleText.other("null")`;
/// - a value of the wrong JSON type: the same message, with the same path (`apis.X.parameters[2]:
///   expected an object, found string`), kept by the nearest `Lenient` as `.invalid`, or thrown
///   out of `AlibabaMetadata` when no `Lenient` is around it; where several values are wrong, the
///   one found first in the order the `Decodable` conformances read them (declaration order).
struct MetadataReader {
    /// Where the value being read is: object keys and array indices from the top.
    private var path: [Component] = []

    enum Component {
        case key(String)
        case index(Int)
    }

    /// A value that is not what the metadata format says; `text` is `DecodingErrorText`'s.
    struct Failure: Error {
        var text: String
    }

    /// `apis.X.parameters[2]: expected an object, found string` (as `DecodingErrorText.describe`).
    private func failure(_ description: String, at extra: Component? = nil) -> Failure {
        var components = path
        if let extra { components.append(extra) }
        let text = components.map { component -> String in
            switch component {
            case .key(let key): "." + key
            case .index(let index): "[\(index)]"
            }
        }.joined()
        let location = text.isEmpty ? "top level" : String(text.drop { $0 == "." })
        return Failure(text: location + ": " + description)
    }

    /// Runs `body` one level further down.
    private mutating func within<T>(_ component: Component, _ body: (inout MetadataReader) throws(Failure) -> T) throws(Failure) -> T {
        path.append(component)
        defer { path.removeLast() }
        return try body(&self)
    }

    /// A `Lenient` value: what `body` reads, or why it could not.
    private mutating func lenient<T: Decodable & Sendable>(_ body: (inout MetadataReader) throws(Failure) -> T) -> Lenient<T> {
        do {
            return .value(try body(&self))
        } catch {
            return .invalid(error.text)
        }
    }

    // MARK: JSON shapes

    private func entries(_ value: JSONValue) throws(Failure) -> [(key: String, value: JSONValue)] {
        guard case .object(let entries) = value else { throw failure("expected an object, found \(value.kindName)") }
        return entries
    }

    private func elements(_ value: JSONValue) throws(Failure) -> [JSONValue] {
        guard case .array(let values) = value else { throw failure("expected an array, found \(value.kindName)") }
        return values
    }

    /// An object's entries, each key once (first position, last value).
    private static func unique(_ entries: [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
        var repeated = false
        if entries.count <= 12 {
            search: for first in entries.indices {
                for second in entries.index(after: first)..<entries.endIndex where entries[first].key == entries[second].key {
                    repeated = true
                    break search
                }
            }
        } else {
            var seen = Set<String>(minimumCapacity: entries.count)
            for entry in entries where !seen.insert(entry.key).inserted {
                repeated = true
                break
            }
        }
        guard repeated else { return entries }
        var last: [String: JSONValue] = [:]
        for entry in entries { last[entry.key] = entry.value }
        var seen: Set<String> = []
        return entries.compactMap { entry in seen.insert(entry.key).inserted ? (entry.key, last[entry.key]!) : nil }
    }

    /// `OrderedEntries` of the object at `key`, each value read by `body` one level down.
    private mutating func ordered<T: Decodable & Sendable>(
        _ value: JSONValue, key: String, _ body: (inout MetadataReader, JSONValue) -> T
    ) throws(Failure) -> OrderedEntries<T> {
        try within(.key(key)) { reader throws(Failure) in
            let entries = Self.unique(try reader.entries(value))
            var result: [(key: String, value: T)] = []
            result.reserveCapacity(entries.count)
            for entry in entries {
                reader.path.append(.key(entry.key))
                result.append((entry.key, body(&reader, entry.value)))
                reader.path.removeLast()
            }
            return OrderedEntries(entries: result)
        }
    }

    /// A list at `key`, each element read by `body` one level down.
    private mutating func list<T>(_ value: JSONValue, key: String, _ body: (inout MetadataReader, JSONValue) -> T) throws(Failure) -> [T] {
        try within(.key(key)) { reader throws(Failure) in
            let values = try reader.elements(value)
            var result: [T] = []
            result.reserveCapacity(values.count)
            for (index, element) in values.enumerated() {
                reader.path.append(.index(index))
                result.append(body(&reader, element))
                reader.path.removeLast()
            }
            return result
        }
    }

    // MARK: Scalars

    /// `decodeIfPresent(FlexibleText.self)`: absent or null is nil.
    private static func text(_ value: JSONValue?) -> FlexibleText? {
        guard let value, value != .null else { return nil }
        return text(element: value)
    }

    /// A `FlexibleText` where one must be (in a list, as an entry's value): null is `other`.
    private static func text(element value: JSONValue) -> FlexibleText {
        switch value {
        case .string(let text): .string(text)
        case .number(let text): .number(text)
        case .bool(let flag): .bool(flag)
        default: .other(value.kindName)
        }
    }

    private static func flag(_ value: JSONValue?) -> LenientBool? {
        guard let value, value != .null else { return nil }
        return LenientBool(text(element: value))
    }

    /// `decodeIfPresent(String.self)`.
    private func string(_ value: JSONValue?, key: String) throws(Failure) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw failure("expected a string, found \(other.kindName)", at: .key(key))
        }
    }

    // MARK: The metadata

    mutating func metadata(_ root: JSONValue) throws(Failure) -> AlibabaMetadata {
        var version, info, endpoints, apis, components: JSONValue?
        for (key, value) in try entries(root) {
            switch key {
            case "version": version = value
            case "info": info = value
            case "endpoints": endpoints = value
            case "apis": apis = value
            case "components": components = value
            default: break
            }
        }
        let versionText = try string(version, key: "version")
        guard let info else { throw failure("missing 'info'") }
        let infoValue = try within(.key("info")) { reader throws(Failure) in try reader.info(info) }
        var endpointList: [Lenient<AlibabaMetadata.EndpointEntry>]?
        if let endpoints, endpoints != .null {
            endpointList = try list(endpoints, key: "endpoints") { reader, element in
                reader.lenient { reader throws(Failure) in try reader.endpoint(element) }
            }
        }
        guard let apis else { throw failure("missing 'apis'") }
        let apiEntries = try ordered(apis, key: "apis") { reader, value in
            reader.lenient { reader throws(Failure) in try reader.api(value) }
        }
        var componentsValue: AlibabaMetadata.Components?
        if let components, components != .null {
            componentsValue = try within(.key("components")) { reader throws(Failure) in
                var schemas: JSONValue?
                for (key, value) in try reader.entries(components) where key == "schemas" { schemas = value }
                guard let schemas, schemas != .null else { return AlibabaMetadata.Components(schemas: nil) }
                return AlibabaMetadata.Components(schemas: try reader.ordered(schemas, key: "schemas") { reader, value in
                    reader.lenient { reader throws(Failure) in try reader.schema(value) }
                })
            }
        }
        return AlibabaMetadata(version: versionText, info: infoValue, endpoints: endpointList, apis: apiEntries, components: componentsValue)
    }

    private mutating func info(_ value: JSONValue) throws(Failure) -> AlibabaMetadata.Info {
        var style, product, version, title: JSONValue?
        for (key, value) in try entries(value) {
            switch key {
            case "style": style = value
            case "product": product = value
            case "version": version = value
            case "title": title = value
            default: break
            }
        }
        return AlibabaMetadata.Info(
            style: try string(style, key: "style"), product: try string(product, key: "product"),
            version: try string(version, key: "version"), title: try string(title, key: "title")
        )
    }

    private mutating func endpoint(_ value: JSONValue) throws(Failure) -> AlibabaMetadata.EndpointEntry {
        var regionId, endpoint: JSONValue?
        for (key, value) in try entries(value) {
            switch key {
            case "regionId": regionId = value
            case "endpoint": endpoint = value
            default: break
            }
        }
        return AlibabaMetadata.EndpointEntry(regionId: try string(regionId, key: "regionId"), endpoint: try string(endpoint, key: "endpoint"))
    }

    // MARK: Actions

    mutating func api(_ value: JSONValue) throws(Failure) -> AlibabaMetadata.API {
        var title, summary, description, deprecated, operationType, systemTags, parameters, responses: JSONValue?
        var errorCodes, responseDemo, requestParamsDescription, responseParamsDescription, staticInfo: JSONValue?
        for (key, value) in try entries(value) {
            switch key {
            case "title": title = value
            case "summary": summary = value
            case "description": description = value
            case "deprecated": deprecated = value
            case "operationType": operationType = value
            case "systemTags": systemTags = value
            case "parameters": parameters = value
            case "responses": responses = value
            case "errorCodes": errorCodes = value
            case "responseDemo": responseDemo = value
            case "requestParamsDescription": requestParamsDescription = value
            case "responseParamsDescription": responseParamsDescription = value
            case "staticInfo": staticInfo = value
            default: break
            }
        }
        var api = AlibabaMetadata.API(
            title: Self.text(title), summary: Self.text(summary), description: Self.text(description),
            deprecated: Self.flag(deprecated), operationType: Self.text(operationType)
        )
        if let systemTags, systemTags != .null {
            api.systemTags = try within(.key("systemTags")) { reader throws(Failure) in
                var operationType: JSONValue?
                for (key, value) in try reader.entries(systemTags) where key == "operationType" { operationType = value }
                return AlibabaMetadata.SystemTags(operationType: Self.text(operationType))
            }
        }
        if let parameters, parameters != .null {
            api.parameters = try list(parameters, key: "parameters") { reader, element in
                reader.lenient { reader throws(Failure) in try reader.parameter(element) }
            }
        }
        if let responses, responses != .null {
            api.responses = try ordered(responses, key: "responses") { reader, value in
                reader.lenient { reader throws(Failure) in
                    var schema: JSONValue?
                    for (key, value) in try reader.entries(value) where key == "schema" { schema = value }
                    return AlibabaMetadata.Response(schema: try reader.optionalSchema(schema, key: "schema"))
                }
            }
        }
        if let errorCodes, errorCodes != .null {
            api.errorCodes = try ordered(errorCodes, key: "errorCodes") { reader, value in
                reader.lenient { reader throws(Failure) in
                    let values = try reader.elements(value)
                    var result: [Lenient<AlibabaMetadata.ErrorCode>] = []
                    result.reserveCapacity(values.count)
                    for (index, element) in values.enumerated() {
                        reader.path.append(.index(index))
                        result.append(reader.lenient { reader throws(Failure) in try reader.errorCode(element) })
                        reader.path.removeLast()
                    }
                    return result
                }
            }
        }
        api.responseDemo = Self.text(responseDemo)
        api.requestParamsDescription = Self.text(requestParamsDescription)
        api.responseParamsDescription = Self.text(responseParamsDescription)
        if let staticInfo, staticInfo != .null {
            api.staticInfo = try within(.key("staticInfo")) { reader throws(Failure) in
                var substitutions, reason: JSONValue?
                for (key, value) in try reader.entries(staticInfo) {
                    switch key {
                    case "substitutions": substitutions = value
                    case "noSubstitutionReason": reason = value
                    default: break
                    }
                }
                var info = AlibabaMetadata.StaticInfo()
                if let substitutions, substitutions != .null {
                    info.substitutions = try reader.list(substitutions, key: "substitutions") { _, element in Self.text(element: element) }
                }
                info.noSubstitutionReason = Self.text(reason)
                return info
            }
        }
        return api
    }

    private mutating func parameter(_ value: JSONValue) throws(Failure) -> AlibabaMetadata.Parameter {
        var name, location, style, schema: JSONValue?
        for (key, value) in try entries(value) {
            switch key {
            case "name": name = value
            case "in": location = value
            case "style": style = value
            case "schema": schema = value
            default: break
            }
        }
        return AlibabaMetadata.Parameter(
            name: Self.text(name), in: Self.text(location), style: Self.text(style), schema: try optionalSchema(schema, key: "schema")
        )
    }

    private mutating func errorCode(_ value: JSONValue) throws(Failure) -> AlibabaMetadata.ErrorCode {
        var code, message, description: JSONValue?
        for (key, value) in try entries(value) {
            switch key {
            case "errorCode": code = value
            case "errorMessage": message = value
            case "description": description = value
            default: break
            }
        }
        return AlibabaMetadata.ErrorCode(errorCode: Self.text(code), errorMessage: Self.text(message), description: Self.text(description))
    }

    // MARK: Schemas

    private mutating func optionalSchema(_ value: JSONValue?, key: String) throws(Failure) -> AlibabaMetadata.Schema? {
        guard let value, value != .null else { return nil }
        return try within(.key(key)) { reader throws(Failure) in try reader.schema(value) }
    }

    mutating func schema(_ value: JSONValue) throws(Failure) -> AlibabaMetadata.Schema {
        var fields = AlibabaMetadata.Schema.Fields()
        var enumValue, enumValueTitles, items, properties, additionalProperties: JSONValue?
        for (key, value) in try entries(value) {
            switch key {
            case "type": fields.type = Self.text(value)
            case "format": fields.format = Self.text(value)
            case "title": fields.title = Self.text(value)
            case "description": fields.description = Self.text(value)
            case "required": fields.required = Self.flag(value)
            case "deprecated": fields.deprecated = Self.flag(value)
            case "example": fields.example = Self.text(value)
            case "default": fields.default = Self.text(value)
            case "enum": enumValue = value
            case "enumValueTitles": enumValueTitles = value
            case "minimum": fields.minimum = Self.text(value)
            case "maximum": fields.maximum = Self.text(value)
            case "exclusiveMinimum": fields.exclusiveMinimum = Self.flag(value)
            case "exclusiveMaximum": fields.exclusiveMaximum = Self.flag(value)
            case "minLength": fields.minLength = Self.text(value)
            case "maxLength": fields.maxLength = Self.text(value)
            case "pattern": fields.pattern = Self.text(value)
            case "minItems": fields.minItems = Self.text(value)
            case "maxItems": fields.maxItems = Self.text(value)
            case "items": items = value
            case "properties": properties = value
            case "additionalProperties": additionalProperties = value
            case "$ref": fields.ref = Self.text(value)
            default: break
            }
        }
        if let enumValue, enumValue != .null {
            path.append(.key("enum"))
            fields.enum = lenient { reader throws(Failure) in try reader.elements(enumValue).map(Self.text(element:)) }
            path.removeLast()
        }
        // Read with `try?`: titles that are not an object are as good as none.
        if let enumValueTitles, case .object(let entries) = enumValueTitles {
            fields.enumValueTitles = OrderedEntries(entries: Self.unique(entries).map { ($0.key, Self.text(element: $0.value)) })
        }
        if let items, items != .null {
            path.append(.key("items"))
            fields.items = lenient { reader throws(Failure) in try reader.schema(items) }
            path.removeLast()
        }
        if let properties, properties != .null {
            fields.properties = try ordered(properties, key: "properties") { reader, value in
                reader.lenient { reader throws(Failure) in try reader.schema(value) }
            }
        }
        if let additionalProperties, additionalProperties != .null { fields.additionalProperties = JSONPresence() }
        return AlibabaMetadata.Schema(fields)
    }
}
