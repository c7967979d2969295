import Foundation

/// JSON text read into a tree that keeps object keys in the order they were written, and a
/// `Decoder` over that tree.
///
/// Foundation's `JSONDecoder` hands keyed containers over without an order, but order is
/// meaning in Alibaba's metadata: it is the order of response fields, of a parameter's members
/// and of the HTTP statuses of an error table, and it decides which of two colliding names is
/// renamed. Numbers are kept as their literal text, so 64-bit bounds survive exactly.
enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number as written (`-1.5e3`), validated against JSON's grammar.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Keys in document order; a repeated key keeps every occurrence (lookups take the last).
    case object([(key: String, value: JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let l), .bool(let r)): l == r
        case (.number(let l), .number(let r)): l == r
        case (.string(let l), .string(let r)): l == r
        case (.array(let l), .array(let r)): l == r
        case (.object(let l), .object(let r)): l.map(\.key) == r.map(\.key) && l.map(\.value) == r.map(\.value)
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .number(let text): hasher.combine(text)
        case .string(let text): hasher.combine(text)
        case .array(let values): hasher.combine(values)
        case .object(let entries):
            for entry in entries {
                hasher.combine(entry.key)
                hasher.combine(entry.value)
            }
        }
    }

    /// `string`, `number`, … for messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// A JSON syntax error, with the line and column (1-based, in characters) where it was found.
struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    var message: String
    var line: Int
    var column: Int

    var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 reader (no comments, no trailing commas, no NaN), iterative over nesting
/// only as deep as `maximumDepth`, so hostile input cannot exhaust the stack.
struct JSONReader {
    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    static func parse(_ data: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var reader = JSONReader(bytes: Array(data))
        // A UTF-8 byte order mark is tolerated.
        if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth) levels") }
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var entries: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            return .object(entries)
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw error("expected a string key") }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            entries.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
            } else if peek(UInt8(ascii: "}")) {
                index += 1
                return .object(entries)
            } else {
                throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var values: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            return .array(values)
        }
        while true {
            skipWhitespace()
            values.append(try value(depth: depth + 1))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
            } else if peek(UInt8(ascii: "]")) {
                index += 1
                return .array(values)
            } else {
                throw error("expected ',' or ']'")
            }
        }
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes.
        index = plainRunEnd(from: index)
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            return try decodeUTF8(bytes[start..<index])
        }
        // With escapes: UTF-8 collected in a buffer (each run of plain bytes checked as before).
        var scalars = EscapedText()
        try scalars.append(validating: bytes[start..<index], reader: self)
        while true {
            guard index < bytes.count else { throw error("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return scalars.string
            }
            if byte < 0x20 { throw error("control character in a string (escape it)") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { throw error("unterminated escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    let first = try hex4()
                    if (0xD800...0xDBFF).contains(first) {
                        // A high surrogate must be followed by an escaped low one.
                        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                            index += 2
                            let second = try hex4()
                            guard (0xDC00...0xDFFF).contains(second) else { throw error("invalid surrogate pair") }
                            let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            scalars.append(Unicode.Scalar(combined)!)
                        } else {
                            scalars.append("\u{FFFD}")  // a lone surrogate cannot be text
                        }
                    } else if (0xDC00...0xDFFF).contains(first) {
                        scalars.append("\u{FFFD}")
                    } else {
                        scalars.append(Unicode.Scalar(first)!)
                    }
                default:
                    index -= 1
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
                }
                continue
            }
            // A run of plain bytes.
            let runStart = index
            index = plainRunEnd(from: index)
            try scalars.append(validating: bytes[runStart..<index], reader: self)
        }
    }

    /// Where the bytes of a string that need no attention (no quote, backslash or control
    /// character) end, from `start`.
    private func plainRunEnd(from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var end = start
            while end < buffer.count {
                let byte = buffer[end]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                end += 1
            }
            return end
        }
    }

    private func decodeUTF8(_ slice: ArraySlice<UInt8>) throws(JSONSyntaxError) -> String {
        // `String(validating:as:)` is not specialized here (it looks its types up at run time);
        // decoding with repairs and checking that nothing was repaired is the same test.
        let text = slice.withUnsafeBufferPointer { bytes -> String? in
            let text = String(decoding: bytes, as: UTF8.self)
            guard text.utf8.count == bytes.count else { return nil }
            let same = text.utf8.withContiguousStorageIfAvailable { decoded in
                bytes.isEmpty || memcmp(decoded.baseAddress!, bytes.baseAddress!, bytes.count) == 0
            } ?? text.utf8.elementsEqual(bytes)
            return same ? text : nil
        }
        guard let text else { throw error("invalid UTF-8 in a string") }
        return text
    }

    /// A string with escapes, as UTF-8.
    private struct EscapedText {
        var bytes: [UInt8] = []

        mutating func append(_ scalar: Unicode.Scalar) {
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        }

        /// Plain bytes of the string, which must be UTF-8 (the reader's error otherwise).
        mutating func append(validating run: ArraySlice<UInt8>, reader: JSONReader) throws(JSONSyntaxError) {
            if !run.allSatisfy({ $0 < 0x80 }) { _ = try reader.decodeUTF8(run) }
            bytes.append(contentsOf: run)
        }

        var string: String { String(decoding: bytes, as: UTF8.self) }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: digits must follow '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: digits must follow the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    // MARK: Helpers

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
        guard peek(byte) else { throw error("expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard index + expected.count <= bytes.count, bytes[index..<index + expected.count].elementsEqual(expected) else {
            throw error("invalid literal")
        }
        index += expected.count
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Line and column of the current position, counted in characters (only computed on error).
    private func error(_ message: String) -> JSONSyntaxError {
        let end = min(index, bytes.count)
        var line = 1
        var lineStart = 0
        // A line ends at LF, CR LF or a lone CR.
        for position in 0..<end where bytes[position] == 0x0A || (bytes[position] == 0x0D && (position + 1 == bytes.count || bytes[position + 1] != 0x0A)) {
            line += 1
            lineStart = position + 1
        }
        let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
        return JSONSyntaxError(message: message, line: line, column: column)
    }
}

// MARK: - Decoder

/// Decodes `Decodable` values from a `JSONValue`, handing keyed containers their keys in
/// document order (which `OrderedEntries` relies on).
struct JSONTreeDecoder {
    func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: TreeDecoder(value: value, codingPath: []))
    }
}

/// Lets lenient model types look at the raw value (a number's exact text, say).
protocol RawJSONDecoding: Decoder {
    var rawValue: JSONValue { get }
}

private struct TreeDecoder: RawJSONDecoding {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var rawValue: JSONValue { value }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let entries) = value else {
            throw DecodingError.typeMismatch(
                [String: Any].self,
                .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.kindName)")
            )
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(entries: entries, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let values) = value else {
            throw DecodingError.typeMismatch(
                [Any].self,
                .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.kindName)")
            )
        }
        return UnkeyedContainer(values: values, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, codingPath: codingPath)
    }
}

/// Conversions shared by the three containers; strict about types (lenient model types catch).
private func decodeScalar<T: Decodable>(_ type: T.Type, from value: JSONValue, codingPath: [any CodingKey]) throws -> T {
    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(value.kindName)"))
    }
    switch type {
    case is String.Type:
        guard case .string(let text) = value else { throw mismatch("a string") }
        return text as! T
    case is Bool.Type:
        guard case .bool(let flag) = value else { throw mismatch("a boolean") }
        return flag as! T
    case is Int.Type:
        guard case .number(let text) = value, let number = Int(text) else { throw mismatch("a whole number") }
        return number as! T
    case is Int64.Type:
        guard case .number(let text) = value, let number = Int64(text) else { throw mismatch("a whole number") }
        return number as! T
    case is Int32.Type:
        guard case .number(let text) = value, let number = Int32(text) else { throw mismatch("a 32-bit whole number") }
        return number as! T
    case is Double.Type:
        guard case .number(let text) = value, let number = Double(text) else { throw mismatch("a number") }
        return number as! T
    case let convertible as any LosslessStringConvertible.Type:
        // The other standard numbers (Float, UInt8, …), which would otherwise ask this
        // container for themselves again.
        guard case .number(let text) = value, let number = convertible.init(text) else { throw mismatch("a number") }
        return number as! T
    default:
        return try T(from: TreeDecoder(value: value, codingPath: codingPath))
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let entries: [(key: String, value: JSONValue)]
    let codingPath: [any CodingKey]
    private let lookup: [String: Int]

    init(entries: [(key: String, value: JSONValue)], codingPath: [any CodingKey]) {
        self.entries = entries
        self.codingPath = codingPath
        var lookup: [String: Int] = [:]
        lookup.reserveCapacity(entries.count)
        for (offset, entry) in entries.enumerated() { lookup[entry.key] = offset }
        self.lookup = lookup
    }

    /// In document order, each key once.
    var allKeys: [Key] {
        var seen: Set<String> = []
        return entries.compactMap { entry in seen.insert(entry.key).inserted ? Key(stringValue: entry.key) : nil }
    }

    func contains(_ key: Key) -> Bool { lookup[key.stringValue] != nil }

    private func value(for key: Key) throws -> JSONValue {
        guard let offset = lookup[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for '\(key.stringValue)'"))
        }
        return entries[offset].value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(for: key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeScalar(type, from: value(for: key), codingPath: codingPath + [key])
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let offset = lookup[key.stringValue], entries[offset].value != .null else { return nil }
        return try decodeScalar(type, from: entries[offset].value, codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try TreeDecoder(value: value(for: key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TreeDecoder(value: value(for: key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        TreeDecoder(value: .object(entries), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        TreeDecoder(value: try value(for: key), codingPath: codingPath + [key])
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.init(intValue) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let values: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(values: [JSONValue], codingPath: [any CodingKey]) {
        self.values = values
        self.codingPath = codingPath
    }

    var count: Int? { values.count }
    var isAtEnd: Bool { currentIndex >= values.count }

    private func current() throws -> JSONValue {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "no more elements"))
        }
        return values[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        if try current() == .null {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try decodeScalar(type, from: current(), codingPath: codingPath + [IndexKey(currentIndex)])
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try TreeDecoder(value: current(), codingPath: codingPath + [IndexKey(currentIndex)]).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try TreeDecoder(value: current(), codingPath: codingPath + [IndexKey(currentIndex)]).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = TreeDecoder(value: try current(), codingPath: codingPath + [IndexKey(currentIndex)])
        currentIndex += 1
        return decoder
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeScalar(type, from: value, codingPath: codingPath)
    }
}
