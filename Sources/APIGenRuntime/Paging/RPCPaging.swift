/// How an action pages: which request member asks for a page, and what in the response says
/// where the next one starts and whether there is one.
///
/// Generated paginators pass one of the two styles Alibaba Cloud's RPC APIs use (where an
/// action takes both, the generator picks `.nextToken`):
///
/// ```swift
/// .nextToken(request: \.nextToken, response: \.nextToken)
/// .pageNumber(request: \.pageNumber, pageSize: \.pageSize, totalCount: \.totalCount)
/// ```
///
/// Key paths are `& Sendable` so that a paginator can cross tasks; a key path literal to
/// stored properties of `Sendable` types is `Sendable` by inference (SE-0418), so `\.nextToken`
/// is all a caller writes.
public struct RPCPaging<Request: RPCRequest>: Sendable {
    public typealias Response = Request.Response

    enum Style: Sendable {
        case nextToken(request: WritableKeyPath<Request, String?> & Sendable, response: KeyPath<Response, String?> & Sendable)
        case pageNumber(
            request: WritableKeyPath<Request, Int?> & Sendable,
            pageSize: (KeyPath<Response, Int?> & Sendable)?,
            totalCount: (KeyPath<Response, Int?> & Sendable)?)
    }

    let style: Style

    /// Token paging (`NextToken`, with `MaxResults` left as the caller set it).
    ///
    /// The first page is asked for with the caller's token, if any; each next page with the
    /// token the previous response carried. Paging ends when a response carries no token or an
    /// empty one, or a token already sent (a service that hands back a token it was given would
    /// otherwise be asked for the same page forever; a warning is logged).
    ///
    /// - Parameters:
    ///   - request: The request's token member.
    ///   - response: The response's next-token member.
    public static func nextToken(
        request: WritableKeyPath<Request, String?> & Sendable,
        response: KeyPath<Response, String?> & Sendable
    ) -> Self {
        Self(style: .nextToken(request: request, response: response))
    }

    /// Page-number paging (`PageNumber`, with `PageSize` left as the caller set it).
    ///
    /// The first page is the caller's page number (the service's default, 1, when unset); each
    /// next page the number after it. Paging ends after an empty page, a page with fewer items
    /// than the response's page size, or the page whose items reach the response's total
    /// count. A page that repeats the items of the page before ends it too, and is dropped (a
    /// service that ignores the page number would otherwise be asked forever; a warning is
    /// logged).
    ///
    /// - Parameters:
    ///   - request: The request's page-number member.
    ///   - pageSize: The response's page-size member (the size the service used).
    ///   - totalCount: The response's total-count member.
    public static func pageNumber(
        request: WritableKeyPath<Request, Int?> & Sendable,
        pageSize: KeyPath<Response, Int?> & Sendable,
        totalCount: KeyPath<Response, Int?> & Sendable
    ) -> Self {
        Self(style: .pageNumber(request: request, pageSize: pageSize, totalCount: totalCount))
    }

    /// Page-number paging for a response without a total count: it ends on an empty or short page.
    public static func pageNumber(
        request: WritableKeyPath<Request, Int?> & Sendable,
        pageSize: KeyPath<Response, Int?> & Sendable
    ) -> Self {
        Self(style: .pageNumber(request: request, pageSize: pageSize, totalCount: nil))
    }

    /// Page-number paging for a response without a page size: it ends on an empty page or at
    /// the total count (counting the items seen).
    public static func pageNumber(
        request: WritableKeyPath<Request, Int?> & Sendable,
        totalCount: KeyPath<Response, Int?> & Sendable
    ) -> Self {
        Self(style: .pageNumber(request: request, pageSize: nil, totalCount: totalCount))
    }

    /// Page-number paging for a response with neither page size nor total count: it ends on
    /// an empty page (or a repeated one).
    public static func pageNumber(request: WritableKeyPath<Request, Int?> & Sendable) -> Self {
        Self(style: .pageNumber(request: request, pageSize: nil, totalCount: nil))
    }
}
