/// Response paths as generated code reaches them, for paginators and waiters.
extension Translator {
    /// `path` resolved in `action`'s response, with each object type's usage as the generated
    /// code has it (a shared type also used in requests keeps optional lists).
    func responsePath(_ path: [String], in action: ActionSpec) -> ResponsePath? {
        try? ResponsePath.resolve(path, in: action.fields) { members, enclosing in
            guard let name = shapes.sharedName(of: ShapeKey.object(members, role: .response)),
                  let shape = shapes.shapes.first(where: { $0.name == name })
            else { return enclosing }
            return shape.isResponseShape && !shape.isRequestShape
        }
    }

    /// The Swift type of the values the path's last step holds (a list's elements), as code
    /// outside the response names it: `DescribeInstancesResponse.Instance`, `String`.
    func valueTypeName(_ path: ResponsePath, responseType: String) -> String {
        let value = path.last.value
        switch value.kind {
        case .integer, .long: return "Int"
        case .float, .double: return "Double"
        case .boolean: return "Bool"
        case .string where value.enumValues.isEmpty: return "String"
        default:
            // An object or an enumeration: nested in the types the path passes.
            let enclosing = path.steps.dropLast().map { SwiftNames.nestedType($0.typeOwner) ?? "_" }
            return ([responseType] + enclosing + [SwiftNames.nestedType(path.last.typeOwner) ?? "_"]).joined(separator: ".")
        }
    }
}
