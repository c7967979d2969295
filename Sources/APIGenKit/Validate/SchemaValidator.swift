import CLibXML2
import Foundation

/// Checks parsed spec files against the spec format's XSD (`Specs/apigen.xsd`).
///
/// The schema is compiled once and reused for every file of a run.
final class SchemaValidator {
    private let schema: xmlSchemaPtr
    let schemaPath: String

    /// Compiles the XSD; a broken schema is reported against the schema file itself.
    init(schemaText: String, schemaPath: String) throws(DiagnosticsError) {
        LibXML2.refuseExternalLoads()
        self.schemaPath = schemaPath
        let sink = LibXML2.ErrorSink()
        let utf8 = Array(schemaText.utf8)
        let compiled: xmlSchemaPtr? = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let parser = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(parser) }
                let unmanaged = Unmanaged.passRetained(sink)
                defer { unmanaged.release() }
                xmlSchemaSetParserStructuredErrors(parser, LibXML2.structuredErrorHandler, unmanaged.toOpaque())
                return LibXML2.collectingErrors(into: sink) { xmlSchemaParse(parser) }
            }
        }
        guard let compiled else {
            let source = SourceText(path: schemaPath, text: schemaText)
            var diagnostics = sink.errors.map {
                Diagnostic.error("invalid schema: \($0.message)", at: source.location(line: $0.line, column: $0.column))
            }
            if diagnostics.isEmpty {
                diagnostics.append(.error("the schema could not be compiled", at: source.location(line: 1, column: 1)))
            }
            throw DiagnosticsError(diagnostics: diagnostics)
        }
        self.schema = compiled
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// Validates one document; each violation becomes an error at the element or attribute it is about.
    func validate(_ document: SecureXMLParser.Document, diagnostics: inout DiagnosticCollector) {
        guard let context = xmlSchemaNewValidCtxt(schema) else {
            diagnostics.error("libxml2 could not create a schema validator", at: document.root.location)
            return
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        let sink = LibXML2.ErrorSink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        xmlSchemaSetValidStructuredErrors(context, LibXML2.structuredErrorHandler, unmanaged.toOpaque())
        let result = LibXML2.collectingErrors(into: sink) { xmlSchemaValidateDoc(context, document.pointer) }

        for error in sink.errors {
            let location = Self.location(of: error, in: document)
            let severity: Diagnostic.Severity = error.level == XML_ERR_WARNING.rawValue ? .warning : .error
            diagnostics.emit(Diagnostic(severity, Self.rephrase(error.message), at: location, hint: "the spec format is defined in \(schemaPath)"))
        }
        if result != 0, !sink.errors.contains(where: { $0.level >= XML_ERR_ERROR.rawValue }) {
            diagnostics.error("the file does not conform to the spec schema", at: document.root.location, hint: "see \(schemaPath)")
        }
    }

    /// The element's start tag, or the attribute the message names.
    private static func location(of error: LibXML2.ReportedError, in document: SecureXMLParser.Document) -> SourceLocation {
        guard let node = error.node, let element = document.locations[node] else {
            return document.source.location(line: error.line, column: max(error.column, 1))
        }
        // A missing attribute has no place of its own: point at its element.
        if !error.message.contains("is required but missing"), let attribute = quoted(after: "attribute '", in: error.message) {
            return document.source.findAttribute(attribute, inStartTagAt: element)
        }
        return element
    }

    private static func quoted(after marker: String, in message: String) -> String? {
        guard let start = message.range(of: marker) else { return nil }
        let rest = message[start.upperBound...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<end])
    }

    /// libxml2's wording, without the schema-internal type names that mean nothing to a spec author.
    static func rephrase(_ message: String) -> String {
        var text = message
        for marker in ["[facet 'enumeration'] ", "[facet 'pattern'] ", "[facet 'minLength'] ", "[facet 'minInclusive'] ", "[facet 'maxInclusive'] "] {
            text = text.replacingOccurrences(of: marker, with: "")
        }
        return text
    }
}
