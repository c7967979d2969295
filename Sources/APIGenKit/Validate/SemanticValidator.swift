import Foundation

/// Checks what the schema cannot: uniqueness, Swift names that collide or cannot be
/// derived, constraints that contradict themselves or their type.
///
/// Swift names are resolved through `SwiftNames`, exactly as the translator will.
struct SemanticValidator {
    private(set) var diagnostics = DiagnosticCollector()

    mutating func validate(_ products: [ProductSpec]) {
        var modules: [String: SourceLocation] = [:]
        for product in products {
            if let first = modules[product.swiftModule] {
                diagnostics.error(
                    "Swift module '\(product.swiftModule)' is already generated from \(first.file)",
                    at: product.location,
                    hint: "give each product its own swiftModule"
                )
            } else {
                modules[product.swiftModule] = product.location
            }
            validate(product)
        }
    }

    private mutating func validate(_ product: ProductSpec) {
        var regions: [String: SourceLocation] = [:]
        for endpoint in product.endpoints {
            if let first = regions[endpoint.region] {
                diagnostics.error("region '\(endpoint.region)' is listed twice (first at line \(first.line))", at: endpoint.location)
            }
            regions[endpoint.region] = endpoint.location
        }
        validateErrors(product.commonErrors)

        var actionNames: [String: SourceLocation] = [:]
        var methodNames: [String: String] = [:]
        var typeNames: [String: (owner: String, location: SourceLocation)] = [:]
        // The product-level types, from the render jobs' own plans: every product-level file
        // the pipeline makes is checked, whatever it declares. Every action is planned (and
        // checked), whether the product file selects it or not.
        var everyAction = product
        everyAction.selection = nil
        let productJobs = RenderJobs.productJobs(0)
        let productTypeNames = (productJobs.client + productJobs.server).flatMap { RenderJobs.plan($0, in: [everyAction]).declaredTypes }
        for name in productTypeNames {
            if SwiftNames.runtimeTypeNames.contains(name) {
                diagnostics.error(
                    "swiftPrefix '\(product.swiftPrefix)' makes the type '\(name)', which would hide the runtime type of that name",
                    at: product.location,
                    hint: "choose another swiftPrefix"
                )
            }
            typeNames[name] = ("the product", product.location)
        }
        // Each action's members and errors depend on the action alone: they are checked on every
        // core once the product-wide checks are done, and their diagnostics put where checking
        // one action after the other puts them (`mark`: how many came before).
        var actionChecks: [(mark: Int, action: ActionSpec, typeName: String, responseType: String)] = []
        for (actionIndex, action) in product.actions.enumerated() {
            if let first = actionNames[action.name] {
                diagnostics.error("action '\(action.name)' is already defined in \(first.file)", at: action.location, hint: "keep one file per action")
                continue
            }
            actionNames[action.name] = action.location
            let expectedFile = action.name + ".xml"
            if (action.location.file as NSString).lastPathComponent != expectedFile {
                diagnostics.warning("action '\(action.name)' is in a file not named \(expectedFile)", at: action.location, hint: "name action files after their action")
            }
            guard let base = SwiftNames.actionBase(action) else {
                diagnostics.error("cannot derive a Swift name from action '\(action.name)'", at: action.location, hint: "add swiftName=\"…\" to the <action>")
                continue
            }
            for typeName in RenderJobs.plan(.action(product: 0, action: actionIndex), in: [everyAction]).declaredTypes {
                if SwiftNames.runtimeTypeNames.contains(typeName) {
                    diagnostics.error(
                        "action '\(action.name)' would generate the type '\(typeName)', which would hide the runtime type of that name",
                        at: action.location,
                        hint: "add swiftName=\"…\" to the <action>"
                    )
                } else if let other = typeNames[typeName] {
                    diagnostics.error(
                        "Swift type '\(typeName)' of action '\(action.name)' is also generated for \(other.owner)",
                        at: action.location,
                        hint: "add swiftName=\"…\" to one of the <action>s"
                    )
                }
                typeNames[typeName] = ("action '\(action.name)'", action.location)
            }
            if let method = SwiftNames.clientMethod(action) {
                if let other = methodNames[method] {
                    diagnostics.error(
                        "actions '\(other)' and '\(action.name)' both become the client method '\(method)'",
                        at: action.location,
                        hint: "add swiftName=\"…\" to one of the <action>s"
                    )
                } else if SwiftNames.reservedClientMembers.contains(method) {
                    diagnostics.error("action '\(action.name)' would become the client method '\(method)', which the client already declares", at: action.location, hint: "add swiftName=\"…\"")
                }
                methodNames[method] = action.name
            }
            actionChecks.append((diagnostics.diagnostics.count, action, base + "Request", base + "Response"))
        }
        validateSelection(product, actionNames: actionNames)
        validateErrorNames(product)
        // Paginators and waiters are client methods too.
        for action in product.actions where action.paging != nil {
            guard let method = SwiftNames.paginatorMethod(action) else { continue }
            if let other = methodNames[method] {
                diagnostics.error(
                    "the paginator of '\(action.name)' would be the client method '\(method)', which '\(other)' already is",
                    at: action.paging?.location ?? action.location,
                    hint: "add swiftName=\"…\" to one of the <action>s"
                )
            }
            methodNames[method] = action.name + "'s paginator"
        }
        for diagnostic in WaiterValidator.check(product, clientMethods: Set(methodNames.keys)) { diagnostics.emit(diagnostic) }
        let found = ParallelMap.map(actionChecks) { check in
            var validator = SemanticValidator()
            validator.validate(check.action, typeName: check.typeName, responseType: check.responseType)
            return validator.diagnostics
        }
        guard found.contains(where: { !$0.diagnostics.isEmpty }) else { return }
        let earlier = diagnostics.diagnostics
        var merged = DiagnosticCollector()
        var next = 0
        for (check, diagnostics) in zip(actionChecks, found) {
            while next < check.mark {
                merged.emit(earlier[next])
                next += 1
            }
            merged.append(contentsOf: diagnostics)
        }
        while next < earlier.count {
            merged.emit(earlier[next])
            next += 1
        }
        diagnostics = merged
    }

    private mutating func validate(_ action: ActionSpec, typeName: String, responseType: String) {
        validateMembers(action.parameters, isRequest: true, reserved: SwiftNames.reservedRequestMembers, enclosingTypes: [typeName])
        validateMembers(action.fields, isRequest: false, reserved: [], enclosingTypes: [responseType])
        validateErrors(action.errors)
        if let paging = action.paging {
            for diagnostic in PagingValidator.check(paging, of: action) { diagnostics.emit(diagnostic) }
        }
    }

    // MARK: Members

    private mutating func validateMembers(_ members: [MemberSpec], isRequest: Bool, reserved: Set<String>, enclosingTypes: [String]) {
        let kind = isRequest ? "parameter" : "field"
        var wireNames: [String: SourceLocation] = [:]
        var swiftNames: [String: String] = [:]
        var nestedTypeNames: [String: String] = [:]
        for member in members {
            if let first = wireNames[member.name] {
                diagnostics.error("\(kind) '\(member.name)' is already defined at line \(first.line)", at: member.location)
                continue
            }
            wireNames[member.name] = member.location

            if let name = SwiftNames.member(member) {
                if let other = swiftNames[name] {
                    diagnostics.error(
                        "\(kind)s '\(other)' and '\(member.name)' both become the Swift name '\(name)'",
                        at: member.location,
                        hint: "add swiftName=\"…\" to one of them"
                    )
                } else if reserved.contains(name) {
                    diagnostics.error(
                        "\(kind) '\(member.name)' would become '\(name)', which the generated type already declares",
                        at: member.location,
                        hint: "add swiftName=\"…\" with another name"
                    )
                }
                swiftNames[name] = member.name
            } else {
                diagnostics.error(
                    "cannot derive a Swift name from \(kind) '\(member.name)'",
                    at: member.location,
                    hint: "add swiftName=\"…\" with an ASCII identifier"
                )
            }

            if member.isRequired, member.defaultValue != nil {
                diagnostics.error(
                    "required \(kind) '\(member.name)' has a default",
                    at: member.location,
                    hint: "a caller must send a required parameter, so a default never applies: drop one of them"
                )
            }
            if isRequest { validateStyle(member) }
            validateType(member.type, of: member, at: member.location)
            for (label, value) in [("default", member.defaultValue), ("example", member.example)] {
                if let value, !isValid(value, for: member.type) {
                    diagnostics.error("\(label) '\(value)' of '\(member.name)' is not a valid \(member.type.kindName)", at: member.location)
                }
            }

            let children = SwiftNames.objectMembers(of: member.type)
            if children != nil || SwiftNames.enumValues(of: member.type) != nil {
                guard let nestedName = SwiftNames.nestedType(member) else {
                    diagnostics.error("cannot derive a Swift type name from '\(member.name)'", at: member.location, hint: "add swiftName=\"…\"")
                    continue
                }
                if SwiftNaming.keywords.contains(nestedName) {
                    // Legal only in backticks, and then in every use: a type is never named so.
                    diagnostics.error(
                        "'\(member.name)' would declare the nested type '\(nestedName)', a Swift keyword",
                        at: member.location,
                        hint: "add swiftName=\"\(Self.suggestedTypeName(nestedName))\" (on <items> for arrays) or another name"
                    )
                } else if let other = nestedTypeNames[nestedName] {
                    diagnostics.error(
                        "'\(other)' and '\(member.name)' both declare the nested type '\(nestedName)'",
                        at: member.location,
                        hint: "add swiftName=\"…\" to one of them (on <items> for arrays)"
                    )
                } else if SwiftNames.reservedTypeNames.contains(nestedName) || enclosingTypes.contains(nestedName) {
                    diagnostics.error(
                        "'\(member.name)' would declare the nested type '\(nestedName)', which would hide a type the generated code uses",
                        at: member.location,
                        hint: "add swiftName=\"…\" (on <items> for arrays) with another name"
                    )
                }
                nestedTypeNames[nestedName] = member.name
                guard let children else { continue }
                validateMembers(
                    children,
                    isRequest: isRequest,
                    reserved: isRequest ? SwiftNames.reservedNestedRequestMembers : [],
                    enclosingTypes: enclosingTypes + [nestedName]
                )
            }
        }
    }

    /// A type name to suggest instead of a keyword: `false` → `False`, `Any` → `AnyValue`.
    static func suggestedTypeName(_ keyword: String) -> String {
        let capitalized = keyword.prefix(1).uppercased() + keyword.dropFirst()
        return SwiftNaming.keywords.contains(capitalized) || SwiftNaming.undeclarable.contains(capitalized) ? capitalized + "Value" : capitalized
    }

    private mutating func validateStyle(_ member: MemberSpec) {
        guard let style = member.style else { return }
        switch (style, member.type.kind) {
        case (.repeatList, .array), (.flat, .object), (.flat, .array), (.json, _):
            break
        default:
            diagnostics.error(
                "style '\(style.rawValue)' does not fit a parameter of type \(member.type.kindName)",
                at: member.location,
                hint: "repeatList is for arrays, flat for objects and arrays of objects, json for any type"
            )
        }
    }

    private mutating func validateType(_ type: TypeSpec, of member: MemberSpec, at location: SourceLocation) {
        let constraints = type.constraints
        let isString = type.kind == .string
        let isNumber = [.integer, .long, .float, .double].contains(type.kind)
        var isArray = false
        if case .array(let items) = type.kind {
            isArray = true
            validateType(items.type, of: member, at: items.location)
        }
        func misplaced(_ names: String, _ fits: String) {
            diagnostics.error("\(names) on '\(member.name)' (\(type.kindName.withArticle)) apply only to \(fits)", at: location)
        }
        if !isString, constraints.minLength != nil || constraints.maxLength != nil || constraints.pattern != nil {
            misplaced("minLength, maxLength and pattern", "strings")
        }
        if !isNumber, constraints.minimum != nil || constraints.maximum != nil { misplaced("minimum and maximum", "numbers") }
        if !isArray, constraints.minItems != nil || constraints.maxItems != nil { misplaced("minItems and maxItems", "arrays") }

        if let minimum = constraints.minimum, !isValid(minimum, for: type) {
            diagnostics.error("minimum '\(minimum)' of '\(member.name)' is not a valid \(type.kindName)", at: location)
        }
        if let maximum = constraints.maximum, !isValid(maximum, for: type) {
            diagnostics.error("maximum '\(maximum)' of '\(member.name)' is not a valid \(type.kindName)", at: location)
        }
        if let minimum = constraints.minimum, let maximum = constraints.maximum, Self.isGreater(minimum, than: maximum, for: type) {
            diagnostics.error("minimum \(minimum) of '\(member.name)' is above its maximum \(maximum)", at: location)
        }
        if let minimum = constraints.minLength, let maximum = constraints.maxLength, minimum > maximum {
            diagnostics.error("minLength \(minimum) of '\(member.name)' is above its maxLength \(maximum)", at: location)
        }
        if let minimum = constraints.minItems, let maximum = constraints.maxItems, minimum > maximum {
            diagnostics.error("minItems \(minimum) of '\(member.name)' is above its maxItems \(maximum)", at: location)
        }
        // Checked as the runtime compiles it: anchored around the whole value.
        if let pattern = constraints.pattern, (try? NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z")) == nil {
            diagnostics.error("pattern of '\(member.name)' is not a valid regular expression: \(pattern)", at: location)
        }

        var values: Set<String> = []
        var caseNames: [String: String] = [:]
        for value in type.enumValues {
            if !values.insert(value.value).inserted {
                diagnostics.error("allowed value '\(value.value)' of '\(member.name)' is listed twice", at: value.location)
                continue
            }
            guard isString || isNumber else {
                diagnostics.error("allowed values fit strings and numbers only; '\(member.name)' is \(type.kindName.withArticle)", at: value.location)
                break
            }
            guard isString else {
                if !isValid(value.value, for: type) {
                    diagnostics.error("allowed value '\(value.value)' of '\(member.name)' is not a valid \(type.kindName)", at: value.location)
                }
                continue
            }
            // String values become static members of the enumeration type.
            guard let name = SwiftNames.enumCase(value) else {
                diagnostics.error("cannot derive a Swift name from the allowed value '\(value.value)' of '\(member.name)'", at: value.location, hint: "add swiftName=\"…\" to the <value>")
                continue
            }
            if let other = caseNames[name] {
                diagnostics.error(
                    "allowed values '\(other)' and '\(value.value)' of '\(member.name)' both become '\(name)'",
                    at: value.location,
                    hint: "add swiftName=\"…\" to one of the <value>s"
                )
            } else if SwiftNames.reservedEnumCases.contains(name) {
                diagnostics.error("allowed value '\(value.value)' of '\(member.name)' would become '\(name)', which the type already declares", at: value.location, hint: "add swiftName=\"…\" to the <value>")
            }
            caseNames[name] = value.value
        }
    }

    /// `minimum > maximum`, exactly: 64-bit integers compared as integers, not as doubles.
    private static func isGreater(_ minimum: String, than maximum: String, for type: TypeSpec) -> Bool {
        switch type.kind {
        case .integer, .long:
            if let low = Int64(minimum), let high = Int64(maximum) { return low > high }
            return false
        default:
            if let low = Decimal(string: minimum), let high = Decimal(string: maximum) { return low > high }
            return false
        }
    }

    /// Whether `text` is a value of the scalar `type` (anything goes for strings and containers).
    private func isValid(_ text: String, for type: TypeSpec) -> Bool {
        switch type.kind {
        case .integer: Int32(text) != nil
        case .long: Int64(text) != nil
        case .float, .double: Double(text) != nil
        case .boolean: text == "true" || text == "false"
        default: true
        }
    }

    // MARK: Selection

    /// `<generate>` names actions of the folder, each once.
    private mutating func validateSelection(_ product: ProductSpec, actionNames: [String: SourceLocation]) {
        guard let selection = product.selection else { return }
        var seen: [String: SourceLocation] = [:]
        for selected in selection {
            if let first = seen[selected.name] {
                diagnostics.error("action '\(selected.name)' is already selected at line \(first.line)", at: selected.location)
                continue
            }
            seen[selected.name] = selected.location
            if actionNames[selected.name] == nil {
                let folder = (product.location.file as NSString).deletingLastPathComponent
                diagnostics.error(
                    "<generate> selects action '\(selected.name)', which has no spec in \(folder)",
                    at: selected.location,
                    hint: "add \(selected.name).xml (apigen import … --action \(selected.name)) or remove the line"
                )
            }
        }
    }

    // MARK: Errors

    /// Every code of a product becomes one static member of the error type of every action:
    /// two codes may not share a member, and a code is named the same wherever it is listed.
    private mutating func validateErrorNames(_ product: ProductSpec) {
        var memberOfCode: [String: (name: String, location: SourceLocation)] = [:]
        var codeOfMember: [String: (code: String, location: SourceLocation)] = [:]
        let errors = product.commonErrors + product.generatedActions.flatMap(\.errors)
        for error in errors {
            guard let name = SwiftNames.errorCase(error) else { continue }
            if let known = memberOfCode[error.code] {
                if known.name != name {
                    diagnostics.error(
                        "error code '\(error.code)' becomes '\(name)' here but '\(known.name)' in \(known.location.file):\(known.location.line)",
                        at: error.location,
                        hint: "a code is one member for the whole product: give it the same swiftName=\"…\" everywhere"
                    )
                }
                continue
            }
            memberOfCode[error.code] = (name, error.location)
            if let other = codeOfMember[name] {
                diagnostics.error(
                    "error codes '\(other.code)' (\(other.location.file):\(other.location.line)) and '\(error.code)' both become the member '\(name)'",
                    at: error.location,
                    hint: "codes are case-sensitive but Swift names must differ: add swiftName=\"…\" to one of them, in every file that lists it"
                )
            } else if SwiftNames.reservedErrorMembers.contains(name) {
                diagnostics.error(
                    "error code '\(error.code)' would become the member '\(name)', which the error type already declares",
                    at: error.location,
                    hint: "add swiftName=\"…\" with another name"
                )
            }
            codeOfMember[name] = (error.code, error.location)
        }
    }

    private mutating func validateErrors(_ errors: [ErrorSpec]) {
        var codes: [String: SourceLocation] = [:]
        for error in errors {
            if let first = codes[error.code] {
                diagnostics.error(
                    "error code '\(error.code)' is already listed at line \(first.line)",
                    at: error.location,
                    hint: "list a code once; give every HTTP status it comes with in httpStatus=\"400 403\""
                )
                continue
            }
            codes[error.code] = error.location
            if Set(error.httpStatuses).count != error.httpStatuses.count {
                diagnostics.error("error code '\(error.code)' lists an HTTP status twice", at: error.location)
            }
            guard SwiftNames.errorCase(error) != nil else {
                diagnostics.error("cannot derive a Swift name from error code '\(error.code)'", at: error.location, hint: "add swiftName=\"…\" to the <error>")
                continue
            }
        }
    }
}

extension String {
    /// `an integer`, `a string`.
    var withArticle: String {
        (first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + self
    }
}
