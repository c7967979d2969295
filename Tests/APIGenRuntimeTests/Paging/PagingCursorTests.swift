import Foundation
import Testing

@testable import APIGenRuntime

/// The stop rules on their own, one page at a time.
@Suite struct PagingCursorTests {
    typealias Request = PagingFixtures.ListThingsRequest
    typealias Response = PagingFixtures.ListThingsResponse

    static func response(nextToken: String? = nil, pageSize: Int? = nil, totalCount: Int? = nil) throws -> Response {
        var body: [String] = [#""RequestId":"R""#]
        if let nextToken { body.append(#""NextToken":"\#(nextToken)""#) }
        if let pageSize { body.append(#""PageSize":\#(pageSize)"#) }
        if let totalCount { body.append(#""TotalCount":\#(totalCount)"#) }
        return try Response.decode(from: Data("{\(body.joined(separator: ","))}".utf8), format: .json)
    }

    static let byPage = RPCPaging<Request>.pageNumber(request: \.pageNumber, pageSize: \.pageSize, totalCount: \.totalCount)
    static let byToken = RPCPaging<Request>.nextToken(request: \.nextToken, response: \.nextToken)

    @Test func tokens() throws {
        var cursor = PagingCursor(Self.byToken, first: Request(maxResults: 5))
        #expect(cursor.step(after: Request(maxResults: 5), response: try Self.response(nextToken: "a"), itemCount: 5, repeatsPreviousPage: false)
            == .next(Request(nextToken: "a", maxResults: 5)))
        if case .end = cursor.step(after: Request(), response: try Self.response(), itemCount: 5, repeatsPreviousPage: false) {} else { Issue.record("nil token") }
        if case .end = cursor.step(after: Request(), response: try Self.response(nextToken: ""), itemCount: 5, repeatsPreviousPage: false) {} else { Issue.record("empty token") }
        if case .endAnomalous = cursor.step(after: Request(), response: try Self.response(nextToken: "a"), itemCount: 5, repeatsPreviousPage: false) {} else {
            Issue.record("repeated token")
        }
    }

    @Test func pageNumbers() throws {
        var cursor = PagingCursor(Self.byPage, first: Request())
        // A full page of a longer list: the next page, numbered after the caller's default 1.
        #expect(cursor.step(after: Request(), response: try Self.response(pageSize: 10, totalCount: 35), itemCount: 10, repeatsPreviousPage: false)
            == .next(Request(pageNumber: 2)))
        // Page 4 of 10 reaches 35 items only with 5: a full page 4 with TotalCount 35 goes on…
        #expect(cursor.step(after: Request(pageNumber: 3), response: try Self.response(pageSize: 10, totalCount: 35), itemCount: 10, repeatsPreviousPage: false)
            == .next(Request(pageNumber: 4)))
        // …and page 4 with 5 items is short, so last.
        if case .end = cursor.step(after: Request(pageNumber: 4), response: try Self.response(pageSize: 10, totalCount: 35), itemCount: 5, repeatsPreviousPage: false) {} else {
            Issue.record("short page")
        }
        // A full page that reaches TotalCount is last.
        if case .end = cursor.step(after: Request(pageNumber: 4), response: try Self.response(pageSize: 10, totalCount: 40), itemCount: 10, repeatsPreviousPage: false) {} else {
            Issue.record("total count")
        }
        // An empty page is last, whatever else the response says.
        if case .end = cursor.step(after: Request(pageNumber: 2), response: try Self.response(pageSize: 10, totalCount: 1000), itemCount: 0, repeatsPreviousPage: false) {} else {
            Issue.record("empty page")
        }
        if case .dropAndEnd = cursor.step(after: Request(pageNumber: 2), response: try Self.response(pageSize: 10), itemCount: 10, repeatsPreviousPage: true) {} else {
            Issue.record("repeated page")
        }
        // A TotalCount that shrank under the listing, or nonsense, never loops: it ends.
        if case .end = cursor.step(after: Request(pageNumber: 7), response: try Self.response(pageSize: 10, totalCount: 0), itemCount: 10, repeatsPreviousPage: false) {} else {
            Issue.record("shrunk total")
        }
        // Without PageSize, only the items seen count towards TotalCount (never ending early).
        var bare = PagingCursor(Self.byPage, first: Request(pageNumber: 5))
        #expect(bare.step(after: Request(pageNumber: 5), response: try Self.response(totalCount: 15), itemCount: 10, repeatsPreviousPage: false)
            == .next(Request(pageNumber: 6)))
        if case .end = bare.step(after: Request(pageNumber: 6), response: try Self.response(totalCount: 15), itemCount: 10, repeatsPreviousPage: false) {} else {
            Issue.record("items seen reach the total")
        }
    }
}
