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
            paging: root.child(named: "paging").map(paging),
            errors: errors(in: root.child(named: "errors")),
            location: root.location
        )
    }

    /// `<paging items>` with its `<nextToken>` and `<pageNumber>` (also an overlay's, whose
    /// `items` may be missing when it turns paging off).
    func paging(_ element: XMLElementNode) -> PagingSpec {
        func path(_ element: XMLElementNode?, _ name: String) -> [String]? {
            element?.attribute(name).map { $0.value.trimmingSpaces.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        }
        let token = element.child(named: "nextToken")
        let page = element.child(named: "pageNumber")
        return PagingSpec(
            items: path(element, "items") ?? [],
            nextToken: token.map { .init(request: $0.attribute("request")?.value.trimmingSpaces ?? "", response: path($0, "response") ?? []) },
            pageNumber: page.map {
                .init(request: $0.attribute("request")?.value.trimmingSpaces ?? "", pageSize: path($0, "pageSize"), totalCount: path($0, "totalCount"))
            },
            location: element.location
        )
    }

    // MARK: Waiters

    /// The waiters of a schema-valid `<waiters>`.
    mutating func waiters(from root: XMLElementNode) -> [WaiterSpec] {
        root.children(named: "waiter").map { element in
            WaiterSpec(
                name: string(element, "name"),
                action: string(element, "action"),
                description: SpecText.optional(element.child(named: "description")?.text),
                minimumDelay: integer(element, "minDelay") ?? 5,
                maximumDelay: integer(element, "maxDelay") ?? 30,
                timeout: integer(element, "timeout") ?? 600,
                matchers: element.children.compactMap { child in
                    WaiterSpec.Matcher.State(rawValue: child.name).flatMap { matcher(child, state: $0) }
                },
                location: element.location
            )
        }
    }

    /// One `<success>`, `<failure>` or `<retry>`: an error code, or a path with one test.
    private mutating func matcher(_ element: XMLElementNode, state: WaiterSpec.Matcher.State) -> WaiterSpec.Matcher? {
        let error = element.attribute("error")?.value.trimmingSpaces
        let path = element.attribute("path").map { $0.value.trimmingSpaces.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        let all = element.attribute("all").map { $0.value.split(whereSeparator: \.isWhitespace).map(String.init) }
        let any = element.attribute("any").map { $0.value.split(whereSeparator: \.isWhitespace).map(String.init) }
        let empty = element.attribute("empty").map(isTrue)
        let tests = [all != nil, any != nil, empty != nil].filter { $0 }.count
        let condition: WaiterSpec.Condition
        switch (error, path) {
        case (let code?, nil) where tests == 0:
            condition = .errorCode(code)
        case (nil, let path?) where tests == 1:
            if let all { condition = .all(path: path, values: all) }
            else if let any { condition = .any(path: path, values: any) }
            else if empty == true { condition = .empty(path: path) }
            else {
                diagnostics.error("empty=\"false\" tests nothing", at: element.location, hint: "write empty=\"true\", or all=\"…\" or any=\"…\"")
                return nil
            }
        default:
            diagnostics.error(
                "a <\(element.name)> is either error=\"Code\", or a path with exactly one of all, any or empty",
                at: element.location,
                hint: "e.g. <\(element.name) path=\"Instances.Instance.Status\" all=\"Running\"/> or <\(element.name) error=\"InvalidInstanceId.NotFound\"/>"
            )
            return nil
        }
        return WaiterSpec.Matcher(state: state, condition: condition, location: element.location)
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
