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
        let indentation = lines.filter { !$0.isEmpty }
            .map { $0.prefix { $0 == " " || $0 == "\t" }.count }
            .min() ?? 0
        // Indentation counts characters: a space that carries a combining mark is text.
        return lines.map { $0.isEmpty ? "" : String($0.dropFirst(indentation)) }.joined(separator: "\n")
    }

    /// Normalized text, or nil where there is none.
    static func optional(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let text = normalize(raw)
        return text.isEmpty ? nil : text
    }
}
