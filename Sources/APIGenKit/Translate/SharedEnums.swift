/// The product-level enumerations: every string member whose spec names an `enumType`
/// (`InstanceStatus`) has that type, generated once at the top of the product's module
/// (`ECS.InstanceStatus`) with the values the specs give it (the validator checks that every
/// member naming it gives the same ones).
struct SharedEnums: Sendable {
    struct Enumeration: Sendable {
        var name: String
        var values: [EnumValue]
        /// The first member naming it, for its documentation.
        var member: MemberSpec
        /// Where it is used: `DescribeInstances.Status`, in action order.
        var places: [String]
    }

    /// By name.
    let enumerations: [Enumeration]

    init(actions: [ActionSpec]) {
        var byName: [String: Enumeration] = [:]
        func collect(_ members: [MemberSpec], action: String) {
            for member in members {
                var type = member.type
                while case .array(let items) = type.kind { type = items.type }
                if let name = type.enumTypeName, !type.enumValues.isEmpty {
                    byName[name, default: Enumeration(name: name, values: type.enumValues, member: member, places: [])]
                        .places.append(action + "." + member.name)
                }
                if let children = SwiftNames.objectMembers(of: member.type) { collect(children, action: action) }
            }
        }
        for action in actions {
            collect(action.parameters, action: action.name)
            collect(action.fields, action: action.name)
        }
        enumerations = byName.values.sorted { $0.name < $1.name }
    }

    var names: Set<String> { Set(enumerations.map(\.name)) }
}
