import Foundation
import Testing

@testable import APIGenKit

/// `<paging>` in an action file: the schema checks its shape, the validator that the members it
/// names exist and fit, at the element's line and column.
@Suite struct PagingSpecTests {
    private func action(_ paging: String, request: String = "", response: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <action name="List" operationType="read">
          <summary>Lists.</summary>
          <request>
            <parameter name="NextToken" type="string"/>
            <parameter name="PageNumber" type="integer"/>
            <parameter name="Required" type="string" required="true"/>\(request)
          </request>
          <response>
            <field name="RequestId" type="string" required="true"/>
            <field name="NextToken" type="string"/>
            <field name="Count" type="integer"/>
            <field name="Items" type="object">
              <field name="Item" type="array">
                <items type="object"><field name="Id" type="string"/></items>
              </field>
            </field>\(response)
          </response>
        \(paging)
        </action>
        """
    }

    private func problems(_ paging: String) throws -> [String] {
        let folder = try SpecFolder(["P/product.xml": SpecFixture.product, "P/List.xml": action(paging)])
        defer { folder.remove() }
        do {
            _ = try folder.pipeline.generate()
            return []
        } catch {
            return error.diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-"): \($0.message)" }
        }
    }

    @Test func aValidPagingReadsBack() throws {
        let spec = try SpecFixture.action(action("""
              <paging items="Items.Item">
                <nextToken request="NextToken" response="NextToken"/>
                <pageNumber request="PageNumber" totalCount="Count"/>
              </paging>
            """), file: "List.xml")
        let paging = try #require(spec.paging)
        #expect(paging.items == ["Items", "Item"])
        #expect(paging.nextToken == PagingSpec.NextToken(request: "NextToken", response: ["NextToken"]))
        #expect(paging.pageNumber == PagingSpec.PageNumber(request: "PageNumber", pageSize: nil, totalCount: ["Count"]))
        #expect(paging.location.line == 19)
        #expect(try problems("""
              <paging items="Items">
                <pageNumber request="PageNumber"/>
              </paging>
            """).isEmpty)
    }

    @Test func membersThatAreMissingOrDoNotFitAreErrorsAtThePaging() throws {
        do {
            let got = try problems("""
              <paging items="Items.Item.Id">
                <nextToken request="PageNumber" response="Items"/>
                <pageNumber request="NextToken" pageSize="Missing" totalCount="RequestId"/>
              </paging>
            """)
            #expect(got == [
                "19:3: items 'Items.Item.Id' passes the list 'Items'; a paginator reads one value per page",
                "19:3: nextToken request 'PageNumber' is an integer, not a string",
                "19:3: nextToken response 'Items' is a list, not one value",
                "19:3: pageNumber pageSize: the response has no field 'Missing'",
                "19:3: pageNumber request 'NextToken' is a string, not an integer or a long",
                "19:3: pageNumber totalCount 'RequestId' is a string, not an integer or a long",
            ], "\(got)")
        }
        do {
            let got = try problems("""
              <paging items="Count"><nextToken request="Nope" response="NextToken"/></paging>
            """)
            #expect(got == [
                "19:3: items 'Count' is not a list",
                "19:3: nextToken request: the request has no parameter 'Nope'",
            ], "\(got)")
        }
    }

    @Test func theSchemaWantsItemsAndAStyle() throws {
        let missingStyle = try problems(#"  <paging items="Items"/>"#)
        #expect(missingStyle.count == 1 && missingStyle[0].hasPrefix("19:3:"), "\(missingStyle)")
        let missingItems = try problems(#"  <paging><nextToken request="NextToken" response="NextToken"/></paging>"#)
        #expect(missingItems.count == 1 && missingItems[0].contains("items"), "\(missingItems)")
        let twoTokens = try problems(#"  <paging items="Items"><pageNumber request="PageNumber"/><nextToken request="NextToken" response="NextToken"/></paging>"#)
        #expect(twoTokens.count == 1, "the token comes first: \(twoTokens)")
    }

    @Test func aPaginatorIsAClientMethodOfItsOwn() throws {
        let folder = try SpecFolder([
            "P/product.xml": SpecFixture.product,
            "P/List.xml": action(#"  <paging items="Items"><nextToken request="NextToken" response="NextToken"/></paging>"#),
            "P/ListPaginator.xml": """
                <?xml version="1.0" encoding="UTF-8"?>
                <action name="ListPaginator" operationType="read">
                  <summary>Collides.</summary>
                  <request/>
                  <response/>
                </action>
                """,
        ])
        defer { folder.remove() }
        #expect {
            try folder.pipeline.generate()
        } throws: { error in
            (error as? DiagnosticsError)?.diagnostics.map(\.message)
                == ["the paginator of 'List' would be the client method 'listPaginator', which 'ListPaginator' already is"]
        }
    }
}
