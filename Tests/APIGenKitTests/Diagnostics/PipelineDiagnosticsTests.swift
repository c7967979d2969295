import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenKit

/// End to end: `GeneratorPipeline` on small spec folders written into a temporary folder.
/// A run with errors throws every problem at once, in reading order, and leaves the output
/// folder exactly as it was.
@Suite struct PipelineDiagnosticsTests {
    static func product(_ name: String = "P") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <product name="\(name)" version="2020-01-01" style="RPC" swiftModule="\(name)Kit" swiftPrefix="\(name)">
          <title>\(name)</title>
          <endpoints default="p.example.com"/>
        </product>
        """
    }

    /// An action file whose `<request>` holds `request` (first line: 5).
    static func action(_ name: String = "Ping", request: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <action name="\(name)" operationType="read">
          <summary>S</summary>
          <request>
        \(request)
          </request>
          <response/>
        </action>
        """
    }

    // MARK: Everything at once, output untouched

    @Test func allProblemsOfARunAreReportedTogetherInReadingOrder() throws {
        let folder = try SpecFolder([
            "P/product.xml": Self.product(),
            // Not well-formed.
            "P/A.xml": "<?xml version=\"1.0\"?>\n<action name=\"A\" operationType=\"read\">\n  <summary>S\n</action>\n",
            // Schema violation.
            "P/B.xml": Self.action("B", request: "    <parameter name=\"X\" type=\"strin\"/>"),
            // Two semantic errors, the later one first in the file.
            "P/C.xml": Self.action("C", request: """
                    <parameter name="Filter.Key" type="string"/>
                    <parameter name="FilterKey" type="string" required="true" default="x"/>
                """),
            // A warning.
            "P/D.xml": Self.action("Dee"),
            "Q/product.xml": Self.product("Q"),
            "Q/E.xml": Self.action("E", request: "    <parameter name=\"N\" type=\"integer\" default=\"ten\"/>"),
        ])
        defer { folder.remove() }
        let diagnostics = try #require(folder.failingRun())
        let lines = diagnostics.map(folder.relative)
        #expect(lines.map { $0.prefix { $0 != " " } } == [
            "P/A.xml:4:10:", "P/A.xml:5:1:",
            "P/B.xml:5:25:",
            "P/C.xml:6:5:", "P/C.xml:6:5:",
            "P/D.xml:2:1:",
            "Q/E.xml:5:5:",
        ])
        #expect(lines[0].contains("error: Opening and ending tag mismatch: summary line 3 and action"))
        #expect(lines[2].contains("error: Element 'parameter', attribute 'type'") && lines[2].contains("'strin'"))
        #expect(Array(lines[3...]) == [
            "P/C.xml:6:5: error: parameters 'Filter.Key' and 'FilterKey' both become the Swift name 'filterKey'",
            "P/C.xml:6:5: error: required parameter 'FilterKey' has a default",
            "P/D.xml:2:1: warning: action 'Dee' is in a file not named Dee.xml",
            "Q/E.xml:5:5: error: default 'ten' of 'N' is not a valid integer",
        ])
        #expect(DiagnosticsError(diagnostics: diagnostics).errorCount == 6)
        #expect(!FileManager.default.fileExists(atPath: folder.output), "a failed run must not create the output folder")
    }

    @Test func failedRunLeavesAnExistingOutputFolderByteForByte() throws {
        let folder = try SpecFolder([
            "P/product.xml": Self.product(),
            "P/Ping.xml": Self.action(request: "    <parameter name=\"A\" type=\"string\"/>\n    <parameter name=\"A\" type=\"string\"/>"),
        ])
        defer { folder.remove() }
        // A stale generated file (would be rewritten), an orphan (would be removed), a
        // hand-written file, and a generated file that would be unchanged.
        try folder.writeOutput("P/PProduct.swift", Renderer.headerMarker + "Specs/P/product.xml.\nstale\n")
        try folder.writeOutput("P/Old.swift", Renderer.headerMarker + "Specs/P/Old.xml.\nold\n")
        try folder.writeOutput("P/Hand.swift", "extension PProduct {}\n")
        try folder.writeOutput("Other/Keep.swift", Renderer.headerMarker + "Specs/Other/product.xml.\n")
        let before = TestPaths.snapshot(of: folder.output)
        let dates = try before.keys.map { try FileManager.default.attributesOfItem(atPath: folder.output + "/" + $0)[.modificationDate] as? Date }
        #expect(before.count == 4)

        let diagnostics = try #require(folder.failingRun())
        #expect(diagnostics.map(folder.relative) == ["P/Ping.xml:6:5: error: parameter 'A' is already defined at line 5"])
        do throws(DiagnosticsError) {
            _ = try folder.pipeline.check()
            Issue.record("check should fail too")
        } catch {
            #expect(error.diagnostics == diagnostics)
        }
        #expect(TestPaths.snapshot(of: folder.output) == before)
        #expect(try before.keys.map { try FileManager.default.attributesOfItem(atPath: folder.output + "/" + $0)[.modificationDate] as? Date } == dates)
        let entries = (FileManager.default.enumerator(atPath: folder.output)?.allObjects as? [String] ?? []).sorted()
        #expect(entries == ["Other", "Other/Keep.swift", "P", "P/Hand.swift", "P/Old.swift", "P/PProduct.swift"])
    }

    /// When product.xml is broken, the product's action files are still read and checked, so
    /// that their problems are reported in the same run.
    @Test func brokenProductFileDoesNotHideProblemsInItsActions() throws {
        let folder = try SpecFolder([
            "P/product.xml": Self.product().replacingOccurrences(of: "version=\"2020-01-01\"", with: "version=\"2020\""),
            "P/Ping.xml": Self.action(request: "    <parameter name=\"A\" type=\"strin\"/>"),
        ])
        defer { folder.remove() }
        let lines = try #require(folder.failingRun()).map(folder.relative)
        #expect(lines.contains { $0.hasPrefix("P/product.xml:2:19: error: ") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("P/Ping.xml:5:25: error: ") }, "\(lines)")
    }

    // MARK: XXE and friends

    @Test func externalEntityIsRejectedAndNothingLeaks() throws {
        let folder = try SpecFolder([
            "P/product.xml": Self.product(),
            "P/Ping.xml": """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE action [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <action name="Ping" operationType="read">
                  <summary>S</summary>
                  <description>&xxe;</description>
                  <request/>
                  <response/>
                </action>
                """,
        ])
        defer { folder.remove() }
        let diagnostics = try #require(folder.failingRun())
        #expect(diagnostics.map(folder.relative) == ["P/Ping.xml:2:1: error: DOCTYPE declarations are not allowed in spec files"])
        let text = DiagnosticsError(diagnostics: diagnostics).description
        #expect(!text.contains("root:"))
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? ""
        for line in passwd.split(separator: "\n").prefix(5) where line.count > 3 {
            #expect(!text.contains(line))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.output))
    }

    @Test func billionLaughsIsRejectedFast() throws {
        var lines = ["<?xml version=\"1.0\"?>", "<!DOCTYPE action [", "  <!ENTITY lol \"lol\">"]
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            lines.append("  <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">")
        }
        lines += ["]>", "<action name=\"Ping\" operationType=\"read\"><summary>&lol9;</summary><request/><response/></action>"]
        let folder = try SpecFolder(["P/product.xml": Self.product(), "P/Ping.xml": lines.joined(separator: "\n")])
        defer { folder.remove() }
        let clock = ContinuousClock()
        var diagnostics: [Diagnostic]?
        let elapsed = clock.measure { diagnostics = folder.failingRun() }
        #expect(elapsed < .seconds(1))
        #expect(diagnostics?.map(folder.relative) == ["P/Ping.xml:2:1: error: DOCTYPE declarations are not allowed in spec files"])
    }

    @Test func externalDTDIsRejected() throws {
        let folder = try SpecFolder([
            "P/product.xml": """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE product SYSTEM "http://127.0.0.1:9/x.dtd">
                <product name="P" version="2020-01-01" style="RPC" swiftModule="PKit" swiftPrefix="P">
                  <title>P</title>
                  <endpoints default="p.example.com"/>
                </product>
                """,
        ])
        defer { folder.remove() }
        #expect(folder.failingRun()?.map(folder.relative) == ["P/product.xml:2:1: error: DOCTYPE declarations are not allowed in spec files"])
    }

    // MARK: Files and folders

    @Test func duplicateActionAcrossFiles() throws {
        let folder = try SpecFolder([
            "P/product.xml": Self.product(),
            "P/Ping.xml": Self.action(),
            "P/Ping2.xml": Self.action(),
        ])
        defer { folder.remove() }
        #expect(folder.failingRun()?.map(folder.relative) == ["P/Ping2.xml:2:1: error: action 'Ping' is already defined in P/Ping.xml"])
    }

    /// A misnamed action file is only a warning: the run succeeds and reports it.
    @Test func misnamedActionFileIsAWarning() throws {
        let folder = try SpecFolder(["P/product.xml": Self.product(), "P/Pong.xml": Self.action()])
        defer { folder.remove() }
        let result = try folder.pipeline.run()
        #expect(result.diagnostics.map(folder.relative) == ["P/Pong.xml:2:1: warning: action 'Ping' is in a file not named Ping.xml"])
        #expect(result.report.written.contains("P/Ping.swift"))
        #expect(FileManager.default.fileExists(atPath: folder.output + "/P/Ping.swift"))
    }

    @Test func wrongRootElement() throws {
        let folder = try SpecFolder(["P/product.xml": Self.product(), "P/Ping.xml": Self.product()])
        defer { folder.remove() }
        #expect(folder.failingRun()?.map(folder.relative) == ["P/Ping.xml:2:1: error: unexpected root element <product>"])
    }

    @Test func specThatIsNotUTF8() throws {
        let folder = try SpecFolder(["P/product.xml": Self.product()])
        defer { folder.remove() }
        try Data([0x3C, 0x61, 0xFF, 0xFE, 0x3E]).write(to: URL(fileURLWithPath: folder.specs + "/P/Ping.xml"))
        #expect(folder.failingRun()?.map(folder.relative) == ["P/Ping.xml:1:1: error: the file is not UTF-8 text"])
    }

    @Test func productFolderWithoutProductFile() throws {
        let folder = try SpecFolder([
            "P/product.xml": Self.product(),
            "Q/Ping.xml": Self.action(),
            "Docs/readme.txt": "not a product",
        ])
        defer { folder.remove() }
        #expect(folder.failingRun()?.map(\.brief) == ["error: product folder '\(folder.specs)/Q' has no product.xml"])
    }

    @Test func missingSpecFolder() throws {
        let folder = try SpecFolder([:])
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.specs)
        #expect(folder.failingRun()?.map(\.brief) == ["error: spec folder '\(folder.specs)' does not exist"])
    }

    @Test func specFolderWithoutProducts() throws {
        let folder = try SpecFolder(["notes.xml": "<notes/>"])
        defer { folder.remove() }
        #expect(folder.failingRun()?.map(\.brief) == ["error: no product folders (with a product.xml) in '\(folder.specs)'"])
    }

    // MARK: What gets through must compile

    /// `xs:decimal` allows `.5`, `5.` and `-.5`, which are not Swift literals: such a bound must
    /// be rejected, or written as a valid literal.
    @Test func decimalBoundsThatAreNotSwiftLiterals() throws {
        let folder = try SpecFolder([
            "P/product.xml": Self.product(),
            "P/Ping.xml": Self.action(request: "    <parameter name=\"Ratio\" type=\"double\" minimum=\"-.5\" maximum=\"5.\"/>"),
        ])
        defer { folder.remove() }
        let result: GenerationResult
        do throws(DiagnosticsError) {
            result = try folder.pipeline.generate()
        } catch {
            // Rejected: fine, if it is rejected at the parameter.
            #expect(error.diagnostics.map(folder.relative).allSatisfy { $0.hasPrefix("P/Ping.xml:5:") }, "\(error)")
            return
        }
        let ping = try #require(result.files.first { $0.relativePath == "P/Ping.swift" })
        let range = try #require(ping.contents.split(separator: "\n").first { $0.contains("RequestValidation.range") })
        #expect(!range.contains("min: -.5") && !range.contains("max: 5.,"), "not valid Swift: \(range)")
    }

    // MARK: The repository

    @Test(.cpuHeavy) func repositorySpecsGenerateWithoutDiagnostics() throws {
        let output = try TestPaths.makeTemporaryFolder("apigen-happy")
        defer { TestPaths.removeTemporaryFolder(output) }
        let pipeline = GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: TestPaths.specs,
            outputFolder: output.path,
            templatesFolder: TestPaths.templates,
            schemaPath: TestPaths.schema
        ))
        var diagnostics = DiagnosticCollector()
        let products = try pipeline.loadAndValidate(diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.isEmpty)
        #expect(products.map(\.name) == ["Ecs", "Sts"])
        let result = try pipeline.generate()
        #expect(result.diagnostics.isEmpty)
        #expect(result.productCount == 2)
        #expect(result.actionCount == 358 + 4)
        #expect(result.files.map(\.relativePath).contains("Ecs/AttachClassicLinkVpc.swift"))
        #expect(result.files.allSatisfy {
            $0.contents.hasPrefix(Renderer.headerMarker + "Specs/Ecs/") || $0.contents.hasPrefix(Renderer.headerMarker + "Specs/Sts/")
        })
    }
}
