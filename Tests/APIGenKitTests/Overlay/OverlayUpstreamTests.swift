import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenKit

/// The committed ECS specs are what importing Alibaba's metadata with `Specs/Ecs/overlay.xml`
/// gives, byte for byte; the Chinese metadata, with the same overlay, gives the same API.
///
/// Skipped without `../shared/specs-upstream`, unless `APIGEN_REQUIRE_UPSTREAM=1` (CI).
@Suite(.serialized) struct OverlayUpstreamTests {
    static let overlayPath = TestPaths.specs + "/Ecs/" + OverlayReader.fileName

    private func requireMetadata() throws {
        try #require(ImportUpstreamTests.isAvailable, "APIGEN_REQUIRE_UPSTREAM=1 but Alibaba's ECS metadata is missing from \(ImportUpstreamTests.folder.path)")
    }

    private func importedFiles(_ metadata: URL) throws -> [String: String] {
        let overlay = try OverlayReader.load(path: Self.overlayPath, schemaPath: TestPaths.schema)
        let (files, report) = try MetadataImport.convert(
            data: try Data(contentsOf: metadata), folderName: "Ecs", options: ImportOptions(), overlay: overlay)
        #expect(report.validationIssueCount == 0, "\(report.issues.filter { $0.kind == .validation })")
        #expect(report.overlayChanges.count >= overlay.entryCount, "every entry changes at least one member")
        return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) })
    }

    @Test("Re-importing English ECS with the overlay reproduces the committed specs", .enabled(if: ImportUpstreamTests.shouldRun, ImportUpstreamTests.skipMessage))
    func englishReimportIsTheCommittedSpecs() throws {
        try requireMetadata()
        let files = try importedFiles(ImportUpstreamTests.english)
        let committed = TestPaths.snapshot(of: TestPaths.specs + "/Ecs")
        var compared = 0
        for (name, text) in files {
            let bytes = try #require(committed[name], "\(name) is imported but not committed")
            // Hand-written files (the product file, the seed action) are kept by an import.
            guard ImportedFileHeader.state(of: [UInt8](bytes)) != .handWritten else { continue }
            #expect(bytes == Data(text.utf8), "\(name) differs from a fresh import: run `swift run apigen import … --output Specs/Ecs`")
            compared += 1
        }
        #expect(compared == 357)
    }

    @Test("Chinese ECS with the overlay gives the English specs' API", .cpuHeavy, .enabled(if: ImportUpstreamTests.shouldRun, ImportUpstreamTests.skipMessage))
    func chineseImportHasTheSameAPI() throws {
        try requireMetadata()
        let english = try Self.api(importedFiles(ImportUpstreamTests.english))
        let chinese = try Self.api(importedFiles(ImportUpstreamTests.chinese))
        #expect(english.count == 358)
        #expect(Set(chinese.keys) == Set(english.keys))
        // Range checks are no part of the Swift API, and the Chinese metadata leaves out one
        // range the English one gives: listed here, so a new difference still fails.
        var constraintDifferences: [String] = []
        for (name, lines) in english.sorted(by: { $0.key < $1.key }) {
            for (line, other) in zip(lines, chinese[name] ?? []) where line.hasPrefix("constraints ") && line != other {
                constraintDifferences.append(name + " " + line.split(separator: " ")[1])
            }
        }
        #expect(constraintDifferences == ["DescribePrice request.RecurrenceRules[].StartHour", "DescribePrice request.RecurrenceRules[].EndHour"])
        for (name, lines) in english.sorted(by: { $0.key < $1.key }) {
            let other = chinese[name] ?? []
            guard other.filter({ !$0.hasPrefix("constraints ") }) != lines.filter({ !$0.hasPrefix("constraints ") }) else { continue }
            let onlyEnglish = lines.filter { !other.contains($0) }.prefix(5)
            let onlyChinese = other.filter { !lines.contains($0) }.prefix(5)
            Issue.record("\(name) differs beyond its text: English \(Array(onlyEnglish)), Chinese \(Array(onlyChinese))")
        }
    }

    /// Every action as apigen reads it, one line per thing the generated API depends on (names,
    /// types, constraints, allowed values, styles, error codes), without the texts a
    /// translation changes.
    private static func api(_ files: [String: String]) throws -> [String: [String]] {
        let actions = files.filter { $0.key != "product.xml" }.map { (file: $0.key, text: $0.value) }
        let (product, diagnostics) = try SpecFixture.product(try #require(files["product.xml"]), actions: actions)
        #expect(diagnostics.isEmpty)
        return Dictionary(uniqueKeysWithValues: product.actions.map { ($0.name, signature($0)) })
    }

    private static func signature(_ action: ActionSpec) -> [String] {
        var lines = ["action \(action.swiftName ?? "-") \(action.operationType) \(action.idempotent.map(String.init) ?? "-") deprecated=\(action.deprecation != nil)"]
        func add(_ members: [MemberSpec], _ path: String) {
            for member in members {
                let here = path + "." + member.name
                lines.append("\(here) \(member.swiftName ?? "-") required=\(member.isRequired) style=\(member.style?.rawValue ?? "-") default=\(member.defaultValue ?? "-") sensitive=\(member.isSensitive) deprecated=\(member.deprecation != nil)")
                addType(member.type, here)
            }
        }
        func addType(_ type: TypeSpec, _ path: String) {
            let values = type.enumValues.map { "\($0.value)/\($0.swiftName ?? "-")" }.joined(separator: ",")
            lines.append("\(path): \(type.kindName) enum=[\(values)] enumType=\(type.enumTypeName ?? "-")")
            lines.append("constraints \(path) \(type.constraints)")
            switch type.kind {
            case .array(let items):
                lines.append("\(path)[] \(items.swiftName ?? "-")")
                addType(items.type, path + "[]")
            case .object(let members):
                add(members, path)
            default:
                break
            }
        }
        add(action.parameters, "request")
        add(action.fields, "response")
        lines += action.errors.map { "error \($0.code) \($0.swiftName ?? "-") \($0.httpStatuses)" }
        return lines
    }
}
