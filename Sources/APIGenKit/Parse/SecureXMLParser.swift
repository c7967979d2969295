import CLibXML2

/// Parses a spec file with libxml2, refusing anything that could reach outside the file.
///
/// Specs come from pull requests and downloads, so a spec is untrusted input: a DOCTYPE could
/// declare external entities (XXE: reading local files or URLs) or nest entities into
/// gigabytes ("billion laughs"). Specs never need a DTD, so the parser stops at the first
/// DOCTYPE it sees, before any entity is declared or expanded; it also runs without network
/// access and without entity substitution, and external loads are refused process-wide.
enum SecureXMLParser {
    /// libxml2 keeps its document alive until this goes away; the schema validator needs it.
    final class Document {
        let pointer: xmlDocPtr
        let source: SourceText
        /// The converted tree, and for every libxml2 element node, where its start tag is.
        let root: XMLElementNode
        let locations: [UnsafeMutableRawPointer: SourceLocation]

        fileprivate init(pointer: xmlDocPtr, source: SourceText) {
            self.pointer = pointer
            self.source = source
            var builder = TreeBuilder(source: source)
            self.root = builder.element(xmlDocGetRootElement(pointer)!)
            self.locations = builder.locations
        }

        deinit {
            xmlFreeDoc(pointer)
        }
    }

    /// The options that keep parsing inside the file: no network, no entity substitution,
    /// no DTD loading, big line numbers (so lines past 65535 are right).
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// `bytes` with every CR not followed by LF made an LF. XML reads a lone CR as a line feed
    /// anyway, but libxml2 counts lines by LF only, so a file with old Mac line ends would be
    /// all line 1; the same length keeps every offset where it was.
    static func lineFeedsForLoneCarriageReturns(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0D) else { return bytes }
        var bytes = bytes
        for index in bytes.indices where bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A) {
            bytes[index] = 0x0A
        }
        return bytes
    }

    /// Parses `text`; every problem goes to `diagnostics`, and nil means the file is unusable.
    static func parse(_ text: String, path: String, diagnostics: inout DiagnosticCollector) -> Document? {
        LibXML2.refuseExternalLoads()
        let source = SourceText(path: path, text: text)
        guard let context = xmlNewParserCtxt() else {
            diagnostics.error("libxml2 could not create a parser (out of memory?)", at: source.location(line: 1, column: 1))
            return nil
        }
        defer { xmlFreeParserCtxt(context) }

        let state = ParseState()
        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()
        // A DOCTYPE is reported to the SAX handler before its declarations are read: stop there.
        context.pointee.sax.pointee.internalSubset = { rawContext, _, _, _ in
            guard let parser = rawContext?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
            let state = Unmanaged<ParseState>.fromOpaque(parser.pointee._private).takeUnretainedValue()
            state.doctypeLine = Int(parser.pointee.input.pointee.line)
            xmlStopParser(parser)
        }

        let document: xmlDocPtr? = LibXML2.collectingErrors(into: state) {
            let utf8 = Self.lineFeedsForLoneCarriageReturns(Array(text.utf8))
            return utf8.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), path, "UTF-8", options)
                }
            }
        }

        if let line = state.doctypeLine {
            if let document { xmlFreeDoc(document) }
            diagnostics.error(
                "DOCTYPE declarations are not allowed in spec files",
                at: source.findStartTag("!DOCTYPE", reportedLine: line, after: nil),
                hint: "entities could read local files or expand without bound; remove the <!DOCTYPE …> and write the text out"
            )
            return nil
        }
        for error in state.errors where error.level >= XML_ERR_ERROR.rawValue {
            diagnostics.error(
                error.message,
                at: source.location(line: error.line, column: error.column),
                hint: "the file is not well-formed XML"
            )
        }
        guard let document, state.errors.allSatisfy({ $0.level < XML_ERR_ERROR.rawValue }) else {
            if let document { xmlFreeDoc(document) }
            if !diagnostics.hasErrors {
                diagnostics.error("the file is not well-formed XML", at: source.location(line: 1, column: 1))
            }
            return nil
        }
        guard xmlDocGetRootElement(document) != nil else {
            xmlFreeDoc(document)
            diagnostics.error("the file has no root element", at: source.location(line: 1, column: 1))
            return nil
        }
        return Document(pointer: document, source: source)
    }

    final class ParseState: LibXML2.ErrorSink {
        var doctypeLine: Int?
    }

    /// Converts libxml2's tree to `XMLElementNode`s, finding each start tag's column.
    private struct TreeBuilder {
        let source: SourceText
        var locations: [UnsafeMutableRawPointer: SourceLocation] = [:]
        /// The last start tag found, so that two tags of one name on one line are told apart.
        private var lastTag: [String: SourceLocation] = [:]

        init(source: SourceText) {
            self.source = source
        }

        mutating func element(_ node: xmlNodePtr) -> XMLElementNode {
            let name = String(cString: node.pointee.name)
            let line = Int(xmlGetLineNo(node))
            let location = source.findStartTag(name, reportedLine: line, after: lastTag[name])
            lastTag[name] = SourceLocation(file: location.file, line: location.line, column: location.column)
            locations[UnsafeMutableRawPointer(node)] = location

            var attributes: [XMLAttributeNode] = []
            var attribute = node.pointee.properties
            while let current = attribute {
                let attributeName = String(cString: current.pointee.name)
                let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1)
                attributes.append(XMLAttributeNode(
                    name: attributeName,
                    value: value.map { String(cString: $0) } ?? "",
                    location: source.findAttribute(attributeName, inStartTagAt: location)
                ))
                apigen_xml_free(value)
                attribute = current.pointee.next
            }

            var children: [XMLElementNode] = []
            var text = ""
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_ELEMENT_NODE:
                    children.append(element(current))
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { text += String(cString: content) }
                default:
                    break
                }
                child = current.pointee.next
            }
            return XMLElementNode(name: name, attributes: attributes, children: children, text: text, location: location)
        }
    }
}
