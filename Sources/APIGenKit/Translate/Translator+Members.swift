/// What an object type's generated code must do, from where it is used: a request member is
/// validated and encoded into the query (or as JSON, under a `json`-style parameter), a
/// response member is decoded. A shared type used in several ways does all of them.
struct ObjectUsage: Sendable {
    var isRequestShape: Bool
    var isQueryEncoded: Bool
    var isJSONEncoded: Bool
    var isResponseShape: Bool

    static let request = ObjectUsage(isRequestShape: true, isQueryEncoded: true, isJSONEncoded: false, isResponseShape: false)
    static let response = ObjectUsage(isRequestShape: false, isQueryEncoded: false, isJSONEncoded: false, isResponseShape: true)

    /// The usage of what `member` holds, inside a type used as `self`.
    func inside(_ member: MemberSpec) -> ObjectUsage {
        guard isRequestShape, member.style == .json else { return self }
        var usage = self
        usage.isQueryEncoded = false
        usage.isJSONEncoded = true
        return usage
    }

    /// The role the type's shape is keyed by (a shape used both ways has the same key either way).
    var role: ShapeKey.Role { isRequestShape ? .request : .response }

    /// Whether the type is only ever read from responses: then its lists are plain arrays,
    /// list wrappers included (`instances: [Instance]`), empty when the service sent none.
    var isResponseOnly: Bool { isResponseShape && !isRequestShape }

    /// The protocols of the type's inheritance clause.
    var conformances: String {
        var protocols: [String] = []
        if isQueryEncoded { protocols.append("QueryValue") }
        switch (isResponseShape, isJSONEncoded) {
        case (true, true): protocols.append("Codable")
        case (true, false): protocols.append("Decodable")
        case (false, true): protocols.append("Encodable")
        case (false, false): break
        }
        // `==` and `hash(into:)` from the runtime, not synthesized per type (compile time).
        return (protocols + ["MemberwiseHashable", "Sendable"]).joined(separator: ", ")
    }
}

/// A type's members, translated, with what the type declares for them.
struct TranslatedMembers {
    var properties: [PropertyContext]
    var nested: NestedDeclarations
    var initializers: Initializers
    var redaction: Redaction
}

extension Translator {
    /// The properties of a type holding `members`, and the types it declares for them.
    func members(_ members: [MemberSpec], usage: ObjectUsage, qualifiedName: String) -> TranslatedMembers {
        var properties: [PropertyContext] = []
        var nested = NestedDeclarations.none
        var mainProperties: [PropertyContext] = []
        var deprecatedProperties: [PropertyContext] = []
        var sensitive: [String] = []
        for member in members {
            let memberUsage = usage.inside(member)
            let list = usage.isResponseOnly ? SwiftNames.listWrapperItem(member.type) : nil
            // A list wrapper in a response is the list itself: its item's type, in an array.
            let type = list.map(\.type) ?? member.type
            let typeOwner = list ?? member
            let baseType = swiftType(type, of: typeOwner, usage: memberUsage, qualifiedName: qualifiedName, nested: &nested)
            let property = property(member, baseType: baseType, listItem: list, usage: usage)
            properties.append(property)
            // A deprecated member the caller can leave out is in the deprecated initializer only.
            if member.deprecation != nil, !property.defaultArgument.isEmpty {
                deprecatedProperties.append(property)
            } else {
                mainProperties.append(property)
            }
            if member.isSensitive { sensitive.append(SwiftNames.member(member) ?? "_") }
        }
        let mainLabels = mainProperties.map(\.argumentLabel).joined(separator: ":") + (mainProperties.isEmpty ? "" : ":")
        return TranslatedMembers(
            properties: properties,
            nested: nested,
            initializers: Initializers(
                mainProperties: mainProperties,
                deprecatedProperties: deprecatedProperties,
                hasDeprecatedProperties: !deprecatedProperties.isEmpty,
                deprecationMessageLiteral: SwiftText.literal(
                    "sets deprecated members (\(deprecatedProperties.map(\.argumentLabel).joined(separator: ", "))); use init(\(mainLabels))")
            ),
            redaction: Redaction(
                hasSensitiveMembers: !sensitive.isEmpty,
                sensitiveMembersLiteral: "[" + sensitive.map(SwiftText.literal).joined(separator: ", ") + "]"
            )
        )
    }

    /// The Swift type of `type` (a member's, or its elements'); declares what it needs in `nested`.
    private func swiftType(
        _ type: TypeSpec, of member: MemberSpec, usage: ObjectUsage, qualifiedName: String, nested: inout NestedDeclarations
    ) -> String {
        switch type.kind {
        case .string:
            guard !type.enumValues.isEmpty else { return "String" }
            let name = SwiftNames.nestedType(member) ?? "_"
            // A product-level enumeration (`InstanceStatus`), shared by every member naming it,
            // also known here by the name a nested one would have had (`Status`): a nested type
            // of the same name as the shared one (the `InstanceStatus` element of a list) would
            // otherwise hide it.
            if let shared = type.enumTypeName {
                if !nested.typeAliases.contains(where: { $0.name == name }) {
                    nested.typeAliases.append(TypeAliasContext(name: name, target: product.swiftModule + "." + shared))
                }
                return name
            }
            if !nested.enumTypes.contains(where: { $0.typeName == name }) {
                nested.enumTypes.append(enumType(
                    name: name, values: type.enumValues, qualifiedName: qualifiedName + "." + name,
                    description: "The values of `\(member.name)`: the documented ones below, or any other the service sends.",
                    isQueryEncoded: usage.isQueryEncoded
                ))
            }
            return name
        // Integers are `Int` and floating-point numbers `Double`, whatever their width on the
        // wire: their text there is the same, and their constraints are checked exactly.
        case .integer, .long: return "Int"
        case .float, .double: return "Double"
        case .boolean: return "Bool"
        case .array(let items):
            return "[" + swiftType(items.type, of: member, usage: usage, qualifiedName: qualifiedName, nested: &nested) + "]"
        case .object(let children):
            let name = SwiftNames.nestedType(member) ?? "_"
            if let shared = shapes.sharedName(of: ShapeKey.object(children, role: usage.role)) {
                // The shared type, known here by the name it would have had (`Filter`): its own
                // name could be hidden by a nested type (a request's own `Tag`).
                nested.typeAliases.append(TypeAliasContext(name: name, target: product.swiftModule + "." + shared))
                return name
            }
            nested.objectTypes.append(objectType(
                name: name,
                qualifiedName: qualifiedName + "." + name,
                members: children,
                description: SharedShapes.objectDescription(member) ?? "The value of `\(member.name)`.",
                usage: usage
            ))
            return name
        }
    }

    /// An object type, nested or shared, with everything its usage asks for.
    func objectType(name: String, qualifiedName: String, members: [MemberSpec], description: String, usage: ObjectUsage) -> ObjectTypeContext {
        let translated = self.members(members, usage: usage, qualifiedName: qualifiedName)
        return ObjectTypeContext(
            typeName: name,
            qualifiedName: qualifiedName,
            docLines: SwiftText.docLines(description),
            conformances: usage.conformances + (translated.redaction.hasSensitiveMembers ? ", RedactedDescription" : ""),
            properties: translated.properties,
            hasProperties: !translated.properties.isEmpty,
            initializers: translated.initializers,
            redaction: translated.redaction,
            isRequestShape: usage.isRequestShape,
            isQueryEncoded: usage.isQueryEncoded,
            isJSONEncoded: usage.isJSONEncoded,
            isResponseShape: usage.isResponseShape,
            hasValidations: usage.isRequestShape && Self.needsValidation(members),
            validations: usage.isRequestShape ? validations(members, nested: true) : [],
            nested: translated.nested
        )
    }

    func enumType(name: String, values: [EnumValue], qualifiedName: String, description: String, isQueryEncoded: Bool) -> EnumTypeContext {
        EnumTypeContext(
            typeName: name,
            qualifiedName: qualifiedName,
            docLines: SwiftText.docLines(description),
            cases: values.map { value in
                EnumCaseContext(
                    name: SwiftNaming.escaped(SwiftNames.enumCase(value) ?? "_"),
                    valueLiteral: SwiftText.literal(value.value),
                    docLines: SwiftText.docLines(value.description ?? "`\(value.value)`")
                )
            },
            isQueryEncoded: isQueryEncoded
        )
    }

    private func property(_ member: MemberSpec, baseType: String, listItem: MemberSpec?, usage: ObjectUsage) -> PropertyContext {
        let name = SwiftNames.member(member) ?? "_"
        let isRequest = usage.isRequestShape
        // Responses' lists are never optional: empty when the service sent none. A request's
        // optional parameters and a response's not-always-sent fields are optional.
        let isResponseList = usage.isResponseOnly && (listItem != nil || { if case .array = member.type.kind { true } else { false } }())
        let isOptional = !member.isRequired && !isResponseList
        // A list's base type is the array (a wrapper's is its list's).
        let swiftType = baseType
        let wrappedType = baseType
        var documentation: [String?] = [member.description]
        if let example = member.example, !example.isEmpty { documentation.append("Example: `\(example)`") }
        if let defaultValue = member.defaultValue, !defaultValue.isEmpty { documentation.append("Default: `\(defaultValue)`") }
        if !member.type.enumValues.isEmpty, member.type.enumTypeName == nil {
            documentation.append("Allowed values: " + member.type.enumValues.map { "`\($0.value)`" }.joined(separator: ", "))
        }
        if isResponseList { documentation.append("Empty when the service sends none.") }
        if member.isSensitive { documentation.append("A secret: `description` and logs show `***` instead.") }
        if let deprecation = member.deprecation, !deprecation.message.isEmpty { documentation.append("Deprecated: " + deprecation.message) }
        let storage = Self.storage(of: member, name: name)
        let wire = SwiftText.literal(member.name)
        let decodeExpression: String
        let encodeStatement: String
        if let listItem {
            let item = SwiftText.literal(listItem.name)
            decodeExpression = "wire.decodeList(\(wire), item: \(item))"
            encodeStatement = "wire.encodeList(self.\(storage), \(wire), item: \(item))"
        } else if isResponseList {
            decodeExpression = "wire.decodeList(\(wire))"
            encodeStatement = "wire.encode(self.\(storage), \(wire))"
        } else {
            decodeExpression = (isOptional ? "wire.decodeIfPresent(" : "wire.decode(") + wire + ")"
            encodeStatement = (isOptional ? "wire.encodeIfPresent(self." : "wire.encode(self.") + storage + ", " + wire + ")"
        }
        return PropertyContext(
            name: SwiftNaming.escaped(name),
            argumentLabel: SwiftNaming.argumentLabel(name),
            storage: storage,
            swiftType: swiftType + (isOptional ? "?" : ""),
            wrappedType: wrappedType,
            isOptional: isOptional,
            defaultArgument: isOptional ? " = nil" : isResponseList ? " = []" : "",
            docLines: SwiftText.docLines(SwiftText.paragraphs(documentation)),
            availability: availability(member.deprecation),
            decodeExpression: decodeExpression,
            encodeStatement: encodeStatement,
            wireNameLiteral: wire,
            dottedWireNameLiteral: SwiftText.literal("." + member.name),
            encodesAsJSON: isRequest && member.style == .json,
            decodeFunction: (isOptional ? "decode" : "require") + (isRequest && member.style == .json ? "JSON" : "")
        )
    }

    /// The stored property behind a member: its name, or `_name` behind a deprecated one.
    static func storage(of member: MemberSpec, name: String) -> String {
        member.deprecation == nil ? SwiftNaming.escaped(name) : "_" + name
    }

    /// The wire names of every sensitive member of `members`, at any depth.
    static func sensitiveWireNames(_ members: [MemberSpec]) -> [String] {
        members.flatMap { member -> [String] in
            let own = member.isSensitive ? [member.name] : []
            return own + (SwiftNames.objectMembers(of: member.type).map(sensitiveWireNames) ?? [])
        }
    }
}
