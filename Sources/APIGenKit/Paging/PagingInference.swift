/// Infers how an imported action pages: Alibaba's metadata marks nothing, but paging actions
/// follow two conventions.
///
/// - By token: a string request parameter `NextToken`, and a string response field `NextToken`
///   at the top of the response or one object down (`Invocation.NextToken`).
/// - By page number: an integer request parameter `PageNumber`; the response's `PageSize` and
///   `TotalCount` beside the list, when it has them.
///
/// The items are the one list (an array, or a list wrapper) beside the response's token or page
/// fields; one object down when the token is there. An action that has a paging parameter but
/// no single list, or a token on one side only, is left out, with the reason.
enum PagingInference {
    enum Outcome: Equatable {
        /// The action does not look like it pages.
        case none
        case paging(PagingSpec)
        /// It looks like it pages, but cannot be described; why.
        case leftOut(String)
    }

    static func infer(_ action: ActionSpec) -> Outcome {
        let tokenParameter = action.parameters.first { $0.name == "NextToken" }
        let pageParameter = action.parameters.first { $0.name == "PageNumber" }
        guard tokenParameter != nil || pageParameter != nil else { return .none }
        var reasons: [String] = []

        // Where the paging fields are: the response itself, or the one object holding `NextToken`.
        var scope: (path: [String], members: [MemberSpec]) = ([], action.fields)
        var tokenPath: [String]?
        if let tokenParameter {
            if tokenParameter.type.kind != .string {
                reasons.append("its NextToken parameter is \(tokenParameter.type.kindName), not a string")
            } else if isString(action.fields.first { $0.name == "NextToken" }) {
                tokenPath = ["NextToken"]
            } else if let holder = action.fields.first(where: { isString(objectMembers($0)?.first { $0.name == "NextToken" }) }) {
                tokenPath = [holder.name, "NextToken"]
                scope = ([holder.name], objectMembers(holder) ?? [])
            } else {
                reasons.append("it takes NextToken but its response has no NextToken")
            }
        }
        var pageRequest: String?
        if let pageParameter {
            switch pageParameter.type.kind {
            case .integer, .long: pageRequest = pageParameter.name
            default: reasons.append("its PageNumber parameter is \(pageParameter.type.kindName), not an integer")
            }
        }
        guard tokenPath != nil || pageRequest != nil else { return .leftOut(reasons.joined(separator: "; ")) }

        let lists = scope.members.filter { SwiftNames.isCollection($0.type) }
        guard lists.count == 1, let list = lists.first else {
            let place = scope.path.isEmpty ? "its response" : "'\(scope.path.joined(separator: "."))'"
            return .leftOut(lists.isEmpty
                ? "\(place) has no list of items"
                : "\(place) has \(lists.count) lists ('\(lists.map(\.name).joined(separator: ", "))'), so which holds the items is not clear")
        }
        var items = scope.path + [list.name]
        if let inner = SwiftNames.listWrapperItem(list.type) { items.append(inner.name) }
        func integerField(_ name: String) -> [String]? {
            guard let field = scope.members.first(where: { $0.name == name }) else { return nil }
            switch field.type.kind {
            case .integer, .long: return scope.path + [name]
            default: return nil
            }
        }
        return .paging(PagingSpec(
            items: items,
            nextToken: tokenPath.map { PagingSpec.NextToken(request: "NextToken", response: $0) },
            pageNumber: pageRequest.map { PagingSpec.PageNumber(request: $0, pageSize: integerField("PageSize"), totalCount: integerField("TotalCount")) },
            location: action.location
        ))
    }

    private static func isString(_ member: MemberSpec?) -> Bool {
        member?.type.kind == .string
    }

    private static func objectMembers(_ member: MemberSpec) -> [MemberSpec]? {
        if case .object(let members) = member.type.kind, SwiftNames.listWrapperItem(member.type) == nil { return members }
        return nil
    }
}
