/// Text from a spec element, freed of the indentation the XML file gave it.
///
/// Descriptions are usually written indented inside their element and may span lines; the
/// text itself is what matters: leading and trailing blank lines go, as does the indentation
/// common to all lines, while blank lines between paragraphs and deeper indentation stay.
enum SpecText {
    static func normalize(_ raw: String) -> String {
        var text = raw
        if text.utf8.contains(UInt8(ascii: "\r")) {
            text = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        }
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { line in Substring(line).droppingTrailingBlanks }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        let indentation = lines.filter { !$0.isEmpty }.map(leadingBlanks).min() ?? 0
        if indentation == 0, lines.count == 1 { return String(lines[0]) }
        // The first `indentation` characters of every line are blanks, one byte each.
        return lines.map { $0.isEmpty ? "" : String(Substring($0.utf8.dropFirst(indentation))) }.joined(separator: "\n")
    }

    /// How many spaces and tabs a line starts with, counted in characters: a space that
    /// carries a combining mark is text. Bytes are counted where the next character is ASCII
    /// (which cannot combine with a space); only the rare other lines count `Character`s.
    private static func leadingBlanks(_ line: Substring) -> Int {
        var count = 0
        for byte in line.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                count += 1
            } else if byte < 0x80 {
                return count
            } else {
                return line.prefix { $0 == " " || $0 == "\t" }.count
            }
        }
        return count
    }

    /// Normalized text, or nil where there is none.
    static func optional(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let text = normalize(raw)
        return text.isEmpty ? nil : text
    }
}
