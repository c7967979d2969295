import Testing

@testable import APIGenKit

@Suite struct UTF8LinesTests {
    /// The lines `UTF8Lines` finds, as text.
    private func lines(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            UTF8Lines.trimmedRanges(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    @Test func splitsAtNewlinesAndKeepsEmptyLines() {
        #expect(lines("a\n\nb") == ["a", "", "b"])
        #expect(lines("a\n") == ["a", ""])
        #expect(lines("\n") == ["", ""])
    }

    @Test func emptyTextIsOneEmptyLine() {
        #expect(lines("") == [""])
    }

    @Test func trailingSpacesAndTabsGoLeadingOnesStay() {
        #expect(lines("  a \t\n\t b\t \n   ") == ["  a", "\t b", ""])
    }

    @Test func multiByteTextIsKeptWhole() {
        #expect(lines("中文 \ne\u{301} \n🚀") == ["中文", "e\u{301}", "🚀"])
    }
}
