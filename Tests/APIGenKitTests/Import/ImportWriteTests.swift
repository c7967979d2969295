import Foundation
import Testing

@testable import APIGenKit

/// Writing: hand-written and hand-edited files survive, unchanged files are not touched,
/// writes are atomic, and a failing import writes nothing.
@Suite struct ImportWriteTests {
    private static func metadata(summary: String = "Pings.", extraAction: Bool = false) -> String {
        let response = #""responses": {"200": {"schema": {"type": "object", "properties": {"RequestId": {"type": "string"}}}}}"#
        var apis = [("Ping", #"{"summary": \#(ImportFixture.jsonString(summary)), \#(response), "parameters": [{"name": "RegionId", "in": "query", "schema": {"type": "string", "required": true}}]}"#)]
        if extraAction { apis.append(("Pong", #"{"summary": "Pongs.", \#(response)}"#)) }
        return ImportFixture.document(apis)
    }

    /// A temporary folder with the metadata file and an output folder `Specs/Ecs`.
    private struct Workspace {
        let base: URL
        var metadataPath: String { base.appendingPathComponent("api-docs.json").path }
        var output: String { base.appendingPathComponent("Specs/Ecs").path }

        init() throws {
            base = try TestPaths.makeTemporaryFolder("apigen-import")
        }

        func setMetadata(_ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: metadataPath))
        }

        func run(overwrite: Bool = false, actions: [String] = []) throws -> ImportReport {
            try MetadataImport(configuration: ImportConfiguration(
                metadataPath: metadataPath, outputFolder: output, options: ImportOptions(actions: actions), overwrite: overwrite
            )).run()
        }

        func path(_ name: String) -> String { (output as NSString).appendingPathComponent(name) }
        func read(_ name: String) -> String? { FileManager.default.contents(atPath: path(name)).map { String(decoding: $0, as: UTF8.self) } }
        func write(_ name: String, _ text: String) throws {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        }

        /// Every entry of the output folder, hidden ones included.
        var entries: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []).sorted() }

        func inode(_ name: String) throws -> Int? {
            try (FileManager.default.attributesOfItem(atPath: path(name))[.systemFileNumber] as? NSNumber)?.intValue
        }

        func remove() { TestPaths.removeTemporaryFolder(base) }
    }

    @Test func writesEverythingOnceThenNothing() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.setMetadata(Self.metadata())
        let first = try workspace.run()
        #expect(first.written == ["Ping.xml", "product.xml"])
        #expect(workspace.entries == ["Ping.xml", "product.xml"])
        let inode = try workspace.inode("Ping.xml")

        let second = try workspace.run()
        #expect(second.written.isEmpty)
        #expect(second.unchanged == ["Ping.xml", "product.xml"])
        #expect(try workspace.inode("Ping.xml") == inode)
        #expect(second.summaryLine.hasPrefix("apigen import: Ecs 2014-05-26, 1 action: 0 files written, 2 unchanged, 0 kept (0 hand-written, 0 edited); 0 odd items tolerated in "))
    }

    @Test func rewritesAnUneditedImportWhenTheMetadataChanges() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.setMetadata(Self.metadata())
        _ = try workspace.run()
        try workspace.setMetadata(Self.metadata(summary: "Pings again.", extraAction: true))
        let report = try workspace.run()
        #expect(report.written == ["Ping.xml", "Pong.xml"])
        #expect(report.unchanged == ["product.xml"])
        #expect(workspace.read("Ping.xml")?.contains("<summary>Pings again.</summary>") == true)
    }

    @Test func leavesHandWrittenAndHandEditedFilesAlone() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.setMetadata(Self.metadata(extraAction: true))
        _ = try workspace.run()

        let handWritten = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<product name=\"Ecs\">written by hand</product>\n"
        try workspace.write("product.xml", handWritten)
        let edited = try #require(workspace.read("Ping.xml")).replacingOccurrences(of: "<summary>Pings.</summary>", with: "<summary>Pings, better.</summary>")
        try workspace.write("Ping.xml", edited)
        let untouchedPong = workspace.read("Pong.xml")

        try workspace.setMetadata(Self.metadata(summary: "Newer.", extraAction: true))
        let report = try workspace.run()
        #expect(report.keptHandWritten == ["product.xml"])
        #expect(report.keptEdited == ["Ping.xml"])
        #expect(report.unchanged == ["Pong.xml"])
        #expect(report.written.isEmpty)
        #expect(workspace.read("product.xml") == handWritten)
        #expect(workspace.read("Ping.xml") == edited)
        #expect(workspace.read("Pong.xml") == untouchedPong)
        #expect(report.summaryLine.contains("0 files written, 1 unchanged, 2 kept (1 hand-written, 1 edited)"))

        let overwritten = try workspace.run(overwrite: true)
        #expect(overwritten.written == ["Ping.xml", "product.xml"])
        #expect(workspace.read("Ping.xml")?.contains("<summary>Newer.</summary>") == true)
        #expect(workspace.read("product.xml")?.contains("Imported by apigen") == true)
    }

    @Test func leavesNoTemporaryFilesBehind() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.setMetadata(Self.metadata(extraAction: true))
        _ = try workspace.run()
        try workspace.setMetadata(Self.metadata(summary: "Changed.", extraAction: true))
        _ = try workspace.run()
        #expect(workspace.entries == ["Ping.xml", "Pong.xml", "product.xml"])
    }

    @Test func aFailingImportWritesNothing() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // Unreadable metadata, invalid metadata, an unknown action.
        #expect(throws: ImportError.self) { try workspace.run() }
        try workspace.setMetadata("{\"info\": ")
        #expect(throws: ImportError.self) { try workspace.run() }
        try workspace.setMetadata(Self.metadata())
        #expect(throws: ImportError.self) { try workspace.run(actions: ["Nope"]) }
        #expect(!FileManager.default.fileExists(atPath: workspace.output))

        // A path the import would write that is a folder: found before anything is written.
        try FileManager.default.createDirectory(atPath: workspace.path("product.xml"), withIntermediateDirectories: true)
        #expect(throws: ImportError.self) { try workspace.run() }
        #expect(workspace.entries == ["product.xml"])
    }

    @Test func importsOnlyTheActionsNamed() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.setMetadata(Self.metadata(extraAction: true))
        let report = try workspace.run(actions: ["Pong"])
        #expect(report.written == ["Pong.xml", "product.xml"])
        #expect(report.actionCount == 1)
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let document = ImportFixture.document([
            ("Zed", #"{"summary": "z", "responses": {"200": {"schema": {"type": "object", "properties": {"B": {"type": "string"}, "A": {"type": "string"}, "a": {"type": "string"}}}}}}"#),
            ("Alpha", #"{"summary": "a", "errorCodes": {"403": [{"errorCode": "X", "errorMessage": "m"}], "400": [{"errorCode": "X", "errorMessage": "n"}]}}"#),
        ], endpoints: #"[{"regionId": "b", "endpoint": "b.example.com"}, {"regionId": "a", "endpoint": "a.example.com"}]"#)
        let first = try ImportFixture.convert(document)
        let second = try ImportFixture.convert(document)
        #expect(first.files == second.files)
        #expect(first.report.issues == second.report.issues)
        // Document order is kept where it means something (fields, statuses), whatever the hash order.
        #expect(try first.action("Zed").fields.map(\.name) == ["B", "A", "a"])
        #expect(try first.action("Alpha").errors.first?.httpStatuses == [403, 400])
    }
}
