/// The text of a spec file split into lines, to turn libxml2's line numbers into line *and*
/// column: libxml2 records only the line of a node, and an editor wants both.
struct SourceText: Sendable {
    let path: String
    /// The text as Unicode scalars, so that columns count characters, and where each line
    /// starts in it: one array for the whole file rather than one per line (every spec file
    /// is read this way).
    private let scalars: [Unicode.Scalar]
    private let lineStarts: [Int]

    init(path: String, text: String) {
        self.path = path
        let scalars = Array(text.unicodeScalars)
        var lineStarts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            lineStarts.append(index + 1)
        }
        self.scalars = scalars
        self.lineStarts = lineStarts
    }

    private var lineCount: Int { lineStarts.count }

    /// Line `number` (1-based) without its terminator.
    private func line(_ number: Int) -> ArraySlice<Unicode.Scalar> {
        let start = lineStarts[number - 1]
        let end = number < lineStarts.count ? lineStarts[number] - 1 : scalars.count
        return scalars[start..<end]
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: path, line: max(line, 1), column: max(column, 1))
    }

    /// Where the start tag `<name` of an element begins.
    ///
    /// libxml2 reports the line the start tag *ends* on, so a tag spread over several lines is
    /// found by looking back. `after` skips earlier elements of the same name on the same line.
    func findStartTag(_ name: String, reportedLine: Int, after: SourceLocation?) -> SourceLocation {
        let needle = Array(("<" + name).unicodeScalars)
        var line = reportedLine
        while line >= 1, line >= reportedLine - 200 {
            let start = (after?.line == line) ? after!.column : 0
            if let index = firstTag(needle, inLine: line, from: start) {
                return location(line: line, column: index + 1)
            }
            line -= 1
        }
        return location(line: reportedLine, column: 1)
    }

    /// Where `name=` stands inside the start tag that begins at `tag`; the tag itself when
    /// the tag has no such attribute.
    ///
    /// Scans only the start tag (up to its first `>` outside quotes), so an attribute of a
    /// later tag on the same line, or a `>` inside a quoted value, cannot mislead it.
    func findAttribute(_ name: String, inStartTagAt tag: SourceLocation) -> SourceLocation {
        let needle = Array(name.unicodeScalars)
        var line = tag.line
        var column = tag.column  // 1-based position of `<`; scanning starts after it
        var quote: Unicode.Scalar?
        var previous: Unicode.Scalar = "<"
        while line >= 1, line <= lineCount {
            let scalars = Array(self.line(line))
            var index = column
            while index < scalars.count {
                let scalar = scalars[index]
                if let open = quote {
                    if scalar == open { quote = nil }
                } else if scalar == "\"" || scalar == "'" {
                    quote = scalar
                } else if scalar == ">" {
                    return tag
                } else if Self.isSpace(previous), scalar == needle[0], index + needle.count <= scalars.count,
                          scalars[index..<index + needle.count].elementsEqual(needle) {
                    var after = index + needle.count
                    while after < scalars.count, scalars[after] == " " || scalars[after] == "\t" { after += 1 }
                    if after < scalars.count, scalars[after] == "=" {
                        return location(line: line, column: index + 1)
                    }
                }
                previous = scalar
                index += 1
            }
            previous = " "
            line += 1
            column = 0
        }
        return tag
    }

    /// The first `<name` on the line at or after `from` that is not the start of a longer name.
    private func firstTag(_ needle: [Unicode.Scalar], inLine line: Int, from: Int) -> Int? {
        guard line >= 1, line <= lineCount else { return nil }
        let scalars = self.line(line)
        let base = scalars.startIndex
        guard needle.count <= scalars.count else { return nil }
        var index = max(from, 0)
        while index + needle.count <= scalars.count {
            if scalars[base + index] == needle[0], scalars[(base + index)..<(base + index + needle.count)].elementsEqual(needle) {
                let end = index + needle.count
                // `<name` must not be the start of `<nameSuffix`.
                if end == scalars.count || !Self.isNameCharacter(scalars[base + end]) {
                    return index
                }
            }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" || scalar == "." || scalar == ":"
    }
}
