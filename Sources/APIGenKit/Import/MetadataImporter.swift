import Foundation

/// What to import and how to name the product in Swift.
public struct ImportOptions: Sendable {
    /// Only these actions (wire names); empty means every action.
    public var actions: [String]
    /// The Swift module; by default the product code, upper-cased if it has at most four
    /// letters (`Ecs` → `ECS`), made a valid identifier.
    public var swiftModule: String?
    /// Prefix of product-wide types (`ECSClient`); by default the Swift module.
    public var swiftPrefix: String?

    public init(actions: [String] = [], swiftModule: String? = nil, swiftPrefix: String? = nil) {
        self.actions = actions
        self.swiftModule = swiftModule
        self.swiftPrefix = swiftPrefix
    }
}

/// Collects `ImportIssue`s.
struct IssueLog {
    private(set) var issues: [ImportIssue] = []

    mutating func add(_ kind: ImportIssue.Kind, action: String?, path: String, _ message: String) {
        issues.append(ImportIssue(kind, action: action, path: path, message))
    }

    mutating func append(contentsOf other: IssueLog) {
        issues.append(contentsOf: other.issues)
    }
}

/// Turns Alibaba Cloud's metadata into spec documents (model values): a product and its
/// actions, named so that apigen's validation passes. Nothing here touches the file system.
///
/// Mapping, in short (details at each function):
/// - product: code, version, `RPC`, Swift module and prefix, title (the code if the metadata
///   has none), every endpoint sorted by region; default host: `cn-hangzhou`'s, else
///   `<product>.aliyuncs.com`.
/// - action: `operationType` `read` stays read, anything else is a write; summary (else
///   title, else the name); description; deprecation (with the replacement the metadata names).
/// - parameters sent as RPC parameters (`in` query, formData or body), with type, format,
///   constraints, enum, example, default, style and deprecation, nested to any depth; dotted
///   names grouped (`DottedParameterGrouping`).
/// - response: the `200` schema (else the first 2xx), every field optional but a top-level
///   `RequestId`; list wrappers kept as on the wire; JSON and XML examples from `responseDemo`.
/// - errors: one per code, with every HTTP status it is listed under (in order of first
///   appearance), the first message, and other statuses' different messages in the description.
/// - Swift names: `SwiftNameResolver` adds a `swiftName` wherever apigen could not name
///   something, or two things would get one name.
struct MetadataImporter {
    let metadata: AlibabaMetadata
    let options: ImportOptions
    /// The product folder's name, for the locations in the model (e.g. `Ecs`).
    let folderName: String
    private(set) var log = IssueLog()
    private(set) var statistics = Statistics()

    struct Statistics {
        var deprecatedActions = 0
        var dottedParameters = 0
        var groupedDottedParameters = 0
        var dottedGroups = 0
    }

    init(metadata: AlibabaMetadata, options: ImportOptions, folderName: String) {
        self.metadata = metadata
        self.options = options
        self.folderName = folderName
    }

    static let deprecationText = "Deprecated in Alibaba Cloud's API metadata."

    /// The product with its actions, sorted by name; throws only when no valid product file
    /// could be written at all (not RPC, no product code or version, unknown `--action`).
    mutating func importProduct() throws(ImportError) -> ProductSpec {
        let info = metadata.info
        if let style = info.style, style.uppercased() != "RPC" {
            throw ImportError("the metadata describes a '\(style)' API; apigen imports RPC APIs only")
        }
        guard let name = info.product, Self.isUsableWireName(name) else {
            throw ImportError("the metadata names no usable product code (info.product)")
        }
        guard let version = info.version, version.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else {
            throw ImportError("the metadata's API version (info.version) is '\(info.version ?? "")', not a date such as 2014-05-26")
        }
        let swiftModule = try Self.identifierOption(options.swiftModule, label: "--swift-module") ?? Self.defaultSwiftModule(for: name)
        let swiftPrefix = try Self.identifierOption(options.swiftPrefix, label: "--swift-prefix") ?? swiftModule

        var product = ProductSpec(
            name: name, version: version, swiftModule: swiftModule, swiftPrefix: swiftPrefix,
            title: Self.normalized(info.title ?? "") ?? name, description: nil,
            defaultEndpoint: "", endpoints: [], commonErrors: [], actions: [],
            folderName: folderName, location: location("product.xml")
        )
        (product.endpoints, product.defaultEndpoint) = endpoints(product: name)

        let wanted = Set(options.actions)
        let known = Set(metadata.apis.keys)
        let unknown = options.actions.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw ImportError("no action named \(unknown.map { "'\($0)'" }.joined(separator: ", ")) in the metadata")
        }

        var components: [String: AlibabaMetadata.Schema] = [:]
        for (schemaName, entry) in metadata.components?.schemas?.entries ?? [] {
            if let schema = entry.value { components["#/components/schemas/" + schemaName] = schema }
        }
        var fileNames: [String: String] = ["product.xml": "the product file"]
        for (actionName, entry) in metadata.apis.entries.sorted(by: { $0.key < $1.key }) where wanted.isEmpty || wanted.contains(actionName) {
            guard Self.isSafeFileName(actionName) else {
                log.add(.actionSkipped, action: actionName, path: "", "an action name must be letters, digits, '_', '.' and '-' (it names the spec file); skipped")
                continue
            }
            let fileKey = (actionName + ".xml").lowercased()
            if let other = fileNames[fileKey] {
                log.add(.actionSkipped, action: actionName, path: "", "its file name differs from \(other)'s only in case, which some file systems cannot tell apart; skipped")
                continue
            }
            guard let api = entry.value else {
                if case .invalid(let reason) = entry {
                    log.add(.actionSkipped, action: actionName, path: "", "could not be read (\(reason)); skipped")
                }
                continue
            }
            fileNames[fileKey] = "action '\(actionName)'"
            var converter = ActionConverter(actionName: actionName, product: name, version: version, file: location(actionName + ".xml"))
            converter.components = components
            let action = converter.convert(api)
            log.append(contentsOf: converter.log)
            statistics.dottedParameters += converter.dottedParameters
            statistics.groupedDottedParameters += converter.groupedDottedParameters
            statistics.dottedGroups += converter.dottedGroups
            if action.deprecation != nil { statistics.deprecatedActions += 1 }
            product.actions.append(action)
        }

        var resolver = SwiftNameResolver()
        resolver.resolve(&product)
        log.append(contentsOf: resolver.log)
        validate(product)
        return product
    }

    // MARK: Product

    /// Every endpoint, sorted by region, and the default host.
    private mutating func endpoints(product: String) -> ([Endpoint], String) {
        var byRegion: [String: Endpoint] = [:]
        for (offset, entry) in (metadata.endpoints ?? []).enumerated() {
            guard let endpoint = entry.value, let region = endpoint.regionId, let host = endpoint.endpoint,
                  Self.isUsableWireName(region), Self.isUsableWireName(host)
            else {
                log.add(.product, action: nil, path: "endpoints[\(offset)]", "an endpoint without a usable region and host; skipped")
                continue
            }
            if let first = byRegion[region] {
                if first.host != host {
                    log.add(.product, action: nil, path: "endpoints[\(offset)]", "region '\(region)' is listed again with host '\(host)'; kept the first, '\(first.host)'")
                }
                continue
            }
            byRegion[region] = Endpoint(region: region, host: host, location: location("product.xml"))
        }
        let sorted = byRegion.values.sorted { $0.region < $1.region }
        let defaultHost = byRegion["cn-hangzhou"]?.host ?? (product.lowercased() + ".aliyuncs.com")
        return (sorted, defaultHost)
    }

    /// `Ecs` → `ECS`, `ResourceManager` → `ResourceManager`, `r-kvstore` → `RKvstore`.
    static func defaultSwiftModule(for product: String) -> String {
        let letters = product.filter(\.isLetter)
        let base = letters.count <= 4 ? product.uppercased() : product
        if SwiftNaming.isValidIdentifier(base) { return base }
        let derived = SwiftNaming.typeName(fromWire: base) ?? "Product"
        return SwiftNaming.isValidIdentifier(derived) ? derived : "Product"
    }

    private static func identifierOption(_ value: String?, label: String) throws(ImportError) -> String? {
        guard let value else { return nil }
        guard SwiftNaming.isValidIdentifier(value), !SwiftNaming.keywords.contains(value) else {
            throw ImportError("\(label) '\(value)' is not a Swift identifier")
        }
        return value
    }

    private func location(_ file: String) -> SourceLocation {
        SourceLocation(file: folderName + "/" + file, line: 1, column: 1)
    }

    // MARK: Validation

    /// apigen's own semantic checks on the imported documents: whatever they still find is
    /// reported (the import goes on; the generator will name the file).
    private mutating func validate(_ product: ProductSpec) {
        var validator = SemanticValidator()
        validator.validate([product])
        for diagnostic in validator.diagnostics.sorted where diagnostic.severity == .error {
            let file = diagnostic.location.map { ($0.file as NSString).lastPathComponent } ?? ""
            let action = file.hasSuffix(".xml") && file != "product.xml" ? String(file.dropLast(4)) : nil
            log.add(.validation, action: action, path: "", diagnostic.message + (diagnostic.hint.map { " (\($0))" } ?? ""))
        }
    }

    // MARK: Names and text

    /// A name the format can hold (`WireName`: no XML whitespace) and XML can carry.
    static func isUsableWireName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { XMLEscaping.isAllowed($0) && !" \t\n\r".unicodeScalars.contains($0) }
    }

    /// Action names become file names: nothing that could leave the output folder.
    static func isSafeFileName(_ name: String) -> Bool {
        name.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9_.\-]*/) != nil && name.lowercased() != "product"
    }

    /// Prose as apigen reads it back (`SpecText.normalize`), nil when empty.
    static func normalized(_ text: String) -> String? {
        let result = ImportText.normalize(text)
        return result.allSatisfy(\.isWhitespace) ? nil : result
    }
}

// MARK: - One action

/// Converts one action; collects its issues.
struct ActionConverter {
    let actionName: String
    let product: String
    let version: String
    let file: SourceLocation
    /// `#/components/schemas/<Name>` → schema, for `$ref`s.
    var components: [String: AlibabaMetadata.Schema] = [:]
    var log = IssueLog()
    /// The `$ref`s being followed, innermost last (a schema that contains itself stops there).
    var resolving: [String] = []
    var dottedParameters = 0
    var groupedDottedParameters = 0
    var dottedGroups = 0

    enum Side {
        case request
        case response
    }

    private static let rpcLocations: Set<String> = ["query", "formdata", "body"]

    mutating func convert(_ api: AlibabaMetadata.API) -> ActionSpec {
        let summary = prose(api.summary, path: "summary") ?? prose(api.title, path: "title") ?? actionName
        var description = prose(api.description, path: "description")
        if let extra = prose(api.requestParamsDescription, path: "requestParamsDescription") {
            description = [description, extra].compactMap { $0 }.joined(separator: "\n\n")
        }
        let (fields, schemaDescription) = response(api)
        var responseDescription = schemaDescription
        if let extra = prose(api.responseParamsDescription, path: "responseParamsDescription") {
            responseDescription = [responseDescription, extra].compactMap { $0 }.joined(separator: "\n\n")
        }
        if let invalid = api.deprecated, case .invalid(let text) = invalid {
            log.add(.invalidValue, action: actionName, path: "deprecated", "deprecated is \(text), not a boolean; read as false")
        }
        return ActionSpec(
            name: actionName,
            swiftName: nil,
            operationType: api.operationType?.string == "read" ? .read : .write,
            summary: summary,
            description: description,
            conditions: [],
            deprecation: api.deprecated?.isTrue == true ? deprecation(api.staticInfo) : nil,
            parameters: parameters(api),
            responseDescription: responseDescription,
            fields: fields,
            responseExamples: examples(api.responseDemo),
            errors: errors(api),
            location: file
        )
    }

    /// "Deprecated in Alibaba Cloud's API metadata." and, when the metadata says, what replaces it.
    private mutating func deprecation(_ info: AlibabaMetadata.StaticInfo?) -> Deprecation {
        var text = MetadataImporter.deprecationText
        let replacements = (info?.substitutions ?? []).compactMap(\.text).compactMap { substitution -> String? in
            let parts = substitution.components(separatedBy: "::")
            guard parts.count == 3 else { return substitution.isEmpty ? nil : substitution }
            return parts[0] == product && parts[1] == version ? parts[2] : "\(parts[2]) (\(parts[0]) \(parts[1]))"
        }
        if !replacements.isEmpty {
            let list = replacements.count == 1
                ? replacements[0]
                : replacements.dropLast().joined(separator: ", ") + " or " + replacements.last!
            text += " Use \(list) instead."
        }
        if let reason = prose(info?.noSubstitutionReason, path: "staticInfo.noSubstitutionReason") {
            text += " No replacement: \(reason)"
        }
        return Deprecation(message: text)
    }

    // MARK: Parameters

    private mutating func parameters(_ api: AlibabaMetadata.API) -> [MemberSpec] {
        var members: [MemberSpec] = []
        var seen: Set<String> = []
        for (offset, entry) in (api.parameters ?? []).enumerated() {
            guard let parameter = entry.value else {
                if case .invalid(let reason) = entry {
                    log.add(.memberSkipped, action: actionName, path: "parameters[\(offset)]", "could not be read (\(reason)); skipped")
                }
                continue
            }
            guard let name = parameter.name?.string.map({ trimmed($0, path: "parameters[\(offset)]") }), MetadataImporter.isUsableWireName(name) else {
                log.add(.memberSkipped, action: actionName, path: "parameters[\(offset)]", "no usable name ('\(parameter.name?.text ?? "")'); skipped")
                continue
            }
            let path = "request." + name
            let location = parameter.in?.text ?? "query"
            guard Self.rpcLocations.contains(location.lowercased()) else {
                log.add(.parameterLocation, action: actionName, path: path, "sent in '\(location)', not as an RPC parameter; not imported")
                continue
            }
            guard let converted = member(name: name, schema: parameter.schema, path: path, side: .request, style: parameter.style, topLevel: true) else {
                continue
            }
            guard seen.insert(name).inserted else {
                // The metadata repeats some parameters word for word; only a different repeat is odd.
                if members.first(where: { $0.name == name }) != converted {
                    log.add(.memberSkipped, action: actionName, path: path, "listed twice, differently; kept the first")
                }
                continue
            }
            members.append(converted)
        }
        var grouping = DottedParameterGrouping(actionName: actionName)
        let grouped = grouping.group(members)
        log.append(contentsOf: grouping.log)
        dottedParameters = grouping.dottedCount
        groupedDottedParameters = grouping.groupedCount
        dottedGroups = grouping.groupCount
        return grouped
    }

    // MARK: Response

    private mutating func response(_ api: AlibabaMetadata.API) -> (fields: [MemberSpec], description: String?) {
        let responses = api.responses?.entries ?? []
        let chosen = responses.first { $0.key == "200" }
            ?? responses.first { Int($0.key).map { (200..<300).contains($0) } ?? false }
        guard let chosen else {
            log.add(.responseStatus, action: actionName, path: "responses",
                    responses.isEmpty ? "no response described; the response has no fields" : "no 2xx response (only \(responses.map(\.key).joined(separator: ", "))); the response has no fields")
            return ([], nil)
        }
        if chosen.key != "200" {
            log.add(.responseStatus, action: actionName, path: "responses", "no 200 response; imported the \(chosen.key) response")
        }
        for other in responses where other.key != chosen.key {
            log.add(.responseStatus, action: actionName, path: "responses.\(other.key)", "only one response is imported (\(chosen.key)); this one is left out")
        }
        guard let response = chosen.value.value else {
            log.add(.responseStatus, action: actionName, path: "responses.\(chosen.key)", "could not be read; the response has no fields")
            return ([], nil)
        }
        guard let schema = response.schema else { return ([], nil) }
        let description = prose(schema.description, path: "responses.\(chosen.key).description")
        let typeName = schema.type?.string?.lowercased()
        if let typeName, typeName != "object" {
            log.add(.unknownType, action: actionName, path: "response", "the response is \(typeName.withArticle), not an object; it has no fields")
            return ([], description)
        }
        return (members(of: schema, path: "response", side: .response, topLevel: true), description)
    }

    /// `responseDemo`: a JSON array, as a string, of `{"type": "json"|"xml", "example": "…"}`.
    private mutating func examples(_ demo: FlexibleText?) -> [ResponseExample] {
        guard let text = demo?.text, !text.allSatisfy(\.isWhitespace) else { return [] }
        guard let tree = try? JSONReader.parse(Array(text.utf8)), case .array(let entries) = tree else {
            log.add(.responseExample, action: actionName, path: "responseDemo", "not a JSON array of examples; no examples imported")
            return []
        }
        var examples: [ResponseExample] = []
        for (offset, entry) in entries.enumerated() {
            guard case .object(let fields) = entry,
                  case .string(let type)? = fields.last(where: { $0.key == "type" })?.value,
                  case .string(let body)? = fields.last(where: { $0.key == "example" })?.value
            else {
                log.add(.responseExample, action: actionName, path: "responseDemo[\(offset)]", "not a {type, example} entry; skipped")
                continue
            }
            guard let format = ResponseExample.Format(rawValue: type.lowercased()) else {
                log.add(.responseExample, action: actionName, path: "responseDemo[\(offset)]", "example type '\(type)' is neither json nor xml; skipped")
                continue
            }
            let cleaned = data(body, path: "responseDemo[\(offset)]")
            guard !cleaned.allSatisfy(\.isWhitespace) else { continue }
            examples.append(ResponseExample(format: format, body: cleaned, location: file))
        }
        return examples
    }

    // MARK: Errors

    private mutating func errors(_ api: AlibabaMetadata.API) -> [ErrorSpec] {
        struct Collected {
            var statuses: [Int] = []
            var messages: [(status: Int, message: String)] = []
            var description: String?
        }
        var order: [String] = []
        var collected: [String: Collected] = [:]
        for (statusKey, entry) in api.errorCodes?.entries ?? [] {
            let path = "errorCodes.\(statusKey)"
            guard let status = Int(statusKey), (100...9999).contains(status), String(status) == statusKey else {
                log.add(.errorStatus, action: actionName, path: path, "'\(statusKey)' is not an HTTP status the format can hold (100 to 9999); its codes are left out")
                continue
            }
            if !(100...599).contains(status) {
                log.add(.errorStatus, action: actionName, path: path, "'\(statusKey)' is not an HTTP status; kept as written")
            }
            guard let list = entry.value else {
                log.add(.errorSkipped, action: actionName, path: path, "not a list of error codes; left out")
                continue
            }
            for (offset, item) in list.enumerated() {
                guard let error = item.value, let code = error.errorCode?.text.map({ trimmed($0, path: "\(path)[\(offset)]") }),
                      MetadataImporter.isUsableWireName(code)
                else {
                    log.add(.errorSkipped, action: actionName, path: "\(path)[\(offset)]", "no usable error code ('\(item.value?.errorCode?.text ?? "")'); left out")
                    continue
                }
                let message = prose(error.errorMessage, path: "\(path).\(code)") ?? ""
                if collected[code] == nil {
                    order.append(code)
                    collected[code] = Collected()
                }
                if !collected[code]!.statuses.contains(status) { collected[code]!.statuses.append(status) }
                collected[code]!.messages.append((status, message))
                if collected[code]!.description == nil {
                    collected[code]!.description = prose(error.description, path: "\(path).\(code).description")
                }
            }
        }
        return order.map { code in
            let entry = collected[code]!
            let first = entry.messages[0].message
            var lines: [String] = []
            for (status, message) in entry.messages.dropFirst() where message != first {
                let line = "HTTP \(status): \(message)"
                if !lines.contains(line) { lines.append(line) }
            }
            let description = ([entry.description].compactMap { $0 } + lines).joined(separator: "\n")
            return ErrorSpec(
                code: code, swiftName: nil, httpStatuses: entry.statuses, message: first,
                description: description.isEmpty ? nil : description, location: file
            )
        }
    }

    // MARK: Members and types

    /// The members of an object schema (`properties`), in document order.
    private mutating func members(of schema: AlibabaMetadata.Schema, path: String, side: Side, topLevel: Bool) -> [MemberSpec] {
        var result: [MemberSpec] = []
        for (rawName, entry) in schema.properties?.entries ?? [] {
            let name = trimmed(rawName, path: path + "." + rawName)
            let memberPath = path + "." + name
            guard MetadataImporter.isUsableWireName(name) else {
                log.add(.memberSkipped, action: actionName, path: memberPath, "a name the spec format cannot hold (empty, or with spaces or control characters); skipped")
                continue
            }
            guard let child = entry.value else {
                if case .invalid(let reason) = entry {
                    log.add(.memberSkipped, action: actionName, path: memberPath, "could not be read (\(reason)); skipped")
                }
                continue
            }
            if let member = member(name: name, schema: child, path: memberPath, side: side, style: nil, topLevel: topLevel) {
                result.append(member)
            }
        }
        return result
    }

    /// One parameter or field, with everything the spec format can hold of it; nil for a
    /// response field whose type cannot be described (left out, so decoding ignores it).
    private mutating func member(
        name: String, schema node: AlibabaMetadata.Schema?, path: String, side: Side, style: FlexibleText?, topLevel: Bool
    ) -> MemberSpec? {
        var converted = type(of: node, path: path, side: side)
        if converted.undescribable { return nil }
        // What a `$ref` node does not say itself, the schema it refers to may.
        let target = referenced(node)
        func pick<T>(_ key: KeyPath<AlibabaMetadata.Schema, T?>) -> T? { node?[keyPath: key] ?? target?[keyPath: key] }

        if side == .request, let style, let text = style.text, ParameterStyle(rawValue: text) == nil {
            switch converted.type.kind {
            case .array, .object:
                // `simple` joins the values with commas (`a,b,c`); the format has no such style,
                // and flattening the list as `Name.1`, `Name.2` would be wrong on the wire.
                log.add(.styleDropped, action: actionName, path: path, "style '\(text)' (the values joined into one text) cannot be expressed: imported as a string holding the joined values")
                converted = Converted(type: TypeSpec(kind: .string), freeFormAsText: true)
            default:
                log.add(.styleDropped, action: actionName, path: path, "style '\(text)' is not repeatList, flat or json; dropped")
            }
        }
        let type = converted.type
        var member = MemberSpec(name: name, type: type, isRequired: false, location: file)
        member.description = prose(pick(\.description), path: path + ".description") ?? prose(pick(\.title), path: path + ".title")
        if case .invalid(let text)? = pick(\.required) {
            log.add(.invalidValue, action: actionName, path: path, "required is \(text), not a boolean; read as false")
        }
        if case .invalid(let text)? = pick(\.deprecated) {
            log.add(.invalidValue, action: actionName, path: path, "deprecated is \(text), not a boolean; read as false")
        }
        switch side {
        case .request: member.isRequired = pick(\.required)?.isTrue ?? false
        case .response: member.isRequired = topLevel && name == "RequestId"
        }
        if pick(\.deprecated)?.isTrue == true { member.deprecation = Deprecation(message: MetadataImporter.deprecationText) }
        member.example = value(pick(\.example), label: "example", for: type, path: path)
        if let defaultValue = value(pick(\.default), label: "default", for: type, path: path) {
            if side == .response {
                log.add(.constraintDropped, action: actionName, path: path, "response fields hold no default ('\(defaultValue)'); dropped")
            } else if member.isRequired {
                log.add(.requiredDefault, action: actionName, path: path, "a required parameter has a default ('\(defaultValue)'), which never applies; dropped")
            } else {
                member.defaultValue = defaultValue
            }
        }
        if side == .request, let style, let text = style.text, let parsed = ParameterStyle(rawValue: text) {
            member.style = parameterStyle(parsed, for: type, freeFormAsText: converted.freeFormAsText, path: path)
        } else if side == .request, let style, style.text == nil {
            log.add(.styleDropped, action: actionName, path: path, "style is not a text; dropped")
        }
        return member
    }

    private mutating func parameterStyle(_ style: ParameterStyle, for type: TypeSpec, freeFormAsText: Bool, path: String) -> ParameterStyle? {
        switch (style, type.kind) {
        case (.json, _):
            // A free-form map imported as a string already is its JSON text.
            return freeFormAsText ? nil : .json
        case (.repeatList, .array), (.flat, .object), (.flat, .array):
            return style
        default:
            if freeFormAsText { return nil }
            log.add(.styleDropped, action: actionName, path: path, "style '\(style.rawValue)' does not fit \(type.kindName.withArticle); dropped")
            return nil
        }
    }

    /// A converted type.
    private struct Converted {
        var type: TypeSpec
        /// An object without members (or a joined list) that became a string.
        var freeFormAsText = false
        /// A response value apigen cannot describe (`any`, an unresolvable `$ref`): left out.
        var undescribable = false
    }

    /// The schema a `$ref` node (one with no type of its own) refers to, if it can be found.
    private func referenced(_ node: AlibabaMetadata.Schema?) -> AlibabaMetadata.Schema? {
        guard let node, node.type == nil, let ref = node.ref?.text else { return nil }
        return components[ref]
    }

    /// The type of a schema with its constraints and allowed values, `$ref`s followed (into
    /// `components.schemas`). What cannot be described is a string in a request, and left out
    /// of a response (where a wrong guess would make decoding fail).
    private mutating func type(of node: AlibabaMetadata.Schema?, path: String, side: Side) -> Converted {
        guard var schema = node else { return unknown("no schema", path: path, side: side) }
        var followed: String?
        if schema.type == nil, let ref = schema.ref?.text {
            guard let target = components[ref] else {
                return unknown("a $ref to '\(ref)', which names no schema in components.schemas", path: path, side: side)
            }
            guard !resolving.contains(ref) else {
                return unknown("a $ref to '\(ref)', which contains itself", path: path, side: side)
            }
            resolving.append(ref)
            followed = ref
            schema = target
        }
        defer { if followed != nil { resolving.removeLast() } }

        var freeFormAsText = false
        var typeName = schema.type?.string?.lowercased()
        let format = schema.format?.text?.lowercased()
        let hasProperties = !(schema.properties?.entries.isEmpty ?? true)
        if typeName == nil, schema.type == nil {
            if hasProperties {
                log.add(.unknownType, action: actionName, path: path, "no type, but members: imported as an object")
                typeName = "object"
            } else if schema.items != nil {
                log.add(.unknownType, action: actionName, path: path, "no type, but items: imported as an array")
                typeName = "array"
            }
        }
        let kind: TypeSpec.Kind
        switch typeName {
        case "string":
            kind = .string
        case "integer":
            switch format {
            case "int32", "int16", "int8": kind = .integer
            case "int64", nil: kind = .long
            default:
                log.add(.unknownType, action: actionName, path: path, "integer format '\(format ?? "")' is unknown; imported as a long")
                kind = .long
            }
        case "number":
            switch format {
            case "float": kind = .float
            case "double", nil: kind = .double
            default:
                log.add(.unknownType, action: actionName, path: path, "number format '\(format ?? "")' is unknown; imported as a double")
                kind = .double
            }
        case "boolean":
            kind = .boolean
        case "array":
            let (items, undescribable) = self.items(of: schema, path: path, side: side)
            if undescribable { return Converted(type: TypeSpec(kind: .string), undescribable: true) }
            kind = .array(items)
        case "object" where hasProperties:
            kind = .object(members(of: schema, path: path, side: side, topLevel: false))
        case "object":
            if side == .request {
                log.add(.freeFormObject, action: actionName, path: path, "an object without members (a map): imported as a string, to be given as JSON text")
                kind = .string
                freeFormAsText = true
            } else {
                log.add(.freeFormObject, action: actionName, path: path, "an object without members (a map): imported as an empty object")
                kind = .object([])
            }
        default:
            return unknown("type '\(schema.type?.text ?? "none")'", path: path, side: side)
        }
        if schema.additionalProperties != nil, hasProperties {
            log.add(.freeFormObject, action: actionName, path: path, "additionalProperties (a map) cannot be described; only the named members are imported")
        }
        var type = TypeSpec(kind: kind)
        type.constraints = constraints(schema, for: kind, path: path, side: side)
        type.enumValues = enumValues(schema, for: kind, path: path)
        return Converted(type: type, freeFormAsText: freeFormAsText)
    }

    /// A type apigen does not know: a string in a request, left out of a response.
    private mutating func unknown(_ what: String, path: String, side: Side) -> Converted {
        switch side {
        case .request:
            log.add(.unknownType, action: actionName, path: path, "\(what) cannot be described; imported as a string")
            return Converted(type: TypeSpec(kind: .string))
        case .response:
            log.add(.unknownType, action: actionName, path: path, "\(what) cannot be described; left out of the response (decoding ignores it)")
            return Converted(type: TypeSpec(kind: .string), undescribable: true)
        }
    }

    private mutating func items(of schema: AlibabaMetadata.Schema, path: String, side: Side) -> (ItemSpec, undescribable: Bool) {
        let itemsPath = path + "[]"
        switch schema.items {
        case .value(let items)?:
            let converted = self.type(of: items, path: itemsPath, side: side)
            let target = referenced(items)
            let description = prose(items.description ?? target?.description, path: itemsPath + ".description")
                ?? prose(items.title ?? target?.title, path: itemsPath + ".title")
            return (ItemSpec(type: converted.type, swiftName: nil, description: description, location: file), converted.undescribable)
        case .invalid(let reason)?:
            log.add(.unknownType, action: actionName, path: itemsPath, "items could not be read (\(reason)); imported as strings")
        case nil:
            log.add(.unknownType, action: actionName, path: path, "an array without items; imported as an array of strings")
        }
        return (ItemSpec(type: TypeSpec(kind: .string), swiftName: nil, description: nil, location: file), false)
    }

    // MARK: Constraints

    private mutating func constraints(_ schema: AlibabaMetadata.Schema, for kind: TypeSpec.Kind, path: String, side: Side) -> Constraints {
        let present: [(String, FlexibleText?)] = [
            ("minimum", schema.minimum), ("maximum", schema.maximum), ("minLength", schema.minLength),
            ("maxLength", schema.maxLength), ("pattern", schema.pattern), ("minItems", schema.minItems), ("maxItems", schema.maxItems),
        ]
        let exclusive = [("exclusiveMinimum", schema.exclusiveMinimum), ("exclusiveMaximum", schema.exclusiveMaximum)]
            .filter { $0.1?.isTrue == true }.map(\.0)
        if side == .response {
            let names = present.filter { $0.1 != nil }.map(\.0) + exclusive
            if !names.isEmpty {
                log.add(.constraintDropped, action: actionName, path: path, "response fields hold no constraints; dropped \(names.joined(separator: ", "))")
            }
            return Constraints()
        }
        var constraints = Constraints()
        let isNumber: Bool
        switch kind {
        case .integer, .long, .float, .double: isNumber = true
        default: isNumber = false
        }
        let isString = kind == .string
        var isArray = false
        if case .array = kind { isArray = true }

        func misplaced(_ name: String, _ fits: String) {
            log.add(.constraintDropped, action: actionName, path: path, "\(name) applies only to \(fits), not to \(TypeSpec(kind: kind).kindName.withArticle); dropped")
        }
        for (name, text) in [("minimum", schema.minimum), ("maximum", schema.maximum)] {
            guard let text else { continue }
            guard isNumber else {
                misplaced(name, "numbers")
                continue
            }
            guard let raw = text.text, let bound = Self.bound(raw, for: kind) else {
                log.add(.invalidBound, action: actionName, path: path, "\(name) '\(text.text ?? "a non-scalar")' is not \(TypeSpec(kind: kind).kindName.withArticle); dropped")
                continue
            }
            if name == "minimum" { constraints.minimum = bound } else { constraints.maximum = bound }
        }
        for name in exclusive {
            log.add(.constraintDropped, action: actionName, path: path, "\(name) cannot be expressed; the bound (if any) is imported as inclusive")
        }
        if let minimum = constraints.minimum, let maximum = constraints.maximum,
           let low = Decimal(string: minimum, locale: Locale(identifier: "en_US_POSIX")),
           let high = Decimal(string: maximum, locale: Locale(identifier: "en_US_POSIX")), low > high {
            log.add(.constraintDropped, action: actionName, path: path, "minimum \(minimum) is above maximum \(maximum); both dropped")
            constraints.minimum = nil
            constraints.maximum = nil
        }

        func count(_ name: String, _ text: FlexibleText?, fits: Bool, fitsText: String) -> Int? {
            guard let text else { return nil }
            guard fits else {
                misplaced(name, fitsText)
                return nil
            }
            guard let raw = text.text, let value = Int(raw.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                log.add(.invalidBound, action: actionName, path: path, "\(name) '\(text.text ?? "a non-scalar")' is not a whole number of at least 0; dropped")
                return nil
            }
            return value
        }
        constraints.minLength = count("minLength", schema.minLength, fits: isString, fitsText: "strings")
        constraints.maxLength = count("maxLength", schema.maxLength, fits: isString, fitsText: "strings")
        if let minimum = constraints.minLength, let maximum = constraints.maxLength, minimum > maximum {
            log.add(.constraintDropped, action: actionName, path: path, "minLength \(minimum) is above maxLength \(maximum); both dropped")
            constraints.minLength = nil
            constraints.maxLength = nil
        }
        constraints.minItems = count("minItems", schema.minItems, fits: isArray, fitsText: "arrays")
        constraints.maxItems = count("maxItems", schema.maxItems, fits: isArray, fitsText: "arrays")
        if let minimum = constraints.minItems, let maximum = constraints.maxItems, minimum > maximum {
            log.add(.constraintDropped, action: actionName, path: path, "minItems \(minimum) is above maxItems \(maximum); both dropped")
            constraints.minItems = nil
            constraints.maxItems = nil
        }
        if let pattern = schema.pattern {
            if !isString {
                misplaced("pattern", "strings")
            } else if let text = pattern.text.map({ data($0, path: path + ".pattern") }), !text.isEmpty {
                // Checked as the generator and runtime compile it: anchored around the whole value.
                if (try? NSRegularExpression(pattern: "\\A(?:" + text + ")\\z")) != nil {
                    constraints.pattern = text
                } else {
                    log.add(.constraintDropped, action: actionName, path: path, "pattern '\(text)' is not a valid regular expression; dropped")
                }
            }
        }
        return constraints
    }

    /// A bound as decimal text (`xs:decimal`) that is a value of `kind`: `"6"`, `"0.5"`;
    /// `"6.0"` becomes `"6"` for integers, `"1e3"` becomes `"1000"`, `".5"` becomes `"0.5"`.
    static func bound(_ raw: String, for kind: TypeSpec.Kind) -> String? {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("+") { text.removeFirst() }
        let decimal = /-?(\d+(\.\d*)?|\.\d+)/
        if text.wholeMatch(of: decimal) == nil {
            // An exponent or other spelling of a finite number: rewrite it plainly.
            guard let number = Double(text), number.isFinite,
                  let exact = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            else { return nil }
            text = exact.description
            guard text.wholeMatch(of: decimal) != nil else { return nil }
        }
        // `.5` → `0.5`, `6.` → `6`.
        if text.hasPrefix(".") { text = "0" + text }
        if text.hasPrefix("-.") { text = "-0" + text.dropFirst() }
        if text.hasSuffix(".") { text.removeLast() }
        switch kind {
        case .integer, .long:
            // Whole numbers only; a zero fraction is dropped.
            if let dot = text.firstIndex(of: ".") {
                guard text[text.index(after: dot)...].allSatisfy({ $0 == "0" }) else { return nil }
                text = String(text[..<dot])
                if text.isEmpty || text == "-" { text += "0" }
            }
            if text == "-0" { text = "0" }
            return kind == .integer ? Int32(text).map(String.init) : Int64(text).map(String.init)
        default:
            return Double(text) == nil ? nil : text
        }
    }

    // MARK: Values

    /// An example or default, if it is a value of `type` (booleans in any case are written
    /// `true`/`false`); reported and dropped otherwise.
    private mutating func value(_ value: FlexibleText?, label: String, for type: TypeSpec, path: String) -> String? {
        guard let value else { return nil }
        guard let raw = value.text else {
            log.add(.invalidValue, action: actionName, path: path, "\(label) is not a scalar; dropped")
            return nil
        }
        let text = data(raw, path: path + "." + label)
        if type.kind == .boolean, ["true", "false"].contains(text.lowercased()), text != text.lowercased() {
            log.add(.invalidValue, action: actionName, path: path, "\(label) '\(text)' written as '\(text.lowercased())'")
            return text.lowercased()
        }
        guard Self.isValid(text, for: type.kind) else {
            log.add(.invalidValue, action: actionName, path: path, "\(label) '\(text)' is not \(type.kindName.withArticle); dropped")
            return nil
        }
        return text
    }

    /// As apigen's validator reads values of a type.
    static func isValid(_ text: String, for kind: TypeSpec.Kind) -> Bool {
        switch kind {
        case .integer: Int32(text) != nil
        case .long: Int64(text) != nil
        case .float, .double: Double(text) != nil
        case .boolean: text == "true" || text == "false"
        default: true
        }
    }

    private mutating func enumValues(_ schema: AlibabaMetadata.Schema, for kind: TypeSpec.Kind, path: String) -> [EnumValue] {
        let titles = schema.enumValueTitles?.entries ?? []
        guard let list = schema.enum else {
            if !titles.isEmpty {
                log.add(.enumDropped, action: actionName, path: path, "allowed values are given only as titles (enumValueTitles: \(titles.map(\.key).joined(separator: ", "))), which the metadata does not keep in step with the values; not imported as an enum")
            }
            return []
        }
        guard case .value(let entries) = list else {
            log.add(.enumDropped, action: actionName, path: path, "enum is not a list; dropped")
            return []
        }
        guard !entries.isEmpty else {
            log.add(.enumDropped, action: actionName, path: path, "an empty enum; dropped")
            return []
        }
        switch kind {
        case .string, .integer, .long, .float, .double:
            break
        default:
            log.add(.enumDropped, action: actionName, path: path, "an enum on \(TypeSpec(kind: kind).kindName.withArticle), which the format does not support; dropped")
            return []
        }
        var values: [EnumValue] = []
        var seen: Set<String> = []
        for entry in entries {
            guard let raw = entry.text else {
                log.add(.invalidValue, action: actionName, path: path, "an allowed value that is not a scalar; dropped")
                continue
            }
            let text = data(raw, path: path + ".enum")
            guard !text.isEmpty, Self.isValid(text, for: kind) else {
                log.add(.invalidValue, action: actionName, path: path, "allowed value '\(text)' is not \(TypeSpec(kind: kind).kindName.withArticle); dropped")
                continue
            }
            guard seen.insert(text).inserted else {
                log.add(.invalidValue, action: actionName, path: path, "allowed value '\(text)' is listed twice; kept once")
                continue
            }
            var description: String?
            if let title = titles.last(where: { $0.key == text })?.value.text.map({ data($0, path: path + ".enumValueTitles") }),
               !title.allSatisfy(\.isWhitespace), title != text {
                description = title
            }
            values.append(EnumValue(value: text, swiftName: nil, description: description, location: file))
        }
        return values
    }

    // MARK: Text

    /// A name without the spaces, tabs or line breaks around it (reported when there were any).
    private mutating func trimmed(_ name: String, path: String) -> String {
        guard name.first?.isWhitespace == true || name.last?.isWhitespace == true else { return name }
        let result = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if !result.isEmpty {
            log.add(.whitespaceTrimmed, action: actionName, path: path, "'\(name.debugDescription.dropFirst().dropLast())' has white space around it; imported as '\(result)'")
        }
        return result
    }

    /// Prose: characters XML cannot hold removed (and reported), normalized as apigen reads it; nil if empty.
    private mutating func prose(_ value: FlexibleText?, path: String) -> String? {
        guard let text = value?.text else { return nil }
        return MetadataImporter.normalized(data(text, path: path))
    }

    /// Data kept as it is, but for characters XML 1.0 cannot hold (removed and reported).
    private mutating func data(_ text: String, path: String) -> String {
        guard !text.unicodeScalars.allSatisfy(XMLEscaping.isAllowed) else { return text }
        var cleaned = String.UnicodeScalarView()
        var removed: [String] = []
        for scalar in text.unicodeScalars {
            if XMLEscaping.isAllowed(scalar) {
                cleaned.append(scalar)
            } else {
                removed.append(String(format: "U+%04X", scalar.value))
            }
        }
        log.add(.textCleaned, action: actionName, path: path, "removed characters XML cannot hold: \(removed.joined(separator: ", "))")
        return String(cleaned)
    }
}

// MARK: - Text

/// `SpecText.normalize`, computed faster (importing ECS normalizes some 20,000 texts): the
/// same result for every input, which the tests check against `SpecText` itself.
enum ImportText {
    static func normalize(_ raw: String) -> String {
        // Most texts are one line without surrounding blanks: nothing to do.
        if !raw.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }),
           raw.first.map({ $0 != " " && $0 != "\t" }) ?? true,
           raw.last.map({ $0 != " " && $0 != "\t" }) ?? true {
            return raw
        }
        var text = raw
        if text.contains(where: { $0 == "\r" || $0 == "\r\n" }) {
            text = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        }
        var lines: [Substring] = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let last = line.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return line[line.startIndex..<line.startIndex] }
            return line[...last]
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        var indentation = Int.max
        for line in lines where !line.isEmpty {
            var count = 0
            for character in line {
                guard character == " " || character == "\t" else { break }
                count += 1
            }
            indentation = min(indentation, count)
        }
        if indentation == Int.max { indentation = 0 }
        return lines.map { $0.isEmpty ? "" : String($0.dropFirst(indentation)) }.joined(separator: "\n")
    }
}
