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
        String(decoding: resolvedBytes(text), as: UTF8.self)
    }

    /// `resolve` as UTF-8 bytes, for the renderer, which goes on working on bytes: every
    /// rendered template passes through here, and making a `String` of it would check all its
    /// UTF-8 once more. The text between markers is copied in bulk, and only the line above
    /// each marker is looked at.
    static func resolvedBytes(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + bytes.count / 4)
            var copiedUpTo = 0
            var searchFrom = 0
            while case let index = UTF8Lines.firstIndex(of: marker, in: bytes, from: searchFrom), index < bytes.count {
                searchFrom = index + 1
                guard index == 0 || bytes[index - 1] == UInt8(ascii: "\n") else { continue }
                output.append(contentsOf: bytes[copiedUpTo..<index])
                copiedUpTo = index + 1
                // The line above, as already written (its own indentation resolved).
                guard let lineEnd = output.indices.last else { continue }
                var lineStart = lineEnd
                while lineStart > 0, output[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
                var indentationEnd = lineStart
                while indentationEnd < lineEnd, output[indentationEnd] == UInt8(ascii: " ") || output[indentationEnd] == UInt8(ascii: "\t") {
                    indentationEnd += 1
                }
                for position in lineStart..<indentationEnd { output.append(output[position]) }
            }
            output.append(contentsOf: bytes[copiedUpTo...])
            return output
        }
    }
}
