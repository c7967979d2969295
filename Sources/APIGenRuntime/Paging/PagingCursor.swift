/// Where a paginator is: what it has sent and seen, and so which request comes next.
///
/// Pure and synchronous, so that every stop rule is tested without a client.
struct PagingCursor<Request: RPCRequest>: Sendable {
    let style: RPCPaging<Request>.Style
    /// Every token sent so far, the caller's included: one coming back means a loop.
    private var sentTokens: Set<String> = []
    /// Items seen on the pages fetched so far.
    private var itemsSeen = 0

    /// What follows a page.
    enum Step: Equatable {
        /// Ask for this page next.
        case next(Request)
        /// That was the last page, for this reason (logged at debug).
        case end(String)
        /// Paging cannot go on because the service misbehaves, for this reason (logged as a warning).
        case endAnomalous(String)
        /// This page repeats the one before: it is dropped (its items were all seen), and
        /// paging ends, for this reason (logged as a warning).
        case dropAndEnd(String)
    }

    init(_ paging: RPCPaging<Request>, first request: Request) {
        style = paging.style
        if case .nextToken(let token, _) = style, let sent = request[keyPath: token], !sent.isEmpty {
            sentTokens.insert(sent)
        }
    }

    /// The step after `response` answered `request` with `itemCount` items;
    /// `repeatsPreviousPage` says whether they are (non-empty and) those of the page before.
    mutating func step(after request: Request, response: Request.Response, itemCount: Int, repeatsPreviousPage: Bool) -> Step {
        itemsSeen += itemCount
        switch style {
        case .nextToken(let requestToken, let responseToken):
            guard let token = response[keyPath: responseToken], !token.isEmpty else {
                return .end("the response has no next token")
            }
            guard sentTokens.insert(token).inserted else {
                return .endAnomalous("the service sent back a token already sent (\(token)); stopping instead of asking for the same page again")
            }
            var next = request
            next[keyPath: requestToken] = token
            return .next(next)

        case .pageNumber(let requestPage, let pageSizePath, let totalCountPath):
            let page = request[keyPath: requestPage] ?? 1
            guard itemCount > 0 else { return .end("page \(page) is empty") }
            guard !repeatsPreviousPage else {
                return .dropAndEnd("page \(page) repeats the items of the page before (does the service ignore the page number?)")
            }
            let pageSize = pageSizePath.flatMap { response[keyPath: $0] }
            if let pageSize, pageSize > 0, itemCount < pageSize {
                return .end("page \(page) has \(itemCount) of \(pageSize) items")
            }
            if let total = totalCountPath.flatMap({ response[keyPath: $0] }) {
                // How far into the list this page reaches: pages before it were full (a short one
                // would have ended paging), so (page - 1) × size + items. Without a size, only the
                // items seen, which is never more (so paging never ends early).
                let reached: Int
                if let pageSize, pageSize > 0, page >= 1 {
                    let (before, overflow) = (page - 1).multipliedReportingOverflow(by: pageSize)
                    let (sum, overflowAgain) = before.addingReportingOverflow(itemCount)
                    reached = overflow || overflowAgain ? Int.max : sum
                } else {
                    reached = itemsSeen
                }
                if reached >= total { return .end("page \(page) reaches the total count, \(total)") }
            }
            guard page < Int.max else { return .end("page \(page) is the last page number there is") }
            var next = request
            next[keyPath: requestPage] = page + 1
            return .next(next)
        }
    }
}
