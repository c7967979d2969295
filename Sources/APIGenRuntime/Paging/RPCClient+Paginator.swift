extension RPCClient {
    /// The pages of a paging action, starting with `request` (its page number or token, page
    /// size and maximum results are kept), as a lazy ``RPCPaginator``.
    ///
    /// What generated `…Paginator` methods call:
    ///
    /// ```swift
    /// client.paginator(request, paging: .nextToken(request: \.nextToken, response: \.nextToken), items: \.instances)
    /// ```
    ///
    /// - Parameters:
    ///   - request: The first page's request.
    ///   - paging: How the action pages (``RPCPaging``).
    ///   - items: The response's list of items (empty when a page has none).
    public func paginator<Request: RPCRequest, Item: Sendable & Equatable>(
        _ request: Request,
        paging: RPCPaging<Request>,
        items: KeyPath<Request.Response, [Item]> & Sendable
    ) -> RPCPaginator<Request, Item> where Request.Product == Product {
        RPCPaginator(
            request: request, paging: paging, items: { $0[keyPath: items] }, logger: logger, samePage: { $0 == $1 },
            send: { request async throws(RPCError<Request>) in try await self.send(request) })
    }

    /// The pages of a paging action whose items sit in an optional object
    /// (`\.invocation?.invocationResults`): a page without them has none.
    public func paginator<Request: RPCRequest, Item: Sendable & Equatable>(
        _ request: Request,
        paging: RPCPaging<Request>,
        items: KeyPath<Request.Response, [Item]?> & Sendable
    ) -> RPCPaginator<Request, Item> where Request.Product == Product {
        RPCPaginator(
            request: request, paging: paging, items: { $0[keyPath: items] ?? [] }, logger: logger, samePage: { $0 == $1 },
            send: { request async throws(RPCError<Request>) in try await self.send(request) })
    }
}
