import Testing

@testable import APIGenKit

/// `SwiftText`: spec text into Swift source without any way to break out.
@Suite struct SwiftTextTests {
    // MARK: literal

    @Test(arguments: [
        ("", #""""#),
        ("plain", #""plain""#),
        ("\"", #""\"""#),
        ("\\", #""\\""#),
        ("\\(x)", #""\\(x)""#),
        ("\"\"\"", #""\"\"\"""#),
        ("a\nb", #""a\nb""#),
        ("a\rb", #""a\rb""#),
        ("a\r\nb", #""a\r\nb""#),
        ("a\tb", #""a\tb""#),
        ("\u{0}", #""\u{0}""#),
        ("\u{1B}[31m", #""\u{1B}[31m""#),
        ("\u{7F}", #""\u{7F}""#),
        ("\u{85}", #""\u{85}""#),
        ("\u{202E}evil", #""\u{202E}evil""#),
        ("\u{2066}", #""\u{2066}""#),
        ("\u{200B}", #""\u{200B}""#),
        ("\u{FEFF}", #""\u{FEFF}""#),
        ("中文描述：“引号”", #""中文描述：“引号”""#),
        ("emoji 🚀", #""emoji 🚀""#),
        ("#\"raw\"#", ##""#\"raw\"#""##),
        ("*/ /*", #""*/ /*""#),
    ])
    func literal(text: String, swift: String) {
        #expect(SwiftText.literal(text) == swift)
    }

    /// The literal evaluates to the text again, and stays on one line.
    @Test(arguments: [
        "", "\"", "\\", "\\(fatalError())", "\"\"\"", "\\u{41}", "a\nb\rc\r\nd", "\t\u{0}\u{1}\u{1F}\u{7F}\u{9F}",
        "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}", "\u{2028}\u{2029}",
        "中文", "🚀👨‍👩‍👧", "e\u{301}", "\\\"", "\"\\", "end\\",
    ])
    func literalRoundTrips(text: String) throws {
        let literal = SwiftText.literal(text)
        #expect(!literal.unicodeScalars.contains { $0 == "\n" || $0 == "\r" })
        #expect(try Self.evaluate(literal) == text)
    }

    /// Reads a literal the way the Swift compiler would (for the escapes `literal` writes);
    /// throws on anything that would end the literal early or not compile.
    static func evaluate(_ literal: String) throws -> String {
        struct NotALiteral: Error { var reason: String }
        var scalars = Array(literal.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { throw NotALiteral(reason: "not quoted") }
        scalars = Array(scalars.dropFirst().dropLast())
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\"": throw NotALiteral(reason: "unescaped quote at \(index)")
            case "\n", "\r": throw NotALiteral(reason: "line break in a one-line literal")
            case "\\":
                guard index < scalars.count else { throw NotALiteral(reason: "trailing backslash") }
                let escape = scalars[index]
                index += 1
                switch escape {
                case "\\": result.append("\\")
                case "\"": result.append("\"")
                case "'": result.append("'")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "0": result.append("\0")
                case "u":
                    guard index < scalars.count, scalars[index] == "{" else { throw NotALiteral(reason: "bad \\u") }
                    var hex = ""
                    index += 1
                    while index < scalars.count, scalars[index] != "}" {
                        hex.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    index += 1
                    guard (1...8).contains(hex.count), let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else {
                        throw NotALiteral(reason: "bad \\u{\(hex)}")
                    }
                    result.append(decoded)
                default:
                    throw NotALiteral(reason: "unknown escape \\\(escape) (interpolation?)")
                }
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    // MARK: docLines

    @Test(arguments: [
        ("one line", ["/// one line"]),
        ("a\nb", ["/// a", "/// b"]),
        ("a\r\nb", ["/// a", "/// b"]),
        ("a\rb", ["/// a", "/// b"]),
        ("a\u{2028}b", ["/// a", "/// b"]),
        ("a\u{2029}b", ["/// a", "/// b"]),
        ("a\u{85}b", ["/// a", "/// b"]),
        ("a\u{0B}b\u{0C}c", ["/// a", "/// b", "/// c"]),
        ("a\r\r\nb", ["/// a", "///", "/// b"]),
        ("a\n\nb", ["/// a", "///", "/// b"]),
        ("a  \t\nb ", ["/// a", "/// b"]),
        ("  indented", ["///   indented"]),
        ("a\tb", ["/// a\tb"]),
        ("*/ not the end /*", ["/// */ not the end /*"]),
        ("\"\"\" \\(x)", ["/// \"\"\" \\(x)"]),
        ("a\u{0}b\u{1B}c", ["/// a\u{FFFD}b\u{FFFD}c"]),
        ("left \u{202E}right\u{2066}", ["/// left \u{FFFD}right\u{FFFD}"]),
        ("中文 🚀", ["/// 中文 🚀"]),
    ])
    func docLines(text: String, lines: [String]) {
        #expect(SwiftText.docLines(text) == lines)
    }

    @Test func emptyTextGivesNoLines() {
        #expect(SwiftText.docLines("") == [])
        #expect(SwiftText.docLines("", indent: "    ") == [])
    }

    @Test func indentGoesBeforeEveryLine() {
        #expect(SwiftText.docLines("a\n\nb", indent: "    ") == ["    /// a", "    ///", "    /// b"])
    }

    /// No line of the result can hold a line break or a direction override, whatever the input.
    @Test func nothingEscapesTheComment() {
        let nasty = "x\n\r\u{0B}\u{0C}\u{85}\u{2028}\u{2029}\u{202E}\u{2067}\u{200F}\u{FEFF}\u{0}\u{7}*/ \"\"\" \\( y"
        for line in SwiftText.docLines(nasty, indent: "  ") {
            #expect(line.hasPrefix("  ///"))
            #expect(!line.unicodeScalars.contains { [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029, 0x202E, 0x2067, 0x200F, 0xFEFF, 0x0, 0x7].contains($0.value) })
        }
    }

    @Test func paragraphsSkipMissingAndEmptyParts() {
        #expect(SwiftText.paragraphs(["a", nil, "", "b\nc"]) == "a\n\nb\nc")
        #expect(SwiftText.paragraphs([nil, ""]) == "")
    }
}
