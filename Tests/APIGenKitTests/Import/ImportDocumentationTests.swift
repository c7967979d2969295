import Foundation
import Testing

@testable import APIGenKit

/// What the importer rewrites in the metadata's texts, end to end: every kind of text, error
/// messages that are only `%s`, summaries, the language, and the counts in the report.
@Suite struct ImportDocumentationTests {
    private static let en = "https://www.alibabacloud.com/help/en/doc-detail/"
    private static let zh = "https://help.aliyun.com/document_detail/"

    // MARK: Every text

    @Test func everyImportedTextIsCleaned() throws {
        let link = "see [Limits](~~25412~~)."
        let result = try ImportFixture.action(#"""
            "summary": "Pings, \#(link)",
            "description": "## [](#)Usage notes\n\nPing \#(link)",
            "requestParamsDescription": "For common parameters, \#(link)",
            "parameters": [{"name": "Mode", "in": "query", "schema": {"type": "string", "description": "The mode, \#(link)",
              "enum": ["Fast", "Slow"], "enumValueTitles": {"Fast": "Fast, \#(link)"}}},
              {"name": "Ids", "in": "query", "style": "repeatList", "schema": {"type": "array", "description": "The IDs, \#(link)",
               "items": {"type": "string", "description": "An ID, \#(link)"}}}],
            "responses": {"200": {"schema": {"type": "object", "description": "The response, \#(link)", "properties": {
              "RequestId": {"type": "string", "description": "The request ID, \#(link)"}}}}},
            "errorCodes": {"400": [{"errorCode": "Bad", "errorMessage": "Bad, \#(link)", "description": "Wrong, \#(link)"}]}
            """#)
        let text = try result.file("Ping.xml")
        #expect(!text.contains("~~"))
        #expect(!text.contains("[](#)"))
        #expect(text.contains("## Usage notes"))
        let url = "\(Self.en)25412.html"
        // summary, description, request parameters' description, 2 parameters, 1 item, 1 enum
        // value, the response's description, 1 field, the error's message and description.
        #expect(text.components(separatedBy: "see [Limits](\(url)).").count - 1 == 11)
        let rewrites = result.report.documentationRewrites
        #expect(rewrites.linksRewritten == 11)
        #expect(rewrites.anchorsRemoved == 1)
        #expect(rewrites.summariesWritten == 0)
        let action = try result.action()
        #expect(action.summary == "Pings, see [Limits](\(url)).")
        #expect(try action.parameter("Mode").type.enumValues.first?.description == "Fast, see [Limits](\(url)).")
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func examplesAreOnOneLine() throws {
        let result = try ImportFixture.response(#"""
            "LaunchTemplateId": {"type": "string", "example": "lt-bp1apo0bbbkuy0rj****\n"},
            "Attributes": {"type": "string", "example": "{\n    \"OfflineDiagReportStatus\":\"CONFIRMED\"\n}"},
            "Kept": {"type": "string", "example": "optimized\t"}
            """#)
        let action = try result.action()
        #expect(try action.field("LaunchTemplateId").example == "lt-bp1apo0bbbkuy0rj****")
        #expect(try action.field("Attributes").example == #"{ "OfflineDiagReportStatus":"CONFIRMED" }"#)
        #expect(try action.field("Kept").example == "optimized\t")
        #expect(result.report.documentationRewrites.examplesJoined == 2)
    }

    // MARK: Error messages

    @Test func placeholderMessagesAreReplaced() throws {
        let result = try ImportFixture.action(#"""
            "summary": "s",
            "errorCodes": {
              "400": [{"errorCode": "Zone.NotOnSale", "errorMessage": "%s"},
                      {"errorCode": "InvalidParameter.Bandwidth", "errorMessage": "%s"},
                      {"errorCode": "Described", "errorMessage": "%s.", "description": "The bandwidth is out of range."},
                      {"errorCode": "Real", "errorMessage": "The disk does not exist."}],
              "403": [{"errorCode": "Zone.NotOnSale", "errorMessage": "The specified zone is not available for purchase."}]
            }
            """#)
        let errors = Dictionary(uniqueKeysWithValues: try result.action().errors.map { ($0.code, $0) })
        // A real message under another status is the message; `%s` is no "HTTP 400: %s" line.
        #expect(errors["Zone.NotOnSale"]?.message == "The specified zone is not available for purchase.")
        #expect(errors["Zone.NotOnSale"]?.description == nil)
        #expect(errors["Zone.NotOnSale"]?.httpStatuses == [400, 403])
        // The description, when there is one, moves into the message.
        #expect(errors["Described"]?.message == "The bandwidth is out of range.")
        #expect(errors["Described"]?.description == nil)
        // Else the importer says that the service fills it in.
        #expect(errors["InvalidParameter.Bandwidth"]?.message == "The service fills in the message of error InvalidParameter.Bandwidth.")
        #expect(errors["Real"]?.message == "The disk does not exist.")
        #expect(result.report.documentationRewrites.placeholderMessagesReplaced == 3)
        #expect(try !result.file("Ping.xml").contains("%s"))
    }

    // MARK: Language

    private static func chineseAction(_ name: String) -> (String, String) {
        (name, #"{"summary": "调用\#(name)查询您可用的实例。", "description": "请参见[计费概述](~~25398~~)。", "errorCodes": {"400": [{"errorCode": "Bad", "errorMessage": "%s"}]}}"#)
    }

    @Test func chineseMetadataLinksToTheChineseSiteAndGetsChineseSentences() throws {
        let result = try ImportFixture.convert(ImportFixture.document([Self.chineseAction("Ping"), Self.chineseAction("Pang"), ("Pong", #"{"summary": "Pong"}"#)]))
        #expect(result.report.documentationLanguage == .chinese)
        let ping = try result.action("Ping")
        #expect(ping.description == "请参见[计费概述](\(Self.zh)25398.html)。")
        #expect(ping.errors.first?.message == "错误码Bad的消息由服务填写。")
        #expect(try result.action("Pong").summary == "调用`Pong`。")
    }

    @Test func theLanguageCanBeGiven() throws {
        let document = ImportFixture.document([Self.chineseAction("Ping")])
        let result = try ImportFixture.convert(document, options: ImportOptions(language: .english))
        #expect(result.report.documentationLanguage == .english)
        #expect(try result.action("Ping").description == "请参见[计费概述](\(Self.en)25398.html)。")
        // English by default, and without texts.
        #expect(try ImportFixture.action(#""summary": "Pings.""#).report.documentationLanguage == .english)
        #expect(try ImportFixture.action(#""parameters": []"#).report.documentationLanguage == .english)
    }

    // MARK: Counts

    @Test func countsCoverTheImportedActionsOnly() throws {
        let document = ImportFixture.document([
            ("A", #"{"summary": "A", "description": "See ~~1~~ and [x](~~2~~)."}"#),
            ("B", ####"{"summary": "B.", "description": "### [](#)Limits", "errorCodes": {"400": [{"errorCode": "E", "errorMessage": "%s"}]}}"####),
        ])
        let all = try ImportFixture.convert(document).report.documentationRewrites
        #expect(all.linksRewritten == 2)
        #expect(all.anchorsRemoved == 1)
        #expect(all.placeholderMessagesReplaced == 1)
        #expect(all.summariesFromDescription == 1)
        #expect(all.summariesFromName == 0)
        let onlyB = try ImportFixture.convert(document, options: ImportOptions(actions: ["B"])).report.documentationRewrites
        #expect(onlyB.linksRewritten == 0)
        #expect(onlyB.anchorsRemoved == 1)
        #expect(onlyB.summariesWritten == 0)
        #expect(all.lines.count == 7)
        #expect(all.lines.contains("  links rewritten (to Alibaba Cloud's documentation): 2"))
        #expect(all.lines.contains("  summaries written: 1 (1 from the description, 0 from the action's name)"))
    }
}
