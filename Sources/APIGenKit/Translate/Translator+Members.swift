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
        return (protocols + ["Hashable", "Sendable"]).joined(separator: ", ")
    }
}

extension Translator {
    /// The properties of a type holding `members`, and the types it declares for them.
    func members(_ members: [MemberSpec], usage: ObjectUsage, qualifiedName: String) -> (properties: [PropertyContext], nested: NestedDeclarations) {
        var properties: [PropertyContext] = []
        var nested = NestedDeclarations.none
        for member in members {
            let memberUsage = usage.inside(member)
            let baseType = swiftType(member.type, of: member, usage: memberUsage, qualifiedName: qualifiedName, nested: &nested)
            properties.append(property(member, baseType: baseType, isRequest: usage.isRequestShape))
        }
        return (properties, nested)
    }

    /// The Swift type of `type` (a member's, or its elements'); declares what it needs in `nested`.
    private func swiftType(
        _ type: TypeSpec, of member: MemberSpec, usage: ObjectUsage, qualifiedName: String, nested: inout NestedDeclarations
    ) -> String {
        switch type.kind {
        case .string:
            guard !type.enumValues.isEmpty else { return "String" }
            let name = SwiftNames.nestedType(member) ?? "_"
            if !nested.enumTypes.contains(where: { $0.typeName == name }) {
                nested.enumTypes.append(enumType(member, values: type.enumValues, qualifiedName: qualifiedName + "." + name, usage: usage))
            }
            return name
        case .integer: return "Int32"
        case .long: return "Int64"
        case .float: return "Float"
        case .double: return "Double"
        case .boolean: return "Bool"
        case .array(let items):
            return "[" + swiftType(items.type, of: member, usage: usage, qualifiedName: qualifiedName, nested: &nested) + "]"
        case .object(let children):
            let name = SwiftNames.nestedType(member) ?? "_"
            if let shared = shapes.sharedName(of: ShapeKey.object(children, role: usage.role)) {
                // The shared type, also known by the name it would have had here.
                nested.typeAliases.append(TypeAliasContext(name: name, target: product.swiftModule + "." + shared))
                return shared
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
        let (properties, nested) = self.members(members, usage: usage, qualifiedName: qualifiedName)
        return ObjectTypeContext(
            typeName: name,
            qualifiedName: qualifiedName,
            docLines: SwiftText.docLines(description),
            conformances: usage.conformances,
            properties: properties,
            hasProperties: !properties.isEmpty,
            isRequestShape: usage.isRequestShape,
            isQueryEncoded: usage.isQueryEncoded,
            isJSONEncoded: usage.isJSONEncoded,
            isResponseShape: usage.isResponseShape,
            hasValidations: usage.isRequestShape && Self.needsValidation(members),
            validations: usage.isRequestShape ? validations(members, nested: true) : [],
            nested: nested
        )
    }

    private func enumType(_ member: MemberSpec, values: [EnumValue], qualifiedName: String, usage: ObjectUsage) -> EnumTypeContext {
        EnumTypeContext(
            typeName: SwiftNames.nestedType(member) ?? "_",
            qualifiedName: qualifiedName,
            docLines: SwiftText.docLines(SwiftText.paragraphs([
                "The values of `\(member.name)`: the documented ones below, or any other the service sends.",
            ])),
            cases: values.map { value in
                EnumCaseContext(
                    name: SwiftNaming.escaped(SwiftNames.enumCase(value) ?? "_"),
                    valueLiteral: SwiftText.literal(value.value),
                    docLines: SwiftText.docLines(value.description ?? "`\(value.value)`")
                )
            },
            isQueryEncoded: usage.isQueryEncoded
        )
    }

    private func property(_ member: MemberSpec, baseType: String, isRequest: Bool) -> PropertyContext {
        let name = SwiftNames.member(member) ?? "_"
        // A request's optional parameters and a response's not-always-sent fields are optional.
        let isOptional = !member.isRequired
        var documentation: [String?] = [member.description]
        if let example = member.example, !example.isEmpty { documentation.append("Example: `\(example)`") }
        if let defaultValue = member.defaultValue, !defaultValue.isEmpty { documentation.append("Default: `\(defaultValue)`") }
        if !member.type.enumValues.isEmpty {
            documentation.append("Allowed values: " + member.type.enumValues.map { "`\($0.value)`" }.joined(separator: ", "))
        }
        if let deprecation = member.deprecation, !deprecation.message.isEmpty { documentation.append("Deprecated: " + deprecation.message) }
        return PropertyContext(
            name: SwiftNaming.escaped(name),
            argumentLabel: SwiftNaming.argumentLabel(name),
            storage: Self.storage(of: member, name: name),
            swiftType: baseType + (isOptional ? "?" : ""),
            wrappedType: baseType,
            isOptional: isOptional,
            docLines: SwiftText.docLines(SwiftText.paragraphs(documentation)),
            availability: availability(member.deprecation),
            wireNameLiteral: SwiftText.literal(member.name),
            dottedWireNameLiteral: SwiftText.literal("." + member.name),
            encodesAsJSON: isRequest && member.style == .json,
            decodeFunction: (isOptional ? "decode" : "require") + (isRequest && member.style == .json ? "JSON" : "")
        )
    }

    /// The stored property behind a member: its name, or `_name` behind a deprecated one.
    static func storage(of member: MemberSpec, name: String) -> String {
        member.deprecation == nil ? SwiftNaming.escaped(name) : "_" + name
    }
}
