extension RPCPaginator {
    /// The items of every page, in order, fetched page by page as you iterate.
    ///
    /// ```swift
    /// for try await instance in ecs.describeInstancesPaginator(request).items { … }
    /// let all = try await ecs.describeInstancesPaginator(request).items.collect()
    /// ```
    public var items: Items {
        Items(pages: self)
    }

    /// An `AsyncSequence` of the items of a paginator's pages, with the same laziness, typed
    /// errors and cancellation as the pages.
    public struct Items: AsyncSequence, Sendable {
        public typealias Element = Item
        public typealias Failure = RPCError<Request>

        let pages: RPCPaginator

        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(pages: pages.makeAsyncIterator(), items: pages.readItems)
        }

        /// Every item of every page, in order (every page is fetched before this returns).
        public func collect() async throws(RPCError<Request>) -> [Item] {
            var all: [Item] = []
            var iterator = makeAsyncIterator()
            while let item = try await iterator.next() {
                all.append(item)
            }
            return all
        }

        /// Yields the current page's items, then fetches the next page.
        public struct AsyncIterator: AsyncIteratorProtocol {
            public typealias Element = Item
            public typealias Failure = RPCError<Request>

            private var pages: RPCPaginator.AsyncIterator
            private let items: @Sendable (Request.Response) -> [Item]
            private var page: [Item] = []
            private var index = 0
            private var ended = false

            init(pages: RPCPaginator.AsyncIterator, items: @escaping @Sendable (Request.Response) -> [Item]) {
                self.pages = pages
                self.items = items
            }

            public mutating func next() async throws(RPCError<Request>) -> Item? {
                try await next(isolation: nil)
            }

            public mutating func next(isolation actor: isolated (any Actor)?) async throws(RPCError<Request>) -> Item? {
                while !ended {
                    if index < page.count {
                        if Task.isCancelled {
                            ended = true
                            throw .cancelled
                        }
                        index += 1
                        return page[index - 1]
                    }
                    do {
                        guard let response = try await pages.next(isolation: actor) else {
                            ended = true
                            return nil
                        }
                        page = items(response)
                        index = 0
                    } catch {
                        ended = true
                        throw error
                    }
                }
                return nil
            }
        }
    }
}
