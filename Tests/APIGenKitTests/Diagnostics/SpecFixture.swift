import Foundation
import Testing

@testable import APIGenKit

/// Helpers for tests that feed spec text written inline: parse and check it the way the
/// pipeline does, or write whole spec folders into a temporary folder and run the pipeline.
enum SpecFixture {
    /// The smallest valid product file; `P` everywhere.
    static let product = """
        <?xml version="1.0" encoding="UTF-8"?>
        <product name="P" version="2020-01-01" style="RPC" swiftModule="PKit" swiftPrefix="P">
          <title>P</title>
          <endpoints default="p.example.com"/>
        </product>
        """

    /// The repository's schema, compiled.
    static func schema() throws -> SchemaValidator {
        try SchemaValidator(schemaText: String(contentsOfFile: TestPaths.schema, encoding: .utf8), schemaPath: TestPaths.schema)
    }

    /// Parses `text` as the file `path` and checks it against the schema; the root, if usable.
    static func element(_ text: String, path: String, diagnostics: inout DiagnosticCollector) throws -> XMLElementNode? {
        let schema = try schema()
        guard let document = SecureXMLParser.parse(text, path: path, diagnostics: &diagnostics) else { return nil }
        var schemaDiagnostics = DiagnosticCollector()
        schema.validate(document, diagnostics: &schemaDiagnostics)
        diagnostics.append(contentsOf: schemaDiagnostics)
        return schemaDiagnostics.hasErrors ? nil : document.root
    }

    /// Reads a product (file `P/product.xml`) and its actions (`file name → text`, as `P/<file>`)
    /// the way `SpecLoader` does. The test fails if a file does not pass the schema, since
    /// such a fixture could not test what comes after.
    static func product(_ productText: String = product, actions: [(file: String, text: String)]) throws -> (ProductSpec, [Diagnostic]) {
        var diagnostics = DiagnosticCollector()
        let productRoot = try #require(try element(productText, path: "P/product.xml", diagnostics: &diagnostics), "\(diagnostics.diagnostics)")
        var reader = SpecReader()
        var product = reader.product(from: productRoot, folderName: "P")
        for (file, text) in actions {
            let root = try #require(try element(text, path: "P/" + file, diagnostics: &diagnostics), "\(diagnostics.diagnostics)")
            product.actions.append(reader.action(from: root))
        }
        diagnostics.append(contentsOf: reader.diagnostics)
        product.actions.sort { $0.name < $1.name }
        return (product, diagnostics.sorted)
    }

    /// One action read as `P/<file>`; fails the test if reading it reported anything.
    static func action(_ text: String, file: String = "Ping.xml") throws -> ActionSpec {
        let (product, diagnostics) = try product(actions: [(file, text)])
        #expect(diagnostics.isEmpty, "fixture should read cleanly: \(diagnostics)")
        return try #require(product.actions.first)
    }

    /// What the semantic validator says about a product holding these action files.
    static func semanticDiagnostics(_ productText: String = product, actions: [(file: String, text: String)]) throws -> [String] {
        let (product, readDiagnostics) = try product(productText, actions: actions)
        #expect(readDiagnostics.isEmpty, "fixture should read cleanly: \(readDiagnostics)")
        var validator = SemanticValidator()
        validator.validate([product])
        return validator.diagnostics.sorted.map(\.brief)
    }

    /// What the semantic validator says about one action file `P/Ping.xml`.
    static func semanticDiagnostics(action text: String, file: String = "Ping.xml") throws -> [String] {
        try semanticDiagnostics(actions: [(file, text)])
    }
}

/// A temporary folder holding `Specs/<product>/<file>.xml` and, optionally, `Generated/`.
struct SpecFolder {
    let base: URL

    /// `files`: path relative to the spec root → text.
    init(_ files: [String: String]) throws {
        base = try TestPaths.makeTemporaryFolder("apigen-diagnostics")
        for (path, text) in files {
            let url = base.appendingPathComponent("Specs").appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: base.appendingPathComponent("Specs"), withIntermediateDirectories: true)
    }

    var specs: String { base.appendingPathComponent("Specs").path }
    var output: String { base.appendingPathComponent("Generated").path }

    /// Writes a file below the output folder.
    func writeOutput(_ relativePath: String, _ text: String) throws {
        let url = base.appendingPathComponent("Generated").appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    var pipeline: GeneratorPipeline {
        GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: specs,
            outputFolder: output,
            templatesFolder: TestPaths.templates,
            schemaPath: TestPaths.schema
        ))
    }

    /// Runs the pipeline (writing), expecting it to fail; the diagnostics, with the spec
    /// root stripped from paths (`P/Ping.xml:5:5: error: …`). Nil if it did not fail.
    func failingRun() -> [Diagnostic]? {
        do {
            _ = try pipeline.run()
            return nil
        } catch {
            return error.diagnostics
        }
    }

    /// `brief` with the spec root stripped from the path.
    func relative(_ diagnostic: Diagnostic) -> String {
        diagnostic.brief.replacingOccurrences(of: specs + "/", with: "")
    }

    func remove() {
        TestPaths.removeTemporaryFolder(base)
    }
}

extension Diagnostic {
    /// `file:line:column: severity: message`, without the hint.
    var brief: String {
        (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)"
    }
}
