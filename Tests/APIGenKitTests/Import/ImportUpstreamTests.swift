import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenKit

/// Alibaba's real ECS metadata (`../shared/specs-upstream`, beside the repository), imported in
/// English and Chinese and generated: every action must come through apigen's checks.
///
/// The folder is not part of the repository: without it these tests are skipped, unless
/// `APIGEN_REQUIRE_UPSTREAM=1` (CI sets it), when they fail.
@Suite(.serialized) struct ImportUpstreamTests {
    static let folder = TestPaths.repository.appendingPathComponent("../shared/specs-upstream").standardizedFileURL
    static let english = folder.appendingPathComponent("ecs-2014-05-26.en_us.api-docs.json")
    static let chinese = folder.appendingPathComponent("ecs-2014-05-26.zh_cn.api-docs.json")
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: english.path) && FileManager.default.fileExists(atPath: chinese.path) }
    static var isRequired: Bool { ProcessInfo.processInfo.environment["APIGEN_REQUIRE_UPSTREAM"] == "1" }
    static var shouldRun: Bool { isAvailable || isRequired }
    static let skipMessage: Comment = """
        Upstream import skipped: Alibaba's ECS metadata is not at ../shared/specs-upstream \
        (APIGEN_REQUIRE_UPSTREAM=1 makes this a failure)
        """

    private func requireMetadata() throws {
        try #require(Self.isAvailable, "APIGEN_REQUIRE_UPSTREAM=1 but Alibaba's ECS metadata is missing from \(Self.folder.path)")
    }

    /// Imports into `<temporary>/Specs/Ecs`, then generates from `<temporary>/Specs` with the
    /// repository's schema and templates; returns the report and the generation result.
    private func importAndGenerate(_ metadata: URL, label: String) throws -> (ImportReport, GenerationResult) {
        let base = try TestPaths.makeTemporaryFolder("apigen-upstream")
        defer { TestPaths.removeTemporaryFolder(base) }
        let specs = base.appendingPathComponent("Specs")
        let started = ContinuousClock.now
        let report = try MetadataImport(configuration: ImportConfiguration(
            metadataPath: metadata.path, outputFolder: specs.appendingPathComponent("Ecs").path
        )).run()
        let importTime = ContinuousClock.now - started
        let generated = try GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: specs.path, outputFolder: base.appendingPathComponent("Generated").path,
            templatesFolder: TestPaths.templates, schemaPath: TestPaths.schema
        )).generate()
        print("\(label): \(report.summaryLine)")
        print("\(label): import took \(importTime.formatted(.units(allowed: [.seconds, .milliseconds]))); odd items by kind:")
        report.issueCountLines.forEach { print("\(label): \($0)") }
        print("\(label): \(report.dottedParameterCount) dotted parameters, \(report.groupedDottedParameterCount) grouped into \(report.dottedGroupCount) parameters")
        return (report, generated)
    }

    private func checkCounts(_ report: ImportReport, _ generated: GenerationResult) {
        #expect(report.actionCount == 358)
        #expect(report.written.count == 359)
        #expect(report.deprecatedActionCount == 74)
        #expect(report.endpointCount == 38)
        // All 162 dotted parameters are accounted for: grouped, or kept as they were because
        // their group also has a plain parameter of its name (reported).
        #expect(report.dottedParameterCount == 162)
        #expect(report.groupedDottedParameterCount == 108)
        #expect(report.dottedGroupCount == 44)
        #expect(report.issues.filter { $0.kind == .irregularDottedGroup }.count == 4)
        #expect(report.validationIssueCount == 0, "\(report.issues.filter { $0.kind == .validation })")
        #expect(generated.actionCount == 358)
        #expect(generated.diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    @Test("English ECS metadata imports and generates", .cpuHeavy, .enabled(if: shouldRun, skipMessage))
    func english() throws {
        try requireMetadata()
        let (report, generated) = try importAndGenerate(Self.english, label: "ECS en_us")
        checkCounts(report, generated)
    }

    @Test("Chinese ECS metadata imports and generates", .cpuHeavy, .enabled(if: shouldRun, skipMessage))
    func chinese() throws {
        try requireMetadata()
        let (report, generated) = try importAndGenerate(Self.chinese, label: "ECS zh_cn")
        checkCounts(report, generated)
    }

    @Test("The repository's hand-written ECS specs survive an import", .cpuHeavy, .enabled(if: shouldRun, skipMessage))
    func handWrittenSpecsSurvive() throws {
        try requireMetadata()
        let base = try TestPaths.makeTemporaryFolder("apigen-upstream-copy")
        defer { TestPaths.removeTemporaryFolder(base) }
        let specs = base.appendingPathComponent("Specs")
        try FileManager.default.copyItem(atPath: TestPaths.specs, toPath: specs.path)
        let ecs = specs.appendingPathComponent("Ecs").path
        // Whatever else Specs/Ecs holds (imports may be committed too), these two are written by
        // hand; the overlay is the importer's input and the waiters are no action, not spec files
        // the importer writes.
        let before = TestPaths.snapshot(of: ecs).filter {
            ![OverlayReader.fileName, "waiters.xml"].contains($0.key) && ImportedFileHeader.state(of: [UInt8]($0.value)) == .handWritten
        }
        #expect(Set(before.keys).isSuperset(of: ["AttachClassicLinkVpc.xml", "product.xml"]))

        let configuration = ImportConfiguration(metadataPath: Self.english.path, outputFolder: ecs)
        let report = try MetadataImport(configuration: configuration).run()
        #expect(Set(report.keptHandWritten) == Set(before.keys))
        #expect(report.written.count + report.unchanged.count + report.keptHandWritten.count + report.keptEdited.count == 359)
        let after = TestPaths.snapshot(of: ecs)
        for (name, bytes) in before { #expect(after[name] == bytes, "\(name) changed") }
        #expect(after.count == 361)

        // The hand-written product file and seed action generate together with the imports.
        let generated = try GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: specs.path, outputFolder: base.appendingPathComponent("Generated").path,
            templatesFolder: TestPaths.templates, schemaPath: TestPaths.schema
        )).generate()
        #expect(generated.actionCount == 358 + 4)   // ECS and the committed STS

        // Importing again changes nothing.
        let again = try MetadataImport(configuration: configuration).run()
        #expect(again.written.isEmpty)
        #expect(again.unchanged.count == 359 - before.count)
    }

    @Test("Importing is deterministic", .cpuHeavy, .enabled(if: shouldRun, skipMessage))
    func deterministic() throws {
        try requireMetadata()
        let data = try Data(contentsOf: Self.english)
        let first = try MetadataImport.convert(data: data, folderName: "Ecs", options: ImportOptions())
        let second = try MetadataImport.convert(data: data, folderName: "Ecs", options: ImportOptions())
        #expect(first.files == second.files)
    }

    /// `ImportText.normalize` is `SpecText.normalize`, faster: the same on every text of both files.
    @Test("The importer's text normalization is apigen's", .enabled(if: shouldRun, skipMessage))
    func normalizationMatchesSpecText() throws {
        try requireMetadata()
        var texts: Set<String> = ["", " ", "\n", " a ", "\ta\n\t b", "a\r\nb\rc", "  x\n\n    y  \n", "é\u{301} ", " \u{301}x", "a\n \n b"]
        for url in [Self.english, Self.chinese] {
            collectStrings(try JSONReader.parse(Array(try Data(contentsOf: url))), into: &texts)
        }
        var mismatches = 0
        for text in texts where ImportText.normalize(text) != SpecText.normalize(text) {
            mismatches += 1
            if mismatches < 5 { Issue.record("differs for \(text.debugDescription)") }
        }
        #expect(mismatches == 0)
    }

    private func collectStrings(_ value: JSONValue, into texts: inout Set<String>) {
        switch value {
        case .string(let text): texts.insert(text)
        case .array(let values): values.forEach { collectStrings($0, into: &texts) }
        case .object(let entries): entries.forEach { collectStrings($0.value, into: &texts) }
        default: break
        }
    }
}
