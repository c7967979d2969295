import Foundation

/// Writes spec documents (model values) as apigen spec XML: deterministic, indented by two
/// spaces, attributes in a fixed order, every text escaped.
///
/// Texts are written so that apigen reads back exactly what the model holds: one-line texts
/// inline; longer ones on their own lines, indented (the reader removes the indentation common
/// to all lines, see `SpecText`), blank lines left blank. Enum values and response examples are
/// written inline and unchanged, since they are data rather than prose.
///
/// Every file starts with the XML declaration, then `ImportedFileHeader`'s comment carrying the
/// SHA-256 of everything after it, which is how the importer tells its own files from edited ones.
struct SpecXMLWriter {
    /// For the header comment: `Ecs 2014-05-26`.
    let productName: String
    let version: String
    /// Points editors at the schema (`../apigen.xsd` from `Specs/<Product>/`).
    var schemaLocation = "../apigen.xsd"

    // MARK: Files

    func productFile(_ product: ProductSpec) -> String {
        var xml = XMLBuilder()
        xml.open(
            "product",
            attributes: namespaceAttributes + [
                ("name", product.name), ("version", product.version), ("style", "RPC"),
                ("swiftModule", product.swiftModule), ("swiftPrefix", product.swiftPrefix),
            ],
            breakAfter: 2
        )
        xml.text("title", product.title)
        if let description = product.description { xml.text("description", description) }
        if product.endpoints.isEmpty {
            xml.empty("endpoints", attributes: [("default", product.defaultEndpoint)])
        } else {
            xml.open("endpoints", attributes: [("default", product.defaultEndpoint)])
            for endpoint in product.endpoints {
                xml.empty("endpoint", attributes: [("region", endpoint.region), ("host", endpoint.host)])
            }
            xml.close("endpoints")
        }
        errors(product.commonErrors, into: &xml)
        if let selection = product.selection, !selection.isEmpty {
            // From the overlay's <generate>: the selection survives every re-import.
            xml.open("generate")
            for action in selection { xml.empty("action", attributes: [("name", action.name)]) }
            xml.close("generate")
        }
        xml.close("product")
        return ImportedFileHeader.file(body: xml.bytes, source: source)
    }

    func actionFile(_ action: ActionSpec) -> String {
        var xml = XMLBuilder()
        var attributes = namespaceAttributes + [("name", action.name)]
        if let swiftName = action.swiftName { attributes.append(("swiftName", swiftName)) }
        attributes.append(("operationType", action.operationType.rawValue))
        if let idempotent = action.idempotent { attributes.append(("idempotent", idempotent ? "true" : "false")) }
        xml.open("action", attributes: attributes, breakAfter: 2)
        xml.text("summary", action.summary)
        if let description = action.description { xml.text("description", description) }
        if !action.conditions.isEmpty {
            xml.open("conditions")
            for condition in action.conditions { xml.text("condition", condition) }
            xml.close("conditions")
        }
        if let deprecation = action.deprecation { xml.text("deprecated", deprecation.message) }

        if action.parameters.isEmpty {
            xml.empty("request")
        } else {
            xml.open("request")
            for parameter in action.parameters { member(parameter, element: "parameter", into: &xml) }
            xml.close("request")
        }

        if action.responseDescription == nil, action.fields.isEmpty, action.responseExamples.isEmpty {
            xml.empty("response")
        } else {
            xml.open("response")
            if let description = action.responseDescription { xml.text("description", description) }
            for field in action.fields { member(field, element: "field", into: &xml) }
            for example in action.responseExamples {
                xml.verbatim("example", example.body, attributes: [("format", example.format.rawValue)])
            }
            xml.close("response")
        }
        if let paging = action.paging { self.paging(paging, into: &xml) }
        errors(action.errors, into: &xml)
        xml.close("action")
        return ImportedFileHeader.file(body: xml.bytes, source: source)
    }

    private var source: String { productName + " " + version }

    private var namespaceAttributes: [(String, String)] {
        [("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"), ("xsi:noNamespaceSchemaLocation", schemaLocation)]
    }

    // MARK: Members

    /// A `<parameter>` or `<field>` with everything the model holds.
    private func member(_ member: MemberSpec, element: String, into xml: inout XMLBuilder) {
        let isRequest = element == "parameter"
        var attributes: [(String, String)] = [("name", member.name)]
        if let swiftName = member.swiftName { attributes.append(("swiftName", swiftName)) }
        attributes.append(("type", member.type.kindName))
        attributes.append(("required", member.isRequired ? "true" : "false"))
        if isRequest, let style = member.style { attributes.append(("style", style.rawValue)) }
        if isRequest { attributes += constraintAttributes(member.type.constraints) }
        if isRequest, let defaultValue = member.defaultValue { attributes.append(("default", defaultValue)) }
        if let example = member.example { attributes.append(("example", example)) }
        if member.isSensitive { attributes.append(("sensitive", "true")) }
        if let enumType = member.type.enumTypeName { attributes.append(("enumType", enumType)) }

        let children = { (xml: inout XMLBuilder) in
            if let description = member.description { xml.text("description", description) }
            if let deprecation = member.deprecation { xml.text("deprecated", deprecation.message) }
            self.body(of: member.type, element: element, into: &xml)
        }
        if member.description == nil, member.deprecation == nil, !hasBody(member.type) {
            xml.empty(element, attributes: attributes)
        } else {
            xml.open(element, attributes: attributes)
            children(&xml)
            xml.close(element)
        }
    }

    /// `<enum>`, `<items>` and nested members of a type.
    private func body(of type: TypeSpec, element: String, into xml: inout XMLBuilder) {
        enumValues(type.enumValues, into: &xml)
        switch type.kind {
        case .array(let items):
            self.items(items, element: element, into: &xml)
        case .object(let members):
            for child in members { member(child, element: element, into: &xml) }
        default:
            break
        }
    }

    private func hasBody(_ type: TypeSpec) -> Bool {
        switch type.kind {
        case .array: true
        case .object(let members): !members.isEmpty || !type.enumValues.isEmpty
        default: !type.enumValues.isEmpty
        }
    }

    private func items(_ items: ItemSpec, element: String, into xml: inout XMLBuilder) {
        var attributes: [(String, String)] = [("type", items.type.kindName)]
        if let swiftName = items.swiftName { attributes.append(("swiftName", swiftName)) }
        // Response items hold no constraints in the format.
        if element == "parameter" { attributes += constraintAttributes(items.type.constraints) }
        if let enumType = items.type.enumTypeName { attributes.append(("enumType", enumType)) }
        if items.description == nil, !hasBody(items.type) {
            xml.empty("items", attributes: attributes)
            return
        }
        xml.open("items", attributes: attributes)
        if let description = items.description { xml.text("description", description) }
        body(of: items.type, element: element, into: &xml)
        xml.close("items")
    }

    private func constraintAttributes(_ constraints: Constraints) -> [(String, String)] {
        var attributes: [(String, String)] = []
        if let minimum = constraints.minimum { attributes.append(("minimum", minimum)) }
        if let maximum = constraints.maximum { attributes.append(("maximum", maximum)) }
        if let minLength = constraints.minLength { attributes.append(("minLength", String(minLength))) }
        if let maxLength = constraints.maxLength { attributes.append(("maxLength", String(maxLength))) }
        if let pattern = constraints.pattern { attributes.append(("pattern", pattern)) }
        if let minItems = constraints.minItems { attributes.append(("minItems", String(minItems))) }
        if let maxItems = constraints.maxItems { attributes.append(("maxItems", String(maxItems))) }
        return attributes
    }

    private func enumValues(_ values: [EnumValue], into xml: inout XMLBuilder) {
        guard !values.isEmpty else { return }
        xml.open("enum")
        for value in values {
            var attributes: [(String, String)] = []
            if let swiftName = value.swiftName { attributes.append(("swiftName", swiftName)) }
            if let description = value.description { attributes.append(("description", description)) }
            xml.verbatim("value", value.value, attributes: attributes)
        }
        xml.close("enum")
    }

    // MARK: Paging

    private func paging(_ paging: PagingSpec, into xml: inout XMLBuilder) {
        func path(_ parts: [String]) -> String { parts.joined(separator: ".") }
        xml.open("paging", attributes: [("items", path(paging.items))])
        if let token = paging.nextToken {
            xml.empty("nextToken", attributes: [("request", token.request), ("response", path(token.response))])
        }
        if let page = paging.pageNumber {
            var attributes = [("request", page.request)]
            if let pageSize = page.pageSize { attributes.append(("pageSize", path(pageSize))) }
            if let totalCount = page.totalCount { attributes.append(("totalCount", path(totalCount))) }
            xml.empty("pageNumber", attributes: attributes)
        }
        xml.close("paging")
    }

    // MARK: Errors

    private func errors(_ errors: [ErrorSpec], into xml: inout XMLBuilder) {
        guard !errors.isEmpty else { return }
        xml.open("errors")
        for error in errors {
            var attributes: [(String, String)] = [("code", error.code)]
            if let swiftName = error.swiftName { attributes.append(("swiftName", swiftName)) }
            attributes.append(("httpStatus", error.httpStatuses.map(String.init).joined(separator: " ")))
            xml.open("error", attributes: attributes)
            xml.text("message", error.message)
            if let description = error.description { xml.text("description", description) }
            xml.close("error")
        }
        xml.close("errors")
    }
}

// MARK: - Header

/// The comment that marks a file as imported, with the SHA-256 of the rest of the file:
///
///     <?xml version="1.0" encoding="UTF-8"?>
///     <!-- Imported by apigen from Alibaba Cloud's API metadata (Ecs 2014-05-26). content-sha256: 3f…a1 -->
///     <action …>
///
/// The hash covers the bytes after the comment's line (from `<action` to the end). A file
/// without the comment was written by hand; one whose hash no longer matches was edited.
enum ImportedFileHeader {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    static let marker = "<!-- Imported by apigen from "
    private static let hashLabel = " content-sha256: "

    /// `source` names the metadata, e.g. `Ecs 2014-05-26`.
    static func file(body: String, source: String) -> String {
        file(body: Array(body.utf8), source: source)
    }

    /// The same, for a body given as UTF-8.
    static func file(body: [UInt8], source: String) -> String {
        // `--` may not appear inside an XML comment.
        var source = source
        while source.contains("--") { source = source.replacing("--", with: "-") }
        let header = declaration + marker + "Alibaba Cloud's API metadata (\(source))." + hashLabel + ContentHash.hex(body) + " -->\n"
        var file: [UInt8] = []
        file.reserveCapacity(header.utf8.count + body.count)
        file.append(contentsOf: header.utf8)
        file.append(contentsOf: body)
        return String(decoding: file, as: UTF8.self)
    }

    enum State: Equatable {
        /// No import comment: written by hand.
        case handWritten
        /// The comment is there but the rest changed.
        case edited
        /// Exactly as imported.
        case intact
    }

    /// Looks only at the first two lines and hashes the rest.
    static func state(of data: [UInt8]) -> State {
        guard let firstBreak = data.firstIndex(of: 0x0A) else { return .handWritten }
        let secondStart = firstBreak + 1
        guard let secondBreak = data[secondStart...].firstIndex(of: 0x0A) else { return .handWritten }
        let line = String(decoding: data[secondStart..<secondBreak], as: UTF8.self)
        guard line.hasPrefix(marker), line.hasSuffix(" -->"), let label = line.range(of: hashLabel, options: .backwards) else {
            return .handWritten
        }
        let recorded = line[label.upperBound...].dropLast(" -->".count)
        return ContentHash.hex(data[(secondBreak + 1)...]) == recorded ? .intact : .edited
    }
}

// MARK: - Builder

/// Indented XML text, built element by element, as UTF-8 appended in place (texts are
/// escaped byte by byte, with exactly `XMLEscaping`'s result).
struct XMLBuilder {
    private(set) var bytes: [UInt8] = []
    private var depth = 0

    init() {
        bytes.reserveCapacity(8192)
    }

    /// The text built so far.
    var result: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func indent() {
        for _ in 0..<depth {
            bytes.append(0x20)
            bytes.append(0x20)
        }
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func append(byte: Unicode.Scalar) {
        bytes.append(UInt8(ascii: byte))
    }

    /// `<name a="…">`; with `breakAfter`, attributes after the first `breakAfter` go on a second
    /// line aligned under the first attribute (as the hand-written specs do with the namespace).
    mutating func open(_ name: String, attributes: [(String, String)] = [], breakAfter: Int? = nil) {
        indent()
        append(byte: "<")
        append(name)
        appendAttributes(attributes, element: name, breakAfter: breakAfter)
        append(byte: ">")
        append(byte: "\n")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        indent()
        append(byte: "<")
        append(byte: "/")
        append(name)
        append(byte: ">")
        append(byte: "\n")
    }

    mutating func empty(_ name: String, attributes: [(String, String)] = []) {
        indent()
        append(byte: "<")
        append(name)
        appendAttributes(attributes, element: name, breakAfter: nil)
        append(byte: "/")
        append(byte: ">")
        append(byte: "\n")
    }

    /// Prose: inline if one line, else one line per line of text, indented one level deeper.
    mutating func text(_ name: String, _ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            // Lines are split as characters, where "\r\n" is one character: with a CR in the
            // text, character by character; without, an LF byte is always a character of its own.
            if utf8.contains(0x0D) { return textWithCarriageReturns(name, String(decoding: utf8, as: UTF8.self)) }
            indent()
            append(byte: "<")
            append(name)
            append(byte: ">")
            if !utf8.contains(0x0A) {
                appendEscaped(utf8[...], attribute: false)
            } else {
                append(byte: "\n")
                var start = 0
                for index in 0...utf8.count where index == utf8.count || utf8[index] == 0x0A {
                    if index > start {
                        indent()
                        append(byte: " ")
                        append(byte: " ")
                        appendEscaped(utf8[start..<index], attribute: false)
                    }
                    append(byte: "\n")
                    start = index + 1
                }
                indent()
            }
            append(byte: "<")
            append(byte: "/")
            append(name)
            append(byte: ">")
            append(byte: "\n")
        }
    }

    private mutating func textWithCarriageReturns(_ name: String, _ text: String) {
        let indentation = String(repeating: "  ", count: depth)
        if !text.contains("\n") {
            append(indentation + "<" + name + ">" + XMLEscaping.text(text) + "</" + name + ">\n")
            return
        }
        append(indentation + "<" + name + ">\n")
        let inner = indentation + "  "
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            append((line.isEmpty ? "" : inner + XMLEscaping.text(String(line))) + "\n")
        }
        append(indentation + "</" + name + ">\n")
    }

    /// Data: inline and unchanged, whatever it holds.
    mutating func verbatim(_ name: String, _ text: String, attributes: [(String, String)] = []) {
        indent()
        append(byte: "<")
        append(name)
        appendAttributes(attributes, element: name, breakAfter: nil)
        append(byte: ">")
        var text = text
        text.withUTF8 { appendEscaped($0[...], attribute: false) }
        append(byte: "<")
        append(byte: "/")
        append(name)
        append(byte: ">")
        append(byte: "\n")
    }

    private mutating func appendAttributes(_ attributes: [(String, String)], element: String, breakAfter: Int?) {
        for (offset, (name, value)) in attributes.enumerated() {
            if let breakAfter, offset == breakAfter {
                append(byte: "\n")
                indent()
                for _ in 0..<(element.count + 2) { append(byte: " ") }
            } else {
                append(byte: " ")
            }
            append(name)
            append(byte: "=")
            append(byte: "\"")
            var value = value
            value.withUTF8 { appendEscaped($0[...], attribute: true) }
            append(byte: "\"")
        }
    }

    /// `XMLEscaping.text` or `.attribute` of `utf8`, appended: the same scalars escaped or
    /// dropped, found byte by byte (in UTF-8, every scalar below U+0080 is one byte, and the
    /// only others XML 1.0 cannot hold, U+FFFE and U+FFFF, are EF BF BE and EF BF BF).
    private mutating func appendEscaped(_ slice: Slice<UnsafeBufferPointer<UInt8>>, attribute: Bool) {
        let utf8 = UnsafeBufferPointer(rebasing: slice)
        /// Bytes copied as they are: everything but markup characters, controls and EF.
        @inline(__always) func isPlain(_ byte: UInt8) -> Bool {
            if byte > UInt8(ascii: ">") { return byte != 0xEF }
            if byte >= 0x20 {
                return byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">") && (!attribute || byte != UInt8(ascii: "\""))
            }
            return !attribute && (byte == 0x09 || byte == 0x0A)
        }
        var runStart = 0
        var index = 0
        while true {
            while index < utf8.count, isPlain(utf8[index]) { index += 1 }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            guard index < utf8.count else { return }
            let byte = utf8[index]
            index += 1
            switch byte {
            case UInt8(ascii: "&"): appendLiteral("&amp;")
            case UInt8(ascii: "<"): appendLiteral("&lt;")
            case UInt8(ascii: ">"): appendLiteral("&gt;")
            case 0x0D: appendLiteral("&#13;")
            case UInt8(ascii: "\""): appendLiteral("&quot;")  // only in attributes
            case 0x09: appendLiteral("&#9;")  // only in attributes
            case 0x0A: appendLiteral("&#10;")  // only in attributes
            case 0xEF:
                if index + 1 < utf8.count, utf8[index] == 0xBF, utf8[index + 1] == 0xBE || utf8[index + 1] == 0xBF {
                    index += 2  // U+FFFE, U+FFFF: dropped
                } else {
                    bytes.append(byte)
                }
            default:
                break  // another control character: not allowed in XML 1.0, dropped
            }
            runStart = index
        }
    }

    private mutating func appendLiteral(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
}

/// XML 1.0 escaping. Non-ASCII stays as it is; characters XML 1.0 cannot hold at all are
/// dropped here as a last resort (the importer removes and reports them first).
enum XMLEscaping {
    static func text(_ text: String) -> String {
        if !needsWork(text, attribute: false) { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            // A literal CR would be read back as a line break.
            case "\r": result += "&#13;"
            default: if isAllowed(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Also quotes, and the whitespace that attribute-value normalization would turn into spaces.
    static func attribute(_ text: String) -> String {
        if !needsWork(text, attribute: true) { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t": result += "&#9;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            default: if isAllowed(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Whether any byte needs escaping or removing (most texts need neither). Multi-byte
    /// sequences are only looked at when they could be U+FFFE or U+FFFF (EF BF BE/BF).
    static func needsWork(_ text: some StringProtocol, attribute: Bool) -> Bool {
        text.utf8.contains { byte in
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x0D, 0xEF: true
            case UInt8(ascii: "\""), 0x09, 0x0A: attribute
            case 0x00...0x1F: true
            default: false
            }
        }
    }

    /// XML 1.0's `Char` production.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
