/// Reads an XML error body (`<Error><Code>…</Code><Message>…</Message>…</Error>`) without an
/// XML library, so that a JSON client (which needs no libxml2) still understands the XML
/// errors gateways answer with before they know the format asked for.
///
/// It reads exactly that flat shape: an optional declaration, comments, one root element of any
/// name, and child elements holding text (character and entity references, CDATA). Deeper
/// elements are skipped whole. Anything else (unbalanced tags, a DOCTYPE, text outside the
/// root) makes it give up with a reason; `APIGenXML`'s full reader handles every XML.
enum FlatXMLErrorBody {
    struct Failure: Error {
        var reason: String
    }

    /// The text of each direct child of the root element, by name (the first of each name).
    static func fields(_ body: some Collection<UInt8>) throws(Failure) -> [String: String] {
        var reader = Reader(bytes: Array(body))
        reader.skipBOM()
        try reader.skipMisc()
        guard reader.peek() == UInt8(ascii: "<") else { throw Failure(reason: "the XML error body has no root element") }
        let root = try reader.startTag()
        var fields: [String: String] = [:]
        if !root.isEmpty {
            while true {
                try reader.skipSpacesAndComments()
                if reader.startsWith("</") {
                    try reader.endTag(root.name)
                    break
                }
                guard reader.peek() == UInt8(ascii: "<") else {
                    throw Failure(reason: "the XML error body has text outside its fields")
                }
                let field = try reader.startTag()
                let text = field.isEmpty ? "" : try reader.content(until: field.name)
                if fields[field.name] == nil { fields[field.name] = text }
            }
        }
        try reader.skipMisc()
        guard reader.isAtEnd else { throw Failure(reason: "the XML error body goes on after its root element") }
        return fields
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var isAtEnd: Bool { position >= bytes.count }

        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        func startsWith(_ text: String) -> Bool {
            let pattern = Array(text.utf8)
            return bytes.count - position >= pattern.count && Array(bytes[position..<position + pattern.count]) == pattern
        }

        mutating func skipBOM() {
            if startsWith("\u{FEFF}") { position += 3 }
        }

        mutating func skipSpaces() {
            while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
        }

        mutating func skip(past terminator: String) throws(Failure) {
            let pattern = Array(terminator.utf8)
            while position + pattern.count <= bytes.count {
                if Array(bytes[position..<position + pattern.count]) == pattern {
                    position += pattern.count
                    return
                }
                position += 1
            }
            throw Failure(reason: "the XML error body ends inside a construct (expected \(terminator))")
        }

        mutating func skipSpacesAndComments() throws(Failure) {
            while true {
                skipSpaces()
                guard startsWith("<!--") else { return }
                try skip(past: "-->")
            }
        }

        /// Spaces, comments and processing instructions (the declaration among them).
        mutating func skipMisc() throws(Failure) {
            while true {
                try skipSpacesAndComments()
                if startsWith("<!") {
                    throw Failure(reason: "the XML error body has a DOCTYPE, which is not read (no entities, no external files)")
                }
                guard startsWith("<?") else { return }
                try skip(past: "?>")
            }
        }

        /// `<name attr="…">` or `<name/>`; attributes are skipped.
        mutating func startTag() throws(Failure) -> (name: String, isEmpty: Bool) {
            position += 1
            let start = position
            while let byte = peek(), !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")) {
                position += 1
            }
            guard position > start else { throw Failure(reason: "the XML error body has a tag without a name") }
            let name = String(decoding: bytes[start..<position], as: UTF8.self)
            var quote: UInt8?
            while let byte = peek() {
                position += 1
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return (name, bytes[position - 2] == UInt8(ascii: "/"))
                }
            }
            throw Failure(reason: "the XML error body ends inside the tag <\(name)>")
        }

        mutating func endTag(_ name: String) throws(Failure) {
            guard startsWith("</" + name) else { throw Failure(reason: "the XML error body does not close <\(name)>") }
            position += 2 + name.utf8.count
            skipSpaces()
            guard peek() == UInt8(ascii: ">") else { throw Failure(reason: "the XML error body has a malformed </\(name)>") }
            position += 1
        }

        /// The text of an element up to its end tag, references resolved; child elements
        /// (which error fields do not have) are skipped with their content.
        mutating func content(until name: String) throws(Failure) -> String {
            var text: [UInt8] = []
            var depth = 0
            while let byte = peek() {
                if byte == UInt8(ascii: "<") {
                    if startsWith("<![CDATA[") {
                        position += 9
                        let start = position
                        try skip(past: "]]>")
                        if depth == 0 { text += bytes[start..<position - 3] }
                    } else if startsWith("<!--") {
                        try skip(past: "-->")
                    } else if startsWith("</") {
                        if depth == 0 {
                            try endTag(name)
                            return String(decoding: text, as: UTF8.self)
                        }
                        try skip(past: ">")
                        depth -= 1
                    } else {
                        let child = try startTag()
                        if !child.isEmpty { depth += 1 }
                    }
                } else if byte == UInt8(ascii: "&") {
                    let scalar = try reference()
                    if depth == 0 { text += Array(String(scalar).utf8) }
                } else {
                    if depth == 0 { text.append(byte) }
                    position += 1
                }
            }
            throw Failure(reason: "the XML error body does not close <\(name)>")
        }

        /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NN;`, `&#xNN;`.
        mutating func reference() throws(Failure) -> Unicode.Scalar {
            let start = position + 1
            try skip(past: ";")
            let name = String(decoding: bytes[start..<position - 1], as: UTF8.self)
            switch name {
            case "amp": return "&"
            case "lt": return "<"
            case "gt": return ">"
            case "quot": return "\""
            case "apos": return "'"
            default:
                let value: UInt32? = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16)
                    : name.hasPrefix("#") ? UInt32(name.dropFirst(1)) : nil
                guard let value, let scalar = Unicode.Scalar(value) else {
                    throw Failure(reason: "the XML error body has an unknown reference &\(name);")
                }
                return scalar
            }
        }
    }
}
