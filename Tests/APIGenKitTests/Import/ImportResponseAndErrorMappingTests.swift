import Foundation
import Testing

@testable import APIGenKit

/// Responses (fields, which status, examples) and error tables.
@Suite struct ImportResponseAndErrorMappingTests {
    // MARK: Fields

    @Test func everyFieldIsOptionalButTheTopLevelRequestId() throws {
        let result = try ImportFixture.response(#"""
            "RequestId": {"type": "string", "description": "The request ID.\n", "example": "473469C7-AA6F"},
            "TotalCount": {"type": "integer", "format": "int32", "required": true, "example": "1"},
            "Instances": {"type": "object", "properties": {"Instance": {"type": "array", "description": "The instances.", "items": {"type": "object", "properties": {
              "RequestId": {"type": "string"}, "Status": {"type": "string", "enum": ["Running", "Stopped"]},
              "Tags": {"type": "object", "properties": {"Tag": {"type": "array", "items": {"type": "object", "properties": {"Key": {"type": "string"}}}}}}
            }}}}}
            """#)
        let action = try result.action()
        #expect(action.fields.map(\.name) == ["RequestId", "TotalCount", "Instances"])
        #expect(try action.field("RequestId").isRequired)
        #expect(try action.field("RequestId").example == "473469C7-AA6F")
        #expect(try !action.field("TotalCount").isRequired)
        // The list wrapper stays as it is on the wire: an object holding an array.
        let instances = try action.field("Instances")
        #expect(instances.type.kindName == "object")
        let instance = try instances.member("Instance")
        #expect(instance.description == "The instances.")
        #expect(try !instance.member("RequestId").isRequired)
        #expect(try instance.member("Status").type.enumValues.map(\.value) == ["Running", "Stopped"])
        #expect(try instance.member("Tags").member("Tag").member("Key").type.kind == .string)
        let text = try result.file("Ping.xml")
        #expect(text.contains(#"<field name="RequestId" type="string" required="true" example="473469C7-AA6F">"#))
        #expect(text.contains(#"<field name="TotalCount" type="integer" required="false" example="1"/>"#))
        #expect(!text.contains(#"required="true" example="1""#))
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func responseFieldsHoldNoConstraintsOrDefaults() throws {
        let result = try ImportFixture.response(#""Hour": {"type": "integer", "format": "int32", "maximum": "24", "exclusiveMaximum": true, "default": "1"}"#)
        #expect(try result.action().field("Hour").type.constraints.isEmpty)
        #expect(result.issues(.constraintDropped).count == 2)
    }

    @Test func takesThe200ResponseElseTheFirst2xx() throws {
        let both = try ImportFixture.action(#""responses": {"200": {"schema": {"type": "object", "properties": {"A": {"type": "string"}}}}, "201": {"headers": {}}}"#)
        #expect(try both.action().fields.map(\.name) == ["A"])
        #expect(both.issues(.responseStatus).map(\.path) == ["responses.201"])

        let created = try ImportFixture.action(#""responses": {"400": {}, "201": {"schema": {"type": "object", "properties": {"B": {"type": "string"}}}}}"#)
        #expect(try created.action().fields.map(\.name) == ["B"])
        #expect(created.issues(.responseStatus).map(\.path) == ["responses", "responses.400"])

        let none = try ImportFixture.action(#""responses": {}"#)
        #expect(try none.action().fields.isEmpty)
        #expect(none.issues(.responseStatus).count == 1)
        #expect(try none.file("Ping.xml").contains("  <response/>\n"))
    }

    @Test func keepsPublishedExamplesExactly() throws {
        let json = "{\n  \"RequestId\": \"473469C7\",\r\n  \"Note\": \"<&>\"\n}"
        let xml = "<PingResponse>\n    <RequestId>473469C7</RequestId>\n</PingResponse>"
        let demo = #"[{"type": "json", "example": \#(ImportFixture.jsonString(json)), "errorExample": ""}, {"type": "xml", "example": \#(ImportFixture.jsonString(xml))}, {"type": "yaml", "example": "a: 1"}]"#
        let result = try ImportFixture.action(#""responseDemo": \#(ImportFixture.jsonString(demo))"#)
        let text = try result.file("Ping.xml")
        #expect(text.contains("<example format=\"json\">{\n  \"RequestId\": \"473469C7\",&#13;\n  \"Note\": \"&lt;&amp;&gt;\"\n}</example>"))
        #expect(text.contains("<example format=\"xml\">&lt;PingResponse&gt;\n    &lt;RequestId&gt;473469C7&lt;/RequestId&gt;\n&lt;/PingResponse&gt;</example>"))
        // What apigen reads back is the text, freed of the indentation the reader always removes.
        let examples = try result.action().responseExamples
        #expect(examples.map(\.format) == [.json, .xml])
        #expect(examples.map(\.body) == [SpecText.normalize(json), SpecText.normalize(xml)])
        #expect(result.issues(.responseExample).count == 1)

        let broken = try ImportFixture.action(#""responseDemo": "[{\"type\": ""#)
        #expect(try broken.action().responseExamples.isEmpty)
        #expect(broken.issues(.responseExample).count == 1)
        #expect(try ImportFixture.action(#""responseDemo": "", "responses": {"200": {}}"#).report.issues.isEmpty)
    }

    // MARK: Errors

    @Test func mergesACodeListedUnderSeveralStatuses() throws {
        let result = try ImportFixture.action(#"""
            "errorCodes": {
              "400": [{"errorCode": "InvalidParameter", "errorMessage": "The parameter is invalid."},
                      {"errorCode": "Same", "errorMessage": "Same message."}],
              "403": [{"errorCode": "Forbidden", "errorMessage": "No."},
                      {"errorCode": "InvalidParameter", "errorMessage": "Forbidden parameter."},
                      {"errorCode": "Same", "errorMessage": "Same message."}],
              "404": [{"errorCode": "InvalidParameter", "errorMessage": "Not found."}]
            }
            """#)
        let errors = try result.action().errors
        #expect(errors.map(\.code) == ["InvalidParameter", "Same", "Forbidden"])
        #expect(errors.map(\.httpStatuses) == [[400, 403, 404], [400, 403], [403]])
        #expect(errors[0].message == "The parameter is invalid.")
        #expect(errors[0].description == "HTTP 403: Forbidden parameter.\nHTTP 404: Not found.")
        #expect(errors[1].description == nil)
        #expect(try result.file("Ping.xml").contains("""
                <error code="InvalidParameter" httpStatus="400 403 404">
                  <message>The parameter is invalid.</message>
                  <description>
                    HTTP 403: Forbidden parameter.
                    HTTP 404: Not found.
                  </description>
                </error>
            """))
        #expect(result.report.issues.allSatisfy { $0.kind == .responseStatus })
    }

    @Test func keepsOddStatusesTheFormatCanHoldAndReportsThem() throws {
        let result = try ImportFixture.action(#"""
            "errorCodes": {"4003": [{"errorCode": "InvalidParam.Malformed", "errorMessage": "Bad."}],
                           "abc": [{"errorCode": "Lost", "errorMessage": "x"}],
                           "400": [{"errorCode": "Trimmed\t", "errorMessage": "t"}, {"errorCode": "Two words", "errorMessage": "x"}, {"errorMessage": "no code"}]}
            """#)
        let errors = try result.action().errors
        #expect(errors.map(\.code) == ["InvalidParam.Malformed", "Trimmed"])
        #expect(errors[0].httpStatuses == [4003])
        #expect(result.issues(.errorStatus).map(\.path) == ["errorCodes.4003", "errorCodes.abc"])
        #expect(result.issues(.errorSkipped).count == 2)
        #expect(result.issues(.whitespaceTrimmed).count == 1)
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func anActionWithoutErrorCodesHasNoErrorsElement() throws {
        #expect(try !ImportFixture.action(#""summary": "s""#).file("Ping.xml").contains("<errors"))
        #expect(try !ImportFixture.action(#""errorCodes": {}"#).file("Ping.xml").contains("<errors"))
    }
}
