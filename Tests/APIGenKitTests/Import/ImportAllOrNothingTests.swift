import Foundation
import Testing

@testable import APIGenKit

/// An import writes all its files or none (issue 15, item 9): names that cannot be file names
/// are found before anything is written, and a failure while writing leaves the folder as it was.
@Suite struct ImportAllOrNothingTests {
    static let response = #""responses": {"200": {"schema": {"type": "object", "properties": {"RequestId": {"type": "string"}}}}}"#

    static func metadata(_ names: [String], summary: String = "Does it.") -> String {
        ImportFixture.document(names.map { ($0, #"{"summary": \#(ImportFixture.jsonString(summary)), \#(response)}"#) })
    }

    struct Workspace {
        let base: URL
        var metadataPath: String { base.appendingPathComponent("api-docs.json").path }
        var output: String { base.appendingPathComponent("Specs/Ecs").path }

        init(_ metadata: String) throws {
            base = try TestPaths.makeTemporaryFolder("apigen-import-all")
            try Data(metadata.utf8).write(to: URL(fileURLWithPath: metadataPath))
        }

        func run() throws(ImportError) -> ImportReport {
            try MetadataImport(configuration: ImportConfiguration(metadataPath: metadataPath, outputFolder: output)).run()
        }
    }

    /// A 300-character action key made the import fail after other files were written.
    @Test func anActionKeyTooLongForAFileNameIsSkippedBeforeAnythingIsWritten() throws {
        let long = "Describe" + String(repeating: "X", count: 292)
        let workspace = try Workspace(Self.metadata(["Alpha", long, "Omega"]))
        defer { TestPaths.removeTemporaryFolder(workspace.base) }
        let report = try workspace.run()
        #expect(report.written == ["Alpha.xml", "Omega.xml", "product.xml"])
        let skipped = report.issues.filter { $0.kind == .actionSkipped }
        #expect(skipped.count == 1)
        #expect(skipped.first?.description.contains("file names may have 255 bytes") == true, "\(skipped)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.output).sorted() == ["Alpha.xml", "Omega.xml", "product.xml"])
    }
}
