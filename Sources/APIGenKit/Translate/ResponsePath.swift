/// A path of wire names into an action's response (`Instances.Instance.Status`), resolved to the
/// members it passes and to how generated Swift reaches them, for paginators and waiters.
///
/// A list wrapper of a response-only type is its list (`Instances` is `instances: [Instance]`),
/// named by either its own name or its own and its list's (`Instances.Instance`). Lists are
/// passed through: the next name is a member of the list's elements.
struct ResponsePath: Sendable {
    struct Step: Sendable {
        /// The member the step names (a wrapper, not its list).
        var member: MemberSpec
        /// The Swift property, escaped.
        var property: String
        var isOptional: Bool
        /// The property is an array (a list, or a list wrapper's list).
        var isList: Bool
        /// The value's type; a list's element type.
        var value: TypeSpec
        /// The member that names the value's nested type (the wrapper's list, for a wrapper).
        var typeOwner: MemberSpec
    }

    struct Failure: Error, Sendable {
        var message: String
    }

    var steps: [Step]
    /// `Instances.Instance.Status`, as written.
    var text: String

    /// Resolves `parts` among `fields`; `isResponseOnly` says whether the object type holding
    /// some members is only ever read from responses (its lists are then plain arrays, its list
    /// wrappers lists), given that its enclosing type is or is not.
    static func resolve(
        _ parts: [String], in fields: [MemberSpec],
        isResponseOnly: (_ members: [MemberSpec], _ enclosing: Bool) -> Bool = { _, enclosing in enclosing }
    ) throws(Failure) -> ResponsePath {
        let text = parts.joined(separator: ".")
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { throw Failure(message: "'\(text)' is not a path of wire names joined by dots") }
        var steps: [Step] = []
        var members = fields
        var responseOnly = true
        var index = 0
        var place = "the response"
        while index < parts.count {
            guard let member = members.first(where: { $0.name == parts[index] }) else {
                throw Failure(message: "\(place) has no field '\(parts[index])'")
            }
            index += 1
            var step = Step(
                member: member, property: SwiftNaming.escaped(SwiftNames.member(member) ?? "_"), isOptional: !member.isRequired,
                isList: false, value: member.type, typeOwner: member)
            if responseOnly, let list = SwiftNames.listWrapperItem(member.type) {
                // The wrapper is its list; its list's name may follow.
                if index < parts.count, parts[index] == list.name { index += 1 }
                step.typeOwner = list
                step.value = list.type
            }
            if case .array(let items) = step.value.kind {
                if case .array = items.type.kind { throw Failure(message: "'\(member.name)' is a list of lists, which a path cannot pass") }
                step.isList = true
                step.value = items.type
                // A response-only type's lists are never optional (empty when missing).
                step.isOptional = !member.isRequired && !responseOnly
            }
            steps.append(step)
            place = "'" + parts[..<index].joined(separator: ".") + "'"
            guard index < parts.count else { break }
            guard case .object(let children) = step.value.kind else {
                let kind = step.value.kindName
                throw Failure(message: "\(place) is \(kind == "integer" ? "an" : "a") \(kind), which has no field '\(parts[index])'")
            }
            responseOnly = isResponseOnly(children, responseOnly)
            members = children
        }
        return ResponsePath(steps: steps, text: text)
    }

    var last: Step { steps[steps.count - 1] }

    /// Whether a step before the last is a list (a key path cannot pass a list).
    var passesList: Bool { steps.dropLast().contains(where: \.isList) }

    /// `\.invocation?.nextToken`: a key path to the last step, for a path that passes no list.
    var keyPath: String {
        var text = "\\."
        for (index, step) in steps.enumerated() {
            // Optional chaining: `?` after each optional member (`\.invocation?.nextToken`).
            if index > 0 { text += steps[index - 1].isOptional ? "?." : "." }
            text += step.property
        }
        return text
    }

    /// Whether the key path's value is optional (some step is).
    var isOptionalValue: Bool { steps.contains(where: \.isOptional) }
}
