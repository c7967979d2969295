/// Puts spec text into Swift source so that no text can break out of where it is put.
public enum SwiftText {
    /// A string literal that evaluates to exactly `text`: quotes and backslashes escaped (so
    /// neither `"""` nor `\(` can end the literal or interpolate), line breaks and other
    /// control or direction-changing characters written as escapes.
    public static func literal(_ text: String) -> String {
        // Most literals need no escape at all: printable ASCII without quotes or backslashes.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where needsEscape(scalar):
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// The lines of a `///` doc comment holding `text`.
    ///
    /// Every kind of line break starts a new `///` line, so nothing can escape the comment;
    /// control and bidirectional-override characters (which could make a comment look like
    /// code, "Trojan Source") are replaced by U+FFFD; `*/` is harmless in a line comment.
    /// Blank lines become `///`, and trailing spaces are dropped.
    /// Empty text gives no lines at all.
    public static func docLines(_ text: String, indent: String = "") -> [String] {
        if text.isEmpty { return [] }
        // Most text has nothing to escape and only `\n` line breaks: split its bytes.
        var text = text
        if isPlain(text) {
            let prefix = Array((indent + "/// ").utf8)
            return text.withUTF8 { bytes in
                UTF8Lines.trimmedRanges(in: bytes).map { line in
                    var output = prefix
                    if line.isEmpty {
                        output.removeLast()
                    } else {
                        output.append(contentsOf: bytes[line])
                    }
                    return String(decoding: output, as: UTF8.self)
                }
            }
        }
        var lines: [String] = [""]
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\n", previousWasCR { continue }
            if isLineBreak(scalar) {
                lines.append("")
            } else if needsEscape(scalar), scalar != "\t" {
                lines[lines.count - 1].unicodeScalars.append("\u{FFFD}")
            } else {
                lines[lines.count - 1].unicodeScalars.append(scalar)
            }
        }
        return lines.map { line in
            let trimmed = Substring(line).droppingTrailingBlanks
            return trimmed.isEmpty ? indent + "///" : indent + "/// " + trimmed
        }
    }

    /// An `xs:decimal` as a Swift number literal: `-.5` → `-0.5`, `5.` → `5`, `+3` → `3`,
    /// `007` → `7` (Swift accepts none of the former spellings).
    public static func numberLiteral(_ decimal: String) -> String {
        var text = decimal.trimmingSpaces
        var sign = ""
        if text.hasPrefix("-") || text.hasPrefix("+") {
            sign = text.hasPrefix("-") ? "-" : ""
            text.removeFirst()
        }
        var parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var whole = String(parts[0].drop { $0 == "0" })
        if whole.isEmpty { whole = "0" }
        var fraction = parts.count > 1 ? parts[1] : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        parts = fraction.isEmpty ? [whole] : [whole, fraction]
        let body = parts.joined(separator: ".")
        return body == "0" ? "0" : sign + body
    }

    /// A multi-line raw string literal (`#"""` … `"""#`) that evaluates to exactly `text`, its
    /// lines and closing delimiter indented by `indent`. `text` must hold no line break other
    /// than `\n` and nothing ``needsEscape(_:)`` would escape (JSON from ``JSONText`` holds
    /// neither); enough `#` are used that nothing in it can end the literal or escape.
    static func rawMultilineLiteral(_ text: String, indent: String) -> String {
        var hashes = "#"
        while text.contains("\"" + "\"\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }.joined(separator: "\n")
        return hashes + "\"\"\"\n" + body + "\n" + indent + "\"\"\"" + hashes
    }

    /// Lines of text as one Markdown paragraph each, separated by blank lines.
    public static func paragraphs(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// Whether `text` has no line break but `\n` and nothing to escape but tabs: checked on
    /// bytes when it is ASCII (almost always), on scalars otherwise.
    private static func isPlain(_ text: String) -> Bool {
        var text = text
        let isASCII: Bool? = text.withUTF8 { bytes in
            for byte in bytes {
                if byte >= 0x80 { return false }
                if (byte < 0x20 && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\t")) || byte == 0x7F { return nil }
            }
            return true
        }
        guard let isASCII else { return false }
        if isASCII { return true }
        return text.unicodeScalars.allSatisfy { $0 == "\n" || $0 == "\t" || (!isLineBreak($0) && !needsEscape($0)) }
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Bidirectional embeddings, overrides and isolates; zero-width and invisible marks.
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: true
        default: false
        }
    }
}
