import Foundation

/// Reads `overlay.xml`: parsed by libxml2, checked against the spec schema (which the overlay
/// shares with every spec file, so editors complete it and problems carry line:column), then
/// turned into a `ProductOverlay`.
struct OverlayReader {
    var diagnostics = DiagnosticCollector()

    /// The file name apigen looks for in a product folder.
    static let fileName = "overlay.xml"

    /// Reads the overlay at `path`, checked against the schema at `schemaPath`; every problem
    /// of the file is thrown at once.
    static func load(path: String, schemaPath: String) throws(DiagnosticsError) -> ProductOverlay {
        guard let schemaData = FileManager.default.contents(atPath: schemaPath), let schemaText = String(data: schemaData, encoding: .utf8) else {
            throw DiagnosticsError(diagnostics: [.error(
                "cannot read the spec schema '\(schemaPath)', which the overlay '\(path)' is checked against",
                at: nil,
                hint: "the schema is apigen.xsd in the spec folder, beside the product folders; restore it or pass --schema"
            )])
        }
        let schema = try SchemaValidator(schemaText: schemaText, schemaPath: schemaPath)
        var diagnostics = DiagnosticCollector()
        let overlay = load(path: path, schema: schema, diagnostics: &diagnostics)
        guard let overlay, !diagnostics.hasErrors else { throw DiagnosticsError(diagnostics: diagnostics.sorted) }
        return overlay
    }

    /// Reads the overlay at `path` with a compiled schema; nil (and the problems in
    /// `diagnostics`) when it cannot be used.
    static func load(path: String, schema: SchemaValidator, diagnostics: inout DiagnosticCollector) -> ProductOverlay? {
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.error("cannot read the overlay", at: start, hint: "check its permissions")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.error("the overlay is not UTF-8 text", at: start, hint: "save it as UTF-8")
            return nil
        }
        guard let document = SecureXMLParser.parse(text, path: path, diagnostics: &diagnostics) else { return nil }
        guard document.root.name == "overlay" else {
            diagnostics.error("unexpected root element <\(document.root.name)>", at: document.root.location, hint: "\(fileName) must hold an <overlay>")
            return nil
        }
        var schemaDiagnostics = DiagnosticCollector()
        schema.validate(document, diagnostics: &schemaDiagnostics)
        diagnostics.append(contentsOf: schemaDiagnostics)
        guard !schemaDiagnostics.hasErrors else { return nil }
        var reader = OverlayReader()
        let overlay = reader.overlay(from: document.root)
        diagnostics.append(contentsOf: reader.diagnostics)
        return overlay
    }

    /// The overlay a schema-valid `<overlay>` describes.
    mutating func overlay(from root: XMLElementNode) -> ProductOverlay {
        var overlay = ProductOverlay(product: root.attribute("product")?.value ?? "", location: root.location)
        for element in root.children {
            switch element.name {
            case "merge":
                if let target = target(element) { overlay.merges.append(OverlayMerge(target: target)) }
            case "member":
                if let change = memberChange(element) { overlay.memberChanges.append(change) }
            case "enumeration":
                overlay.enumerations.append(enumeration(element))
            case "paging":
                if let paging = paging(element) { overlay.pagings.append(paging) }
            case "generate":
                if let first = overlay.selection {
                    diagnostics.error("the actions to generate are already listed at line \(first.location.line)", at: element.location, hint: "list them all in one <generate>")
                } else {
                    overlay.selection = selection(element)
                }
            default:
                break  // the schema allows nothing else
            }
        }
        return overlay
    }

    private mutating func memberChange(_ element: XMLElementNode) -> OverlayMemberChange? {
        guard let target = target(element) else { return nil }
        var change = OverlayMemberChange(target: target)
        change.swiftName = element.attribute("swiftName")?.value
        change.typeName = element.attribute("typeName")?.value
        change.style = element.attribute("style").flatMap { ParameterStyle(rawValue: $0.value.trimmingSpaces) }
        change.isRequired = element.attribute("required").map(Self.isTrue)
        change.isSensitive = element.attribute("sensitive").map(Self.isTrue)
        change.deprecation = element.attribute("deprecated").map { Deprecation(message: SpecText.normalize($0.value)) }
        let items = element.attribute("items")
        switch element.attribute("type").map({ $0.value.trimmingSpaces }) {
        case "array"?:
            guard let items, let kind = Self.scalarKind(items.value.trimmingSpaces) else {
                diagnostics.error("type=\"array\" needs the type of its elements", at: element.location, hint: "add items=\"string\" (or another scalar type)")
                return nil
            }
            change.type = .list(of: kind)
        case let name?:
            guard let kind = Self.scalarKind(name) else { return nil }  // the schema lists the types
            if let items {
                diagnostics.error("items=\"\(items.value)\" applies to type=\"array\" only", at: items.location, hint: "remove it, or set type=\"array\"")
                return nil
            }
            change.type = .scalar(kind)
        case nil:
            if let items {
                diagnostics.error("items=\"\(items.value)\" needs type=\"array\"", at: items.location, hint: "add type=\"array\"")
                return nil
            }
        }
        if change.swiftName == nil, change.typeName == nil, change.type == nil, change.style == nil, change.isRequired == nil,
           change.isSensitive == nil, change.deprecation == nil {
            diagnostics.error(
                "this <member> changes nothing",
                at: element.location,
                hint: "give it one of swiftName, typeName, type, style, required, deprecated or sensitive, or remove it"
            )
            return nil
        }
        return change
    }

    private mutating func paging(_ element: XMLElementNode) -> OverlayPaging? {
        let action = element.attribute("action")?.value.trimmingSpaces ?? ""
        let generate = element.attribute("generate").map(Self.isTrue) ?? true
        let hasStyle = element.child(named: "nextToken") != nil || element.child(named: "pageNumber") != nil
        if !generate {
            guard !hasStyle, element.attribute("items") == nil else {
                diagnostics.error("generate=\"false\" turns paging off: it takes no items and no styles", at: element.location, hint: "remove them, or remove generate=\"false\"")
                return nil
            }
            return OverlayPaging(action: action, paging: nil, location: element.location)
        }
        guard element.attribute("items") != nil, hasStyle else {
            diagnostics.error(
                "a <paging> names its items and at least one of <nextToken> and <pageNumber>",
                at: element.location,
                hint: "e.g. <paging action=\"DescribeInstances\" items=\"Instances.Instance\"><nextToken request=\"NextToken\" response=\"NextToken\"/></paging>, or generate=\"false\""
            )
            return nil
        }
        return OverlayPaging(action: action, paging: SpecReader().paging(element), location: element.location)
    }

    private mutating func selection(_ element: XMLElementNode) -> OverlaySelection {
        var seen: [String: SourceLocation] = [:]
        var actions: [ActionSelection] = []
        for action in element.children(named: "action") {
            let name = action.attribute("name")?.value.trimmingSpaces ?? ""
            if let first = seen[name] {
                diagnostics.error("the action '\(name)' is already listed at line \(first.line)", at: action.location, hint: "remove one of them")
                continue
            }
            seen[name] = action.location
            actions.append(ActionSelection(name: name, location: action.location))
        }
        return OverlaySelection(actions: actions, location: element.location)
    }

    private mutating func enumeration(_ element: XMLElementNode) -> OverlayEnumeration {
        var seen: [String: SourceLocation] = [:]
        var values: [EnumValue] = []
        for value in element.children(named: "value") {
            if let first = seen[value.text] {
                diagnostics.error("the value '\(value.text)' is already listed at line \(first.line)", at: value.location, hint: "remove one of them")
                continue
            }
            seen[value.text] = value.location
            values.append(EnumValue(
                value: value.text,
                swiftName: value.attribute("swiftName")?.value,
                description: value.attribute("description").flatMap { SpecText.optional($0.value) },
                location: value.location
            ))
        }
        return OverlayEnumeration(
            name: element.attribute("name")?.value ?? "",
            values: values,
            uses: element.children(named: "use").compactMap { target($0) },
            location: element.location
        )
    }

    private mutating func target(_ element: XMLElementNode) -> OverlayTarget? {
        let action = element.attribute("action")?.value.trimmingSpaces ?? ""
        let pathText = element.attribute("path")?.value.trimmingSpaces ?? ""
        guard let path = MemberPath(pathText) else {
            diagnostics.error(
                "'\(pathText)' is not a member path",
                at: element.attribute("path")?.location ?? element.location,
                hint: "write request. or response. and the member's wire names joined by dots, e.g. response.Instances.Instance.Status"
            )
            return nil
        }
        return OverlayTarget(action: action, path: path, location: element.location)
    }

    private static func scalarKind(_ name: String) -> TypeSpec.Kind? {
        switch name {
        case "string": .string
        case "integer": .integer
        case "long": .long
        case "float": .float
        case "double": .double
        case "boolean": .boolean
        default: nil
        }
    }

    /// An `xs:boolean` as the schema reads it.
    private static func isTrue(_ attribute: XMLAttributeNode) -> Bool {
        let value = attribute.value.trimmingSpaces
        return value == "true" || value == "1"
    }
}
