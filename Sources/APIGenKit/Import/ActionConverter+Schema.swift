import Foundation

/// Schemas → types: members, nesting, `$ref`s, constraints, allowed values, examples and defaults.
extension ActionConverter {
    // MARK: Members and types

    /// The members of an object schema (`properties`), in document order.
    mutating func members(of schema: AlibabaMetadata.Schema, path: String, side: Side, topLevel: Bool) -> [MemberSpec] {
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
    mutating func member(
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

    mutating func parameterStyle(_ style: ParameterStyle, for type: TypeSpec, freeFormAsText: Bool, path: String) -> ParameterStyle? {
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
    struct Converted {
        var type: TypeSpec
        /// An object without members (or a joined list) that became a string.
        var freeFormAsText = false
        /// A response value apigen cannot describe (`any`, an unresolvable `$ref`): left out.
        var undescribable = false
    }

    /// The schema a `$ref` node (one with no type of its own) refers to, if it can be found.
    func referenced(_ node: AlibabaMetadata.Schema?) -> AlibabaMetadata.Schema? {
        guard let node, node.type == nil, let ref = node.ref?.text else { return nil }
        return components[ref]
    }

    /// The type of a schema with its constraints and allowed values, `$ref`s followed (into
    /// `components.schemas`). What cannot be described is a string in a request, and left out
    /// of a response (where a wrong guess would make decoding fail).
    mutating func type(of node: AlibabaMetadata.Schema?, path: String, side: Side) -> Converted {
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
    mutating func unknown(_ what: String, path: String, side: Side) -> Converted {
        switch side {
        case .request:
            log.add(.unknownType, action: actionName, path: path, "\(what) cannot be described; imported as a string")
            return Converted(type: TypeSpec(kind: .string))
        case .response:
            log.add(.unknownType, action: actionName, path: path, "\(what) cannot be described; left out of the response (decoding ignores it)")
            return Converted(type: TypeSpec(kind: .string), undescribable: true)
        }
    }

    mutating func items(of schema: AlibabaMetadata.Schema, path: String, side: Side) -> (ItemSpec, undescribable: Bool) {
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

    mutating func constraints(_ schema: AlibabaMetadata.Schema, for kind: TypeSpec.Kind, path: String, side: Side) -> Constraints {
        // Most schemas have none at all.
        if schema.minimum == nil, schema.maximum == nil, schema.minLength == nil, schema.maxLength == nil, schema.pattern == nil,
           schema.minItems == nil, schema.maxItems == nil, schema.exclusiveMinimum == nil, schema.exclusiveMaximum == nil {
            return Constraints()
        }
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
            guard let raw = text.text, let value = Int(Self.hasNoBlankEnds(raw) ? raw : raw.trimmingCharacters(in: .whitespaces)), value >= 0 else {
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
        var text = hasNoBlankEnds(raw) ? raw : raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("+") { text.removeFirst() }
        if !isPlainDecimal(text) {
            // An exponent or other spelling of a finite number: rewrite it plainly.
            guard let number = Double(text), number.isFinite,
                  let exact = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            else { return nil }
            text = exact.description
            guard isPlainDecimal(text) else { return nil }
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

    /// Whether `text` is `-?(\d+(\.\d*)?|\.\d+)` as a whole: by hand for ASCII, by the regular
    /// expression otherwise (where `\d` takes other scripts' digits too).
    static func isPlainDecimal(_ text: String) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.wholeMatch(of: /-?(\d+(\.\d*)?|\.\d+)/) != nil
        }
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        if digits() > 0 {
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                _ = digits()
            }
        } else {
            guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return false }
            index += 1
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    // MARK: Values

    /// An example or default, if it is a value of `type` (booleans in any case are written
    /// `true`/`false`); reported and dropped otherwise.
    mutating func value(_ value: FlexibleText?, label: String, for type: TypeSpec, path: String) -> String? {
        guard let value else { return nil }
        guard let raw = value.text else {
            log.add(.invalidValue, action: actionName, path: path, "\(label) is not a scalar; dropped")
            return nil
        }
        var text = data(raw, path: path + "." + label)
        if label == "example", let joined = DocumentationMarkup.exampleOnOneLine(text) {
            // Shown as a code span, which a line break would cut.
            text = joined
            rewrites.examplesJoined += 1
        }
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

    mutating func enumValues(_ schema: AlibabaMetadata.Schema, for kind: TypeSpec.Kind, path: String) -> [EnumValue] {
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
                description = DocumentationMarkup.normalize(title, language: language, rewrites: &rewrites)
            }
            values.append(EnumValue(value: text, swiftName: nil, description: description, location: file))
        }
        return values
    }
}
