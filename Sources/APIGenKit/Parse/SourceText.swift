import Foundation

/// The text of a spec file split into lines, to turn libxml2's line numbers into line *and*
/// column: libxml2 records only the line of a node, and an editor wants both.
struct SourceText: Sendable {
    let path: String
    /// The text as UTF-8 bytes and where each line starts in them: one array for the whole file
    /// (every spec file is read this way), searched byte by byte; columns still count Unicode
    /// scalars, by counting the bytes that start one.
    private let bytes: [UInt8]
    private let lineStarts: [Int]
    /// The last position turned from bytes to columns or back: elements are looked up in
    /// document order, so the next one is counted from there, not from the line's start (a
    /// file of one long line, thousands of `<value>`s, would otherwise be quadratic).
    private let cursor = Cursor()

    private final class Cursor: @unchecked Sendable {
        let lock = NSLock()
        var line = 0
        var byte = 0
        var column = 1
    }

    /// Lines end at `\n`, `\r\n` or a lone `\r`, as XML (and libxml2's line numbers) has it:
    /// a file with old Mac line ends is as many lines as it looks, not one line searched from
    /// its start for every element (which made positions quadratic in the file's size).
    init(path: String, text: String) {
        self.path = path
        let bytes = Array(text.utf8)
        self.bytes = bytes
        self.lineStarts = Self.lineStarts(bytes)
    }

    /// Where each line starts: after every `\n`, and after every `\r` not followed by `\n`.
    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var lineStarts = [0]
        lineStarts.reserveCapacity(bytes.count / 32)
        let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == newline || (byte == carriageReturn && (index + 1 == bytes.count || bytes[index + 1] != newline)) {
                lineStarts.append(index + 1)
            }
        }
        return lineStarts
    }

    private var lineCount: Int { lineStarts.count }

    /// Line `number` (1-based) without its terminator (`\n`, `\r\n` or `\r`).
    private func line(_ number: Int) -> ArraySlice<UInt8> {
        let start = lineStarts[number - 1]
        guard number < lineStarts.count else { return bytes[start..<bytes.count] }
        var end = lineStarts[number] - 1
        if bytes[end] == UInt8(ascii: "\n"), end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<end]
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: path, line: max(line, 1), column: max(column, 1))
    }

    /// The location of the byte at `offset` (from the line's start) of line `number`.
    private func location(line number: Int, byteOffset offset: Int) -> SourceLocation {
        let start = lineStarts[number - 1]
        cursor.lock.lock()
        defer { cursor.lock.unlock() }
        // From the last position when it is on this line and not past `offset`.
        var from = 0, column = 1
        if cursor.line == number, cursor.byte <= offset { (from, column) = (cursor.byte, cursor.column) }
        // A scalar starts at every byte that is not a continuation byte (10xxxxxx).
        for byte in bytes[(start + from)..<(start + offset)] where byte & 0xC0 != 0x80 { column += 1 }
        (cursor.line, cursor.byte, cursor.column) = (number, offset, column)
        return location(line: number, column: column)
    }

    /// Where the start tag `<name` of an element begins.
    ///
    /// libxml2 reports the line the start tag *ends* on, so a tag spread over several lines is
    /// found by looking back. `after` skips earlier elements of the same name on the same line.
    func findStartTag(_ name: String, reportedLine: Int, after: SourceLocation?) -> SourceLocation {
        let needle = Array(("<" + name).utf8)
        var line = reportedLine
        while line >= 1, line >= reportedLine - 200 {
            let start = (after?.line == line) ? byteOffset(ofColumn: after!.column, inLine: line) : 0
            if let offset = firstTag(needle, inLine: line, from: start) {
                return location(line: line, byteOffset: offset)
            }
            line -= 1
        }
        return location(line: reportedLine, column: 1)
    }

    /// The byte offset, in line `number`, of the scalar that follows the first `column`
    /// scalars (so searching from it skips the `column`-th scalar and those before it).
    private func byteOffset(ofColumn column: Int, inLine number: Int) -> Int {
        guard number >= 1, number <= lineCount else { return 0 }
        let line = self.line(number)
        cursor.lock.lock()
        defer { cursor.lock.unlock() }
        // From the last position when it is on this line and not past `column`: that byte
        // starts the scalar of column `cursor.column`, after `cursor.column - 1` scalars.
        var start = 0, scalars = 0
        if cursor.line == number, cursor.column <= column, cursor.byte <= line.count {
            (start, scalars) = (cursor.byte, cursor.column - 1)
        }
        var offset = start
        while offset < line.count {
            if line[line.startIndex + offset] & 0xC0 != 0x80 {
                if scalars == column {
                    (cursor.line, cursor.byte, cursor.column) = (number, offset, column + 1)
                    return offset
                }
                scalars += 1
            }
            offset += 1
        }
        return line.count
    }

    /// Where `name=` stands inside the start tag that begins at `tag`; the tag itself when
    /// the tag has no such attribute.
    ///
    /// Scans only the start tag (up to its first `>` outside quotes), so an attribute of a
    /// later tag on the same line, or a `>` inside a quoted value, cannot mislead it.
    func findAttribute(_ name: String, inStartTagAt tag: SourceLocation) -> SourceLocation {
        let needle = Array(name.utf8)
        guard !needle.isEmpty else { return tag }
        var line = tag.line
        // Scanning starts after the `<` (the tag's column is 1-based, in scalars).
        var offset = byteOffset(ofColumn: tag.column, inLine: tag.line)
        var quote: UInt8?
        var previous = UInt8(ascii: "<")
        while line >= 1, line <= lineCount {
            let text = self.line(line)
            let base = text.startIndex
            while offset < text.count {
                let byte = text[base + offset]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return tag
                } else if Self.isSpace(previous), byte == needle[0], offset + needle.count <= text.count,
                          text[(base + offset)..<(base + offset + needle.count)].elementsEqual(needle) {
                    var after = offset + needle.count
                    while after < text.count, text[base + after] == UInt8(ascii: " ") || text[base + after] == UInt8(ascii: "\t") { after += 1 }
                    if after < text.count, text[base + after] == UInt8(ascii: "=") {
                        return location(line: line, byteOffset: offset)
                    }
                }
                previous = byte
                offset += 1
            }
            previous = UInt8(ascii: " ")
            line += 1
            offset = 0
        }
        return tag
    }

    /// The byte offset of the first `<name` on the line at or after byte `from` that is not
    /// the start of a longer name.
    private func firstTag(_ needle: [UInt8], inLine line: Int, from: Int) -> Int? {
        guard line >= 1, line <= lineCount else { return nil }
        let text = self.line(line)
        let base = text.startIndex
        guard needle.count <= text.count else { return nil }
        var offset = max(from, 0)
        while offset + needle.count <= text.count {
            if text[base + offset] == needle[0], text[(base + offset)..<(base + offset + needle.count)].elementsEqual(needle) {
                let end = offset + needle.count
                // `<name` must not be the start of `<nameSuffix`.
                if end == text.count || !Self.startsNameCharacter(text[(base + end)...]) {
                    return offset
                }
            }
            offset += 1
        }
        return nil
    }

    /// Whether the scalar the bytes start with may continue an XML name.
    private static func startsNameCharacter(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        if first < 0x80 { return isNameCharacter(Unicode.Scalar(first)) }
        let scalar = String(decoding: bytes.prefix(4), as: UTF8.self).unicodeScalars.first
        return scalar.map(isNameCharacter) ?? false
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" || scalar == "." || scalar == ":"
    }
}
