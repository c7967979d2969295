import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenKit

/// Golden-file tests: the fixture specs in Tests/Golden/Specs must generate exactly the files
/// in Tests/Golden/Expected (which the package also compiles, as GoldenNasty and GoldenBare).
///
/// After an intended change to the generator or templates, re-record with
/// `APIGEN_RECORD=1 swift test --filter ReferenceTests`, then review the diff before committing.
@Suite struct ReferenceTests {
    @Test func goldenFilesMatch() throws {
        let pipeline = GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: TestPaths.goldenSpecs,
            outputFolder: TestPaths.goldenExpected,
            templatesFolder: TestPaths.templates,
            schemaPath: TestPaths.schema
        ))
        let result = try pipeline.generate()
        #expect(result.diagnostics.isEmpty, "fixtures should be clean: \(result.diagnostics)")

        if ProcessInfo.processInfo.environment["APIGEN_RECORD"] == "1" {
            _ = try pipeline.run()
            return
        }
        var mismatches: [String] = []
        for file in result.files {
            let path = (TestPaths.goldenExpected as NSString).appendingPathComponent(file.relativePath)
            let expected = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            guard let expected else {
                mismatches.append("missing golden file \(file.relativePath)")
                continue
            }
            if expected != file.contents {
                mismatches.append("\(file.relativePath) differs from its golden file:\n" + LineDiff.describe(expected: expected, actual: file.contents))
            }
        }
        let produced = Set(result.files.map(\.relativePath))
        for path in TestPaths.snapshot(of: TestPaths.goldenExpected).keys where !produced.contains(path) {
            mismatches.append("golden file \(path) is no longer generated")
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n\n"))\n\nRe-record with APIGEN_RECORD=1 swift test --filter ReferenceTests if the change is intended.")
    }

    /// The committed Generated/ is what the committed specs and templates produce.
    @Test(.cpuHeavy) func committedGeneratedFolderIsUpToDate() throws {
        let pipeline = GeneratorPipeline(configuration: GeneratorConfiguration(specsFolder: TestPaths.specs))
        #expect(pipeline.configuration.outputFolder == TestPaths.generated)
        let result = try pipeline.check()
        #expect(result.report.isUpToDate, "stale: \(result.report.stale), missing: \(result.report.missing), extra: \(result.report.extra); run `swift run apigen Specs/`")
        #expect(result.report.written.isEmpty)
    }

    /// Same input, same bytes: run twice, and from a copy of the specs whose files were
    /// created in the opposite order (file-system order must not matter).
    @Test func outputIsDeterministic() throws {
        let configuration = GeneratorConfiguration(
            specsFolder: TestPaths.goldenSpecs,
            templatesFolder: TestPaths.templates,
            schemaPath: TestPaths.schema
        )
        let first = try GeneratorPipeline(configuration: configuration).generate().files
        let second = try GeneratorPipeline(configuration: configuration).generate().files
        #expect(first == second)

        let copy = try TestPaths.makeTemporaryFolder("apigen-order")
        defer { TestPaths.removeTemporaryFolder(copy) }
        let specsCopy = copy.appendingPathComponent("Specs")
        for product in try FileManager.default.contentsOfDirectory(atPath: TestPaths.goldenSpecs).sorted(by: >) {
            let source = (TestPaths.goldenSpecs as NSString).appendingPathComponent(product)
            let target = specsCopy.appendingPathComponent(product)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for file in try FileManager.default.contentsOfDirectory(atPath: source).sorted(by: >) {
                try FileManager.default.copyItem(
                    atPath: (source as NSString).appendingPathComponent(file),
                    toPath: target.appendingPathComponent(file).path
                )
            }
        }
        let reordered = try GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: specsCopy.path,
            templatesFolder: TestPaths.templates,
            schemaPath: TestPaths.schema
        )).generate().files
        #expect(reordered == first)
    }

    /// A second run over an up-to-date output writes nothing; a removed spec's file goes,
    /// a hand-written file stays.
    @Test func regenerationWritesOnlyChangesAndRemovesOrphans() throws {
        let folder = try TestPaths.makeTemporaryFolder("apigen-regen")
        defer { TestPaths.removeTemporaryFolder(folder) }
        let specs = folder.appendingPathComponent("Specs")
        try FileManager.default.copyItem(atPath: TestPaths.goldenSpecs, toPath: specs.path)
        let configuration = GeneratorConfiguration(
            specsFolder: specs.path,
            templatesFolder: TestPaths.templates,
            schemaPath: TestPaths.schema
        )
        let first = try GeneratorPipeline(configuration: configuration).run()
        let fileCount = try GeneratorPipeline(configuration: configuration).generate().files.count
        #expect(first.report.written.count == fileCount)

        let handWritten = folder.appendingPathComponent("Generated/Nasty/Extensions.swift")
        try Data("extension NastyProduct {}\n".utf8).write(to: handWritten)
        let second = try GeneratorPipeline(configuration: configuration).run()
        #expect(second.report.written.isEmpty)
        #expect(second.report.unchanged.count == fileCount)

        try FileManager.default.removeItem(at: specs.appendingPathComponent("Nasty/Empty.xml"))
        let third = try GeneratorPipeline(configuration: configuration).run()
        #expect(third.report.removed == ["Nasty/Empty.swift", "NastyServer/Empty+Server.swift"])
        #expect(FileManager.default.fileExists(atPath: handWritten.path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Generated/Nasty/Empty.swift").path))
    }
}

/// A readable line diff for golden mismatches: the first differing lines with context.
enum LineDiff {
    static func describe(expected: String, actual: String, context: Int = 3, limit: Int = 12) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var output: [String] = []
        var index = 0
        var shown = 0
        while index < max(old.count, new.count), shown < limit {
            let left = index < old.count ? old[index] : nil
            let right = index < new.count ? new[index] : nil
            if left != right {
                for contextLine in max(0, index - context)..<index where index - contextLine <= context {
                    output.append("  \(contextLine + 1)  \(old[contextLine])")
                }
                if let left { output.append("- \(index + 1)  \(left)") }
                if let right { output.append("+ \(index + 1)  \(right)") }
                shown += 1
            }
            index += 1
        }
        if old.count != new.count { output.append("(expected \(old.count) lines, generated \(new.count))") }
        return output.joined(separator: "\n")
    }
}
