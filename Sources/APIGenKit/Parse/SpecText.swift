/// Text from a spec element, freed of the indentation the XML file gave it.
///
/// Descriptions are usually written indented inside their element and may span lines; the
/// text itself is what matters: leading and trailing blank lines go, as does the indentation
/// common to all lines, while blank lines between paragraphs and deeper indentation stay.
enum SpecText {
    static func normalize(_ raw: String) -> String {
        var text = raw
        if text.withUTF8({ $0.contains(UInt8(ascii: "\r")) }) {
            text = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        }
        return text.withUTF8 { bytes in
            var lines = UTF8Lines.trimmedRanges(in: bytes)[...]
            while lines.first?.isEmpty == true { lines.removeFirst() }
            while lines.last?.isEmpty == true { lines.removeLast() }
            let indentation = lines.lazy.filter { !$0.isEmpty }.map { leadingBlanks(bytes[$0]) }.min() ?? 0
            // The first `indentation` characters of every line are blanks, one byte each.
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            for (index, line) in lines.enumerated() {
                if index > 0 { output.append(UTF8Lines.newline) }
                if !line.isEmpty { output.append(contentsOf: bytes[(line.lowerBound + indentation)..<line.upperBound]) }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// How many spaces and tabs a line starts with, counted in characters: a space that
    /// carries a combining mark is text. Bytes are counted where the next character is ASCII
    /// (which cannot combine with a space); only the rare other lines count `Character`s.
    private static func leadingBlanks(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var count = 0
        for byte in line {
            if byte == UTF8Lines.space || byte == UTF8Lines.tab {
                count += 1
            } else if byte < 0x80 {
                return count
            } else {
                return String(decoding: line, as: UTF8.self).prefix { $0 == " " || $0 == "\t" }.count
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
