/// What makes two object types the same type in generated code: their members' wire and
/// Swift names, types, requiredness, deprecation and, on the request side, styles and
/// constraints. Texts (descriptions, examples, defaults) and member order are not part of it.
///
/// Response members carry no constraints or styles in generated code, so a response object
/// and a request object without constraints can be the same shape.
indirect enum ShapeKey: Hashable, Sendable {
    case scalar(kind: String, enumValues: [EnumValueKey], constraints: Constraints?)
    case array(element: ShapeKey, itemSwiftName: String?, constraints: Constraints?)
    case object([MemberKey])

    struct MemberKey: Hashable, Sendable {
        var name: String
        var swiftName: String?
        var isRequired: Bool
        var deprecation: String?
        var style: ParameterStyle?
        var type: ShapeKey
    }

    struct EnumValueKey: Hashable, Sendable {
        var value: String
        var swiftName: String?
    }

    /// Which side of an action a type serves: what code it needs.
    enum Role: Sendable {
        case request
        case response
    }

    /// The key of an object's members; nil if `members` is not an object's.
    static func object(_ members: [MemberSpec], role: Role) -> ShapeKey {
        .object(members.map { member(of: $0, role: role) }.sorted { $0.name < $1.name })
    }

    private static func member(of member: MemberSpec, role: Role) -> MemberKey {
        MemberKey(
            name: member.name,
            swiftName: member.swiftName,
            isRequired: member.isRequired,
            deprecation: member.deprecation?.message,
            style: role == .request ? member.style : nil,
            type: type(member.type, role: role)
        )
    }

    private static func type(_ type: TypeSpec, role: Role) -> ShapeKey {
        let constraints = role == .request && !type.constraints.isEmpty ? type.constraints : nil
        switch type.kind {
        case .object(let members):
            return object(members, role: role)
        case .array(let items):
            return .array(element: Self.type(items.type, role: role), itemSwiftName: items.swiftName, constraints: constraints)
        default:
            return .scalar(
                kind: type.kindName,
                enumValues: type.enumValues.map { EnumValueKey(value: $0.value, swiftName: $0.swiftName) },
                constraints: constraints
            )
        }
    }
}
