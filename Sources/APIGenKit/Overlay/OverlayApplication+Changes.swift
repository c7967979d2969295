/// What one overlay entry does to one member. Each returns nil, or why the entry does not fit
/// the member (the member is then left as it was).
extension OverlayApplication {
    static func change(_ member: inout MemberSpec, by change: OverlayMemberChange, side: MemberPath.Side) -> String? {
        var changed = member
        if let style = change.style, side == .response {
            return "style=\"\(style.rawValue)\" applies to request parameters; a response field is read as the service sends it"
        }
        if let type = change.type, let problem = retype(&changed, to: type, style: change.style, side: side) { return problem }
        if let style = change.style, change.type == nil {
            if let problem = restyle(&changed, to: style) { return problem }
        }
        if let typeName = change.typeName, let problem = rename(type: &changed.type, to: typeName, member: changed.name) { return problem }
        if let swiftName = change.swiftName { changed.swiftName = swiftName }
        if let isRequired = change.isRequired {
            changed.isRequired = isRequired
            if isRequired { changed.defaultValue = nil }  // a required parameter has no default
        }
        if let deprecation = change.deprecation { changed.deprecation = deprecation }
        if let isSensitive = change.isSensitive { changed.isSensitive = isSensitive }
        member = changed
        return nil
    }

    /// Gives the enumeration's values and name to a string member, or a list (of lists …) of strings.
    static func setEnumeration(_ enumeration: OverlayEnumeration, on type: inout TypeSpec) -> String? {
        if case .array(var items) = type.kind {
            let problem = setEnumeration(enumeration, on: &items.type)
            type.kind = .array(items)
            return problem
        }
        guard case .string = type.kind else {
            return "is \(article(type.kindName)) \(type.kindName); an enumeration's members are strings or lists of strings"
        }
        type.enumValues = enumeration.values
        type.enumTypeName = enumeration.name
        return nil
    }

    // MARK: Types

    /// A scalar, or a list of scalars, becomes `newType`. What no longer fits is dropped:
    /// constraints of another kind, allowed values of a non-string, an example or default that
    /// is not a value of the new type.
    private static func retype(_ member: inout MemberSpec, to newType: OverlayMemberChange.NewType, style: ParameterStyle?, side: MemberPath.Side) -> String? {
        var element = member.type
        while case .array(let items) = element.kind { element = items.type }
        if case .object = element.kind {
            return "is an object (or a list of objects); type changes apply to scalars and lists of scalars"
        }
        switch newType {
        case .scalar(let kind):
            if let style {
                let name = TypeSpec(kind: kind).kindName
                return "style=\"\(style.rawValue)\" applies to lists and objects; \(article(name)) \(name) is sent as it is"
            }
            member.type = scalar(kind, from: element)
            member.style = nil
            if let example = member.example, !isValue(example, of: kind) { member.example = nil }
            if let value = member.defaultValue, !isValue(value, of: kind) { member.defaultValue = nil }
        case .list(let kind):
            if style == .flat { return "style=\"flat\" applies to objects; a list is sent as repeatList (Name.1, Name.2) or json" }
            // The old value's constraints were about the whole text, not about one element.
            var elementType = scalar(kind, from: element)
            elementType.constraints = Constraints()
            let items = ItemSpec(type: elementType, swiftName: nil, description: nil, location: member.location)
            member.type = TypeSpec(kind: .array(items))
            member.style = side == .request ? (style ?? .repeatList) : nil
            member.defaultValue = nil
        }
        return nil
    }

    private static func restyle(_ member: inout MemberSpec, to style: ParameterStyle) -> String? {
        switch (member.type.kind, style) {
        case (.array, .flat): return "style=\"flat\" applies to objects; a list is sent as repeatList or json"
        case (.object, .repeatList): return "style=\"repeatList\" applies to lists; an object is sent as flat or json"
        case (.array, _), (.object, _): member.style = style
        default: return "style applies to lists and objects; '\(member.name)' is \(article(member.type.kindName)) \(member.type.kindName)"
        }
        return nil
    }

    /// A scalar of `kind` keeping what of `old` still applies.
    private static func scalar(_ kind: TypeSpec.Kind, from old: TypeSpec) -> TypeSpec {
        var type = TypeSpec(kind: kind)
        let oldIsNumber = isNumber(old.kind)
        switch kind {
        case .string:
            type.constraints = Constraints(minLength: old.constraints.minLength, maxLength: old.constraints.maxLength, pattern: old.constraints.pattern)
            if case .string = old.kind {
                type.enumValues = old.enumValues
                type.enumTypeName = old.enumTypeName
            }
        case .integer, .long, .float, .double:
            if oldIsNumber {
                let bounds = [old.constraints.minimum, old.constraints.maximum].map { $0.flatMap { isValue($0, of: kind) ? $0 : nil } }
                type.constraints = Constraints(minimum: bounds[0], maximum: bounds[1])
            }
        default:
            break
        }
        return type
    }

    /// Names the nested type of a list's elements (`<items swiftName>`), also through a
    /// response's list wrapper (`Instances: {Instance: [...]}`).
    private static func rename(type: inout TypeSpec, to name: String, member: String) -> String? {
        switch type.kind {
        case .array(var items):
            guard SwiftNames.objectMembers(of: items.type) != nil || SwiftNames.enumValues(of: items.type) != nil else {
                return "its elements are \(items.type.kindName)s, which have no type of their own"
            }
            items.swiftName = name
            type.kind = .array(items)
            return nil
        case .object(var members) where SwiftNames.listWrapperItem(type) != nil:
            let problem = rename(type: &members[0].type, to: name, member: members[0].name)
            type.kind = .object(members)
            return problem
        case .object:
            return "an object's type is named after its member: set swiftName=\"…\" instead"
        default:
            if !type.enumValues.isEmpty { return "its enumeration's type is named after the member: set swiftName=\"…\", or declare an <enumeration>" }
            return "is \(article(type.kindName)) \(type.kindName), which has no type of its own"
        }
    }

    private static func isNumber(_ kind: TypeSpec.Kind) -> Bool {
        switch kind {
        case .integer, .long, .float, .double: true
        default: false
        }
    }

    /// Whether `text` is a value of `kind`, as the spec validator reads it.
    private static func isValue(_ text: String, of kind: TypeSpec.Kind) -> Bool {
        switch kind {
        case .integer: Int32(text) != nil
        case .long: Int64(text) != nil
        case .float, .double: Double(text) != nil
        case .boolean: text == "true" || text == "false"
        default: true
        }
    }

    static func article(_ word: String) -> String {
        "aeiou".contains(word.first ?? "x") ? "an" : "a"
    }
}
