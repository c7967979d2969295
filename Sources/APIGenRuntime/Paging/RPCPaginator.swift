import Logging

/// Every page of a paging action, fetched as you iterate: an `AsyncSequence` of the action's
/// responses, and through ``items`` of the items they list.
///
/// ```swift
/// for try await instance in ecs.describeInstancesPaginator(.init(regionId: "cn-hangzhou")).items {
///     print(instance.instanceId)
/// }
/// ```
///
/// - Lazy: nothing is sent until the first element is asked for; each page is asked for only
///   when the one before it has been consumed. Each page is one call through the client, so
///   validation, credentials, signing, retries, logs, spans and metrics all apply.
/// - Typed: iteration throws the action's ``RPCError`` (`Failure == RPCError<Request>`), so a
///   `catch` can name the action's error codes. After an error the sequence ends.
/// - Cancellable: once the iterating task is cancelled, the next element asked for throws
///   ``RPCError/cancelled`` (a page in flight ends with it too), unless the sequence had
///   already ended. A cancelled iteration never looks like a complete one.
/// - Finite: see ``RPCPaging`` for when each style stops; a service that hands back a token it
///   was given, or ignores the page number, cannot make it loop forever.
///
/// A paginator is a value: each `for` loop over it starts again from the caller's request.
public struct RPCPaginator<Request: RPCRequest, Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Request.Response
    public typealias Failure = RPCError<Request>

    /// The request of the first page, as the caller made it.
    public let request: Request
    let paging: RPCPaging<Request>
    /// A page's items (from a key path: a list, or an optional one read as empty when missing).
    let readItems: @Sendable (Request.Response) -> [Item]
    let send: @Sendable (Request) async throws(RPCError<Request>) -> Request.Response
    let samePage: @Sendable ([Item], [Item]) -> Bool
    let logger: Logger

    init(
        request: Request, paging: RPCPaging<Request>, items: @escaping @Sendable (Request.Response) -> [Item], logger: Logger,
        samePage: @escaping @Sendable ([Item], [Item]) -> Bool,
        send: @escaping @Sendable (Request) async throws(RPCError<Request>) -> Request.Response
    ) {
        self.request = request
        self.paging = paging
        self.readItems = items
        self.logger = logger
        self.samePage = samePage
        self.send = send
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(self)
    }

    /// Fetches the pages one by one.
    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Element = Request.Response
        public typealias Failure = RPCError<Request>

        private let paginator: RPCPaginator
        /// The next page's request; nil once the sequence has ended.
        private var pending: Request?
        private var cursor: PagingCursor<Request>
        private var previousItems: [Item] = []
        private var pages = 0

        init(_ paginator: RPCPaginator) {
            self.paginator = paginator
            self.pending = paginator.request
            self.cursor = PagingCursor(paginator.paging, first: paginator.request)
        }

        public mutating func next() async throws(RPCError<Request>) -> Request.Response? {
            try await next(isolation: nil)
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(RPCError<Request>) -> Request.Response? {
            guard let request = pending else { return nil }
            pending = nil
            if Task.isCancelled { throw .cancelled }
            let response = try await paginator.send(request)
            pages += 1
            let items = paginator.readItems(response)
            // Only page numbers can repeat a page (a token that repeats is caught by itself).
            var repeats = false
            if case .pageNumber = paginator.paging.style {
                repeats = !items.isEmpty && items.count == previousItems.count && paginator.samePage(previousItems, items)
                previousItems = items
            }
            switch cursor.step(after: request, response: response, itemCount: items.count, repeatsPreviousPage: repeats) {
            case .next(let request):
                pending = request
            case .end(let reason):
                paginator.logger.debug(
                    "last page", metadata: ["action": "\(Request.action)", "pages": "\(pages)", "reason": "\(reason)"])
            case .endAnomalous(let reason):
                paginator.logger.warning(
                    "paging stopped", metadata: ["action": "\(Request.action)", "pages": "\(pages)", "reason": "\(reason)"])
            case .dropAndEnd(let reason):
                paginator.logger.warning(
                    "paging stopped", metadata: ["action": "\(Request.action)", "pages": "\(pages - 1)", "reason": "\(reason)"])
                return nil
            }
            return response
        }
    }
}
