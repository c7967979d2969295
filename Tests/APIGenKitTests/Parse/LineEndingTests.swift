import Foundation
import Testing

@testable import APIGenKit

/// `\r`, `\r\n` and `\n` all end lines, in linear time (issue 15, item 8): a spec saved with
/// old Mac line ends used to be one line, searched from its start for every element.
@Suite struct LineEndingTests {
    @Test(arguments: ["\n", "\r\n", "\r"])
    func positionsAreTheSameWhateverEndsTheLines(ending: String) {
        let text = ["<a>", "  <b x=\"1\"", "     y=\"2\"/>", "  <b z=\"3\"/>", "</a>"].joined(separator: ending)
        let source = SourceText(path: "f", text: text)
        let first = source.findStartTag("b", reportedLine: 3, after: nil)
        #expect("\(first.line):\(first.column)" == "2:3")
        let y = source.findAttribute("y", inStartTagAt: first)
        #expect("\(y.line):\(y.column)" == "3:6")
        let second = source.findStartTag("b", reportedLine: 4, after: first)
        #expect("\(second.line):\(second.column)" == "4:3")
    }

    @Test func mixedEndingsCountOneLineEach() {
        #expect(SourceText.lineStarts(Array("a\r\nb\rc\nd\r\re".utf8)) == [0, 3, 5, 7, 9, 10])
        #expect(SourceText.lineStarts(Array("a\r".utf8)) == [0, 2])
        #expect(SourceText.lineStarts(Array("".utf8)) == [0])
    }

    /// The largest ECS spec with CR line ends: 103 s before the fix, well under a second now.
    /// Its diagnostics point where the LF version's do.
    @Test func aLargeSpecWithCROnlyLineEndsIsReadInLinearTime() throws {
        let original = try String(contentsOfFile: TestPaths.specs + "/Ecs/RunInstances.xml", encoding: .utf8)
        // A schema error near the end, so that a position is computed far into the file.
        let broken = original.replacingOccurrences(of: "</response>", with: "<bogus/></response>")
        var lines: [String: [String]] = [:]
        for (label, ending) in [("LF", "\n"), ("CR", "\r"), ("CRLF", "\r\n")] {
            let folder = try SpecFolder([
                "Ecs/product.xml": try String(contentsOfFile: TestPaths.specs + "/Ecs/product.xml", encoding: .utf8),
                "Ecs/RunInstances.xml": broken.replacingOccurrences(of: "\n", with: ending),
            ])
            defer { folder.remove() }
            let started = ContinuousClock.now
            let diagnostics = try #require(folder.failingRun())
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < .seconds(20), "\(label): \(elapsed)")
            lines[label] = diagnostics.map(folder.relative)
        }
        #expect(lines["CR"] == lines["LF"])
        #expect(lines["CRLF"] == lines["LF"])
        #expect(lines["LF"]?.first?.contains("bogus") == true, "\(lines["LF"] ?? [])")
    }

    /// Found by Tests/Fuzz (seed 15): 20,000 allowed values on one line took over 30 s, each
    /// `<value>` located by counting from the line's start; now each from the one before.
    @Test func thousandsOfElementsOnOneLineAreLocatedInLinearTime() throws {
        let values = (0..<20_000).map { "<value>v\($0)</value>" }.joined()
        let folder = try SpecFolder([
            "P/product.xml": PipelineDiagnosticsTests.product(),
            "P/Ping.xml": PipelineDiagnosticsTests.action(request: "<parameter name=\"Big\" type=\"string\"><enum>\(values)<value>v1</value></enum></parameter>"),
        ])
        defer { folder.remove() }
        let started = ContinuousClock.now
        let lines = try #require(folder.failingRun()).map(folder.relative)
        #expect(ContinuousClock.now - started < .seconds(15))
        // The duplicate is the last element of the line, located exactly.
        let column = "<parameter name=\"Big\" type=\"string\"><enum>".count + values.count + 1
        #expect(lines == ["P/Ping.xml:5:\(column): error: allowed value 'v1' of 'Big' is listed twice"], "\(lines)")
    }
}
