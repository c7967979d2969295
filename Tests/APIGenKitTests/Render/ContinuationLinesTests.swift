import Mustache
import Testing

@testable import APIGenKit

/// `ContinuationLines`: a doc comment handed to the templates as one value still gets the
/// template's indentation on every line, and a missing one renders nothing.
@Suite struct ContinuationLinesTests {
    private let marker = String(UnicodeScalar(ContinuationLines.marker))

    @Test func continuationLinesTakeTheIndentationOfTheLineAbove() {
        let text = "struct S {\n    /// one\n\(marker)/// two\n\(marker)///\n\(marker)/// four\n    let a: Int\n}\n"
        #expect(ContinuationLines.resolve(text) == "struct S {\n    /// one\n    /// two\n    ///\n    /// four\n    let a: Int\n}\n")
    }

    @Test func tabsAndMixedIndentationAreCopiedAsWritten() {
        let text = "\t  /// a\n\(marker)/// b\n/// c\n\(marker)/// d"
        #expect(ContinuationLines.resolve(text) == "\t  /// a\n\t  /// b\n/// c\n/// d")
    }

    @Test func textWithoutMarkersIsReturnedAsItIs() {
        let text = "a\n    b\n\t/// c 漢字 \u{202E}\n"
        #expect(ContinuationLines.resolve(text) == text)
    }

    @Test func aMarkerInsideALineIsNotAContinuation() {
        let text = "    a\(marker)b\n\(marker)c"
        #expect(ContinuationLines.resolve(text) == "    a\(marker)b\n    c")
    }

    @Test func joinedLinesRenderAsTheTemplateIndentsThem() throws {
        let lines = ["/// First line.", "///", "/// Third line."]
        let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}\n{{#doc}}\n        {{.}}\n{{/doc}}\n        let x = 1\n")
        let rendered = template.render(["doc": ContinuationLines.joined(lines)])
        #expect(ContinuationLines.resolve(rendered) == "        /// First line.\n        ///\n        /// Third line.\n        let x = 1\n")
    }

    /// For a member without documentation the lookup must answer "nothing here" rather than
    /// nil: with nil, Mustache looks the name up in the enclosing context and would give the
    /// member the enclosing type's doc comment.
    @Test func aMemberWithoutDocumentationDoesNotBorrowItsParents() throws {
        let type = EnumTypeContext(
            typeName: "Kind",
            qualifiedName: "Owner.Kind",
            docLines: ["/// The kind."],
            cases: [
                EnumCaseContext(name: "a", valueLiteral: "\"a\"", docLines: ["/// Case a."]),
                EnumCaseContext(name: "b", valueLiteral: "\"b\"", docLines: []),
            ],
            isQueryEncoded: true
        )
        let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}\n{{#cases}}\n{{#docComment}}\n{{.}}\n{{/docComment}}\ncase {{name}}\n{{/cases}}\n")
        #expect(ContinuationLines.resolve(template.render(type)) == "/// Case a.\ncase a\ncase b\n")
    }
}
