import Testing

@testable import APIGenKit

/// `Diagnostic`, `DiagnosticCollector`, `DiagnosticsError`: the `path:line:column: error: message
/// (hint)` form, and reading order.
@Suite struct DiagnosticsTests {
    private func at(_ file: String, _ line: Int, _ column: Int) -> APIGenKit.SourceLocation {
        APIGenKit.SourceLocation(file: file, line: line, column: column)
    }

    // MARK: Formatting

    @Test func errorWithLocationAndHint() {
        let diagnostic = Diagnostic.error("parameter 'A' is already defined at line 5", at: at("Specs/Ecs/X.xml", 6, 5), hint: "remove one")
        #expect(diagnostic.description == "Specs/Ecs/X.xml:6:5: error: parameter 'A' is already defined at line 5 (remove one)")
    }

    @Test func withoutHintThereAreNoParentheses() {
        #expect(Diagnostic.warning("w", at: at("a.xml", 1, 2)).description == "a.xml:1:2: warning: w")
    }

    @Test func withoutLocationThereIsNoPath() {
        #expect(Diagnostic.error("spec folder 'x' does not exist", at: nil, hint: "h").description == "error: spec folder 'x' does not exist (h)")
        #expect(Diagnostic(.note, "n", at: nil).description == "note: n")
    }

    @Test func locationDescription() {
        #expect(at("dir with space/ä.xml", 10, 3).description == "dir with space/ä.xml:10:3")
    }

    @Test func errorDescriptionIsOneDiagnosticPerLine() {
        let error = DiagnosticsError(diagnostics: [
            .error("e1", at: at("a.xml", 1, 1)),
            .warning("w", at: at("a.xml", 2, 1), hint: "h"),
            .error("e2", at: nil),
        ])
        #expect(error.description == "a.xml:1:1: error: e1\na.xml:2:1: warning: w (h)\nerror: e2")
        #expect(error.errorCount == 2)
    }

    // MARK: Order

    @Test func sortedByFileThenLineThenColumn() {
        let diagnostics: [Diagnostic] = [
            .error("c", at: at("b.xml", 1, 1)),
            .error("b", at: at("a.xml", 10, 1)),
            .error("a", at: at("a.xml", 2, 7)),
            .error("d", at: at("a.xml", 2, 3)),
            .error("e", at: nil),
        ]
        #expect(diagnostics.sorted().map(\.message) == ["e", "d", "a", "b", "c"])
    }

    /// Lines and columns compare as numbers, not text: line 9 comes before line 10.
    @Test func linesCompareAsNumbers() {
        let diagnostics: [Diagnostic] = [.error("ten", at: at("a.xml", 10, 1)), .error("nine", at: at("a.xml", 9, 1))]
        #expect(diagnostics.sorted().map(\.message) == ["nine", "ten"])
        let columns: [Diagnostic] = [.error("ten", at: at("a.xml", 1, 10)), .error("nine", at: at("a.xml", 1, 9))]
        #expect(columns.sorted().map(\.message) == ["nine", "ten"])
    }

    @Test func atOnePlaceErrorsComeBeforeWarningsThenByMessage() {
        let place = at("a.xml", 3, 1)
        let diagnostics: [Diagnostic] = [
            Diagnostic(.note, "a", at: place),
            .warning("a", at: place),
            .error("z", at: place),
            .error("b", at: place),
        ]
        #expect(diagnostics.sorted().map { "\($0.severity.rawValue) \($0.message)" } == ["error b", "error z", "warning a", "note a"])
    }

    @Test func withoutLocationComeFirstInMessageOrder() {
        let diagnostics: [Diagnostic] = [.error("b", at: nil), .error("x", at: at("a.xml", 1, 1)), .error("a", at: nil)]
        #expect(diagnostics.sorted().map(\.message) == ["a", "b", "x"])
    }

    @Test func severityOrder() {
        #expect(Diagnostic.Severity.error < .warning)
        #expect(Diagnostic.Severity.warning < .note)
    }

    // MARK: Collecting

    @Test func collectorGathersSortsAndDeduplicates() {
        var collector = DiagnosticCollector()
        #expect(!collector.hasErrors)
        collector.warning("w", at: at("b.xml", 1, 1))
        #expect(!collector.hasErrors)
        collector.error("e", at: at("a.xml", 5, 1), hint: "h")
        collector.error("e", at: at("a.xml", 5, 1), hint: "h")
        #expect(collector.hasErrors)
        #expect(collector.diagnostics.count == 3)
        #expect(collector.sorted.map(\.description) == ["a.xml:5:1: error: e (h)", "b.xml:1:1: warning: w"])

        var other = DiagnosticCollector()
        other.emit(.error("first", at: nil))
        collector.append(contentsOf: other)
        #expect(collector.sorted.first?.message == "first")
        #expect(collector.diagnostics.count == 4)
    }

    /// The same message at two places is two diagnostics; only exact repeats are dropped.
    @Test func deduplicationKeepsDistinctPlacesAndHints() {
        var collector = DiagnosticCollector()
        collector.error("e", at: at("a.xml", 1, 1))
        collector.error("e", at: at("a.xml", 1, 2))
        collector.error("e", at: at("a.xml", 1, 1), hint: "h")
        #expect(collector.sorted.count == 3)
    }
}
