import Foundation
import Logging
import Synchronization
import Testing

@testable import APIGenRuntime

/// A hand-written paging action, as the generator would emit it once lists are flattened and
/// integers are `Int`: `ListThings`, which pages both by `NextToken`/`MaxResults` and by
/// `PageNumber`/`PageSize` (like `DescribeInstances`), and a service that serves it from a list.
enum PagingFixtures {
    enum Product: RPCProduct {
        static let productCode = "Paging"
        static let apiVersion = "2024-01-01"
        static let defaultEndpoint = "paging.example.com"
        static let regionalEndpoints: [String: String] = [:]
    }

    struct Thing: Decodable, Hashable, Sendable {
        var id: String
        enum CodingKeys: String, CodingKey { case id = "Id" }
    }

    struct ListThingsRequest: RPCRequest {
        typealias Product = PagingFixtures.Product
        typealias Response = ListThingsResponse
        static let action = "ListThings"
        static let operationType: OperationType = .read

        var nextToken: String?
        var maxResults: Int?
        var pageNumber: Int?
        var pageSize: Int?
        var name: String?

        init(nextToken: String? = nil, maxResults: Int? = nil, pageNumber: Int? = nil, pageSize: Int? = nil, name: String? = nil) {
            self.nextToken = nextToken
            self.maxResults = maxResults
            self.pageNumber = pageNumber
            self.pageSize = pageSize
            self.name = name
        }

        func encodeQuery(into query: inout QueryEncoder) {
            query.encode(nextToken, forKey: "NextToken")
            query.encode(maxResults, forKey: "MaxResults")
            query.encode(pageNumber, forKey: "PageNumber")
            query.encode(pageSize, forKey: "PageSize")
            query.encode(name, forKey: "Name")
        }

        func validate() throws(RequestValidationError) {
            try RequestValidation.range(pageSize, min: 1, max: 100, action: Self.action, parameter: "PageSize")
        }
    }

    struct ListThingsResponse: RPCResponse {
        var requestId: String
        var nextToken: String?
        var pageNumber: Int?
        var pageSize: Int?
        var totalCount: Int?
        /// Flattened and never optional: empty when the service sends no list.
        var things: [Thing]

        enum CodingKeys: String, CodingKey {
            case requestId = "RequestId", nextToken = "NextToken", pageNumber = "PageNumber", pageSize = "PageSize"
            case totalCount = "TotalCount", things = "Things"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            requestId = try container.decode(String.self, forKey: .requestId)
            nextToken = try container.decodeIfPresent(String.self, forKey: .nextToken)
            pageNumber = try container.decodeIfPresent(Int.self, forKey: .pageNumber)
            pageSize = try container.decodeIfPresent(Int.self, forKey: .pageSize)
            totalCount = try container.decodeIfPresent(Int.self, forKey: .totalCount)
            things = try container.decodeIfPresent([Thing].self, forKey: .things) ?? []
        }
    }

    /// What the generated extension on a product's client would hold.
    struct ThingsClient: Sendable {
        let client: RPCClient<Product>

        func listThingsPaginator(_ request: ListThingsRequest) -> RPCPaginator<ListThingsRequest, Thing> {
            client.paginator(request, paging: .nextToken(request: \.nextToken, response: \.nextToken), items: \.things)
        }

        func listThingsByPagePaginator(_ request: ListThingsRequest) -> RPCPaginator<ListThingsRequest, Thing> {
            client.paginator(request, paging: .pageNumber(request: \.pageNumber, pageSize: \.pageSize, totalCount: \.totalCount), items: \.things)
        }
    }

    /// A service holding `count` things (`thing-0000`, …) that answers `ListThings` by token or
    /// by page number, and records the parameters of every call it gets.
    final class ThingsService: Sendable {
        enum Style: Sendable {
            /// Tokens `t<offset>`; the last page has no token (or an empty one).
            case nextToken(lastToken: String?)
            /// Page numbers; the response says `PageSize` and `TotalCount` when asked to.
            case pageNumber(reportsPageSize: Bool, reportsTotalCount: Bool)
        }

        let ids: [String]
        let style: Style
        private let calls = Mutex<[[String: String]]>([])

        init(count: Int, style: Style) {
            ids = (0..<count).map { String(format: "thing-%04d", $0) }
            self.style = style
        }

        /// The parameters of each call so far.
        var received: [[String: String]] { calls.withLock { $0 } }

        var transport: ClosureTransport {
            ClosureTransport { request, _ in self.answer(request) }
        }

        func answer(_ request: SignedRequest) -> TransportResponse {
            let parameters = Dictionary(request.queryItems.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
            calls.withLock { $0.append(parameters) }
            var body: [String: Any] = ["RequestId": "R-\(received.count)"]
            let page: ArraySlice<String>
            switch style {
            case .nextToken(let lastToken):
                let offset = parameters["NextToken"].map { Int($0.dropFirst())! } ?? 0
                let size = parameters["MaxResults"].map { Int($0)! } ?? 10
                page = ids[min(offset, ids.count)..<min(offset + size, ids.count)]
                if offset + size < ids.count {
                    body["NextToken"] = "t\(offset + size)"
                } else if let lastToken {
                    body["NextToken"] = lastToken
                }
            case .pageNumber(let reportsPageSize, let reportsTotalCount):
                let number = parameters["PageNumber"].map { Int($0)! } ?? 1
                let size = parameters["PageSize"].map { Int($0)! } ?? 10
                let start = min((number - 1) * size, ids.count)
                page = ids[start..<min(start + size, ids.count)]
                body["PageNumber"] = number
                if reportsPageSize { body["PageSize"] = size }
                if reportsTotalCount { body["TotalCount"] = ids.count }
            }
            body["Things"] = page.map { ["Id": $0] }
            return TransportResponse(status: 200, body: Array(try! JSONSerialization.data(withJSONObject: body)))
        }
    }

    /// A client on `transport` whose retries do not sleep, logging into `recorder`.
    static func client(_ transport: any RPCTransport, recorder: RPCClientTests.Recorder = RPCClientTests.Recorder()) -> ThingsClient {
        var logger = Logger(label: "paging") { _ in RecordingLogHandler(recorder: recorder) }
        logger.logLevel = .debug
        return ThingsClient(
            client: RPCClient(
                credentials: .static(Credentials(accessKeyId: "id", accessKeySecret: "secret")),
                region: "cn-test",
                configuration: RPCClientConfiguration(),
                transport: transport,
                logger: logger,
                sleep: { _ in },
                makeSigner: { version, format in version.signer(responseFormat: format) },
                random: { 1 }
            ))
    }

    /// A page's body, for scripted answers.
    static func page(_ ids: [String], nextToken: String? = nil, pageSize: Int? = nil, totalCount: Int? = nil) -> RPCClientTests.ScriptedTransport.Step {
        var body: [String: Any] = ["RequestId": "R", "Things": ids.map { ["Id": $0] }]
        if let nextToken { body["NextToken"] = nextToken }
        if let pageSize { body["PageSize"] = pageSize }
        if let totalCount { body["TotalCount"] = totalCount }
        return .respond(TransportResponse(status: 200, body: Array(try! JSONSerialization.data(withJSONObject: body))))
    }

    /// The action's own parameters of a request as sent.
    static func parameters(_ request: SignedRequest) -> [String: String] {
        Dictionary(request.queryItems.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    }
}
