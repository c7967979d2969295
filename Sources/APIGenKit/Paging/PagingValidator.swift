/// Checks an action's `<paging>` against the action: every member it names exists where it
/// says and has a type the paginator can use. Problems are reported at the `<paging>` element.
enum PagingValidator {
    static func check(_ paging: PagingSpec, of action: ActionSpec) -> [Diagnostic] {
        var problems: [String] = []
        func response(_ parts: [String], _ label: String, kinds: Set<String>, list: Bool = false) {
            do throws(ResponsePath.Failure) {
                let path = try ResponsePath.resolve(parts, in: action.fields)
                if path.passesList {
                    problems.append("\(label) '\(path.text)' passes the list '\(path.steps.first(where: \.isList)!.member.name)'; a paginator reads one value per page")
                } else if list != path.last.isList {
                    problems.append(list ? "items '\(path.text)' is not a list" : "\(label) '\(path.text)' is a list, not one value")
                } else if !list, !kinds.contains(path.last.value.kindName) {
                    problems.append("\(label) '\(path.text)' is \(article(path.last.value.kindName)), not \(kinds.sorted().map(article).joined(separator: " or "))")
                }
            } catch {
                problems.append("\(label): \(error.message)")
            }
        }
        func request(_ name: String, _ label: String, kinds: Set<String>) {
            guard let parameter = action.parameters.first(where: { $0.name == name }) else {
                problems.append("\(label): the request has no parameter '\(name)'")
                return
            }
            if !kinds.contains(parameter.type.kindName) {
                problems.append("\(label) '\(name)' is \(article(parameter.type.kindName)), not \(kinds.sorted().map(article).joined(separator: " or "))")
            }
        }
        let integers: Set = ["integer", "long"]
        response(paging.items, "items", kinds: [], list: true)
        if let token = paging.nextToken {
            request(token.request, "nextToken request", kinds: ["string"])
            response(token.response, "nextToken response", kinds: ["string"])
        }
        if let page = paging.pageNumber {
            request(page.request, "pageNumber request", kinds: integers)
            if let pageSize = page.pageSize { response(pageSize, "pageNumber pageSize", kinds: integers) }
            if let totalCount = page.totalCount { response(totalCount, "pageNumber totalCount", kinds: integers) }
        }
        return problems.map {
            .error($0, at: paging.location, hint: "name the action's own members (wire names; response paths joined by dots)")
        }
    }

    private static func article(_ kind: String) -> String {
        ("aeiou".contains(kind.first ?? "x") ? "an " : "a ") + kind
    }
}
