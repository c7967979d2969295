/// Paginators as client methods, thin over the runtime's `RPCClient.paginator`: one line each,
/// naming the action's paging members by key path.
extension Translator {
    /// The generated actions that page.
    var pagingActions: [ActionSpec] { actions.filter { $0.paging != nil } }

    func paginatorsContext() -> PaginatorsContext {
        let paginators = pagingActions.compactMap(paginatorContext)
        return PaginatorsContext(
            clientTypeName: SwiftNames.clientType(product), paginators: paginators, exampleMethodName: paginators.first?.methodName ?? "")
    }

    private func paginatorContext(_ action: ActionSpec) -> PaginatorContext? {
        guard let paging = action.paging, let items = responsePath(paging.items, in: action) else { return nil }
        let requestType = SwiftNames.requestType(action) ?? "_"
        let responseType = SwiftNames.responseType(action) ?? "_"
        func requestKeyPath(_ name: String) -> String {
            let member = action.parameters.first { $0.name == name }
            return "\\." + SwiftNaming.escaped(member.flatMap(SwiftNames.member) ?? "_")
        }
        func responseKeyPath(_ path: [String]) -> String {
            responsePath(path, in: action)?.keyPath ?? "\\._"
        }
        let expression: String
        let style: String
        if let token = paging.nextToken {
            // Where an action offers both styles, the token: it does not skip or repeat items
            // while the listing changes, as page numbers do.
            expression = ".nextToken(request: \(requestKeyPath(token.request)), response: \(responseKeyPath(token.response)))"
            style = "Pages by `\(token.request)`: the request's own token (if any) asks for the first page, each page's `\(token.response.joined(separator: "."))` for the next; paging ends when a page has none."
        } else if let page = paging.pageNumber {
            var arguments = ["request: \(requestKeyPath(page.request))"]
            if let pageSize = page.pageSize { arguments.append("pageSize: \(responseKeyPath(pageSize))") }
            if let totalCount = page.totalCount { arguments.append("totalCount: \(responseKeyPath(totalCount))") }
            expression = ".pageNumber(" + arguments.joined(separator: ", ") + ")"
            style = "Pages by `\(page.request)`, from the request's own (or 1); paging ends on an empty or short page\(page.totalCount == nil ? "" : " or at the total count")."
        } else {
            return nil
        }
        let itemsProperty = items.steps.map(\.property).joined(separator: ".")
        return PaginatorContext(
            methodName: SwiftNaming.escaped(SwiftNames.paginatorMethod(action) ?? "_"),
            requestTypeName: requestType,
            itemTypeName: valueTypeName(items, responseType: responseType),
            pagingExpression: expression,
            itemsKeyPath: items.keyPath,
            docLines: SwiftText.docLines(SwiftText.paragraphs([
                "Every page of `\(action.name)`, each a ``\(responseType)``, asked for as you iterate; `.items` gives each of their `\(itemsProperty)`.",
                style,
            ])),
            availability: availability(action.deprecation)
        )
    }
}
