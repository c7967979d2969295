/// Applies a product's overlay to the product the importer converted, before Swift names are
/// resolved and files written: merges, then member changes, then enumerations, each in file
/// order.
///
/// Every entry must still match: an action or member that is no longer there (renamed or
/// removed upstream), a change that does not fit the member (a type name for a string), or two
/// entries changing the same thing of one member is an error at the entry's line, and the
/// import writes nothing.
///
/// A class: the matching helpers call back into it while they walk the product.
final class OverlayApplication {
    let overlay: ProductOverlay
    private(set) var diagnostics = DiagnosticCollector()
    /// One line per change made, `RunInstances: request.SystemDisk: merged 6 parameters`.
    private(set) var changes: [String] = []
    /// The containers merges filled, by action, so the importer can drop its "kept as separate
    /// parameters" notes about them.
    private(set) var mergedContainers: [(action: String, container: String)] = []
    /// `action|path|what` → the entry that changed it, to catch two entries changing one thing.
    private var claimed: [String: SourceLocation] = [:]

    init(overlay: ProductOverlay) {
        self.overlay = overlay
    }

    func apply(to product: inout ProductSpec) {
        guard overlay.product == product.name else {
            diagnostics.error(
                "the overlay is for product '\(overlay.product)', but the metadata describes '\(product.name)'",
                at: overlay.location,
                hint: "import into the folder of product '\(overlay.product)', or correct product=\"…\""
            )
            return
        }
        for merge in overlay.merges { apply(merge, to: &product) }
        for change in overlay.memberChanges { apply(change, to: &product) }
        var names: [String: SourceLocation] = [:]
        for enumeration in overlay.enumerations {
            if let first = names[enumeration.name] {
                diagnostics.error("the enumeration '\(enumeration.name)' is already declared at line \(first.line)", at: enumeration.location, hint: "add the uses to that one")
                continue
            }
            names[enumeration.name] = enumeration.location
            for use in enumeration.uses { apply(enumeration, use: use, to: &product) }
        }
        if let selection = overlay.selection { apply(selection, to: &product) }
    }

    /// The `<paging>` entries: after the importer has inferred paging, each replaces what it
    /// inferred for its action (and is checked against the action at its own line).
    func applyPaging(to product: inout ProductSpec) {
        var seen: [String: SourceLocation] = [:]
        for entry in overlay.pagings {
            if let first = seen[entry.action] {
                diagnostics.error("the paging of '\(entry.action)' is already given at line \(first.line)", at: entry.location, hint: "keep one")
                continue
            }
            seen[entry.action] = entry.location
            guard let index = product.actions.firstIndex(where: { $0.name == entry.action }) else {
                diagnostics.error(
                    "the metadata has no action '\(entry.action)'",
                    at: entry.location,
                    hint: "it may have been renamed or removed upstream: update or remove the entry"
                )
                continue
            }
            if let paging = entry.paging {
                let problems = PagingValidator.check(paging, of: product.actions[index])
                guard problems.isEmpty else {
                    for problem in problems { diagnostics.error("'\(entry.action)': " + problem.message, at: entry.location, hint: problem.hint) }
                    continue
                }
            }
            let inferred = product.actions[index].paging
            var replacement = entry.paging
            replacement?.location = product.actions[index].location
            product.actions[index].paging = replacement
            let what = switch (replacement, inferred) {
            case (nil, _): "no paginator"
            case (_, nil): "paging given (none was inferred)"
            default: "paging replaced"
            }
            changes.append("\(entry.action): paging: \(what)")
        }
    }

    // MARK: Entries

    /// `<generate>`: the product file will list these actions, each of which must still exist.
    private func apply(_ selection: OverlaySelection, to product: inout ProductSpec) {
        let known = Set(product.actions.map(\.name))
        var kept: [ActionSelection] = []
        for action in selection.actions {
            guard known.contains(action.name) else {
                diagnostics.error(
                    "the metadata has no action '\(action.name)'",
                    at: action.location,
                    hint: "it may have been renamed or removed upstream: update or remove the entry"
                )
                continue
            }
            kept.append(action)
        }
        product.selection = kept
        changes.append("generate: \(kept.count) of \(product.actions.count) actions")
    }

    private func apply(_ merge: OverlayMerge, to product: inout ProductSpec) {
        let target = merge.target
        guard target.path.side == .request, target.path.parts.count == 1 else {
            diagnostics.error(
                "a merge names a top-level request parameter (request.SystemDisk), not '\(target.path)'",
                at: target.location,
                hint: "dotted parameters are listed at the top level of a request only"
            )
            return
        }
        let container = target.path.parts[0]
        forEachAction(of: target, in: &product) { action, merged in
            do throws(DottedGroupMerge.Failure) {
                let count = try DottedGroupMerge(actionName: action.name).merge(container: container, in: &action.parameters)
                merged = true
                changes.append("\(action.name): \(target.path): merged \(count) parameter\(count == 1 ? "" : "s")")
                mergedContainers.append((action.name, container))
            } catch {
                // With `*`, an action without the group simply does not match.
                if !target.isWildcard { diagnostics.error("'\(action.name)' \(error.reason)", at: target.location) }
            }
        }
    }

    private func apply(_ change: OverlayMemberChange, to product: inout ProductSpec) {
        let target = change.target
        forEachMember(of: target, in: &product) { action, member in
            let key = "\(action)|\(target.path)|"
            for (what, isSet) in [
                ("swiftName", change.swiftName != nil), ("typeName", change.typeName != nil), ("type", change.type != nil),
                ("style", change.style != nil), ("required", change.isRequired != nil), ("deprecated", change.deprecation != nil),
                ("sensitive", change.isSensitive != nil),
            ] where isSet {
                if let problem = claim(key + what, what: what, by: target.location) { return problem }
            }
            if let problem = Self.change(&member, by: change, side: target.path.side) { return problem }
            changes.append("\(action): \(target.path): \(Self.summary(of: change))")
            return nil
        }
    }

    private func apply(_ enumeration: OverlayEnumeration, use: OverlayTarget, to product: inout ProductSpec) {
        forEachMember(of: use, in: &product) { action, member in
            if let problem = claim("\(action)|\(use.path)|enumeration", what: "enumeration", by: use.location) { return problem }
            if let problem = Self.setEnumeration(enumeration, on: &member.type) { return problem }
            changes.append("\(action): \(use.path): enumeration \(enumeration.name)")
            return nil
        }
    }

    /// Nil if nothing else changed `what` at `key`; else the problem.
    private func claim(_ key: String, what: String, by location: SourceLocation) -> String? {
        if let first = claimed[key] {
            return "its \(what) is already changed by the entry at line \(first.line)"
        }
        claimed[key] = location
        return nil
    }

    // MARK: Matching

    /// Calls `body` with each action the target names; `body` says whether it matched. A named
    /// action must exist; `*` must match at least one.
    private func forEachAction(
        of target: OverlayTarget, in product: inout ProductSpec, _ body: (inout ActionSpec, inout Bool) -> Void
    ) {
        if target.isWildcard {
            var matched = false
            for index in product.actions.indices { body(&product.actions[index], &matched) }
            if !matched {
                diagnostics.error("no action has \(Self.describe(target.path)) to merge", at: target.location, hint: "remove the entry")
            }
            return
        }
        guard let index = product.actions.firstIndex(where: { $0.name == target.action }) else {
            diagnostics.error(
                "the metadata has no action '\(target.action)'",
                at: target.location,
                hint: "it may have been renamed or removed upstream: update or remove the entry"
            )
            return
        }
        var matched = false
        body(&product.actions[index], &matched)
    }

    /// Calls `change` on each member the target names (returning a problem, or nil); reports
    /// what did not match.
    private func forEachMember(
        of target: OverlayTarget, in product: inout ProductSpec, _ change: (String, inout MemberSpec) -> String?
    ) {
        let path = target.path
        var problems: [String] = []
        var found = 0
        func visit(_ action: inout ActionSpec) throws(MemberLookup.Miss) {
            let name = action.name
            let problem: String?
            switch path.side {
            case .request: problem = try MemberLookup.update(&action.parameters, at: path.parts[...]) { change(name, &$0) }
            case .response: problem = try MemberLookup.update(&action.fields, at: path.parts[...]) { change(name, &$0) }
            }
            found += 1
            if let problem { problems.append("'\(name)': \(path): \(problem)") }
        }
        if target.isWildcard {
            for index in product.actions.indices { try? visit(&product.actions[index]) }
            if found == 0 {
                diagnostics.error("no action has \(Self.describe(path))", at: target.location, hint: "it may have been renamed or removed upstream: update or remove the entry")
            }
        } else if let index = product.actions.firstIndex(where: { $0.name == target.action }) {
            do throws(MemberLookup.Miss) {
                try visit(&product.actions[index])
            } catch {
                let place = ([path.side.rawValue] + error.matched).joined(separator: ".")
                diagnostics.error(
                    error.matched.isEmpty
                        ? "'\(target.action)' has no \(Self.describe(path))"
                        : "'\(target.action)': \(place) \(error.reason)",
                    at: target.location,
                    hint: "it may have been renamed or removed upstream: update or remove the entry"
                )
            }
        } else {
            diagnostics.error(
                "the metadata has no action '\(target.action)'",
                at: target.location,
                hint: "it may have been renamed or removed upstream: update or remove the entry"
            )
        }
        for problem in problems { diagnostics.error(problem, at: target.location) }
    }

    private static func describe(_ path: MemberPath) -> String {
        "\(path.side == .request ? "request parameter" : "response field") '\(path.parts.joined(separator: "."))'"
    }

    private static func summary(of change: OverlayMemberChange) -> String {
        var parts: [String] = []
        if let swiftName = change.swiftName { parts.append("swiftName \(swiftName)") }
        if let typeName = change.typeName { parts.append("typeName \(typeName)") }
        switch change.type {
        case .scalar(let kind)?: parts.append("type \(TypeSpec(kind: kind).kindName)")
        case .list(let kind)?: parts.append("type [\(TypeSpec(kind: kind).kindName)]")
        case nil: break
        }
        if let style = change.style { parts.append("style \(style.rawValue)") }
        if let isRequired = change.isRequired { parts.append(isRequired ? "required" : "optional") }
        if change.deprecation != nil { parts.append("deprecated") }
        if let isSensitive = change.isSensitive { parts.append(isSensitive ? "sensitive" : "not sensitive") }
        return parts.joined(separator: ", ")
    }
}
