import APIGenKit
import Foundation
import Testing

/// A run with nothing changed skips the work, and anything that would change the output —
/// a spec, a template, a hand-edited, deleted or stray generated file — brings the full run back.
@Suite struct GenerationCacheTests {
    /// A copy of the golden specs and templates in a temporary folder, with its own cache.
    struct Workspace {
        let folder: URL
        var specs: URL { folder.appendingPathComponent("Specs") }
        var templates: URL { folder.appendingPathComponent("Templates") }
        var generated: URL { folder.appendingPathComponent("Generated") }
        var configuration: GeneratorConfiguration {
            GeneratorConfiguration(
                specsFolder: specs.path,
                templatesFolder: templates.path,
                schemaPath: TestPaths.schema,
                cacheFolder: folder.appendingPathComponent("cache").path
            )
        }

        init() throws {
            folder = try TestPaths.makeTemporaryFolder("apigen-cache")
            try FileManager.default.copyItem(atPath: TestPaths.goldenSpecs, toPath: specs.path)
            try FileManager.default.copyItem(atPath: TestPaths.templates, toPath: templates.path)
        }

        func run() throws -> GenerationResult {
            try GeneratorPipeline(configuration: configuration).run()
        }

        func append(_ text: String, to url: URL) throws {
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
    }

    @Test func aRunWithNothingChangedSkipsTheWorkAndReportsEveryFileUnchanged() throws {
        let workspace = try Workspace()
        defer { TestPaths.removeTemporaryFolder(workspace.folder) }
        let first = try workspace.run()
        #expect(!first.skippedUnchanged)
        let second = try workspace.run()
        #expect(second.skippedUnchanged)
        #expect(second.report.unchanged == first.report.written.sorted())
        #expect(second.report.written.isEmpty)
        #expect(second.productCount == first.productCount)
        #expect(second.actionCount == first.actionCount)
        let check = try GeneratorPipeline(configuration: workspace.configuration).check()
        #expect(check.skippedUnchanged)
        #expect(check.report.isUpToDate)
    }

    @Test func withoutACacheFolderEveryRunDoesTheWork() throws {
        let workspace = try Workspace()
        defer { TestPaths.removeTemporaryFolder(workspace.folder) }
        var configuration = workspace.configuration
        configuration.cacheFolder = nil
        _ = try GeneratorPipeline(configuration: configuration).run()
        #expect(try !GeneratorPipeline(configuration: configuration).run().skippedUnchanged)
    }

    @Test func changedSpecsAndTemplatesAreRegenerated() throws {
        let workspace = try Workspace()
        defer { TestPaths.removeTemporaryFolder(workspace.folder) }
        _ = try workspace.run()

        let spec = workspace.specs.appendingPathComponent("Bare/Ping.xml")
        let text = try String(contentsOf: spec, encoding: .utf8)
        try text.replacingOccurrences(of: "<summary>", with: "<summary>Now: ").write(to: spec, atomically: true, encoding: .utf8)
        let afterSpec = try workspace.run()
        #expect(!afterSpec.skippedUnchanged)
        // The summary is also the doc comment of the client and service methods.
        #expect(afterSpec.report.written == ["Bare/BareClient.swift", "Bare/Ping.swift", "BareServer/BareService.swift"])

        try workspace.append("\n// a user's note\n", to: workspace.templates.appendingPathComponent("client.mustache"))
        let afterTemplate = try workspace.run()
        #expect(!afterTemplate.skippedUnchanged)
        #expect(afterTemplate.report.written.sorted() == ["Bare/BareClient.swift", "Nasty/NastyClient.swift"])
        #expect(try workspace.run().skippedUnchanged)
    }

    @Test func editedDeletedAndStrayGeneratedFilesBringTheFullRunBack() throws {
        let workspace = try Workspace()
        defer { TestPaths.removeTemporaryFolder(workspace.folder) }
        _ = try workspace.run()
        let ping = workspace.generated.appendingPathComponent("Bare/Ping.swift")
        let original = try Data(contentsOf: ping)

        try workspace.append("// edited by hand\n", to: ping)
        let afterEdit = try workspace.run()
        #expect(!afterEdit.skippedUnchanged)
        #expect(afterEdit.report.written == ["Bare/Ping.swift"])
        #expect(try Data(contentsOf: ping) == original)

        try FileManager.default.removeItem(at: ping)
        let afterDelete = try workspace.run()
        #expect(afterDelete.report.written == ["Bare/Ping.swift"])

        let stray = workspace.generated.appendingPathComponent("Bare/Gone.swift")
        try original.write(to: stray)
        let afterStray = try workspace.run()
        #expect(!afterStray.skippedUnchanged)
        #expect(afterStray.report.removed == ["Bare/Gone.swift"])

        // A hand-written file (no generated header) is not apigen's business.
        try Data("extension BareProduct {}\n".utf8).write(to: workspace.generated.appendingPathComponent("Bare/Extensions.swift"))
        #expect(try workspace.run().skippedUnchanged)
    }

    @Test func aCorruptCacheEntryOnlyCostsAFullRun() throws {
        let workspace = try Workspace()
        defer { TestPaths.removeTemporaryFolder(workspace.folder) }
        _ = try workspace.run()
        let cache = workspace.folder.appendingPathComponent("cache")
        for entry in try FileManager.default.contentsOfDirectory(atPath: cache.path) {
            try Data("{not json".utf8).write(to: cache.appendingPathComponent(entry))
        }
        let run = try workspace.run()
        #expect(!run.skippedUnchanged)
        #expect(run.report.written.isEmpty)
        #expect(try workspace.run().skippedUnchanged)
    }
}
