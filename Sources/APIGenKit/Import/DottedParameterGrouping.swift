/// Groups parameters whose wire names already contain dots into one container parameter, so
/// that the Swift API gets a list or an object while the wire names stay exactly as listed
/// (the runtime flattens arrays as `Name.1`, `Name.2`, … and objects as `Name.Member`):
///
/// - `Filter.1.Key`, `Filter.1.Value`, …, `Filter.4.Value` → `Filter`, an array (`repeatList`,
///   `maxItems` = the highest N) of objects with members `Key` and `Value`;
/// - `AddGroup.1` → `AddGroup`, an array of the listed type;
/// - `SystemDisk.Size`, `SystemDisk.Category` → `SystemDisk`, an object (`flat`) with members
///   `Size` and `Category`;
/// - nested to any depth (`A.1.B.2.C`).
///
/// An element's members are taken from the lowest N (`Filter.1.Key`: its type, description,
/// example and constraints); the group takes the place of its first parameter. A container is
/// required when one of its members is. An array of scalars (`AddGroup.1`) takes the element's
/// description and type (with its constraints and allowed values), not its example, which is
/// a value of the element rather than of the list.
///
/// Groups that do not describe one container cleanly are left exactly as they are and reported:
/// a plain parameter with the group's name (`DataDisk` beside `DataDisk.1.Size`), numbered and
/// named parts mixed (`X.1` and `X.Y`), a name that is both a value and has parts (`X.Y` and
/// `X.Y.Z`), elements whose members differ (`X.1.A` but `X.2.B`), or an empty name part.
struct DottedParameterGrouping {
    let actionName: String
    private(set) var log = IssueLog()
    /// Parameters with a dot in their name, and how many of them went into groups.
    private(set) var dottedCount = 0
    private(set) var groupedCount = 0
    private(set) var groupCount = 0

    init(actionName: String) {
        self.actionName = actionName
    }

    private struct Irregular: Error {
        var reason: String
    }

    private typealias Entry = (rest: ArraySlice<String>, member: MemberSpec)

    mutating func group(_ members: [MemberSpec]) -> [MemberSpec] {
        let dotted = members.filter { $0.name.contains(".") }
        dottedCount = dotted.count
        guard !dotted.isEmpty else { return members }
        let plainNames = Set(members.filter { !$0.name.contains(".") }.map(\.name))

        var heads: [String] = []
        var byHead: [String: [MemberSpec]] = [:]
        for member in dotted {
            let head = String(member.name.prefix { $0 != "." })
            if byHead[head] == nil { heads.append(head) }
            byHead[head, default: []].append(member)
        }

        var replacements: [String: MemberSpec] = [:]  // first member's name → group
        var consumed: Set<String> = []
        for head in heads {
            let group = byHead[head]!
            let names = group.map(\.name)
            do throws(Irregular) {
                if plainNames.contains(head) { throw Irregular(reason: "a parameter named '\(head)' is listed too") }
                var entries: [Entry] = []
                for member in group {
                    let parts = member.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                    if parts.contains(where: \.isEmpty) { throw Irregular(reason: "'\(member.name)' has an empty name part") }
                    entries.append((parts.dropFirst(), member))
                }
                let container = try build(name: head, entries: entries, path: head)
                replacements[group[0].name] = container
                consumed.formUnion(names)
                groupedCount += group.count
                groupCount += 1
            } catch {
                let listed = names.count <= 4 ? names.map { "'\($0)'" }.joined(separator: ", ") : "'\(names[0])' and \(names.count - 1) more"
                log.add(.irregularDottedGroup, action: actionName, path: "request." + head,
                        "\(listed) kept as separate parameters: \(error.reason)")
            }
        }
        return members.compactMap { member in
            if let group = replacements[member.name] { return group }
            return consumed.contains(member.name) ? nil : member
        }
    }

    /// The container for entries whose names continue below `name` (every `rest` is non-empty).
    private func build(name: String, entries: [Entry], path: String) throws(Irregular) -> MemberSpec {
        let location = entries[0].member.location
        let indices = entries.map { Self.index($0.rest.first!) }
        if indices.allSatisfy({ $0 != nil }) {
            // An array: `name.N…`.
            var byIndex: [Int: [Entry]] = [:]
            for (entry, index) in zip(entries, indices) { byIndex[index!, default: []].append((entry.rest.dropFirst(), entry.member)) }
            let sorted = byIndex.keys.sorted()
            let lowest = byIndex[sorted[0]]!
            let shape = Self.shape(lowest)
            for index in sorted.dropFirst() where Self.shape(byIndex[index]!) != shape {
                throw Irregular(reason: "'\(path).\(index)' does not have the same parts as '\(path).\(sorted[0])'")
            }
            let items: ItemSpec
            var isRequired = false
            var description: String?
            var deprecation: Deprecation?
            if lowest.allSatisfy({ $0.rest.isEmpty }) {
                // `name.N` itself is the value: an array of its type.
                guard lowest.count == 1 else { throw Irregular(reason: "'\(path).\(sorted[0])' is listed twice") }
                let element = lowest[0].member
                if element.style == .json { throw Irregular(reason: "'\(element.name)' is sent as JSON") }
                items = ItemSpec(type: element.type, swiftName: nil, description: nil, location: location)
                isRequired = element.isRequired
                description = element.description
                deprecation = element.deprecation
            } else if lowest.contains(where: { $0.rest.isEmpty }) {
                throw Irregular(reason: "'\(path).\(sorted[0])' is both a value and has parts")
            } else {
                let members = try objectMembers(lowest, path: path + "." + String(sorted[0]))
                items = ItemSpec(type: TypeSpec(kind: .object(members)), swiftName: nil, description: nil, location: location)
                isRequired = members.contains(where: \.isRequired)
            }
            return MemberSpec(
                name: name,
                type: TypeSpec(kind: .array(items), constraints: Constraints(maxItems: sorted.last!)),
                isRequired: isRequired, description: description, deprecation: deprecation, style: .repeatList,
                location: location
            )
        }
        if indices.allSatisfy({ $0 == nil }) {
            // An object: `name.Member…`.
            let members = try objectMembers(entries, path: path)
            return MemberSpec(
                name: name, type: TypeSpec(kind: .object(members)), isRequired: members.contains(where: \.isRequired),
                style: .flat, location: location
            )
        }
        throw Irregular(reason: "'\(path)' has both numbered and named parts")
    }

    /// Members named by the first part of each entry's rest, in order of first appearance.
    private func objectMembers(_ entries: [Entry], path: String) throws(Irregular) -> [MemberSpec] {
        var order: [String] = []
        var byPart: [String: [Entry]] = [:]
        for entry in entries {
            let part = entry.rest.first!
            if byPart[part] == nil { order.append(part) }
            byPart[part, default: []].append(entry)
        }
        var members: [MemberSpec] = []
        for part in order {
            let group = byPart[part]!
            if group.count == 1, group[0].rest.count == 1 {
                var leaf = group[0].member
                leaf.name = part
                members.append(leaf)
            } else if group.contains(where: { $0.rest.count == 1 }) {
                throw Irregular(reason: "'\(path).\(part)' is both a value and has parts")
            } else {
                members.append(try build(name: part, entries: group.map { ($0.rest.dropFirst(), $0.member) }, path: path + "." + part))
            }
        }
        return members
    }

    /// `1`, `2`, … (no sign, no leading zero); nil for any other part.
    private static func index(_ part: String) -> Int? {
        guard let first = part.first, first != "0", part.allSatisfy(\.isASCIIDigit), let value = Int(part) else { return nil }
        return value
    }

    /// What an element consists of: each part path with its type, order-independent.
    private static func shape(_ entries: [Entry]) -> [String] {
        entries.map { $0.rest.joined(separator: ".") + ":" + $0.member.type.kindName }.sorted()
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
