/// Turns schema-valid XML trees into model values.
///
/// The schema has already checked structure and attribute values, so this only converts;
/// what the schema cannot express (a number that does not fit, say) is still reported,
/// never trapped on.
struct SpecReader {
    var diagnostics = DiagnosticCollector()

    // MARK: Product

    mutating func product(from root: XMLElementNode, folderName: String) -> ProductSpec {
        let endpoints = root.child(named: "endpoints")
        return ProductSpec(
            name: string(root, "name"),
            version: string(root, "version"),
            swiftModule: string(root, "swiftModule"),
            swiftPrefix: string(root, "swiftPrefix"),
            clientDefaultsToCredentialChain: root.attribute("defaultCredentials")?.value != "none",
            title: SpecText.normalize(root.child(named: "title")?.text ?? ""),
            description: SpecText.optional(root.child(named: "description")?.text),
            defaultEndpoint: endpoints.map { string($0, "default") } ?? "",
            endpoints: (endpoints?.children(named: "endpoint") ?? []).map {
                Endpoint(region: string($0, "region"), host: string($0, "host"), location: $0.location)
            },
            commonErrors: errors(in: root.child(named: "errors")),
            selection: root.child(named: "generate").map { generate in
                generate.children(named: "action").map { ActionSelection(name: string($0, "name"), location: $0.location) }
            },
            actions: [],
            folderName: folderName,
            location: root.location
        )
    }

    // MARK: Action

    mutating func action(from root: XMLElementNode) -> ActionSpec {
        let response = root.child(named: "response")
        return ActionSpec(
            name: string(root, "name"),
            swiftName: root.attribute("swiftName")?.value,
            operationType: root.attribute("operationType")?.value == "read" ? .read : .write,
            idempotent: root.attribute("idempotent").map(isTrue),
            summary: SpecText.normalize(root.child(named: "summary")?.text ?? ""),
            description: SpecText.optional(root.child(named: "description")?.text),
            conditions: (root.child(named: "conditions")?.children(named: "condition") ?? []).map { SpecText.normalize($0.text) },
            deprecation: deprecation(root),
            parameters: (root.child(named: "request")?.children(named: "parameter") ?? []).map { member($0, memberElement: "parameter") },
            responseDescription: SpecText.optional(response?.child(named: "description")?.text),
            fields: (response?.children(named: "field") ?? []).map { member($0, memberElement: "field") },
            responseExamples: (response?.children(named: "example") ?? []).map {
                ResponseExample(
                    format: $0.attribute("format")?.value == "xml" ? .xml : .json,
                    body: SpecText.normalize($0.text),
                    location: $0.location
                )
            },
            errors: errors(in: root.child(named: "errors")),
            location: root.location
        )
    }

    // MARK: Members and types

    private mutating func member(_ element: XMLElementNode, memberElement: String) -> MemberSpec {
        MemberSpec(
            name: string(element, "name"),
            swiftName: element.attribute("swiftName")?.value,
            type: type(of: element, memberElement: memberElement),
            isRequired: element.attribute("required").map(isTrue) ?? false,
            description: SpecText.optional(element.child(named: "description")?.text),
            deprecation: deprecation(element),
            style: element.attribute("style").flatMap { ParameterStyle(rawValue: $0.value) },
            defaultValue: element.attribute("default")?.value,
            example: element.attribute("example")?.value,
            isSensitive: element.attribute("sensitive").map(isTrue) ?? false,
            location: element.location
        )
    }

    /// The type described by `element`'s `type` attribute, its constraints and its children.
    private mutating func type(of element: XMLElementNode, memberElement: String) -> TypeSpec {
        let kind: TypeSpec.Kind
        switch element.attribute("type")?.value ?? "string" {
        case "integer": kind = .integer
        case "long": kind = .long
        case "float": kind = .float
        case "double": kind = .double
        case "boolean": kind = .boolean
        case "array":
            if let items = element.child(named: "items") {
                kind = .array(ItemSpec(
                    type: type(of: items, memberElement: memberElement),
                    swiftName: items.attribute("swiftName")?.value,
                    description: SpecText.optional(items.child(named: "description")?.text),
                    location: items.location
                ))
            } else {
                diagnostics.error(
                    "'\(element.attribute("name")?.value ?? element.name)' is an array but has no <items>",
                    at: element.location,
                    hint: "describe the element type with <items type=\"…\"/>"
                )
                kind = .array(ItemSpec(type: TypeSpec(kind: .string), swiftName: nil, description: nil, location: element.location))
            }
        case "object":
            kind = .object(element.children(named: memberElement).map { member($0, memberElement: memberElement) })
        default: kind = .string
        }
        return TypeSpec(
            kind: kind,
            constraints: constraints(element),
            enumValues: (element.child(named: "enum")?.children(named: "value") ?? []).map {
                EnumValue(
                    value: $0.text,
                    swiftName: $0.attribute("swiftName")?.value,
                    description: $0.attribute("description")?.value,
                    location: $0.location
                )
            },
            enumTypeName: element.attribute("enumType")?.value
        )
    }

    private mutating func constraints(_ element: XMLElementNode) -> Constraints {
        Constraints(
            minimum: element.attribute("minimum")?.value,
            maximum: element.attribute("maximum")?.value,
            minLength: integer(element, "minLength"),
            maxLength: integer(element, "maxLength"),
            pattern: element.attribute("pattern")?.value,
            minItems: integer(element, "minItems"),
            maxItems: integer(element, "maxItems")
        )
    }

    // MARK: Errors

    private mutating func errors(in element: XMLElementNode?) -> [ErrorSpec] {
        (element?.children(named: "error") ?? []).map { error in
            let statusAttribute = error.attribute("httpStatus")
            var statuses: [Int] = []
            for word in (statusAttribute?.value ?? "").split(whereSeparator: \.isWhitespace) {
                if let status = Int(word) {
                    statuses.append(status)
                } else {
                    diagnostics.error("HTTP status '\(word)' is not a number", at: statusAttribute?.location ?? error.location)
                }
            }
            return ErrorSpec(
                code: string(error, "code"),
                swiftName: error.attribute("swiftName")?.value,
                httpStatuses: statuses,
                message: SpecText.normalize(error.child(named: "message")?.text ?? ""),
                description: SpecText.optional(error.child(named: "description")?.text),
                location: error.location
            )
        }
    }

    // MARK: Helpers

    /// An `xs:boolean` as the schema reads it: `true` or `1`, surrounding whitespace ignored.
    private func isTrue(_ attribute: XMLAttributeNode) -> Bool {
        let value = attribute.value.trimmingSpaces
        return value == "true" || value == "1"
    }

    private func deprecation(_ element: XMLElementNode) -> Deprecation? {
        element.child(named: "deprecated").map { Deprecation(message: SpecText.normalize($0.text)) }
    }

    private mutating func string(_ element: XMLElementNode, _ name: String) -> String {
        guard let attribute = element.attribute(name) else {
            diagnostics.error("<\(element.name)> needs the attribute '\(name)'", at: element.location)
            return ""
        }
        return attribute.value
    }

    private mutating func integer(_ element: XMLElementNode, _ name: String) -> Int? {
        guard let attribute = element.attribute(name) else { return nil }
        guard let value = Int(attribute.value.trimmingSpaces) else {
            diagnostics.error("'\(name)' must be a whole number that fits 64 bits, not '\(attribute.value)'", at: attribute.location)
            return nil
        }
        return value
    }
}

extension String {
    var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(self[first...last])
    }
}

extension Substring {
    /// Without trailing spaces and tabs. Works on UTF-8 bytes: both are ASCII, so this cuts at a
    /// character boundary, and it is many times faster than trimming `Character`s from the end.
    var droppingTrailingBlanks: Substring {
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            let byte = utf8[before]
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") else { break }
            end = before
        }
        return self[startIndex..<end]
    }
}
