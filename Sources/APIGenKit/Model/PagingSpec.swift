/// How an action pages (`<paging>`): which response list holds the items, and the styles it
/// offers. A generated paginator uses `NextToken` where an action offers both.
public struct PagingSpec: Hashable, Sendable {
    /// Token paging: the request's token parameter and the response's next-token field.
    public struct NextToken: Hashable, Sendable {
        /// A top-level request parameter (`NextToken`), a string.
        public var request: String
        /// A response field path (`NextToken`, `Invocation.NextToken`), a string.
        public var response: [String]

        public init(request: String, response: [String]) {
            self.request = request
            self.response = response
        }
    }

    /// Page-number paging: the request's page number, and what in the response says where
    /// the listing ends.
    public struct PageNumber: Hashable, Sendable {
        /// A top-level request parameter (`PageNumber`), an integer.
        public var request: String
        /// A response field path with the page size the service used (`PageSize`), if it has one.
        public var pageSize: [String]?
        /// A response field path with the number of items in the whole listing (`TotalCount`), if any.
        public var totalCount: [String]?

        public init(request: String, pageSize: [String]?, totalCount: [String]?) {
            self.request = request
            self.pageSize = pageSize
            self.totalCount = totalCount
        }
    }

    /// A response field path to the list of items (`Instances.Instance`, or the wrapper
    /// `Instances` alone).
    public var items: [String]
    public var nextToken: NextToken?
    public var pageNumber: PageNumber?
    public var location: SourceLocation

    public init(items: [String], nextToken: NextToken?, pageNumber: PageNumber?, location: SourceLocation) {
        self.items = items
        self.nextToken = nextToken
        self.pageNumber = pageNumber
        self.location = location
    }
}
