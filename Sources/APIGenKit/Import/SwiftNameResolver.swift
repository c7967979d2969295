/// Adds `swiftName`s to imported documents wherever apigen's validation would otherwise fail:
/// a wire name that gives no Swift name, one that takes a name generated code declares itself,
/// or two wire names of one scope that give the same Swift name. Names are computed with
/// `SwiftNames`, exactly as the validator and translator compute them.
///
/// The scheme (deterministic; the same metadata always gives the same names):
///
/// - **Who keeps the derived name.** In a scope, names are given in order of preference: wire
///   names that start with an upper-case ASCII letter before others, and among each, names of
///   letters and digits only before names with other characters: `Key`, `FilterKey` (Alibaba's
///   own style), then `Filter.Key`, then `key`, `cloudEssd`, then `cloud_essd`; in document
///   order within each. So `Key` keeps `key` whether `key` comes before it or after.
/// - **What the others get.** The derived name plus a suffix that says how the wire name
///   differs from the one that kept it: only in case → `Lowercase` (`key` beside `Key` →
///   `keyLowercase`) or `Uppercase`; in separators → `Dotted` (`Filter.Key` beside
///   `FilterKey` → `filterKeyDotted`), `Underscored` (`cloud_essd` beside `cloudEssd`),
///   `Dashed` or `Joined`; otherwise `Variant`. Then `2`, `3`, … if that is taken too.
/// - **Reserved names** (what generated code declares itself) get a suffix that keeps the
///   meaning: members `Value` (`Action` → `actionValue`), error cases `Error` (`Code` →
///   `codeError`), actions `Action` (a base whose `…Request` would hide a runtime type, or
///   a method named `client`).
/// - **Nested types.** An array of objects whose element type would collide (with a sibling's,
///   an enclosing type, a type generated code uses, or the action's own types) names its
///   element `<Name>Item` on `<items swiftName>`; an object member, whose type is named after
///   the member, is renamed `<name>Info` (type `<Name>Info`).
/// - **No name at all** (no ASCII letter or digit in the wire name): `parameter3`, `field2`,
///   `error4`, `value1` (the kind, then the position in its list); actions `Action12`.
/// - **Nested enumeration types** (a string with allowed values declares one, named after the
///   member) that collide are renamed like objects, with `Value`: `Code` → `codeValue`
///   (type `CodeValue`); arrays of them name their element `<Name>Item`.
/// - **Allowed values** of strings (static members, `cloud_essd` → `cloudEssd`): only values
///   that give no name, collide, or take a name the enumeration type declares itself get a
///   `swiftName`, by the same rules (`description` → `descriptionValue`).
struct SwiftNameResolver {
    private(set) var log = IssueLog()

    mutating func resolve(_ product: inout ProductSpec) {
        resolveActions(&product)
        let productTypes = Set([SwiftNames.productType(product), SwiftNames.clientType(product)])
        // Once the actions are named, each action's names depend on it alone: on every core,
        // the log kept in action order.
        let resolved = ParallelMap.map(product.actions) { action in
            var resolver = SwiftNameResolver()
            var action = action
            resolver.resolve(&action, productTypes: productTypes)
            return (action: action, log: resolver.log)
        }
        for (index, result) in resolved.enumerated() {
            product.actions[index] = result.action
            log.append(contentsOf: result.log)
        }
        resolveErrors(&product)
    }

    // MARK: Actions

    private mutating func resolveActions(_ product: inout ProductSpec) {
        /// What already has a type or method name: an action's wire name, or nil for the product's own.
        var takenTypes: [String: String?] = [:]
        for name in [SwiftNames.productType(product), SwiftNames.clientType(product)] {
            takenTypes[name] = .some(nil)
        }
        // An action's file is named after it: the product's own files' names are taken.
        let productFiles = Set(RenderJobs.productFileNames(product).client)
        var takenMethods: [String: String?] = [:]
        for name in SwiftNames.reservedClientMembers { takenMethods[name] = .some(nil) }

        enum Problem {
            case underivable
            /// Reserved by the runtime, the product or the client.
            case reserved(String)
            /// Taken by another action.
            case collision(String, other: String)
        }
        for index in Self.preferenceOrder(product.actions.map(\.name)) {
            var action = product.actions[index]
            func problem(_ action: ActionSpec) -> Problem? {
                guard let base = SwiftNames.actionBase(action), SwiftNaming.isValidIdentifier(base),
                      let method = SwiftNames.clientMethod(action)
                else { return .underivable }
                if productFiles.contains(base) { return .reserved("its file '\(base).swift' is the product's") }
                for typeName in ["Request", "Response", "Error"].map({ base + $0 }) {
                    if SwiftNames.runtimeTypeNames.contains(typeName) { return .reserved("its type '\(typeName)' would hide the runtime type of that name") }
                    if let owner = takenTypes[typeName] {
                        guard let other = owner else { return .reserved("its type '\(typeName)' is the product's") }
                        return .collision("its type '\(typeName)' is also action '\(other)''s", other: other)
                    }
                }
                if let owner = takenMethods[method] {
                    guard let other = owner else { return .reserved("its client method '\(method)' is a member of the client") }
                    return .collision("its client method '\(method)' is also action '\(other)''s", other: other)
                }
                return nil
            }
            if let found = problem(action) {
                let base: String
                let suffix: String
                let reason: String
                switch found {
                case .underivable:
                    (base, suffix, reason) = ("Action\(index + 1)", "", "no Swift name can be derived from it")
                case .reserved(let text):
                    (base, suffix, reason) = (SwiftNames.actionBase(action)!, "Action", text)
                case .collision(let text, let other):
                    (base, suffix, reason) = (SwiftNames.actionBase(action)!, Self.formSuffix(action.name, comparedTo: other), text)
                }
                for candidate in Self.candidates(base: base, suffix: suffix) {
                    var trial = action
                    trial.swiftName = candidate
                    if problem(trial) == nil {
                        action = trial
                        log.add(.swiftNameAdded, action: action.name, path: "", "\(reason): swiftName=\"\(candidate)\"")
                        break
                    }
                }
            }
            if let base = SwiftNames.actionBase(action) {
                for suffix in ["Request", "Response", "Error"] { takenTypes[base + suffix] = .some(action.name) }
            }
            if let method = SwiftNames.clientMethod(action) { takenMethods[method] = .some(action.name) }
            product.actions[index] = action
        }
    }

    // MARK: One action

    private mutating func resolve(_ action: inout ActionSpec, productTypes: Set<String>) {
        let base = SwiftNames.actionBase(action) ?? "_"
        let ownTypes = Set(["Request", "Response", "Error"].map { base + $0 })
        let forbiddenTypes = SwiftNames.runtimeTypeNames.union(productTypes).union(ownTypes)
        resolveMembers(
            &action.parameters,
            scope: Scope(action: action.name, path: "request", isRequest: true, reserved: SwiftNames.reservedRequestMembers,
                         enclosing: [base + "Request"], forbiddenTypes: forbiddenTypes)
        )
        resolveMembers(
            &action.fields,
            scope: Scope(action: action.name, path: "response", isRequest: false, reserved: [],
                         enclosing: [base + "Response"], forbiddenTypes: forbiddenTypes)
        )
    }

    private struct Scope {
        var action: String
        var path: String
        var isRequest: Bool
        var reserved: Set<String>
        var enclosing: [String]
        var forbiddenTypes: Set<String>
    }

    // MARK: Members

    private mutating func resolveMembers(_ members: inout [MemberSpec], scope: Scope) {
        let kind = scope.isRequest ? "parameter" : "field"
        // Property names.
        // Members are read and changed where they are in the list (copies of members would
        // make the nested lists they hold copy themselves when changed).
        let order = Self.preferenceOrder(members.map(\.name))
        var taken: [String: String] = [:]
        for index in order {
            let derived = SwiftNames.member(members[index])
            var reason: String?
            var base = derived ?? kind + String(index + 1)
            var suffix = ""
            if derived == nil {
                reason = "no Swift name can be derived from it"
            } else if let derived, scope.reserved.contains(derived) {
                reason = "'\(derived)' is declared by the generated type itself"
                suffix = "Value"
            } else if let derived, let other = taken[derived] {
                reason = "'\(other)' becomes '\(derived)' too"
                suffix = Self.formSuffix(members[index].name, comparedTo: other)
            }
            var name = derived
            if let reason {
                let path = scope.path + "." + members[index].name
                if !SwiftNaming.isValidIdentifier(base) { base = kind + String(index + 1) }
                for candidate in Self.candidates(base: base, suffix: suffix)
                where taken[candidate] == nil && !scope.reserved.contains(candidate) {
                    members[index].swiftName = candidate
                    name = SwiftNames.member(members[index])
                    log.add(.swiftNameAdded, action: scope.action, path: path, "\(reason): swiftName=\"\(candidate)\"")
                    break
                }
            }
            if let name { taken[name] = members[index].name }
        }

        // Nested type names, then what is inside them.
        var takenTypes: [String: String] = [:]
        for index in order {
            // Objects, and strings with allowed values (StringEnumeration types), declare a
            // nested type; so do arrays of them.
            let isEnumeration = SwiftNames.enumValues(of: members[index].type) != nil
            guard SwiftNames.objectMembers(of: members[index].type) != nil || isEnumeration else {
                if Self.mayHaveEnumValues(members[index].type) {
                    resolveEnums(in: &members[index].type, action: scope.action, path: scope.path + "." + members[index].name)
                }
                continue
            }
            let path = scope.path + "." + members[index].name
            func problem(_ name: String?) -> String? {
                guard let name else { return "no Swift type name can be derived from it" }
                if let other = takenTypes[name] { return "'\(other)' declares the nested type '\(name)' too" }
                if scope.enclosing.contains(name) { return "its type '\(name)' would have the name of a type that encloses it" }
                if scope.forbiddenTypes.contains(name) { return "its type '\(name)' would hide a type the generated code uses" }
                return nil
            }
            if let reason = problem(SwiftNames.nestedType(members[index])) {
                var member = members[index]
                defer { members[index] = member }
                let property = SwiftNames.member(member) ?? kind + String(index + 1)
                let typeBase = SwiftNames.nestedType(member) ?? (property.prefix(1).uppercased() + property.dropFirst())
                if case .array(var items) = member.type.kind {
                    for candidate in Self.candidates(base: typeBase, suffix: "Item") {
                        items.swiftName = candidate
                        var trial = member
                        trial.type.kind = .array(items)
                        if problem(SwiftNames.nestedType(trial)) == nil {
                            member = trial
                            log.add(.swiftNameAdded, action: scope.action, path: path + "[]", "\(reason): <items swiftName=\"\(candidate)\">")
                            break
                        }
                    }
                } else {
                    let propertyNames = Set(members.indices.filter { $0 != index }.compactMap { SwiftNames.member(members[$0]) })
                    for candidate in Self.candidates(base: property, suffix: isEnumeration ? "Value" : "Info")
                    where !propertyNames.contains(candidate) && !scope.reserved.contains(candidate) {
                        var trial = member
                        trial.swiftName = candidate
                        if problem(SwiftNames.nestedType(trial)) == nil {
                            member = trial
                            log.add(.swiftNameAdded, action: scope.action, path: path, "\(reason): swiftName=\"\(candidate)\"")
                            break
                        }
                    }
                }
            }
            let typeName = SwiftNames.nestedType(members[index]) ?? "_"
            takenTypes[typeName] = members[index].name
            let childScope = Scope(
                action: scope.action, path: path, isRequest: scope.isRequest,
                reserved: scope.isRequest ? SwiftNames.reservedNestedRequestMembers : [],
                enclosing: scope.enclosing + [typeName], forbiddenTypes: scope.forbiddenTypes
            )
            resolveEnums(in: &members[index].type, action: scope.action, path: path)
            Self.updateObjectMembers(of: &members[index].type) { children in
                resolveMembers(&children, scope: childScope)
            }
        }
    }

    /// Runs `body` on the members of the object a type declares (through arrays). The type
    /// lets go of them meanwhile, so that they are changed in place rather than copied.
    private static func updateObjectMembers(of type: inout TypeSpec, _ body: (inout [MemberSpec]) -> Void) {
        switch type.kind {
        case .object(var members):
            type.kind = .string
            body(&members)
            type.kind = .object(members)
        case .array(var items):
            type.kind = .string
            updateObjectMembers(of: &items.type, body)
            type.kind = .array(items)
        default:
            break
        }
    }

    /// Whether `resolveEnums` could find anything to name: a string with allowed values, or
    /// an array of them (at any depth).
    private static func mayHaveEnumValues(_ type: TypeSpec) -> Bool {
        switch type.kind {
        case .array(let items): mayHaveEnumValues(items.type)
        case .string: !type.enumValues.isEmpty
        default: false
        }
    }

    // MARK: Enums

    /// Allowed values of a string (each a static member of its `StringEnumeration` type), or
    /// of an array's string elements. Values of numbers are documented only, so not named.
    private mutating func resolveEnums(in type: inout TypeSpec, action: String, path: String) {
        if case .array(var items) = type.kind {
            type.kind = .string
            resolveEnums(in: &items.type, action: action, path: path + "[]")
            type.kind = .array(items)
        }
        guard type.kind == .string, !type.enumValues.isEmpty else { return }
        var taken: [String: String] = [:]
        for index in Self.preferenceOrder(type.enumValues.map(\.value)) {
            var value = type.enumValues[index]
            let derived = SwiftNames.enumCase(value)
            var reason: String?
            var suffix = ""
            if derived == nil {
                reason = "no Swift name can be derived from it"
            } else if let derived, SwiftNames.reservedEnumCases.contains(derived) {
                reason = "'\(derived)' is declared by the enumeration type itself"
                suffix = "Value"
            } else if let derived, let other = taken[derived] {
                reason = "'\(other)' becomes '\(derived)' too"
                suffix = Self.formSuffix(value.value, comparedTo: other)
            }
            if let reason {
                for candidate in Self.candidates(base: derived ?? "value" + String(index + 1), suffix: suffix)
                where taken[candidate] == nil && !SwiftNames.reservedEnumCases.contains(candidate) {
                    value.swiftName = candidate
                    log.add(.swiftNameAdded, action: action, path: path + ".enum." + value.value, "\(reason): swiftName=\"\(candidate)\"")
                    break
                }
            }
            if let name = SwiftNames.enumCase(value) { taken[name] = value.value }
            type.enumValues[index] = value
        }
    }

    // MARK: Errors

    /// Every code of the product becomes one static member for all its actions: codes are
    /// named product-wide, in one order (the product's common codes, then each action's in
    /// action order), and a code gets the same name in every action that lists it.
    private mutating func resolveErrors(_ product: inout ProductSpec) {
        var codes: [String] = []
        /// The actions that list each code (none for a code only the product lists).
        var listedBy: [String: [String]] = [:]
        var specimen: [String: ErrorSpec] = [:]
        for error in product.commonErrors where specimen[error.code] == nil {
            codes.append(error.code)
            specimen[error.code] = error
        }
        for action in product.actions {
            for error in action.errors {
                if specimen[error.code] == nil {
                    codes.append(error.code)
                    specimen[error.code] = error
                }
                listedBy[error.code, default: []].append(action.name)
            }
        }
        var taken: [String: String] = [:]
        var names: [String: String] = [:]
        for index in Self.preferenceOrder(codes) {
            var error = specimen[codes[index]]!
            let derived = SwiftNames.errorCase(error)
            var reason: String?
            var suffix = ""
            if derived == nil {
                reason = "no Swift name can be derived from it"
            } else if let derived, SwiftNames.reservedErrorMembers.contains(derived) {
                reason = "'\(derived)' is declared by the error type itself"
                suffix = "Error"
            } else if let derived, let other = taken[derived] {
                reason = "'\(other)' becomes '\(derived)' too"
                suffix = Self.formSuffix(error.code, comparedTo: other)
            }
            if let reason {
                for candidate in Self.candidates(base: derived ?? "error" + String(index + 1), suffix: suffix)
                where taken[candidate] == nil && !SwiftNames.reservedErrorMembers.contains(candidate) {
                    error.swiftName = candidate
                    names[error.code] = candidate
                    // Logged for each action that lists it, as importing that action alone would.
                    let actions: [String?] = listedBy[error.code] ?? [nil]
                    for action in actions {
                        log.add(.swiftNameAdded, action: action, path: "errors." + error.code, "\(reason): swiftName=\"\(candidate)\"")
                    }
                    break
                }
            }
            if let name = SwiftNames.errorCase(error) { taken[name] = error.code }
        }
        guard !names.isEmpty else { return }
        func rename(_ errors: inout [ErrorSpec]) {
            for index in errors.indices {
                if let name = names[errors[index].code] { errors[index].swiftName = name }
            }
        }
        rename(&product.commonErrors)
        for index in product.actions.indices { rename(&product.actions[index].errors) }
    }

    // MARK: Scheme

    /// Indices in the order names are given: names that start with an upper-case ASCII letter
    /// before others, and among each, names of letters and digits only before names with other
    /// characters; document order within.
    static func preferenceOrder(_ wireNames: [String]) -> [Int] {
        func rank(_ name: String) -> Int {
            let scalars = name.unicodeScalars
            let startsUpper = scalars.first.map { ("A"..."Z").contains($0) } ?? false
            let plain = scalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            return (startsUpper ? 0 : 2) + (plain ? 0 : 1)
        }
        let ranks = wireNames.map(rank)
        return wireNames.indices.sorted { (ranks[$0], $0) < (ranks[$1], $1) }
    }

    /// How a wire name differs from the one that kept the plain name (`winner`):
    /// only in case → `Lowercase` (it has more small letters) or `Uppercase`; in separators
    /// (and perhaps case) → `Dotted` (more dots), `Underscored`, `Dashed`, or `Joined` (fewer);
    /// otherwise by its own form: `Lowercase` (no capitals), `Uppercase` (no small letters),
    /// `Dotted` (has dots), else `Variant`.
    static func formSuffix(_ wire: String, comparedTo winner: String? = nil) -> String {
        func count(_ text: String, _ test: (Unicode.Scalar) -> Bool) -> Int { text.unicodeScalars.filter(test).count }
        func isLower(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) }
        func isUpper(_ s: Unicode.Scalar) -> Bool { ("A"..."Z").contains(s) }
        func isAlphanumeric(_ s: Unicode.Scalar) -> Bool { isLower(s) || isUpper(s) || ("0"..."9").contains(s) }
        if let winner {
            if wire.lowercased() == winner.lowercased() {
                return count(wire, isLower) > count(winner, isLower) ? "Lowercase" : "Uppercase"
            }
            if String(wire.unicodeScalars.filter(isAlphanumeric)).lowercased() == String(winner.unicodeScalars.filter(isAlphanumeric)).lowercased() {
                for (separator, suffix) in [("." as Unicode.Scalar, "Dotted"), ("_", "Underscored"), ("-", "Dashed")]
                where count(wire, { $0 == separator }) > count(winner, { $0 == separator }) {
                    return suffix
                }
                return "Joined"
            }
        }
        let hasUpper = wire.unicodeScalars.contains(where: isUpper)
        let hasLower = wire.unicodeScalars.contains(where: isLower)
        if hasLower, !hasUpper { return "Lowercase" }
        if hasUpper, !hasLower { return "Uppercase" }
        if wire.contains(".") { return "Dotted" }
        return "Variant"
    }

    /// `base + suffix`, then with `2`, `3`, … (a bounded search: past it, validation reports).
    static func candidates(base: String, suffix: String) -> [String] {
        let first = base + suffix
        return [first] + (2...200).map { first + String($0) }
    }
}
