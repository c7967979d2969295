import Foundation

/// Cleans the markup of Alibaba Cloud's documentation site out of the metadata's texts, so that
/// what apigen generates reads well in Quick Help and DocC. Everything else stays byte for byte.
///
/// In prose (`normalize`):
/// - **Links to documents.** `[text](~~12345~~)` links to page 12345 of Alibaba Cloud's
///   documentation (`DocumentationLanguage.documentURL`), an anchor kept
///   (`~~25412#SecurityGroupQuota~~`, also written `~~25412~~#SecurityGroupQuota`); a bare
///   `~~12345~~` becomes an autolink, `<https://…>` (so that no punctuation joins the URL), as
///   does a link without text, `[](~~12345~~)`. Upstream's mangled forms are read as links too:
///   escaped brackets (`\[text]\(~~12345~~)`), three tildes, stray letters after the tildes.
/// - **Links to nothing** are unwrapped to their text: a target that names no document
///   (`[DescribeRegions](~~DescribeRegions~~)`, `(~~)`) or no target at all (`[text]()`); a bare
///   `~~word~~` becomes `word`.
/// - **Empty anchors** go: `### [](#)Limits` → `### Limits`, `[](#section-1)` anywhere; a
///   heading left empty goes with the blank line after it.
/// - **Code spans** are whole: one that opens on one line and closes on the next line of the
///   same paragraph is put on one line (the line break, with the blanks around it, becomes one
///   space, which is what Markdown renders it as); a backtick run that ends a line right after
///   a full stop (`instance.``` ``, `precedence. ``` `), which can open no code and which
///   upstream's converter leaves behind, is removed.
/// - Code is code: nothing inside a code span or a fenced block (``` or ~~~) is touched, so a
///   `~~` there stays; only a span that holds nothing but a reference (`` `~~12345~~` ``, which
///   is no code anyone writes) becomes the link.
///
/// Texts are scanned as UTF-8 bytes: every character of the markup is ASCII, and no byte of a
/// multi-byte character is, so Chinese text (`请参见[计费概述](~~25398~~)。`) needs no special case.
enum DocumentationMarkup {
    // MARK: Prose

    /// `text` with the markup above rewritten, counted in `rewrites`; `text` itself (no copy)
    /// when there is nothing to rewrite, which is most texts.
    static func normalize(_ text: String, language: DocumentationLanguage, rewrites: inout DocumentationRewrites) -> String {
        rewritten(text, language: language, rewrites: &rewrites) ?? text
    }

    /// The same, nil when nothing was rewritten.
    static func rewritten(_ text: String, language: DocumentationLanguage, rewrites: inout DocumentationRewrites) -> String? {
        rewrite(text, language: language, rewrites: &rewrites)?.text
    }

    /// A rewritten text, and whether its white space may need normalizing again: a text that
    /// apigen reads back as it is (`SpecText.normalize`) still is after links are rewritten, but
    /// removing an anchor or a heading, or joining lines, can leave blanks at a line's end or
    /// change the indentation the lines share.
    struct Rewritten {
        var text: String
        var mayNeedNormalizing: Bool
    }

    static func rewrite(_ text: String, language: DocumentationLanguage, rewrites: inout DocumentationRewrites) -> Rewritten? {
        guard UTF8Bytes.scan(text, mayNeedWork) else { return nil }
        return rewriteWithoutQuickCheck(text, language: language, rewrites: &rewrites)
    }

    /// The same without `mayNeedWork` first (which the tests check against this).
    static func rewriteWithoutQuickCheck(_ text: String, language: DocumentationLanguage, rewrites: inout DocumentationRewrites) -> Rewritten? {
        // The rewriter reads the text's own UTF-8 in place.
        let (output, counts, reshaped) = UTF8Bytes.scan(text) { bytes in
            var rewriter = Rewriter(source: bytes, language: language)
            rewriter.run()
            return (rewriter.output, rewriter.rewrites, rewriter.reshaped)
        }
        guard counts != DocumentationRewrites() else { return nil }
        rewrites.add(counts)
        return Rewritten(text: String(decoding: output, as: UTF8.self), mayNeedNormalizing: reshaped)
    }

    /// Whether any rule above may apply: the text holds `~~`, `[]`, `]\`, `](~` or `]()`, or a
    /// line with a backtick run that no other run of its length closes. Texts are scanned byte
    /// by byte without allocating (the importer asks this of every text).
    static func mayNeedWork(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // `[`, `]`, `` ` `` and `~` are 0x5B, 0x5D, 0x60 and 0x7E: bits 0, 2, 5 and 35 above 0x5B.
        let markup: UInt64 = 1 << 0 | 1 << 2 | 1 << 5 | 1 << 35
        let count = bytes.count
        var backtick = false
        var index = 0
        while index < count {
            // Eight bytes at a time while none of them is one of the four.
            if index + 8 <= count, let base = bytes.baseAddress {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !containsMarkupByte(word) {
                    index += 8
                    continue
                }
            }
            let offset = bytes[index] &- 0x5B
            guard offset < 36, markup >> UInt64(offset) & 1 == 1 else {
                index += 1
                continue
            }
            let next: UInt8 = index + 1 < count ? bytes[index + 1] : 0
            switch bytes[index] {
            case UInt8(ascii: "~") where next == UInt8(ascii: "~"): return true
            case UInt8(ascii: "[") where next == UInt8(ascii: "]"): return true
            case UInt8(ascii: "]"):
                if next == UInt8(ascii: "\\") { return true }
                if next == UInt8(ascii: "("), index + 2 < count, bytes[index + 2] == UInt8(ascii: "~") || bytes[index + 2] == UInt8(ascii: ")") { return true }
            case UInt8(ascii: "`"): backtick = true
            default: break
            }
            index += 1
        }
        return backtick && hasUnclosedBacktickRun(bytes)
    }

    /// Whether any of the eight bytes of `word` is `[`, `]`, `` ` `` or `~` (a byte equal to one
    /// is a zero byte after XOR: the usual "has a zero byte" test, for each of the four).
    @inline(__always) private static func containsMarkupByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        return hasZeroByte(word ^ (ones &* 0x5B)) || hasZeroByte(word ^ (ones &* 0x5D))
            || hasZeroByte(word ^ (ones &* 0x60)) || hasZeroByte(word ^ (ones &* 0x7E))
    }

    /// Whether a line holds a backtick run that no later run of its length on the line closes
    /// (Markdown's pairing, backslash escapes skipped): only then can a code span cross a line
    /// break, or a stray run be left. Fenced blocks' fences are such runs too.
    static func hasUnclosedBacktickRun(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let backtick = UInt8(ascii: "`")
        let backslash = UInt8(ascii: "\\")
        let count = bytes.count
        @inline(__always) func isLineEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == backslash {
                index += 2
                continue
            }
            guard byte == backtick else {
                index += 1
                continue
            }
            var end = index
            while end < count, bytes[end] == backtick { end += 1 }
            let length = end - index
            // The closing run: the next run of the same length before the line ends.
            var scan = end
            var closed = false
            while scan < count, !isLineEnd(bytes[scan]) {
                if bytes[scan] == backslash {
                    scan += 2
                    continue
                }
                guard bytes[scan] == backtick else {
                    scan += 1
                    continue
                }
                var runEnd = scan
                while runEnd < count, bytes[runEnd] == backtick { runEnd += 1 }
                if runEnd - scan == length {
                    closed = true
                    scan = runEnd
                    break
                }
                scan = runEnd
            }
            guard closed else { return true }
            index = scan
        }
        return false
    }

    // MARK: Examples

    /// An example as one line: an example is shown as a code span (`Example: `…``), which a
    /// line break would cut. Lines are trimmed and joined by one space (Markdown renders a
    /// line break in a code span as a space); nil when there is no line break (kept as it is).
    static func exampleOnOneLine(_ text: String) -> String? {
        guard UTF8Bytes.scan(text, { $0.contains { $0 == 0x0A || $0 == 0x0D } }) else { return nil }
        let lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return lines.joined(separator: " ")
    }

    // MARK: Error messages

    /// Whether a documented error message holds nothing but `printf`-style placeholders
    /// (`%s`, `%d`, …) and punctuation: what the service fills in at run time, not a message.
    static func isPlaceholderOnly(_ message: String) -> Bool {
        UTF8Bytes.scan(message) { bytes in
            var sawPlaceholder = false
            var index = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "%"):
                    guard index + 1 < bytes.count,
                          [UInt8(ascii: "s"), UInt8(ascii: "d"), UInt8(ascii: "v"), UInt8(ascii: "@")].contains(bytes[index + 1])
                    else { return false }
                    sawPlaceholder = true
                    index += 2
                case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0A, 0x0D, UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"):
                    index += 1
                default:
                    return false
                }
            }
            return sawPlaceholder
        }
    }

    // MARK: Summaries

    /// The first sentence of a description, for an action whose summary is missing or only its
    /// name: the first line with a letter (headings, fences, tables, images and HTML-like lines
    /// skipped; a quote's or list item's marker dropped), up to its first full stop (`.`, `!`
    /// or `?` before a blank or the end, or `。`, `！`, `？`). Nil when there is none.
    static func firstSentence(of description: String) -> String? {
        var inFence = false
        for rawLine in description.split(separator: "\n", omittingEmptySubsequences: true) {
            var line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            if inFence || line.hasPrefix("#") || line.hasPrefix("|") || line.hasPrefix("![") || line.hasPrefix("<") { continue }
            // Block markers: quotes (`>`), list items (`*`, `-`, `+`, `1.`).
            while true {
                if line.hasPrefix(">") {
                    line = line.dropFirst().drop { $0 == " " || $0 == "\t" }
                } else if let marker = line.first, "*-+".contains(marker), line.dropFirst().first == " " {
                    line = line.dropFirst().drop { $0 == " " || $0 == "\t" }
                } else if let dot = line.prefix(10).firstIndex(where: { $0 == "." || $0 == ")" }), dot > line.startIndex,
                          line[..<dot].allSatisfy(\.isASCII), line[..<dot].allSatisfy(\.isNumber),
                          line[line.index(after: dot)...].first == " " {
                    line = line[line.index(after: dot)...].drop { $0 == " " || $0 == "\t" }
                } else {
                    break
                }
            }
            guard line.contains(where: \.isLetter) else { continue }
            var sentence = line
            var index = line.startIndex
            while index < line.endIndex {
                let character = line[index]
                let next = line.index(after: index)
                if "。！？".contains(character) || (".!?".contains(character) && (next == line.endIndex || line[next] == " ")) {
                    sentence = line[..<next]
                    break
                }
                index = next
            }
            var result = String(sentence).trimmingCharacters(in: .whitespaces)
            if let last = result.last, !".!?。！？".contains(last) {
                result += DocumentationLanguage.containsChinese(result) ? "。" : "."
            }
            return result
        }
        return nil
    }
}

// MARK: - The rewriter

/// One pass over a text's bytes: fenced blocks copied; each paragraph's code spans found
/// (joined, stray runs dropped), and everything outside them rewritten inline.
private struct Rewriter {
    /// The text's UTF-8 (the rewriter lives only while it is valid).
    let source: UnsafeBufferPointer<UInt8>
    let language: DocumentationLanguage
    /// The text written so far.
    private var out: [UInt8] = []
    private(set) var rewrites = DocumentationRewrites()
    /// Whether lines were removed or joined, or something removed that blanks may now surround.
    private(set) var reshaped = false
    /// Whether an anchor was removed from the paragraph being written.
    private var anchorRemovedInChunk = false

    init(source: UnsafeBufferPointer<UInt8>, language: DocumentationLanguage) {
        self.source = source
        self.language = language
    }

    var output: [UInt8] { out }

    // Byte names.
    private static let backtick = UInt8(ascii: "`")
    private static let tilde = UInt8(ascii: "~")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
    private static let openParen = UInt8(ascii: "(")
    private static let closeParen = UInt8(ascii: ")")
    private static let backslash = UInt8(ascii: "\\")
    private static let hash = UInt8(ascii: "#")
    private static let lineFeed: UInt8 = 0x0A

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    // MARK: Blocks

    mutating func run() {
        // Lines, as ranges without their line feed.
        var lines: [Range<Int>] = []
        var start = 0
        for index in source.indices where source[index] == Self.lineFeed {
            lines.append(start..<index)
            start = index + 1
        }
        lines.append(start..<source.count)
        out.reserveCapacity(source.count + 64)

        var fence: (byte: UInt8, length: Int, indentation: Int)?
        var index = 0
        /// Whether a line was written yet, and whether the last one written is blank.
        var wroteLine = false
        var lastLineIsBlank = true
        var droppedHeading = false
        while index < lines.count {
            let line = lines[index]
            // A fence ends at its closing fence, or (as the list item holding it ends) at a line
            // indented less than the opening fence, which upstream's unclosed fences need.
            if let open = fence, isBlankLine(line) || indentation(line) - line.lowerBound >= open.indentation {
                if wroteLine { out.append(Self.lineFeed) }
                out.append(contentsOf: source[line])
                (wroteLine, lastLineIsBlank) = (true, isBlankLine(line))
                if let close = fenceMarker(line), close.byte == open.byte, close.length >= open.length, isBlankAfterFence(line) { fence = nil }
                index += 1
                continue
            }
            fence = nil
            if isBlankLine(line) {
                // A blank line after a heading that went (or at the start) would double a blank line.
                if droppedHeading, lastLineIsBlank {
                    droppedHeading = false
                    index += 1
                    continue
                }
                if wroteLine { out.append(Self.lineFeed) }
                out.append(contentsOf: source[line])
                (wroteLine, lastLineIsBlank) = (true, true)
                index += 1
                continue
            }
            droppedHeading = false
            if wroteLine { out.append(Self.lineFeed) }
            let mark = out.count
            if let open = fenceMarker(line) {
                out.append(contentsOf: source[line])
                (wroteLine, lastLineIsBlank) = (true, false)
                fence = (open.byte, open.length, indentation(line) - line.lowerBound)
                index += 1
                continue
            }
            // A paragraph: this line and those that continue it. A heading or table row is one line.
            var end = index + 1
            if !isSingleLineBlock(line) {
                while end < lines.count, !isBlankLine(lines[end]), fenceMarker(lines[end]) == nil, !startsBlock(lines[end]) { end += 1 }
            }
            anchorRemovedInChunk = false
            paragraph(lines[index].lowerBound..<lines[end - 1].upperBound)
            if anchorRemovedInChunk, isEmptyHeading(out[mark...]) {
                // `### [](#)` alone: the heading goes, with the line feed before it.
                out.removeSubrange((wroteLine ? mark - 1 : mark)...)
                droppedHeading = true
                reshaped = true
            } else {
                (wroteLine, lastLineIsBlank) = (true, false)
            }
            index = end
        }
    }

    private func indentation(_ line: Range<Int>) -> Int {
        var index = line.lowerBound
        while index < line.upperBound, Self.isBlank(source[index]) { index += 1 }
        return index
    }

    private func isBlankLine(_ line: Range<Int>) -> Bool { indentation(line) == line.upperBound }

    /// ``` or ~~~ (three or more) starting a line, however indented: fences in list items are
    /// indented as deep as the item's text (Markdown counts from there).
    private func fenceMarker(_ line: Range<Int>) -> (byte: UInt8, length: Int)? {
        let start = indentation(line)
        guard start < line.upperBound else { return nil }
        let byte = source[start]
        guard byte == Self.backtick || byte == Self.tilde else { return nil }
        var end = start
        while end < line.upperBound, source[end] == byte { end += 1 }
        guard end - start >= 3 else { return nil }
        // A backtick fence's info string holds no backtick.
        if byte == Self.backtick, source[end..<line.upperBound].contains(Self.backtick) { return nil }
        return (byte, end - start)
    }

    private func isBlankAfterFence(_ line: Range<Int>) -> Bool {
        var index = indentation(line)
        let byte = source[index]
        while index < line.upperBound, source[index] == byte { index += 1 }
        return source[index..<line.upperBound].allSatisfy(Self.isBlank)
    }

    /// A heading (`#`) or a table row (`|`).
    private func isSingleLineBlock(_ line: Range<Int>) -> Bool {
        let start = indentation(line)
        return start < line.upperBound && (source[start] == Self.hash || source[start] == UInt8(ascii: "|"))
    }

    /// Whether a line starts a block of its own rather than continuing a paragraph: a heading,
    /// quote, table row or list item.
    private func startsBlock(_ line: Range<Int>) -> Bool {
        let start = indentation(line)
        guard start < line.upperBound else { return false }
        let byte = source[start]
        let next = start + 1 < line.upperBound ? source[start + 1] : nil
        switch byte {
        case Self.hash, UInt8(ascii: ">"), UInt8(ascii: "|"):
            return true
        case UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "+"):
            return next.map(Self.isBlank) ?? true
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            var index = start
            while index < line.upperBound, index - start < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(source[index]) { index += 1 }
            guard index < line.upperBound, source[index] == UInt8(ascii: ".") || source[index] == Self.closeParen else { return false }
            return index + 1 == line.upperBound || Self.isBlank(source[index + 1])
        default:
            return false
        }
    }

    private func isEmptyHeading(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == Self.hash || Self.isBlank($0) } && bytes.contains(Self.hash)
    }

    // MARK: Paragraphs and code spans

    private struct Run {
        var start: Int
        var length: Int
        /// Ends a line (only blanks after it) right after a full stop: can open no code span.
        var isStray: Bool
    }

    /// One paragraph (its lines, line feeds included), written into `out`.
    private mutating func paragraph(_ range: Range<Int>) {
        // Backtick runs; a backtick after a backslash is escaped (a literal backtick).
        var runs: [Run] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = source[index]
            if byte == Self.backslash {
                index += 2
                continue
            }
            guard byte == Self.backtick else {
                index += 1
                continue
            }
            var end = index
            while end < range.upperBound, source[end] == Self.backtick { end += 1 }
            runs.append(Run(start: index, length: end - index, isStray: isStray(index..<end, in: range)))
            index = end
        }

        // Pair them as Markdown does: an opening run closes at the next run of its length;
        // one that never closes is literal text.
        var position = range.lowerBound
        var next = 0
        while next < runs.count {
            let run = runs[next]
            if run.isStray {
                inline(position..<trimmedEnd(before: run.start, from: position))
                position = run.start + run.length
                rewrites.strayBackticksRemoved += 1
                next += 1
                continue
            }
            guard let close = runs[(next + 1)...].firstIndex(where: { $0.length == run.length }) else {
                next += 1
                continue
            }
            inline(position..<run.start)
            let contentStart = run.start + run.length
            let contentEnd = runs[close].start
            if let url = referenceOnly(contentStart..<contentEnd) {
                // `` `~~12345~~` `` (mse): a reference put in backticks is no code.
                out.append(0x3C)
                out.append(contentsOf: url.utf8)
                out.append(0x3E)
                rewrites.linksRewritten += 1
                position = contentEnd + run.length
                next = close + 1
                continue
            }
            out.append(contentsOf: source[run.start..<contentStart])
            if source[contentStart..<contentEnd].contains(Self.lineFeed) {
                appendJoined(contentStart..<contentEnd)
                rewrites.codeSpansJoined += 1
                reshaped = true
            } else {
                out.append(contentsOf: source[contentStart..<contentEnd])
            }
            out.append(contentsOf: source[contentEnd..<(contentEnd + run.length)])
            position = contentEnd + run.length
            next = close + 1
        }
        inline(position..<range.upperBound)
    }

    /// The document URL when a code span holds nothing but a reference, `~~12345~~`.
    private func referenceOnly(_ content: Range<Int>) -> String? {
        var start = content.lowerBound
        var end = content.upperBound
        while start < end, Self.isBlank(source[start]) { start += 1 }
        while end > start, Self.isBlank(source[end - 1]) { end -= 1 }
        guard end - start > 4, source[start] == Self.tilde,
              let reference = tildeReference(at: start, limit: end), reference.end == end, let id = reference.id
        else { return nil }
        return language.documentURL(id: id, fragment: reference.fragment)
    }

    private func isStray(_ run: Range<Int>, in paragraph: Range<Int>) -> Bool {
        guard run.count != 3 else { return false }  // what a fence would be
        var after = run.upperBound
        while after < paragraph.upperBound, Self.isBlank(source[after]) { after += 1 }
        guard after == paragraph.upperBound || source[after] == Self.lineFeed else { return false }
        var before = run.lowerBound
        while before > paragraph.lowerBound, Self.isBlank(source[before - 1]) { before -= 1 }
        guard before > paragraph.lowerBound else { return false }
        if source[before - 1] == UInt8(ascii: ".") { return true }
        // `。` is E3 80 82.
        return before - 3 >= paragraph.lowerBound && source[before - 3] == 0xE3 && source[before - 2] == 0x80 && source[before - 1] == 0x82
    }

    /// `end`, moved back over the blanks before it (not before `start`).
    private func trimmedEnd(before end: Int, from start: Int) -> Int {
        var end = end
        while end > start, Self.isBlank(source[end - 1]) { end -= 1 }
        return end
    }

    /// A code span's content with each line break (and the blanks around it) as one space.
    private mutating func appendJoined(_ range: Range<Int>) {
        var index = range.lowerBound
        while index < range.upperBound {
            if source[index] == Self.lineFeed {
                while let last = out.last, Self.isBlank(last) { out.removeLast() }
                out.append(0x20)
                index += 1
                while index < range.upperBound, Self.isBlank(source[index]) { index += 1 }
                continue
            }
            out.append(source[index])
            index += 1
        }
    }

    // MARK: Inline

    /// Text outside code spans: links, anchors and `~~` rewritten, the rest copied.
    private mutating func inline(_ range: Range<Int>) {
        var index = range.lowerBound
        var copied = index
        func flush(_ upTo: Int) {
            if copied < upTo { out.append(contentsOf: source[copied..<upTo]) }
        }
        while index < range.upperBound {
            let byte = source[index]
            if byte == Self.closeBracket {
                // What comes before is written first: the link's text is looked for in `out`.
                flush(index)
                copied = index
                if let end = linkTarget(at: index, limit: range.upperBound) {
                    index = end
                    copied = index
                    continue
                }
            }
            if byte == Self.tilde, index + 1 < range.upperBound, source[index + 1] == Self.tilde,
               let reference = tildeReference(at: index, limit: range.upperBound) {
                flush(index)
                if let id = reference.id {
                    out.append(0x3C)  // <
                    out.append(contentsOf: language.documentURL(id: id, fragment: reference.fragment).utf8)
                    out.append(0x3E)  // >
                    rewrites.linksRewritten += 1
                } else {
                    out.append(contentsOf: reference.text.utf8)
                    rewrites.linksUnwrapped += 1
                }
                index = reference.end
                copied = index
                continue
            }
            index += 1
        }
        flush(range.upperBound)
    }

    /// `~~12345~~`, `~~12345#anchor~~` (two or three tildes each side; blanks inside trimmed),
    /// or `~~text~~`: the document ID and anchor, or the text, and where it ends.
    private func tildeReference(at start: Int, limit: Int) -> (id: String?, fragment: String?, text: String, end: Int)? {
        var index = start
        while index < limit, source[index] == Self.tilde { index += 1 }
        guard (2...3).contains(index - start) else { return nil }
        let contentStart = index
        while index < limit, source[index] != Self.tilde, source[index] != Self.lineFeed, index - contentStart <= 200 { index += 1 }
        guard index < limit, source[index] == Self.tilde else { return nil }
        let contentEnd = index
        while index < limit, source[index] == Self.tilde { index += 1 }
        guard (2...3).contains(index - contentEnd) else { return nil }
        var content = source[contentStart..<contentEnd]
        while let first = content.first, Self.isBlank(first) { content = content.dropFirst() }
        while let last = content.last, Self.isBlank(last) { content = content.dropLast() }
        let (id, fragment) = Self.documentID(content)
        return (id, fragment, String(decoding: content, as: UTF8.self), index)
    }

    /// `12345` or `12345#anchor` → the ID and the anchor (backslash escapes removed, anything a
    /// URL cannot hold percent-encoded); nil ID when the text does not start with digits alone.
    private static func documentID(_ content: Slice<UnsafeBufferPointer<UInt8>>) -> (id: String?, fragment: String?) {
        let digits = content.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard !digits.isEmpty, digits.count <= 12 else { return (nil, nil) }
        let rest = content.dropFirst(digits.count)
        guard rest.isEmpty || rest.first == hash else { return (nil, nil) }
        return (String(decoding: digits, as: UTF8.self), fragment(rest.dropFirst()))
    }

    private static func fragment(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        guard !bytes.isEmpty else { return nil }
        var result: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            var byte = bytes[index]
            if byte == backslash, index + 1 < bytes.endIndex {
                index += 1
                byte = bytes[index]
            }
            let isUnreserved = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-._~!$&'*+,;=:@/?".utf8.contains(byte)
            if isUnreserved {
                result.append(byte)
            } else {
                result.append(contentsOf: String(format: "%%%02X", byte).utf8)
            }
            index += 1
        }
        return result.isEmpty ? nil : String(decoding: result, as: UTF8.self)
    }

    /// At a `]`: a link whose target is a document (`](~~12345~~)`), names none, is empty
    /// (`]()`), or an empty anchor (`[](#…)`). Rewrites it into `out` and returns where the
    /// source continues; nil (nothing written) for any other `]`.
    private mutating func linkTarget(at bracket: Int, limit: Int) -> Int? {
        // `]\(`: upstream's escaped form of a link, read as one when it points to a document.
        var open = bracket + 1
        while open < limit, source[open] == Self.backslash { open += 1 }
        let escaped = open > bracket + 1
        guard open < limit, source[open] == Self.openParen else { return nil }
        let target = open + 1
        guard target < limit else { return nil }

        // `[](#anchor)`: an empty anchor, removed.
        if !escaped, source[target] == Self.hash, let textStart = matchingBracket(escaped: false), textStart == out.count - 1, !isImage(textStart) {
            var end = target
            while end < limit, source[end] != Self.closeParen, !Self.isBlank(source[end]), source[end] != Self.lineFeed { end += 1 }
            guard end < limit, source[end] == Self.closeParen else { return nil }
            out.removeLast()
            rewrites.anchorsRemoved += 1
            anchorRemovedInChunk = true
            reshaped = true
            return end + 1
        }

        // `[text]()`: a link to nothing, kept as its text (`[]()` itself is left alone: it is
        // how texts list the characters `[`, `]`, `(` and `)`).
        if !escaped, source[target] == Self.closeParen {
            guard let textStart = matchingBracket(escaped: false), textStart < out.count - 1, !isImage(textStart) else { return nil }
            out.remove(at: textStart)
            rewrites.linksUnwrapped += 1
            return target + 1
        }

        // `](~~12345~~)`, with the forms upstream gets wrong: `~~~12345~~~`, `~~12345~~#anchor`,
        // `~~12345~~l`, `(~~)`.
        var index = target
        while index < limit, Self.isBlank(source[index]) { index += 1 }
        guard index + 1 < limit, source[index] == Self.tilde, source[index + 1] == Self.tilde else { return nil }
        // The destination: the tildes and what they hold (blanks allowed), then up to a blank
        // (a title follows) or the closing parenthesis.
        var end = index
        while end < limit, source[end] == Self.tilde { end += 1 }
        while end < limit, source[end] != Self.tilde, source[end] != Self.closeParen, source[end] != Self.lineFeed { end += 1 }
        while end < limit, source[end] != Self.closeParen, !Self.isBlank(source[end]), source[end] != Self.lineFeed { end += 1 }
        guard end < limit else { return nil }
        var destination = source[index..<end]
        // The anchor may follow the tildes (`~~12345~~#anchor`).
        var trailingFragment = source[end..<end]
        if let lastTilde = destination.lastIndex(of: Self.tilde), let hashIndex = destination[lastTilde...].firstIndex(of: Self.hash) {
            trailingFragment = destination[(hashIndex + 1)...]
            destination = destination[..<hashIndex]
        }
        let inner = destination.drop { $0 == Self.tilde }.prefix { $0 != Self.tilde }
        var trimmedInner = inner
        while let first = trimmedInner.first, Self.isBlank(first) { trimmedInner = trimmedInner.dropFirst() }
        while let last = trimmedInner.last, Self.isBlank(last) { trimmedInner = trimmedInner.dropLast() }
        let (id, innerFragment) = Self.documentID(trimmedInner)
        let fragment = innerFragment ?? Self.fragment(trailingFragment)

        let textStart = matchingBracket(escaped: escaped)
        guard let id else {
            // Names no document: the link is its text.
            guard let textStart, !isImage(textStart) else { return nil }
            removeBracket(at: textStart, escaped: escaped)
            // Skip the whole target, title included.
            var close = end
            while close < limit, source[close] != Self.closeParen, source[close] != Self.lineFeed { close += 1 }
            rewrites.linksUnwrapped += 1
            return close < limit && source[close] == Self.closeParen ? close + 1 : end
        }
        let url = language.documentURL(id: id, fragment: fragment)
        rewrites.linksRewritten += 1
        if let textStart, textStart == out.count - 1, !isImage(textStart), source[end] == Self.closeParen {
            // `[](~~12345~~)`: no text, so the URL is the link.
            removeBracket(at: textStart, escaped: escaped)
            out.append(0x3C)
            out.append(contentsOf: url.utf8)
            out.append(0x3E)
            return end + 1
        }
        if escaped {
            // `\[text\](…)`: the escapes before `]` go too.
            while out.last == Self.backslash { out.removeLast() }
            if let textStart { removeBracket(at: textStart, escaped: true, keepingBracket: true) }
        }
        if textStart == nil, escaped {
            // `\(~~12345~~)` without a link text: a bare reference in parentheses.
            out.append(contentsOf: source[bracket..<bracket + 1])
            out.append(Self.openParen)
            out.append(0x3C)
            out.append(contentsOf: url.utf8)
            out.append(0x3E)
            return end
        }
        out.append(Self.closeBracket)
        out.append(Self.openParen)
        out.append(contentsOf: url.utf8)
        return end
    }

    /// The `[` in `out` (on its last line) that a `]` about to be written closes, brackets
    /// nested in between counted; escaped brackets (`\[`) are skipped unless `escaped`, when
    /// the opening bracket of upstream's escaped link form is looked for.
    private func matchingBracket(escaped: Bool) -> Int? {
        var depth = 0
        var index = out.count - 1
        while index >= 0, out[index] != Self.lineFeed {
            let byte = out[index]
            let isEscaped = index > 0 && out[index - 1] == Self.backslash
            if byte == Self.closeBracket, !isEscaped || escaped {
                depth += 1
            } else if byte == Self.openBracket, !isEscaped || escaped {
                if depth == 0 { return index }
                depth -= 1
            }
            index -= 1
        }
        return nil
    }

    private func isImage(_ bracket: Int) -> Bool { bracket > 0 && out[bracket - 1] == UInt8(ascii: "!") }

    /// Removes the `[` at `index` of `out` (`keepingBracket`: only the backslashes before it,
    /// which upstream's escaped link form has).
    private mutating func removeBracket(at index: Int, escaped: Bool, keepingBracket: Bool = false) {
        var start = index
        if escaped {
            while start > 0, out[start - 1] == Self.backslash { start -= 1 }
        }
        out.removeSubrange(start..<(keepingBracket ? index : index + 1))
    }
}
