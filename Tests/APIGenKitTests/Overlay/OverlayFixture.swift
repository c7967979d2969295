import Foundation
import Testing

@testable import APIGenKit

/// Overlays written inline: line 1 is the XML declaration, line 2 the `<overlay>` start tag,
/// so the first entry is on line 3 (diagnostics are checked by line).
enum OverlayFixture {
    static func text(_ entries: String, product: String = "Ecs") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <overlay product="\(product)">
        \(entries)
        </overlay>

        """
    }

    /// Writes the overlay to a temporary file and reads it with the repository's schema.
    static func load(_ entries: String, product: String = "Ecs") throws(DiagnosticsError) -> ProductOverlay {
        let folder = try! TestPaths.makeTemporaryFolder("apigen-overlay")
        defer { TestPaths.removeTemporaryFolder(folder) }
        let path = folder.appendingPathComponent("overlay.xml").path
        try! Data(text(entries, product: product).utf8).write(to: URL(fileURLWithPath: path))
        do {
            return try OverlayReader.load(path: path, schemaPath: TestPaths.schema)
        } catch {
            // Diagnostics name the file by its last component, so tests need not know the folder.
            throw DiagnosticsError(diagnostics: error.diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                diagnostic.location?.file = "overlay.xml"
                return diagnostic
            })
        }
    }

    /// The problems reading `entries` gives, as `line: message`.
    static func readingProblems(_ entries: String, product: String = "Ecs") -> [String] {
        do {
            _ = try load(entries, product: product)
            return []
        } catch {
            return error.diagnostics.map { "\($0.location?.line ?? 0): \($0.message)" }
        }
    }

    /// Imports `json` (an api-docs.json document) with the overlay applied.
    static func convert(_ json: String, overlay entries: String, product: String = "Ecs") throws -> ImportFixture.Result {
        let overlay = try load(entries, product: product)
        let (files, report) = try MetadataImport.convert(data: Data(json.utf8), folderName: "P", options: ImportOptions(), overlay: overlay)
        return ImportFixture.Result(files: Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) }), report: report)
    }

    /// The problems applying the overlay to `json` gives, as `line: message`; empty if it applies.
    static func applicationProblems(_ json: String, overlay entries: String, product: String = "Ecs") throws -> [String] {
        let overlay = try load(entries, product: product)
        do {
            _ = try MetadataImport.convert(data: Data(json.utf8), folderName: "P", options: ImportOptions(), overlay: overlay)
            return []
        } catch {
            return error.diagnostics.map { "\($0.location?.line ?? 0): \($0.message)" }
        }
    }

    /// An api-docs.json document with these actions, each given as its parameters (JSON array
    /// elements) and its 200 response's properties (JSON object members).
    static func document(_ actions: [(name: String, parameters: [String], response: String)]) -> String {
        ImportFixture.document(actions.map { action in
            (action.name, #"""
                {"summary": "\#(action.name).", "parameters": [\#(action.parameters.joined(separator: ","))],
                 "responses": {"200": {"schema": {"type": "object", "properties": {\#(action.response)}}}}}
                """#)
        })
    }

    static func parameter(_ name: String, _ schema: String, style: String? = nil) -> String {
        ImportFixture.parameter(name, schema, style: style)
    }
}
