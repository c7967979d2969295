import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a body is not valid JSON: what is wrong and where.
struct JSONSyntaxError: Error, CustomStringConvertible {
    var message: String
    /// Byte offset in the UTF-8 text (after a byte order mark, if any).
    var offset: Int
    /// 1-based; the column counts characters (Unicode scalars), not bytes.
    var line: Int
    var column: Int
    /// The value being decoded when the problem was found, for problems inside a string or a
    /// number: those are only read in full when they are decoded, as `JSONDecoder` does.
    var codingPath: [any CodingKey] = []

    var description: String {
        var text = message
        if !codingPath.isEmpty { text += " in " + ResponseDecoder.pathString(codingPath) }
        return text + " (line \(line), column \(column))"
    }
}

/// A JSON text, checked and indexed for decoding without building any value.
///
/// One pass over the bytes checks the structure as Foundation's `JSONDecoder` does and records
/// where each object and array starts and ends: 8 bytes per container, nothing per string,
/// number or member. Everything else is read from the bytes when it is decoded:
/// - a keyed container lists its object's members once (key and value offsets; keys are
///   compared as UTF-8 bytes, never made into Strings unless they hold escapes or non-ASCII);
/// - strings are unescaped, and numbers parsed, only when decoded.
///
/// What is accepted matches `JSONDecoder` (Swift 6.3): the structure is checked everywhere
/// (nesting at most 512 deep, trailing commas allowed, nothing but whitespace after the value,
/// a UTF-8 byte order mark or UTF-16/32 text accepted), while escapes, control characters,
/// UTF-8 and number syntax are only checked in what is decoded (object keys are checked when
/// a keyed container is made for the object).
///
/// The bytes are the caller's: a document lives within the caller's `withUnsafeBytes`. If a
/// decoder outlives the decode (stored by some `init(from:)`), ``detachIfShared(_:)`` copies
/// them first.
final class JSONDocument {
    /// The deepest nesting of arrays and objects accepted (as `JSONDecoder`).
    static let maximumDepth = 512

    /// The UTF-8 text.
    @exclusivity(unchecked) private(set) var bytes: UnsafePointer<UInt8>
    let count: Int
    /// The offset of the top-level value.
    let root: Int
    /// A copy of the text this document owns (transcoded input, or after detaching).
    private var owned: UnsafeMutablePointer<UInt8>?
    /// For the n-th container in document order, `containers[2n]` is the offset of its `{` or
    /// `[`, and `containers[2n + 1]` that of its `}` or `]`.
    private let containers: UnsafeMutablePointer<UInt32>
    private let containerCount: Int
    /// Reused while unescaping strings and listing members.
    @exclusivity(unchecked) var scratch: [UInt8] = []
    @exclusivity(unchecked) private var memberScratch: [Member] = []

    private init(
        bytes: UnsafePointer<UInt8>, count: Int, owned: UnsafeMutablePointer<UInt8>?, root: Int,
        containers: UnsafeMutablePointer<UInt32>, containerCount: Int
    ) {
        self.bytes = bytes
        self.count = count
        self.owned = owned
        self.root = root
        self.containers = containers
        self.containerCount = containerCount
    }

    deinit {
        containers.deallocate()
        owned?.deallocate()
    }

    /// Copies the text into memory of its own if anything but `document` still refers to the
    /// document (a decoder or container kept by some `init(from:)`), so that it stays valid
    /// once the caller's bytes are gone.
    static func detachIfShared(_ document: inout JSONDocument) {
        guard !isKnownUniquelyReferenced(&document), document.owned == nil else { return }
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(document.count, 1))
        copy.initialize(from: document.bytes, count: document.count)
        document.owned = copy
        document.bytes = UnsafePointer(copy)
    }

    // MARK: - Parsing

    /// Checks and indexes `body`: UTF-8 (with or without a byte order mark), or UTF-16 or
    /// UTF-32 told apart as `JSONDecoder` does (then transcoded to a UTF-8 copy).
    static func parse(_ body: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONDocument {
        guard body.count < Int(Int32.max) else {
            throw JSONSyntaxError(
                message: "the body is too large to decode (\(body.count) bytes)", offset: 0, line: 1, column: 1)
        }
        let raw = body.bindMemory(to: UInt8.self)
        guard let base = raw.baseAddress, raw.count > 0 else {
            throw JSONSyntaxError(message: "the body holds no JSON value", offset: 0, line: 1, column: 1)
        }
        switch Self.encoding(of: raw) {
        case .utf8(let skip):
            return try index(base + skip, count: raw.count - skip, owned: nil)
        case .other(let encoding, let skip):
            guard let text = String(bytes: UnsafeRawBufferPointer(rebasing: body[skip...]), encoding: encoding) else {
                throw JSONSyntaxError(
                    message: "the body looks like \(encoding) text but is not valid \(encoding)", offset: 0, line: 1, column: 1)
            }
            let utf8 = Array(text.utf8)
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(utf8.count, 1))
            copy.initialize(from: utf8, count: utf8.count)
            do {
                return try index(UnsafePointer(copy), count: utf8.count, owned: copy)
            } catch {
                copy.deallocate()
                throw error
            }
        }
    }

    private enum TextEncoding {
        case utf8(skip: Int)
        case other(String.Encoding, skip: Int)
    }

    /// `JSONDecoder`'s choice: a byte order mark, else the pattern of zero bytes among the first
    /// four (RFC 4627, section 3), else UTF-8.
    private static func encoding(of bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        func byte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
        switch (byte(0), byte(1), byte(2), byte(3)) {
        case (0, 0, 0xFE, 0xFF): return .other(.utf32BigEndian, skip: 4)
        case (0xFE, 0xFF, 0, 0): return .other(.utf32LittleEndian, skip: 4)
        case (0xFE, 0xFF, _, _): return .other(.utf16BigEndian, skip: 2)
        case (0xFF, 0xFE, _, _): return .other(.utf16LittleEndian, skip: 2)
        case (0xEF, 0xBB, 0xBF, _): return .utf8(skip: 3)
        case let (0, 0, 0, .some(last)) where last != 0: return .other(.utf32BigEndian, skip: 0)
        case let (0, .some(a), 0, .some(b)) where a != 0 && b != 0: return .other(.utf16BigEndian, skip: 0)
        case let (.some(first), 0, 0, 0) where first != 0: return .other(.utf32LittleEndian, skip: 0)
        case let (.some(a), 0, .some(b), 0) where a != 0 && b != 0: return .other(.utf16LittleEndian, skip: 0)
        case let (0, .some(a), nil, nil) where a != 0: return .other(.utf16BigEndian, skip: 0)
        case let (.some(a), 0, nil, nil) where a != 0: return .other(.utf16LittleEndian, skip: 0)
        default: return .utf8(skip: 0)
        }
    }

    /// The structural pass: checks the text and records every container's start and end.
    private static func index(
        _ base: UnsafePointer<UInt8>, count: Int, owned: UnsafeMutablePointer<UInt8>?
    ) throws(JSONSyntaxError) -> JSONDocument {
        // Sized from a count of `{` and `[` bytes (an upper bound: some may sit in strings),
        // so the index is allocated once and never grows.
        let capacity = Self.countOpeningBrackets(base, count: count)
        let containers = UnsafeMutablePointer<UInt32>.allocate(capacity: max(2 * capacity, 2))
        let stack = UnsafeMutablePointer<UInt32>.allocate(capacity: maximumDepth)
        defer { stack.deallocate() }
        var scanner = Scanner(base: base, count: count, containers: containers, stack: stack)
        do {
            try scanner.scan()
        } catch {
            containers.deallocate()
            throw error
        }
        return JSONDocument(
            bytes: base, count: count, owned: owned, root: scanner.root,
            containers: containers, containerCount: scanner.containerCount)
    }

    /// The number of `{` and `[` bytes, eight at a time.
    static func countOpeningBrackets(_ base: UnsafePointer<UInt8>, count: Int) -> Int {
        var total = 0
        var position = 0
        let raw = UnsafeRawPointer(base)
        while position + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            // `{` (0x7B) and `[` (0x5B) differ only in bit 0x20.
            total += SWAR.matches(word | 0x2020_2020_2020_2020, 0x7B).nonzeroBitCount
            position += 8
        }
        while position < count {
            if base[position] == 0x7B || base[position] == 0x5B { total += 1 }
            position += 1
        }
        return total
    }

    /// The checks of `JSONDecoder`'s scanner, without recursion (an explicit stack of open
    /// containers, at most ``maximumDepth`` deep).
    private struct Scanner {
        let base: UnsafePointer<UInt8>
        let count: Int
        let containers: UnsafeMutablePointer<UInt32>
        /// The ordinal (in `containers`) of each open container, outermost first.
        let stack: UnsafeMutablePointer<UInt32>
        var depth = 0
        var containerCount = 0
        var root = -1

        private enum State {
            case value, key, afterValue
        }

        mutating func scan() throws(JSONSyntaxError) {
            var position = 0
            var state = State.value
            while true {
                switch state {
                case .value:
                    position = try skipSpaceExpectingMore(position)
                    if root < 0 { root = position }
                    let byte = base[position]
                    switch byte {
                    case Byte.openBrace, Byte.openBracket:
                        guard depth < JSONDocument.maximumDepth else {
                            throw error("arrays and objects are nested more than \(JSONDocument.maximumDepth) deep", at: position)
                        }
                        containers[2 * containerCount] = UInt32(truncatingIfNeeded: position)
                        stack[depth] = UInt32(truncatingIfNeeded: containerCount)
                        containerCount += 1
                        depth += 1
                        position = try skipSpaceExpectingMore(position + 1)
                        let close = byte == Byte.openBrace ? Byte.closeBrace : Byte.closeBracket
                        if base[position] == close {
                            position = closeContainer(at: position)
                            state = .afterValue
                        } else {
                            state = byte == Byte.openBrace ? .key : .value
                        }
                    case Byte.quote:
                        position = try skipString(at: position)
                        state = .afterValue
                    case UInt8(ascii: "t"):
                        position = try literal("true", at: position)
                        state = .afterValue
                    case UInt8(ascii: "f"):
                        position = try literal("false", at: position)
                        state = .afterValue
                    case UInt8(ascii: "n"):
                        position = try literal("null", at: position)
                        state = .afterValue
                    case Byte.minus, Byte.zero...Byte.nine:
                        position += 1
                        while position < count, JSONDocument.isNumberByte(base[position]) { position += 1 }
                        state = .afterValue
                    default:
                        throw unexpected(at: position, "where a value was expected")
                    }
                case .key:
                    guard base[position] == Byte.quote else {
                        throw unexpected(at: position, "in an object, where a key (a string) was expected")
                    }
                    position = try skipSpaceExpectingMore(try skipString(at: position))
                    guard base[position] == Byte.colon else {
                        throw unexpected(at: position, "after an object key, where ':' was expected")
                    }
                    position += 1
                    state = .value
                case .afterValue:
                    if depth == 0 {
                        while position < count, JSONDocument.isSpace(base[position]) { position += 1 }
                        guard position == count else {
                            throw unexpected(at: position, "after the top-level value")
                        }
                        return
                    }
                    position = try skipSpaceExpectingMore(position)
                    let isObject = base[Int(containers[2 * Int(stack[depth - 1])])] == Byte.openBrace
                    let close = isObject ? Byte.closeBrace : Byte.closeBracket
                    let byte = base[position]
                    if byte == Byte.comma {
                        position = try skipSpaceExpectingMore(position + 1)
                        if base[position] == close {
                            // A trailing comma, which JSONDecoder accepts.
                            position = closeContainer(at: position)
                        } else {
                            state = isObject ? .key : .value
                        }
                    } else if byte == close {
                        position = closeContainer(at: position)
                    } else {
                        throw unexpected(at: position, isObject ? "in an object, where ',' or '}' was expected" : "in an array, where ',' or ']' was expected")
                    }
                }
            }
        }

        /// Records the end of the innermost open container; returns the offset after it.
        private mutating func closeContainer(at position: Int) -> Int {
            depth -= 1
            containers[2 * Int(stack[depth]) + 1] = UInt32(truncatingIfNeeded: position)
            return position + 1
        }

        private func skipSpaceExpectingMore(_ start: Int) throws(JSONSyntaxError) -> Int {
            var position = start
            while position < count, JSONDocument.isSpace(base[position]) { position += 1 }
            guard position < count else {
                throw error(depth > 0 || root >= 0 ? "the body ends before the JSON value is complete" : "the body holds no JSON value", at: position)
            }
            return position
        }

        /// Skips a string as `JSONDecoder`'s scanner does: to the next quote not escaped; a
        /// `\u` must be followed by four bytes, none of them a quote. What the escapes and the
        /// other bytes are is checked only when the string is decoded.
        private func skipString(at start: Int) throws(JSONSyntaxError) -> Int {
            var position = start + 1
            while true {
                position = JSONDocument.quoteOrBackslash(base, from: position, count: count)
                guard position < count else {
                    throw error("the body ends inside a string", at: count)
                }
                if base[position] == Byte.quote { return position + 1 }
                guard position + 1 < count else {
                    throw error("the body ends inside a string", at: count)
                }
                if base[position + 1] == UInt8(ascii: "u") {
                    guard position + 6 <= count else {
                        throw error("the body ends inside a string", at: count)
                    }
                    for offset in 2..<6 where base[position + offset] == Byte.quote {
                        throw error("invalid escape sequence (\\u must be followed by four hexadecimal digits)", at: position)
                    }
                    position += 6
                } else {
                    position += 2
                }
            }
        }

        private func literal(_ word: StaticString, at start: Int) throws(JSONSyntaxError) -> Int {
            let length = word.utf8CodeUnitCount
            for index in 0..<length {
                guard start + index < count else {
                    throw error("the body ends before the JSON value is complete", at: count)
                }
                if base[start + index] != word.utf8Start[index] {
                    throw unexpected(at: start + index, "in a literal (expected \(word))")
                }
            }
            return start + length
        }

        private func error(_ message: String, at offset: Int) -> JSONSyntaxError {
            JSONDocument.syntaxError(message, at: offset, base: base, count: count)
        }

        private func unexpected(at offset: Int, _ context: String) -> JSONSyntaxError {
            error("unexpected \(JSONDocument.describe(byteAt: offset, base: base, count: count)) \(context)", at: offset)
        }
    }

    // MARK: - Bytes

    enum Byte {
        static let quote = UInt8(ascii: "\"")
        static let backslash = UInt8(ascii: "\\")
        static let openBrace = UInt8(ascii: "{")
        static let closeBrace = UInt8(ascii: "}")
        static let openBracket = UInt8(ascii: "[")
        static let closeBracket = UInt8(ascii: "]")
        static let comma = UInt8(ascii: ",")
        static let colon = UInt8(ascii: ":")
        static let minus = UInt8(ascii: "-")
        static let zero = UInt8(ascii: "0")
        static let nine = UInt8(ascii: "9")
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// What `JSONDecoder`'s scanner takes as part of a number: digits, `.`, `+`, `-`, `e`, `E`.
    @inline(__always)
    static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte &- Byte.zero) < 10 || byte == 0x2E || byte == 0x2B || byte == 0x2D || byte | 0x20 == 0x65
    }

    /// The offset of the first `"` or `\` at or after `start`, or `count`.
    @inline(__always)
    static func quoteOrBackslash(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var position = start
        let raw = UnsafeRawPointer(base)
        while position + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let found = SWAR.firstMatch(word, 0x22) | SWAR.firstMatch(word, 0x5C)
            if found != 0 { return position + found.trailingZeroBitCount >> 3 }
            position += 8
        }
        while position < count {
            let byte = base[position]
            if byte == Byte.quote || byte == Byte.backslash { return position }
            position += 1
        }
        return count
    }

    @inline(__always)
    func skipSpace(_ start: Int) -> Int {
        var position = start
        while position < count, Self.isSpace(bytes[position]) { position += 1 }
        return position
    }

    /// The container looked up last: lookups mostly move forward through the document, so
    /// each starts there and gallops (1, 2, 4, … containers) before a binary search.
    @exclusivity(unchecked) private var lastContainer = 0

    /// The offset of the closing `}` or `]` of the container opening at `start`.
    func containerEnd(_ start: Int) -> Int {
        let target = UInt32(truncatingIfNeeded: start)
        var low = 0
        var high = containerCount
        let hint = lastContainer
        if hint < containerCount, containers[2 * hint] <= target {
            low = hint
            var step = 1
            var probe = hint + 1
            while probe < containerCount, containers[2 * probe] <= target {
                low = probe
                step <<= 1
                probe = low + step
            }
            high = min(probe, containerCount)
        } else {
            high = min(hint, containerCount)
        }
        // The last container in [low, high) starting at or before the target.
        while high - low > 1 {
            let middle = (low + high) >> 1
            if containers[2 * middle] <= target { low = middle } else { high = middle }
        }
        precondition(low < containerCount && containers[2 * low] == target, "no container starts at \(start)")
        lastContainer = low
        return Int(containers[2 * low + 1])
    }

    /// The offset just after the closing quote of the string whose content starts at `start`
    /// (the structure was checked: the quote is there).
    @inline(__always)
    func stringEnd(contentStart start: Int) -> Int {
        var position = start
        while true {
            position = Self.quoteOrBackslash(bytes, from: position, count: count)
            if bytes[position] == Byte.quote { return position + 1 }
            position += bytes[position + 1] == UInt8(ascii: "u") ? 6 : 2
        }
    }

    /// The offset just after the value starting at `start`.
    func valueEnd(_ start: Int) -> Int {
        switch bytes[start] {
        case Byte.quote: return stringEnd(contentStart: start + 1)
        case Byte.openBrace, Byte.openBracket: return containerEnd(start) + 1
        case UInt8(ascii: "t"), UInt8(ascii: "n"): return start + 4
        case UInt8(ascii: "f"): return start + 5
        default:
            var position = start + 1
            while position < count, Self.isNumberByte(bytes[position]) { position += 1 }
            return position
        }
    }

    // MARK: - Values

    /// What a value is. `value` is an offset in the text, or -1: a null that is not in the
    /// text (what `superDecoder(forKey:)` decodes for a missing key, as `JSONDecoder` does).
    enum Kind {
        case object, array, string, number, bool, null

        /// As `JSONDecoder` words it in its errors.
        var description: String {
            switch self {
            case .object: "a dictionary"
            case .array: "an array"
            case .string: "a string"
            case .number: "number"
            case .bool: "bool"
            case .null: "null"
            }
        }
    }

    @inline(__always)
    func kind(_ value: Int) -> Kind {
        guard value >= 0 else { return .null }
        switch bytes[value] {
        case Byte.openBrace: return .object
        case Byte.openBracket: return .array
        case Byte.quote: return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: return .number
        }
    }

    /// An object member: where its key's content (after the opening quote) starts, its length
    /// in bytes, and where its value starts.
    struct Member {
        var keyStart: UInt32
        /// The key's length; the top bit is set when the key is not plain ASCII (it has
        /// escapes, control characters or non-ASCII bytes), so must be compared as a String.
        var keyInfo: UInt32
        var value: UInt32

        static let notPlain: UInt32 = 1 << 31

        var isPlain: Bool { keyInfo & Self.notPlain == 0 }
        var keyCount: Int { Int(keyInfo & ~Self.notPlain) }
    }

    /// The members of the object starting at `start`, in document order, in one allocation.
    /// Keys that are not plain ASCII are decoded once here, so that a bad key fails when the
    /// container is made, as in `JSONDecoder`.
    func members(ofObjectAt start: Int, path: CodingPathNode?) throws(JSONSyntaxError) -> JSONObject {
        memberScratch.removeAll(keepingCapacity: true)
        var position = skipSpace(start + 1)
        if bytes[position] != Byte.closeBrace {
            while true {
                // At the key's opening quote.
                let keyStart = position + 1
                var end = keyStart
                var plain = true
                while true {
                    let byte = bytes[end]
                    if byte == Byte.quote { break }
                    if byte == Byte.backslash {
                        plain = false
                        end += bytes[end + 1] == UInt8(ascii: "u") ? 6 : 2
                        continue
                    }
                    if byte < 0x20 || byte >= 0x80 { plain = false }
                    end += 1
                }
                if !plain { _ = try string(contentStart: keyStart) }
                position = skipSpace(end + 1)  // at ':'
                let value = skipSpace(position + 1)
                memberScratch.append(Member(
                    keyStart: UInt32(truncatingIfNeeded: keyStart),
                    keyInfo: UInt32(truncatingIfNeeded: end - keyStart) | (plain ? 0 : Member.notPlain),
                    value: UInt32(truncatingIfNeeded: value)))
                position = skipSpace(valueEnd(value))
                if bytes[position] == Byte.comma {
                    position = skipSpace(position + 1)
                    if bytes[position] == Byte.closeBrace { break }
                } else {
                    break
                }
            }
        }
        return memberScratch.withUnsafeBufferPointer { JSONObject.make(document: self, path: path, members: $0) }
    }

    /// A member's key as a String (its escapes were checked when the members were listed).
    func key(of member: Member) -> String {
        let start = Int(member.keyStart)
        if member.isPlain {
            return String(decoding: UnsafeBufferPointer(start: bytes + start, count: member.keyCount), as: UTF8.self)
        }
        return (try? string(contentStart: start)) ?? ""
    }

    /// The offset of the first element of the array starting at `start`, or of its `]`.
    func firstElement(ofArrayAt start: Int) -> Int {
        skipSpace(start + 1)
    }

    /// The offset of the element after the one at `element`, or of the closing `]`.
    func nextElement(after element: Int) -> Int {
        var position = skipSpace(valueEnd(element))
        if bytes[position] == Byte.comma { position = skipSpace(position + 1) }
        return position
    }

    func elementCount(ofArrayAt start: Int) -> Int {
        var position = firstElement(ofArrayAt: start)
        var count = 0
        while bytes[position] != Byte.closeBracket {
            count += 1
            position = nextElement(after: position)
        }
        return count
    }

    // MARK: - Errors

    static func syntaxError(_ message: String, at offset: Int, base: UnsafePointer<UInt8>, count: Int) -> JSONSyntaxError {
        var line = 1
        var column = 1
        for index in 0..<min(offset, count) {
            let byte = base[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONSyntaxError(message: message, offset: offset, line: line, column: column)
    }

    func syntaxError(_ message: String, at offset: Int) -> JSONSyntaxError {
        Self.syntaxError(message, at: offset, base: bytes, count: count)
    }

    /// `'x'`, `byte 0xFF`, or `end of the body`.
    static func describe(byteAt offset: Int, base: UnsafePointer<UInt8>, count: Int) -> String {
        guard offset < count else { return "end of the body" }
        let byte = base[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte >= 0x80 {
            // A whole UTF-8 character, if it is one.
            var end = offset + 1
            while end < count, end < offset + 4, base[end] & 0xC0 == 0x80 { end += 1 }
            let character = UnsafeBufferPointer(start: base + offset, count: end - offset)
            if JSONDocument.invalidUTF8Offset(in: character) == nil {
                let text = String(decoding: character, as: UTF8.self)
                if text.unicodeScalars.count == 1 { return "'\(text)'" }
            }
        }
        return "byte 0x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Byte tests on eight bytes at once.
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` equal to `byte` (exact, no false positives).
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        let low7 = (x & ~highs) &+ ~highs
        return ~(low7 | x | ~highs)
    }

    /// A mask whose lowest set bit is the high bit of the first byte of `word` (in memory
    /// order, little-endian) equal to `byte`; zero if none. Bits above it may be spurious.
    @inline(__always)
    static func firstMatch(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }
}

/// An object being decoded: its members (key and value offsets), listed once, stored in the
/// object itself (one allocation), with the document and the coding path.
final class JSONObject: ManagedBuffer<JSONObject.Header, JSONDocument.Member> {
    struct Header {
        let document: JSONDocument
        let path: CodingPathNode?
        let count: Int
    }

    static func make(document: JSONDocument, path: CodingPathNode?, members: UnsafeBufferPointer<JSONDocument.Member>) -> JSONObject {
        let object = unsafeDowncast(
            create(minimumCapacity: members.count) { _ in Header(document: document, path: path, count: members.count) },
            to: JSONObject.self)
        if let source = members.baseAddress {
            object.withUnsafeMutablePointerToElements { $0.initialize(from: source, count: members.count) }
        }
        return object
    }

    // Members are plain values: nothing to deinitialize but the header (ManagedBuffer does).

    var document: JSONDocument { header.document }
    var path: CodingPathNode? { header.path }

    /// The value of the first member named `name` (the first wins, as in `JSONDecoder`).
    /// Plain keys are compared byte for byte; other keys are decoded and compared as Strings,
    /// so that escapes and canonically equivalent spellings match as a Dictionary lookup would.
    func find(_ name: String) -> Int? {
        var utf8 = name
        return utf8.withUTF8 { key -> Int? in
            withUnsafeMutablePointers { header, members -> Int? in
                let document = header.pointee.document
                let bytes = document.bytes
                let count = header.pointee.count
                let keyCount = key.count
                var high: UInt8 = 0
                for byte in key { high |= byte }
                if high < 0x80 {
                    let first = keyCount > 0 ? key[0] : 0
                    for index in 0..<count {
                        let member = members[index]
                        if member.isPlain {
                            guard member.keyInfo == UInt32(keyCount) else { continue }
                            let start = Int(member.keyStart)
                            if keyCount == 0 || (bytes[start] == first && memcmp(bytes + start, key.baseAddress!, keyCount) == 0) {
                                return Int(member.value)
                            }
                        } else if document.key(of: member) == name {
                            return Int(member.value)
                        }
                    }
                } else {
                    for index in 0..<count where document.key(of: members[index]) == name {
                        return Int(members[index].value)
                    }
                }
                return nil
            }
        }
    }

    /// The distinct keys, in document order.
    var keys: [String] {
        withUnsafeMutablePointers { header, members in
            var seen = Set<String>()
            var keys: [String] = []
            for index in 0..<header.pointee.count {
                let key = header.pointee.document.key(of: members[index])
                if seen.insert(key).inserted { keys.append(key) }
            }
            return keys
        }
    }
}
