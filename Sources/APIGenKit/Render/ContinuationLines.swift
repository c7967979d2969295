/// Multi-line values that keep the indentation of the line their template puts them on.
///
/// A doc comment is many lines, and iterating a Mustache section once per line cost a tenth
/// of all generation time. Instead the view models hand a doc comment over as one value,
/// `docComment`: its lines joined by a newline and `marker`. After rendering, every line that
/// starts with `marker` takes the indentation of the line above, so
///
///     {{#docComment}}
///         {{.}}
///     {{/docComment}}
///
/// gives every line of the comment the template's four spaces, whatever the template's
/// indentation is. The marker is a control character, which spec text can never contain:
/// `SwiftText.docLines` replaces control characters in it.
enum ContinuationLines {
    static let marker: UInt8 = 0x01
    private static let separator = "\n\u{01}"

    /// `lines` as one value for `{{#docComment}}`: one string, or when there are none an empty
    /// list, which renders nothing. Not nil: for nil, Mustache would look the name up in the
    /// enclosing contexts and render *their* doc comment.
    static func joined(_ lines: [String]) -> Any {
        lines.isEmpty ? [String]() : lines.joined(separator: separator)
    }

    /// `text` with every `marker` at the start of a line replaced by the indentation (leading
    /// spaces and tabs) of the line above.
    static func resolve(_ text: String) -> String {
        guard text.utf8.contains(marker) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 4)
        var lineStart = 0
        var previousIndentation = 0..<0
        var atLineStart = true
        for byte in text.utf8 {
            if atLineStart {
                atLineStart = false
                if byte == marker {
                    output.append(contentsOf: output[previousIndentation])
                    continue
                }
            }
            output.append(byte)
            if byte == UInt8(ascii: "\n") {
                let line = output[lineStart..<(output.count - 1)]
                let indentationEnd = line.firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } ?? line.endIndex
                previousIndentation = lineStart..<indentationEnd
                lineStart = output.count
                atLineStart = true
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
