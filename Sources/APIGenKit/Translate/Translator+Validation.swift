extension Translator {
    /// The local checks for `members`, in spec order.
    func validations(_ members: [MemberSpec], nested: Bool) -> [ValidationContext] {
        var result: [ValidationContext] = []
        for member in members {
            let name = SwiftNames.member(member) ?? "_"
            let property = "self." + Self.storage(of: member, name: name)
            // Enumerations are checked through their raw string.
            let isEnumeration = member.type.kind == .string && !member.type.enumValues.isEmpty
            let value = isEnumeration ? property + (member.isRequired ? ".rawValue" : "?.rawValue") : property
            let parameter = nested ? "prefix + \(SwiftText.literal("." + member.name))" : SwiftText.literal(member.name)
            let action = nested ? "action" : "Self.action"
            func check(_ helper: String, _ arguments: String = "") -> ValidationContext {
                ValidationContext(
                    isCheck: true, isObject: false, isObjectArray: false, isElementCheck: false, helper: helper,
                    value: value, element: "", arguments: arguments, optionalChain: "", orEmpty: "", parameter: parameter,
                    action: action
                )
            }
            if member.isRequired, member.type.kind == .string { result.append(check("nonEmpty")) }
            // An empty list sends nothing, which the service reads as a missing parameter
            // (a `json`-style list still sends `[]`).
            if member.isRequired, case .array = member.type.kind, member.style != .json { result.append(check("nonEmpty")) }
            result += scalarChecks(member.type).map { check($0.helper, $0.arguments) }
            switch member.type.kind {
            case .object(let children) where Self.needsValidation(children):
                result.append(ValidationContext(
                    isCheck: false, isObject: true, isObjectArray: false, isElementCheck: false, helper: "",
                    value: value, element: "", arguments: "", optionalChain: member.isRequired ? "" : "?", orEmpty: "",
                    parameter: parameter, action: action
                ))
            case .array(let items):
                let constraints = member.type.constraints
                if constraints.minItems != nil || constraints.maxItems != nil {
                    result.append(check("count", ", min: \(constraints.minItems.map(String.init) ?? "nil"), max: \(constraints.maxItems.map(String.init) ?? "nil")"))
                }
                let orEmpty = member.isRequired ? "" : " ?? []"
                if case .object(let children) = items.type.kind, Self.needsValidation(children) {
                    result.append(ValidationContext(
                        isCheck: false, isObject: false, isObjectArray: true, isElementCheck: false, helper: "",
                        value: value, element: "", arguments: "", optionalChain: "", orEmpty: orEmpty, parameter: parameter,
                        action: action
                    ))
                }
                let elementIsEnumeration = items.type.kind == .string && !items.type.enumValues.isEmpty
                for elementCheck in scalarChecks(items.type) {
                    result.append(ValidationContext(
                        isCheck: false, isObject: false, isObjectArray: false, isElementCheck: true,
                        helper: elementCheck.helper, value: value, element: elementIsEnumeration ? "element.rawValue" : "element",
                        arguments: elementCheck.arguments, optionalChain: "", orEmpty: orEmpty, parameter: parameter,
                        action: action
                    ))
                }
            default:
                break
            }
        }
        return result
    }

    /// Checks on a scalar value's own constraints (length, pattern, range, allowed values).
    private func scalarChecks(_ type: TypeSpec) -> [(helper: String, arguments: String)] {
        let constraints = type.constraints
        var checks: [(helper: String, arguments: String)] = []
        switch type.kind {
        case .string:
            if constraints.minLength != nil || constraints.maxLength != nil {
                checks.append(("length", ", min: \(constraints.minLength.map(String.init) ?? "nil"), max: \(constraints.maxLength.map(String.init) ?? "nil")"))
            }
            if let pattern = constraints.pattern { checks.append(("pattern", ", " + SwiftText.literal(pattern))) }
            // Allowed values are not checked locally: the service may accept values added after
            // the spec was written, and the enumeration types accept them too.
        case .integer, .long, .float, .double:
            if constraints.minimum != nil || constraints.maximum != nil {
                let minimum = constraints.minimum.map(SwiftText.numberLiteral) ?? "nil"
                let maximum = constraints.maximum.map(SwiftText.numberLiteral) ?? "nil"
                checks.append(("range", ", min: \(minimum), max: \(maximum)"))
            }
        default:
            break
        }
        return checks
    }

    /// Whether a type holding `members` has anything to check: objects whose members check
    /// nothing get no `validate` function, and nothing calls one for them.
    static func needsValidation(_ members: [MemberSpec]) -> Bool {
        members.contains { member in
            if member.isRequired, member.type.kind == .string { return true }
            if member.isRequired, case .array = member.type.kind, member.style != .json { return true }
            return typeNeedsValidation(member.type)
        }
    }

    private static func typeNeedsValidation(_ type: TypeSpec) -> Bool {
        let constraints = type.constraints
        switch type.kind {
        case .string:
            return constraints.minLength != nil || constraints.maxLength != nil || constraints.pattern != nil
        case .integer, .long, .float, .double:
            return constraints.minimum != nil || constraints.maximum != nil
        case .boolean:
            return false
        case .array(let items):
            return constraints.minItems != nil || constraints.maxItems != nil || typeNeedsValidation(items.type)
        case .object(let children):
            return needsValidation(children)
        }
    }
}
