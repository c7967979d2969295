/// Finds the member a `MemberPath` names in an action's members, to change it in place.
///
/// At each level the longest run of the remaining parts that is a member's wire name wins
/// (`SystemDisk.Size` is one name before a merge), falling back to shorter runs; a list is
/// passed through to its elements' members, to any depth.
enum MemberLookup {
    /// Why a path named nothing: the deepest place the lookup reached.
    struct Miss: Error, Hashable {
        /// The wire names matched so far (`Instances.Instance`), empty at the top.
        var matched: [String]
        /// What was not there (`Status`), or the reason the lookup could not go on.
        var reason: String
    }

    /// Calls `change` on the member at `path` among `members` and returns what it returns;
    /// throws a `Miss` if no member is there.
    static func update<Result>(
        _ members: inout [MemberSpec], at path: ArraySlice<String>, matched: [String] = [],
        _ change: (inout MemberSpec) -> Result
    ) throws(Miss) -> Result {
        var deepest = Miss(matched: matched, reason: "has no member '\(path.joined(separator: "."))'")
        for length in stride(from: path.count, through: 1, by: -1) {
            let name = path.prefix(length).joined(separator: ".")
            guard let index = members.firstIndex(where: { $0.name == name }) else { continue }
            let rest = path.dropFirst(length)
            if rest.isEmpty { return change(&members[index]) }
            let here = matched + [name]
            do throws(Miss) {
                return try updateNested(&members[index].type, at: rest, matched: here, change)
            } catch {
                if error.matched.count >= deepest.matched.count { deepest = error }
            }
        }
        throw deepest
    }

    /// Whether `members` has a member at `path`.
    static func contains(_ members: [MemberSpec], at path: ArraySlice<String>) -> Bool {
        var copy = members
        return (try? update(&copy, at: path) { _ in () }) != nil
    }

    /// The members of an object, or of a list's (of lists' …) object elements.
    private static func updateNested<Result>(
        _ type: inout TypeSpec, at path: ArraySlice<String>, matched: [String], _ change: (inout MemberSpec) -> Result
    ) throws(Miss) -> Result {
        switch type.kind {
        case .object(var members):
            defer { type.kind = .object(members) }
            return try update(&members, at: path, matched: matched, change)
        case .array(var items):
            defer { type.kind = .array(items) }
            return try updateNested(&items.type, at: path, matched: matched, change)
        default:
            let article = "aeiou".contains(type.kindName.first!) ? "an" : "a"
            throw Miss(matched: matched, reason: "is \(article) \(type.kindName), which has no members")
        }
    }
}
