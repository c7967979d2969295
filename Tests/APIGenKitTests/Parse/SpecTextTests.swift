import Testing

@testable import APIGenKit

/// `SpecText.normalize`: text as written inside an indented element, without the indentation.
@Suite struct SpecTextTests {
    @Test func singleLineIsTrimmed() {
        #expect(SpecText.normalize("  Region ID.  ") == "Region ID.")
    }

    @Test func commonIndentationAndOuterBlankLinesGo() {
        let raw = """

                Line one
                line two

                    indented code
            \("")
            """
        #expect(SpecText.normalize(raw) == "Line one\nline two\n\n    indented code")
    }

    @Test func lineBreaksOfEveryKindBecomeNewlines() {
        #expect(SpecText.normalize("  a\r\n  b\r  c\n  d") == "a\nb\nc\nd")
    }

    @Test func trailingSpacesAndTabsGoButInnerOnesStay() {
        #expect(SpecText.normalize("a  b \t\n\tc\t") == "a  b\n\tc")
    }

    @Test func blankLinesInsideAreKeptButEmptied() {
        #expect(SpecText.normalize("  a\n     \n  b") == "a\n\nb")
    }

    @Test func whitespaceOnlyIsEmpty() {
        #expect(SpecText.normalize(" \n\t\n  ") == "")
        #expect(SpecText.normalize("") == "")
    }

    @Test func optionalIsNilForMissingOrBlankText() {
        #expect(SpecText.optional(nil) == nil)
        #expect(SpecText.optional("  \n ") == nil)
        #expect(SpecText.optional("\n    Text\n  ") == "Text")
    }

    @Test func unicodeIsKept() {
        #expect(SpecText.normalize("\n    中文描述：“引号” 🚀\n") == "中文描述：“引号” 🚀")
    }

    /// A space followed by a combining mark is one character, and text, not indentation.
    @Test func aSpaceCarryingACombiningMarkIsNotIndentation() {
        #expect(SpecText.normalize("  a\n \u{301}b") == "  a\n \u{301}b")
        #expect(SpecText.normalize("   a\n  \u{301}b") == "  a\n \u{301}b")
        #expect(SpecText.normalize("\t\t漢\n\t字") == "\t漢\n字")
    }
}
