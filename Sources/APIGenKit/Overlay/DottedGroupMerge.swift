/// Merges parameters whose wire names continue a container's (`SystemDisk.Size`,
/// `DataDisk.1.Size`) into that container (`SystemDisk`, an object; `DataDisk`, a list of
/// objects), which `DottedParameterGrouping` leaves apart because both are listed.
///
/// The dotted parameters are grouped as the importer groups any dotted name, then merged: the
/// container lists the group's members first, in their order, then the members only it had; a
/// member both have keeps the container's definition (merged again if both are containers). A
/// list keeps the larger `maxItems`. Wire names do not change, so the request sends exactly
/// what it sent before, once.
struct DottedGroupMerge {
    struct Failure: Error {
        var reason: String
    }

    let actionName: String

    /// Merges `request.<container>` in `parameters`; returns how many dotted parameters it took.
    func merge(container name: String, in parameters: inout [MemberSpec]) throws(Failure) -> Int {
        guard let containerIndex = parameters.firstIndex(where: { $0.name == name }) else {
            throw Failure(reason: "has no request parameter '\(name)' to merge into")
        }
        let prefix = name + "."
        let dotted = parameters.filter { $0.name.hasPrefix(prefix) }
        guard !dotted.isEmpty else {
            throw Failure(reason: "has no parameters named '\(name).…' beside '\(name)' (merged upstream already?); remove the entry")
        }
        var grouping = DottedParameterGrouping(actionName: actionName)
        // Alone (without the container), the dotted parameters group cleanly or say why not.
        let grouped = grouping.group(dotted)
        if let irregular = grouping.log.issues.first {
            throw Failure(reason: "cannot group its '\(name).…' parameters: \(irregular.message)")
        }
        guard grouped.count == 1, let incoming = grouped.first else {
            throw Failure(reason: "cannot group its '\(name).…' parameters into one container")
        }
        try Self.merge(incoming, into: &parameters[containerIndex], path: name)
        parameters.removeAll { $0.name.hasPrefix(prefix) }
        return dotted.count
    }

    /// `incoming`'s members into `existing`, recursively.
    private static func merge(_ incoming: MemberSpec, into existing: inout MemberSpec, path: String) throws(Failure) {
        existing.isRequired = existing.isRequired || incoming.isRequired
        switch (existing.type.kind, incoming.type.kind) {
        case (.object(let own), .object(let theirs)):
            existing.type.kind = .object(try mergeMembers(theirs, into: own, path: path))
        case (.array(var ownItems), .array(let theirItems)):
            switch (ownItems.type.kind, theirItems.type.kind) {
            case (.object(let own), .object(let theirs)):
                ownItems.type.kind = .object(try mergeMembers(theirs, into: own, path: path + ".N"))
            case (.object, _), (_, .object):
                throw Failure(reason: "cannot merge '\(path)': its elements are \(ownItems.type.kindName)s, the dotted parameters' are \(theirItems.type.kindName)s")
            default:
                break  // a list of scalars: the container's element type stands
            }
            existing.type.kind = .array(ownItems)
            let maxItems = [existing.type.constraints.maxItems, incoming.type.constraints.maxItems].compactMap { $0 }.max()
            existing.type.constraints.maxItems = maxItems
        default:
            throw Failure(reason: "cannot merge '\(path)': it is \(describe(existing.type)), but its dotted parameters make \(describe(incoming.type))")
        }
    }

    private static func mergeMembers(_ incoming: [MemberSpec], into own: [MemberSpec], path: String) throws(Failure) -> [MemberSpec] {
        var merged: [MemberSpec] = []
        var taken: Set<String> = []
        for member in incoming {
            guard var existing = own.first(where: { $0.name == member.name }) else {
                merged.append(member)
                continue
            }
            taken.insert(member.name)
            if isContainer(existing.type), isContainer(member.type) {
                try merge(member, into: &existing, path: path + "." + member.name)
            }
            merged.append(existing)
        }
        merged += own.filter { !taken.contains($0.name) }
        return merged
    }

    private static func isContainer(_ type: TypeSpec) -> Bool {
        switch type.kind {
        case .object, .array: true
        default: false
        }
    }

    private static func describe(_ type: TypeSpec) -> String {
        switch type.kind {
        case .object: "an object"
        case .array: "a list"
        case .integer: "an integer"
        default: "a \(type.kindName)"
        }
    }
}
