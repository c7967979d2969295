import Foundation
import Testing

@testable import APIGenKit

/// The XML text: escaping, unicode, the header's hash, and that apigen reads back exactly
/// what was imported.
@Suite struct ImportXMLWriterTests {
    @Test func escapesMarkupAndKeepsUnicode() throws {
        let description = "Use <b> & \"quotes\" 'here' ]]> 中文 🚀 \u{202E}rtl\u{2028}sep\ttab"
        let result = try ImportFixture.action(#"""
            "summary": \#(ImportFixture.jsonString("A <summary> & more")),
            "parameters": [{"name": "Q&A", "in": "query", "schema": {"type": "string", "description": \#(ImportFixture.jsonString(description)),
              "example": \#(ImportFixture.jsonString("a\"b<c>&d\ne\tf\rg 中")), "default": \#(ImportFixture.jsonString("a\"b<c>&d\ne\tf\rg 中")), "pattern": \#(ImportFixture.jsonString("^[<>&\"]+$")),
              "enum": [\#(ImportFixture.jsonString("x&y")), \#(ImportFixture.jsonString(" spaced ")), "中文"]}}],
            "errorCodes": {"400": [{"errorCode": "Bad&Code", "errorMessage": "It's <bad> & \"wrong\"."}]}
            """#)
        let text = try result.file("Ping.xml")
        #expect(text.contains("<summary>A &lt;summary&gt; &amp; more</summary>"))
        #expect(text.contains(#"<parameter name="Q&amp;A" type="string" required="false" pattern="^[&lt;&gt;&amp;&quot;]+$" default="a&quot;b&lt;c&gt;&amp;d&#10;e&#9;f&#13;g 中" example="a&quot;b&lt;c&gt;&amp;d e&#9;f g 中">"#))
        #expect(text.contains("<description>Use &lt;b&gt; &amp; \"quotes\" 'here' ]]&gt; 中文 🚀 \u{202E}rtl\u{2028}sep\ttab</description>"))
        #expect(text.contains("<value>x&amp;y</value>"))
        #expect(text.contains("<value> spaced </value>"))
        #expect(!text.contains("CDATA"))

        let action = try result.action()
        let parameter = try action.parameter("Q&A")
        #expect(action.summary == "A <summary> & more")
        #expect(parameter.description == description)
        #expect(parameter.defaultValue == "a\"b<c>&d\ne\tf\rg 中")
        // An example is shown as a code span: on one line (`DocumentationMarkup.exampleOnOneLine`).
        #expect(parameter.example == "a\"b<c>&d e\tf g 中")
        #expect(parameter.type.constraints.pattern == "^[<>&\"]+$")
        #expect(parameter.type.enumValues.map(\.value) == ["x&y", " spaced ", "中文"])
        #expect(action.errors.first?.code == "Bad&Code")
        #expect(action.errors.first?.message == "It's <bad> & \"wrong\".")
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func removesCharactersXMLCannotHoldAndSaysSo() throws {
        let result = try ImportFixture.action(#""summary": "bell\u0007 and nul\u0000 gone", "description": "fine \ufffe no""#)
        let action = try result.action()
        #expect(action.summary == "bell and nul gone")
        #expect(action.description == "fine  no")
        #expect(result.issues(.textCleaned).count == 2)
    }

    @Test func theHeaderHashCoversEverythingAfterIt() throws {
        let text = try ImportFixture.action(#""summary": "s""#).file("Ping.xml")
        let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        #expect(lines[0] == #"<?xml version="1.0" encoding="UTF-8"?>"#)
        #expect(lines[1].hasPrefix("<!-- Imported by apigen from Alibaba Cloud's API metadata (Ecs 2014-05-26). content-sha256: "))
        #expect(lines[1].hasSuffix(" -->"))
        let hash = lines[1].dropFirst(lines[1].count - 68).prefix(64)
        #expect(String(hash) == ContentHash.hex(Array(lines[2].utf8)))
        #expect(ImportedFileHeader.state(of: Array(text.utf8)) == .intact)
        #expect(ImportedFileHeader.state(of: Array(text.replacingOccurrences(of: "<summary>s", with: "<summary>t").utf8)) == .edited)
        #expect(ImportedFileHeader.state(of: Array(text.replacingOccurrences(of: "Imported by apigen", with: "Written").utf8)) == .handWritten)
        #expect(ImportedFileHeader.state(of: Array("<?xml version=\"1.0\"?>\n<action/>".utf8)) == .handWritten)
        #expect(ImportedFileHeader.state(of: []) == .handWritten)
    }

    @Test func aProductNameCannotBreakTheComment() {
        let file = ImportedFileHeader.file(body: "<product/>\n", source: "A--B---> 2020-01-01")
        #expect(!file.split(separator: "\n")[1].dropFirst(4).dropLast(3).contains("--"))
    }
}
