import Testing

@testable import APIGenKit

/// `SourceText` turns libxml2's line numbers into line and column for start tags and attributes.
@Suite struct SourceTextTests {
    private func at(_ location: APIGenKit.SourceLocation) -> String { "\(location.line):\(location.column)" }

    @Test func locationKeepsPathAndClampsToOne() {
        let source = SourceText(path: "Specs/P/A.xml", text: "<a/>")
        #expect(source.location(line: 3, column: 7).description == "Specs/P/A.xml:3:7")
        #expect(source.location(line: 0, column: -2).description == "Specs/P/A.xml:1:1")
    }

    // MARK: Start tags

    @Test func findsStartTagOnReportedLine() {
        let source = SourceText(path: "f", text: "<a>\n    <parameter name=\"A\"/>\n</a>")
        #expect(at(source.findStartTag("parameter", reportedLine: 2, after: nil)) == "2:5")
    }

    @Test func secondTagOfSameNameOnOneLineIsToldApart() {
        let source = SourceText(path: "f", text: "<a>\n  <parameter name=\"A\"/><parameter name=\"B\"/>\n</a>")
        let first = source.findStartTag("parameter", reportedLine: 2, after: nil)
        #expect(at(first) == "2:3")
        #expect(at(source.findStartTag("parameter", reportedLine: 2, after: first)) == "2:24")
    }

    @Test func longerNameWithSamePrefixIsNotMatched() {
        let source = SourceText(path: "f", text: "  <parameterList/> <parameter/>")
        #expect(at(source.findStartTag("parameter", reportedLine: 1, after: nil)) == "1:20")
        #expect(at(source.findStartTag("param", reportedLine: 1, after: nil)) == "1:1")
    }

    @Test func tagSpreadOverLinesIsFoundByLookingBack() {
        let source = SourceText(path: "f", text: "<a>\n  <field\n     name=\"X\"\n     type=\"string\"/>\n</a>")
        #expect(at(source.findStartTag("field", reportedLine: 4, after: nil)) == "2:3")
    }

    @Test func missingTagFallsBackToColumnOne() {
        let source = SourceText(path: "f", text: "<a>\n  <b/>\n</a>")
        #expect(at(source.findStartTag("zzz", reportedLine: 2, after: nil)) == "2:1")
    }

    @Test func columnsCountCharacters() {
        let source = SourceText(path: "f", text: "<a>中文🚀<b x=\"1\"/></a>")
        let tag = source.findStartTag("b", reportedLine: 1, after: nil)
        #expect(at(tag) == "1:7")
        #expect(at(source.findAttribute("x", inStartTagAt: tag)) == "1:10")
    }

    /// The text is searched as UTF-8 bytes; columns, and the `after` position handed back in,
    /// count Unicode scalars.
    @Test func tagsAfterMultiByteTextAreToldApartByScalarColumns() {
        let source = SourceText(path: "f", text: "<a>中🚀<p x=\"é\"/><p y=\"1\"/></a>")
        let first = source.findStartTag("p", reportedLine: 1, after: nil)
        #expect(at(first) == "1:6")
        #expect(at(source.findAttribute("x", inStartTagAt: first)) == "1:9")
        let second = source.findStartTag("p", reportedLine: 1, after: first)
        #expect(at(second) == "1:16")
        #expect(at(source.findAttribute("y", inStartTagAt: second)) == "1:19")
    }

    @Test func aNonASCIILetterContinuesATagName() {
        let source = SourceText(path: "f", text: "<pé/> <p/>")
        #expect(at(source.findStartTag("p", reportedLine: 1, after: nil)) == "1:7")
    }

    @Test func carriageReturnLineEndsDoNotShiftColumns() {
        let source = SourceText(path: "f", text: "<a>\r\n  <b\r\n    x=\"1\"/>\r\n</a>\r\n")
        let tag = source.findStartTag("b", reportedLine: 3, after: nil)
        #expect(at(tag) == "2:3")
        #expect(at(source.findAttribute("x", inStartTagAt: tag)) == "3:5")
    }

    // MARK: Attributes

    @Test func findsAttributeInsideTheTag() {
        let source = SourceText(path: "f", text: "<parameter name=\"A\" type=\"strin\"/>")
        let tag = source.findStartTag("parameter", reportedLine: 1, after: nil)
        #expect(at(source.findAttribute("type", inStartTagAt: tag)) == "1:21")
    }

    @Test func attributeNameMustNotBeTheEndOfALongerName() {
        let source = SourceText(path: "f", text: "<parameter swiftName=\"x\" name=\"A\"/>")
        let tag = source.findStartTag("parameter", reportedLine: 1, after: nil)
        #expect(at(source.findAttribute("name", inStartTagAt: tag)) == "1:26")
    }

    @Test func spacesAroundEqualsSignAreAllowed() {
        let source = SourceText(path: "f", text: "<parameter name =\t\"A\"/>")
        let tag = source.findStartTag("parameter", reportedLine: 1, after: nil)
        #expect(at(source.findAttribute("name", inStartTagAt: tag)) == "1:12")
    }

    @Test func attributeOnALaterLineOfTheTag() {
        let source = SourceText(path: "f", text: "<a>\n  <parameter name=\"A\"\n             type=\"strin\"/>\n</a>")
        let tag = source.findStartTag("parameter", reportedLine: 3, after: nil)
        #expect(at(source.findAttribute("type", inStartTagAt: tag)) == "3:14")
    }

    @Test func absentAttributeGivesTheTag() {
        let source = SourceText(path: "f", text: "<a>\n  <parameter type=\"string\"/>\n  <parameter name=\"B\"/>\n</a>")
        let tag = source.findStartTag("parameter", reportedLine: 2, after: nil)
        #expect(at(source.findAttribute("name", inStartTagAt: tag)) == "2:3")
    }

    /// An attribute the tag does not have must not be found in the *next* tag of the line
    /// (a sibling, or a child such as `<items>`): the place of a missing attribute is its tag.
    @Test(arguments: [
        "<parameter type=\"string\"/><parameter name=\"B\" type=\"string\"/>",
        "<parameter name=\"T\"><items type=\"string\"/></parameter>",
    ])
    func absentAttributeIsNotSearchedPastTheEndOfTheTag(line: String) {
        let source = SourceText(path: "f", text: line)
        let tag = source.findStartTag("parameter", reportedLine: 1, after: nil)
        let missing = line.hasPrefix("<parameter type") ? "name" : "type"
        #expect(at(source.findAttribute(missing, inStartTagAt: tag)) == "1:1")
    }

    /// `>` is allowed inside attribute values; it does not end the start tag.
    @Test func greaterThanInsideAValueDoesNotEndTheTag() {
        let source = SourceText(path: "f", text: "<a>\n  <parameter name=\"P\" pattern=\"^[^>]+$\"\n             type=\"strin\"/>\n</a>")
        let tag = source.findStartTag("parameter", reportedLine: 3, after: nil)
        #expect(at(source.findAttribute("type", inStartTagAt: tag)) == "3:14")
    }
}
