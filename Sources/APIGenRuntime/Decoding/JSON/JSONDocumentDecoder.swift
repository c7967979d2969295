import Foundation

/// A `Decoder` over one value of a ``JSONDocument``: the replacement for Foundation's
/// `JSONDecoder` (default strategies) in response decoding.
///
/// It decodes the same values, accepts the same texts and throws the same kinds of
/// `DecodingError` with the same coding paths, with these differences:
/// - a number that is valid JSON but does not fit the type (`1.5` or `300` for an `Int8`,
///   `1e400` for a `Double`) is `dataCorrupted` at the value's coding path, worded
///   `expected Int8, found 300 (out of range)`; `JSONDecoder` reports it as invalid JSON at the
///   top level;
/// - a syntax problem found while decoding (a bad escape, an unescaped control character or
///   invalid UTF-8 in a string, a malformed number) is `dataCorrupted` at the top level as in
///   `JSONDecoder`, but says what is wrong and where (a ``JSONSyntaxError`` as the underlying
///   error: line, column and the value's coding path);
/// - a zero written with an exponent (`0e5`, `0.000e1`) decodes as 0 as a `Double` or `Float`
///   (`JSONDecoder` 6.3 rejects it as not representable: its check for a true zero reads the
///   exponent's digits);
/// - an integer at or above 2^53 written with a fraction or an exponent is taken exactly from
///   its digits, the fraction cut off, as `JSONDecoder` does through `Decimal`; but where
///   `Decimal` fails (more than 19 significant digits, e.g. `123456789012345678901234567890e-10`
///   for a `UInt64`) this decoder still reads the value.
///
/// `Data` (Base64), `URL` and `Decimal` are decoded as `JSONDecoder` does by default; `Date`
/// decodes itself (a number).
struct JSONDocumentDecoder: Decoder, SingleValueDecodingContainer {
    let document: JSONDocument
    /// The value's offset, or -1 for a null not in the text (see ``JSONDocument/Kind``).
    let value: Int
    let path: CodingPathNode?

    var codingPath: [any CodingKey] { CodingPathNode.codingPath(path) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Decodes the document's top-level value as `type`; every failure is a `DecodingError`.
    static func decode<T: Decodable>(_ type: T.Type, from body: UnsafeRawBufferPointer) throws -> T {
        var document: JSONDocument
        do {
            document = try JSONDocument.parse(body)
        } catch {
            throw DecodingError.syntax(error)
        }
        defer { JSONDocument.detachIfShared(&document) }
        return try document.decode(type, at: document.root, path: nil)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try JSONKeyedContainer<Key>(document: document, value: value, path: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try JSONUnkeyedContainer(document: document, value: value, path: path)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        self
    }

    // MARK: Single value

    func decodeNil() -> Bool {
        document.kind(value) == .null
    }

    func decode(_ type: Bool.Type) throws -> Bool { try document.bool(value, path: codingPath) }
    func decode(_ type: String.Type) throws -> String { try document.string(value, path: codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try document.floatingPoint(type, value, path: codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try document.floatingPoint(type, value, path: codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try document.integer(type, value, path: codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try document.integer(type, value, path: codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try document.integer(type, value, path: codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try document.integer(type, value, path: codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try document.integer(type, value, path: codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try document.integer(type, value, path: codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try document.integer(type, value, path: codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try document.integer(type, value, path: codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try document.integer(type, value, path: codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try document.integer(type, value, path: codingPath) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try document.decode(type, at: value, path: path)
    }
}

// MARK: - Decoding values

extension DecodingError {
    /// A syntax error as a `DecodingError`: `dataCorrupted` at the top level, as `JSONDecoder`
    /// reports invalid JSON, with the details as the underlying error.
    static func syntax(_ error: JSONSyntaxError, at path: [any CodingKey] = []) -> DecodingError {
        var error = error
        error.codingPath = path
        return .dataCorrupted(.init(
            codingPath: [], debugDescription: "The given data was not valid JSON: \(error)", underlyingError: error))
    }
}

/// Arrays decode with their capacity reserved up front (their element count is known), so
/// that no list grows by copying; otherwise exactly as `Array.init(from:)`.
private protocol JSONListDecodable {
    static func decodeJSONList(_ decoder: JSONDocumentDecoder) throws -> Self
}

extension Array: JSONListDecodable where Element: Decodable {
    fileprivate static func decodeJSONList(_ decoder: JSONDocumentDecoder) throws -> [Element] {
        var container = try JSONUnkeyedContainer(document: decoder.document, value: decoder.value, path: decoder.path)
        var list: [Element] = []
        list.reserveCapacity(container.count ?? 0)
        while !container.isAtEnd {
            list.append(try container.decode(Element.self))
        }
        return list
    }
}

extension JSONDocument {
    /// Decodes `value` as `type`: `Data`, `URL` and `Decimal` as `JSONDecoder`'s default
    /// strategies do (and a null `Date` is reported as a `Date`, as there), lists with their
    /// capacity reserved, anything else through its `init(from:)`.
    func decode<T: Decodable>(_ type: T.Type, at value: Int, path: CodingPathNode?) throws -> T {
        if value >= 0, bytes[value] == Byte.openBracket, let list = T.self as? any JSONListDecodable.Type {
            return try list.decodeJSONList(JSONDocumentDecoder(document: self, value: value, path: path)) as! T
        }
        if T.self == Foundation.Data.self {
            return try base64Data(value, path: CodingPathNode.codingPath(path)) as! T
        }
        if T.self == Date.self, kind(value) == .null {
            throw mismatch(Date.self, value, path: CodingPathNode.codingPath(path))
        }
        if T.self == URL.self {
            let codingPath = CodingPathNode.codingPath(path)
            if kind(value) == .null { throw mismatch(URL.self, value, path: codingPath) }
            guard let url = URL(string: try string(value, path: codingPath)) else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "Invalid URL string."))
            }
            return url as! T
        }
        if T.self == Decimal.self {
            return try decimal(value, path: CodingPathNode.codingPath(path)) as! T
        }
        return try T(from: JSONDocumentDecoder(document: self, value: value, path: path))
    }

    /// The error for `value` not being a `type`: `valueNotFound` for a null, else
    /// `typeMismatch` (worded as `JSONDecoder` words it).
    func mismatch(_ type: Any.Type, _ value: Int, path: @autoclosure () -> [any CodingKey]) -> DecodingError {
        let found = kind(value)
        if found == .null {
            return .valueNotFound(type, .init(
                codingPath: path(), debugDescription: "Cannot get value of type \(type) -- found null value instead"))
        }
        return .typeMismatch(type, .init(
            codingPath: path(), debugDescription: "Expected to decode \(type) but found \(found.description) instead."))
    }

    func string(_ value: Int, path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard value >= 0, bytes[value] == Byte.quote else { throw mismatch(String.self, value, path: path()) }
        do {
            return try string(contentStart: value + 1)
        } catch {
            throw DecodingError.syntax(error, at: path())
        }
    }

    /// A null is a type mismatch here, not a missing value, as in `JSONDecoder`.
    func bool(_ value: Int, path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        switch kind(value) {
        case .bool:
            return bytes[value] == UInt8(ascii: "t")
        default:
            throw DecodingError.typeMismatch(Bool.self, .init(
                codingPath: path(), debugDescription: "Expected to decode Bool but found \(kind(value).description) instead."))
        }
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, _ value: Int, path: @autoclosure () -> [any CodingKey]) throws -> T {
        guard kind(value) == .number else { throw mismatch(type, value, path: path()) }
        do {
            return try integer(type, at: value)
        } catch {
            throw numberError(error, type, value, path: path())
        }
    }

    func floatingPoint<T: BinaryFloatingPoint>(_ type: T.Type, _ value: Int, path: @autoclosure () -> [any CodingKey]) throws -> T {
        guard kind(value) == .number else { throw mismatch(type, value, path: path()) }
        do {
            return try floatingPoint(type, at: value)
        } catch {
            throw numberError(error, type, value, path: path())
        }
    }

    private func numberError(_ failure: NumberFailure, _ type: Any.Type, _ value: Int, path: [any CodingKey]) -> DecodingError {
        switch failure {
        case .syntax(let error):
            return .syntax(error, at: path)
        case .unrepresentable(let why):
            let text = String(decoding: UnsafeBufferPointer(start: bytes + value, count: valueEnd(value) - value), as: UTF8.self)
            return .dataCorrupted(.init(
                codingPath: path, debugDescription: "expected \(type), found \(ResponseDecodingError.shortened(text)) (\(why))"))
        }
    }

    private func base64Data(_ value: Int, path: [any CodingKey]) throws -> Data {
        if kind(value) == .null { throw mismatch(Data.self, value, path: path) }
        guard kind(value) == .string else { throw mismatch(String.self, value, path: path) }
        guard let data = Data(base64Encoded: try string(value, path: path)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "Encountered Data is not valid Base64."))
        }
        return data
    }

    private func decimal(_ value: Int, path: [any CodingKey]) throws -> Decimal {
        guard kind(value) == .number else {
            if kind(value) == .null { throw mismatch(Decimal.self, value, path: path) }
            throw DecodingError.typeMismatch(Decimal.self, .init(
                codingPath: path, debugDescription: "Expected to decode Decimal but found \(kind(value).description) instead."))
        }
        let literal: NumberLiteral
        do {
            literal = try numberLiteral(at: value)
        } catch {
            throw DecodingError.syntax(error, at: path)
        }
        guard let decimal = Decimal(string: numberText(literal)) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: path, debugDescription: "expected Decimal, found \(numberText(literal)) (out of range)"))
        }
        return decimal
    }

    // MARK: Reasons

    /// The value a coding path leads to from the top-level value (keys looked up as the keyed
    /// container does, list indexes counted), if there is one.
    func value(at codingPath: [any CodingKey]) -> Int? {
        var value = root
        for key in codingPath {
            switch kind(value) {
            case .object:
                guard let object = try? members(ofObjectAt: value, path: nil),
                      let member = object.find(key.stringValue)
                else { return nil }
                value = member
            case .array:
                guard let index = key.intValue, index >= 0 else { return nil }
                var element = firstElement(ofArrayAt: value)
                for _ in 0..<index {
                    guard bytes[element] != Byte.closeBracket else { return nil }
                    element = nextElement(after: element)
                }
                guard bytes[element] != Byte.closeBracket else { return nil }
                value = element
            default:
                return nil
            }
        }
        return value
    }

    /// What a reason says was found: `null`, `true`, a number as written, a string in quotes
    /// (shortened), `a list`, `an object`.
    func summary(of value: Int) -> String {
        switch kind(value) {
        case .null: return "null"
        case .bool: return bytes[value] == UInt8(ascii: "t") ? "true" : "false"
        case .number:
            let text = String(decoding: UnsafeBufferPointer(start: bytes + value, count: valueEnd(value) - value), as: UTF8.self)
            return ResponseDecodingError.shortened(text)
        case .string:
            let end = stringEnd(contentStart: value + 1)
            let text = (try? string(contentStart: value + 1))
                ?? String(decoding: UnsafeBufferPointer(start: bytes + value + 1, count: end - value - 2), as: UTF8.self)
            return "\"" + ResponseDecodingError.shortened(text) + "\""
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

// MARK: - Keyed container

struct JSONKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// A single reference: the container is copied on every call through
    /// `KeyedDecodingContainer`'s box.
    private let object: JSONObject

    private var document: JSONDocument { object.document }
    private var path: CodingPathNode? { object.path }

    init(document: JSONDocument, value: Int, path: CodingPathNode?) throws {
        switch document.kind(value) {
        case .object:
            break
        case .null:
            throw DecodingError.valueNotFound([String: Any].self, .init(
                codingPath: CodingPathNode.codingPath(path),
                debugDescription: "Cannot get keyed decoding container -- found null value instead"))
        default:
            throw DecodingError.typeMismatch([String: Any].self, .init(
                codingPath: CodingPathNode.codingPath(path),
                debugDescription: "Expected to decode \([String: Any].self) but found \(document.kind(value).description) instead."))
        }
        do {
            object = try document.members(ofObjectAt: value, path: path)
        } catch {
            throw DecodingError.syntax(error, at: CodingPathNode.codingPath(path))
        }
    }

    var codingPath: [any CodingKey] { CodingPathNode.codingPath(path) }

    var allKeys: [Key] {
        object.keys.compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool {
        object.find(key.stringValue) != nil
    }

    @inline(__always)
    private func lookUp(_ key: Key) -> Int? {
        object.find(key.stringValue)
    }

    private func required(_ key: Key) throws -> Int {
        guard let value = lookUp(key) else {
            throw DecodingError.keyNotFound(key, .init(
                codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return value
    }

    /// Present and not null.
    @inline(__always)
    private func present(_ key: Key) -> Int? {
        guard let value = lookUp(key), document.kind(value) != .null else { return nil }
        return value
    }

    private func keyPath(_ key: Key) -> [any CodingKey] {
        CodingPathNode.codingPath(path, appending: key)
    }

    /// A missing key is an error (as in `JSONDecoder`); a null is `true`.
    func decodeNil(forKey key: Key) throws -> Bool {
        document.kind(try required(key)) == .null
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try document.bool(required(key), path: keyPath(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try document.string(required(key), path: keyPath(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try document.floatingPoint(type, required(key), path: keyPath(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try document.floatingPoint(type, required(key), path: keyPath(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try document.integer(type, required(key), path: keyPath(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try document.integer(type, required(key), path: keyPath(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try document.integer(type, required(key), path: keyPath(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try document.integer(type, required(key), path: keyPath(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try document.integer(type, required(key), path: keyPath(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try document.integer(type, required(key), path: keyPath(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try document.integer(type, required(key), path: keyPath(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try document.integer(type, required(key), path: keyPath(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try document.integer(type, required(key), path: keyPath(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try document.integer(type, required(key), path: keyPath(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try document.decode(type, at: required(key), path: CodingPathNode.appending(key, to: path))
    }

    // `decodeIfPresent`: nil for a missing key or a null.

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = present(key) else { return nil }
        return try document.bool(value, path: keyPath(key))
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = present(key) else { return nil }
        return try document.string(value, path: keyPath(key))
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optionalFloat(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optionalFloat(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optionalInteger(type, key) }

    private func optionalInteger<T: FixedWidthInteger>(_ type: T.Type, _ key: Key) throws -> T? {
        guard let value = present(key) else { return nil }
        return try document.integer(type, value, path: keyPath(key))
    }

    private func optionalFloat<T: BinaryFloatingPoint>(_ type: T.Type, _ key: Key) throws -> T? {
        guard let value = present(key) else { return nil }
        return try document.floatingPoint(type, value, path: keyPath(key))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = present(key) else { return nil }
        return try document.decode(type, at: value, path: CodingPathNode.appending(key, to: path))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try JSONKeyedContainer<NestedKey>(
            document: document, value: try required(key), path: CodingPathNode.appending(key, to: path)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONUnkeyedContainer(document: document, value: try required(key), path: CodingPathNode.appending(key, to: path))
    }

    /// The value of the key `super`, or a null if there is none (as in `JSONDecoder`).
    func superDecoder() throws -> any Decoder {
        let key = SuperCodingKey()
        return JSONDocumentDecoder(
            document: document, value: object.find(key.stringValue) ?? -1,
            path: CodingPathNode.appending(key, to: path))
    }

    /// The value of `key`, or a null if there is none (as in `JSONDecoder`).
    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONDocumentDecoder(document: document, value: lookUp(key) ?? -1, path: CodingPathNode.appending(key, to: path))
    }
}

// MARK: - Unkeyed container

struct JSONUnkeyedContainer: UnkeyedDecodingContainer {
    /// The debug description of the error for reading past the last element.
    static let endDescription = "Unkeyed container is at end."

    let document: JSONDocument
    let path: CodingPathNode?
    /// The offset of the array's `[`.
    private let array: Int
    /// The offset of the next element, or of the closing `]`.
    private var position: Int
    private(set) var currentIndex = 0

    init(document: JSONDocument, value: Int, path: CodingPathNode?) throws {
        switch document.kind(value) {
        case .array:
            break
        case .null:
            throw DecodingError.valueNotFound([Any].self, .init(
                codingPath: CodingPathNode.codingPath(path),
                debugDescription: "Cannot get unkeyed decoding container -- found null value instead"))
        default:
            throw DecodingError.typeMismatch([Any].self, .init(
                codingPath: CodingPathNode.codingPath(path),
                debugDescription: "Expected to decode \([Any].self) but found \(document.kind(value).description) instead."))
        }
        self.document = document
        self.path = path
        array = value
        position = document.firstElement(ofArrayAt: value)
    }

    var codingPath: [any CodingKey] { CodingPathNode.codingPath(path) }

    /// Counted when asked (one walk over the elements).
    var count: Int? { document.elementCount(ofArrayAt: array) }

    var isAtEnd: Bool { document.bytes[position] == JSONDocument.Byte.closeBracket }

    private func itemPath() -> [any CodingKey] {
        CodingPathNode.codingPath(path, appending: IndexCodingKey(currentIndex))
    }

    /// The next element; the index moves on only once the value is decoded.
    private func next(_ type: Any.Type) throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: itemPath(), debugDescription: Self.endDescription))
        }
        return position
    }

    private mutating func advance() {
        position = document.nextElement(after: position)
        currentIndex += 1
    }

    /// `true` (moving on) for a null; `false` (staying) for anything else; an error at the end.
    mutating func decodeNil() throws -> Bool {
        guard document.kind(try next(Never.self)) == .null else { return false }
        advance()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let value = try document.bool(next(type), path: itemPath())
        advance()
        return value
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let value = try document.string(next(type), path: itemPath())
        advance()
        return value
    }

    mutating func decode(_ type: Double.Type) throws -> Double { try float(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try float(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let value = try document.integer(type, next(type), path: itemPath())
        advance()
        return value
    }

    private mutating func float<T: BinaryFloatingPoint>(_ type: T.Type) throws -> T {
        let value = try document.floatingPoint(type, next(type), path: itemPath())
        advance()
        return value
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let element = try next(type)
        let value = try document.decode(
            type, at: element, path: CodingPathNode.appending(IndexCodingKey(currentIndex), to: path))
        advance()
        return value
    }

    // `decodeIfPresent`: nil for a null or at the end; either way the index moves on (at the
    // end too, as in `JSONDecoder`).

    mutating func decodeIfPresent(_ type: Bool.Type) throws -> Bool? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: String.Type) throws -> String? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: Double.Type) throws -> Double? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: Float.Type) throws -> Float? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: Int.Type) throws -> Int? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: Int8.Type) throws -> Int8? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: Int16.Type) throws -> Int16? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: Int32.Type) throws -> Int32? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: Int64.Type) throws -> Int64? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: UInt.Type) throws -> UInt? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: UInt8.Type) throws -> UInt8? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: UInt16.Type) throws -> UInt16? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: UInt32.Type) throws -> UInt32? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent(_ type: UInt64.Type) throws -> UInt64? { try optional { try $0.decode(type) } }
    mutating func decodeIfPresent<T: Decodable>(_ type: T.Type) throws -> T? { try optional { try $0.decode(type) } }

    private mutating func optional<T>(_ decode: (inout Self) throws -> T) throws -> T? {
        if isAtEnd {
            currentIndex += 1
            return nil
        }
        if document.kind(position) == .null {
            advance()
            return nil
        }
        return try decode(&self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let element = try next(KeyedDecodingContainer<NestedKey>.self)
        let container = try JSONKeyedContainer<NestedKey>(
            document: document, value: element, path: CodingPathNode.appending(IndexCodingKey(currentIndex), to: path))
        advance()
        return KeyedDecodingContainer(container)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let element = try next((any UnkeyedDecodingContainer).self)
        let container = try JSONUnkeyedContainer(
            document: document, value: element, path: CodingPathNode.appending(IndexCodingKey(currentIndex), to: path))
        advance()
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let element = try next((any Decoder).self)
        let decoder = JSONDocumentDecoder(
            document: document, value: element, path: CodingPathNode.appending(IndexCodingKey(currentIndex), to: path))
        advance()
        return decoder
    }
}
