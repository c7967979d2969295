import Foundation
import Testing

@testable import APIGenKit

/// The importer infers how an action pages (Alibaba's metadata marks nothing), reports what it
/// left out, and an overlay corrects it.
@Suite struct PagingInferenceTests {
    private func parameter(_ name: String, _ type: String) -> String {
        OverlayFixture.parameter(name, #"{"type": "\#(type)"}"#)
    }

    private let list = #""Items": {"type": "object", "properties": {"Item": {"type": "array", "items": {"type": "object", "properties": {"Id": {"type": "string"}}}}}}"#

    private func paging(_ parameters: [String], response: String, overlay: String? = nil) throws -> (PagingSpec?, ImportFixture.Result) {
        let json = OverlayFixture.document([("List", parameters, #""RequestId": {"type": "string"}, "# + response)])
        let result = try overlay.map { try OverlayFixture.convert(json, overlay: $0) } ?? ImportFixture.convert(json)
        return (try result.action("List").paging, result)
    }

    @Test func aTokenOnBothSidesPagesByToken() throws {
        let (paging, result) = try paging(
            [parameter("NextToken", "string"), parameter("MaxResults", "integer")],
            response: #""NextToken": {"type": "string"}, "# + list)
        let found = try #require(paging)
        #expect(found.items == ["Items", "Item"])
        #expect(found.nextToken == PagingSpec.NextToken(request: "NextToken", response: ["NextToken"]))
        #expect(found.pageNumber == nil)
        #expect(result.report.paging.actions == 1 && result.report.paging.nextToken == 1 && result.report.paging.both == 0)
        #expect(result.report.pagingLines == ["List: items Items.Item; NextToken (NextToken → NextToken)"])
        #expect(try result.file("List.xml").contains("""
              <paging items="Items.Item">
                <nextToken request="NextToken" response="NextToken"/>
              </paging>
            """))
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func aPageNumberPagesByNumberWithWhatTheResponseSays() throws {
        let (paging, result) = try paging(
            [parameter("PageNumber", "integer"), parameter("PageSize", "integer")],
            response: #""PageSize": {"type": "integer"}, "TotalCount": {"type": "integer"}, "PageNumber": {"type": "integer"}, "# + list)
        let found = try #require(paging)
        #expect(found.nextToken == nil)
        #expect(found.pageNumber == PagingSpec.PageNumber(request: "PageNumber", pageSize: ["PageSize"], totalCount: ["TotalCount"]))
        #expect(result.report.paging.pageNumber == 1)
    }

    @Test func bothStylesAndATokenOneObjectDown() throws {
        let (paging, result) = try paging(
            [parameter("NextToken", "string"), parameter("PageNumber", "integer")],
            response: #""Result": {"type": "object", "properties": {"NextToken": {"type": "string"}, "TotalCount": {"type": "integer"}, "# + list + "}}")
        let found = try #require(paging)
        #expect(found.items == ["Result", "Items", "Item"])
        #expect(found.nextToken?.response == ["Result", "NextToken"])
        #expect(found.pageNumber == PagingSpec.PageNumber(request: "PageNumber", pageSize: nil, totalCount: ["Result", "TotalCount"]))
        #expect(result.report.paging.both == 1)
    }

    @Test func whatLooksLikePagingButIsNotClearIsLeftOutWithTheReason() throws {
        let twoLists = try paging([parameter("PageNumber", "integer")], response: list + #", "Others": {"type": "array", "items": {"type": "string"}}"#)
        #expect(twoLists.0 == nil)
        #expect(twoLists.1.issues(.pagingLeftOut).map(\.message) == [
            "its response has 2 lists ('Items, Others'), so which holds the items is not clear; no paginator (an overlay <paging> can describe it)",
        ])
        let noList = try paging([parameter("NextToken", "string")], response: #""NextToken": {"type": "string"}"#)
        #expect(noList.1.issues(.pagingLeftOut).map(\.message) == ["its response has no list of items; no paginator (an overlay <paging> can describe it)"])
        let oneSided = try paging([parameter("NextToken", "string")], response: list)
        #expect(oneSided.1.issues(.pagingLeftOut).map(\.message) == ["it takes NextToken but its response has no NextToken; no paginator (an overlay <paging> can describe it)"])
        let textPage = try paging([parameter("PageNumber", "string")], response: list)
        #expect(textPage.1.issues(.pagingLeftOut).map(\.message) == ["its PageNumber parameter is string, not an integer; no paginator (an overlay <paging> can describe it)"])
        // Nothing like paging: no report at all.
        let plain = try paging([parameter("Name", "string")], response: list)
        #expect(plain.0 == nil && plain.1.issues(.pagingLeftOut).isEmpty && plain.1.report.paging.actions == 0)
    }

    @Test func theOverlayCorrectsWhatWasInferred() throws {
        let response = list + #", "Others": {"type": "array", "items": {"type": "string"}}, "PageSize": {"type": "integer"}"#
        let (given, result) = try paging([parameter("PageNumber", "integer")], response: response, overlay: """
              <paging action="List" items="Others">
                <pageNumber request="PageNumber" pageSize="PageSize"/>
              </paging>
            """)
        #expect(given == PagingSpec(items: ["Others"], nextToken: nil, pageNumber: .init(request: "PageNumber", pageSize: ["PageSize"], totalCount: nil), location: given!.location))
        #expect(result.issues(.pagingLeftOut).isEmpty)
        #expect(result.report.overlayChanges == ["List: paging: paging given (none was inferred)"])

        // The page number the overlay makes an integer is inferred as paging.
        let (retyped, _) = try paging([parameter("PageNumber", "string")], response: list, overlay: #"<member action="List" path="request.PageNumber" type="integer"/>"#)
        #expect(retyped?.pageNumber?.request == "PageNumber")

        let (removed, off) = try paging([parameter("PageNumber", "integer")], response: list, overlay: #"<paging action="List" generate="false"/>"#)
        #expect(removed == nil)
        #expect(off.report.paging.actions == 0)
        #expect(off.report.overlayChanges == ["List: paging: no paginator"])
    }

    @Test func anOverlayPagingThatDoesNotFitFailsAtItsLine() throws {
        let json = OverlayFixture.document([("List", [parameter("PageNumber", "integer")], #""RequestId": {"type": "string"}, "# + list)])
        let problems = try OverlayFixture.applicationProblems(json, overlay: """
              <paging action="List" items="Items.Item.Id">
                <pageNumber request="Page" totalCount="Missing"/>
              </paging>
              <paging action="Gone" generate="false"/>
            """)
        #expect(problems == [
            "3: 'List': items 'Items.Item.Id' passes the list 'Items'; a paginator reads one value per page",
            "3: 'List': pageNumber request: the request has no parameter 'Page'",
            "3: 'List': pageNumber totalCount: the response has no field 'Missing'",
            "6: the metadata has no action 'Gone'",
        ], "\(problems)")
        #expect(OverlayFixture.readingProblems(#"<paging action="List" items="Items"/>"#)
            == ["3: a <paging> names its items and at least one of <nextToken> and <pageNumber>"])
        #expect(OverlayFixture.readingProblems(#"<paging action="List" items="Items" generate="false"/>"#)
            == ["3: generate=\"false\" turns paging off: it takes no items and no styles"])
    }
}
