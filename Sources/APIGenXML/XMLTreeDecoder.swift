import APIGenRuntime

/// A `Decoder` over an ``XMLTree``.
///
/// Mapping rules (the same shapes Alibaba Cloud's JSON has):
/// - a keyed container over an element looks its children up by element name;
/// - a scalar comes from an element's text: `String` as it is, everything else with
///   surrounding whitespace trimmed;
/// - a list for key `K` is every child element named `K`, in document order (so one element
///   is a one-element list, and no element an empty one);
/// - a missing key is `nil` for `decodeIfPresent` and `[]` for a list; an empty element is `""`
///   as a `String`, and `nil` for an optional number or Boolean.
struct XMLTreeDecoder: Decoder {
    /// What this decoder stands for.
    enum Selection {
        /// One element: a keyed or single-value container reads it, an unkeyed container
        /// lists its child elements.
        case element(Int32)
        /// The children of an element that share the name being decoded, as positions in
        /// ``XMLTree/children``: an unkeyed container lists them all, the other containers read
        /// the first one and fail if there is none.
        case matches(Range<Int>)
    }

    let tree: XMLTree
    let selection: Selection
    let path: CodingPathNode?

    var codingPath: [any CodingKey] { CodingPathNode.codingPath(path) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The element keyed and single-value containers read.
    private func singleElement(expecting type: Any.Type) throws -> Int32 {
        switch selection {
        case .element(let element):
            return element
        case .matches(let range):
            guard let first = range.first else {
                let key = path?.key ?? IndexCodingKey(0)
                throw DecodingError.keyNotFound(
                    key, .init(codingPath: CodingPathNode.codingPath(path?.parent),
                               debugDescription: "required value is missing (expected \(type))"))
            }
            return tree.children[first]
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let element = try singleElement(expecting: Key.self)
        return KeyedDecodingContainer(XMLKeyedContainer<Key>(tree: tree, element: element, path: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch selection {
        case .element(let element):
            return XMLUnkeyedContainer(tree: tree, elements: tree.allChildren(of: element)[...], path: path)
        case .matches(let range):
            return XMLUnkeyedContainer(tree: tree, elements: tree.children[range], path: path)
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        XMLSingleValueContainer(tree: tree, element: try singleElement(expecting: Any.self), path: path)
    }
}

// MARK: - Scalars

extension XMLTree {
    /// The element's text as a `String`, or a type mismatch if it has child elements.
    func string(_ element: Int32, path: @autoclosure () -> [any CodingKey]) throws -> String {
        if hasChildElements(element) {
            throw DecodingError.typeMismatch(
                String.self, .init(codingPath: path(), debugDescription: "expected String, found an element with child elements"))
        }
        return String(decoding: textBytes(of: element), as: UTF8.self)
    }

    /// Whether the element is empty (no child elements, no text but whitespace): an absent value.
    func isEmptyValue(_ element: Int32) -> Bool {
        !hasChildElements(element) && XMLScalar.trimmed(textBytes(of: element)).isEmpty
    }

    func scalar<T>(
        _ type: T.Type, _ element: Int32, path: @autoclosure () -> [any CodingKey],
        parse: (ArraySlice<UInt8>) -> T?
    ) throws -> T {
        if hasChildElements(element) {
            throw DecodingError.typeMismatch(
                type, .init(codingPath: path(), debugDescription: "expected \(type), found an element with child elements"))
        }
        let bytes = XMLScalar.trimmed(textBytes(of: element))
        if let value = parse(bytes) { return value }
        let found = bytes.isEmpty
            ? "an empty element"
            : "\"" + ResponseDecodingError.shortened(String(decoding: bytes, as: UTF8.self)) + "\""
        throw DecodingError.typeMismatch(
            type, .init(codingPath: path(), debugDescription: "expected \(type), found \(found)"))
    }
}

enum XMLScalar {
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// `true` or `false`, in any letter case.
    static func bool(_ bytes: ArraySlice<UInt8>) -> Bool? {
        func matches(_ word: StaticString) -> Bool {
            guard bytes.count == word.utf8CodeUnitCount else { return false }
            var position = bytes.startIndex
            for index in 0..<word.utf8CodeUnitCount {
                if bytes[position] | 0x20 != word.utf8Start[index] { return false }
                position += 1
            }
            return true
        }
        if matches("true") { return true }
        if matches("false") { return false }
        return nil
    }

    /// Decimal digits with an optional sign; `nil` if malformed or out of range.
    static func integer<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, as type: T.Type) -> T? {
        var position = bytes.startIndex
        guard position < bytes.endIndex else { return nil }
        var negative = false
        if bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
            guard position < bytes.endIndex else { return nil }
        }
        var value: T = 0
        while position < bytes.endIndex {
            let digit = bytes[position] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative
                ? shifted.subtractingReportingOverflow(T(digit))
                : shifted.addingReportingOverflow(T(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
            position += 1
        }
        return value
    }

    static func double(_ bytes: ArraySlice<UInt8>) -> Double? {
        guard plausibleNumber(bytes) else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    static func float(_ bytes: ArraySlice<UInt8>) -> Float? {
        guard plausibleNumber(bytes) else { return nil }
        return Float(String(decoding: bytes, as: UTF8.self))
    }

    /// Worth handing to Swift's parser (which also reads `nan`, `inf` and hexadecimal floats).
    private static func plausibleNumber(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.count < 400
    }
}

// MARK: - Keyed container

struct XMLKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let tree: XMLTree
    let element: Int32
    let path: CodingPathNode?

    var codingPath: [any CodingKey] { CodingPathNode.codingPath(path) }

    var allKeys: [Key] {
        tree.childNames(of: element).compactMap { Key(stringValue: $0) }
    }

    private func range(_ key: Key) -> Range<Int> {
        tree.childRange(of: element, named: key.stringValue)
    }

    /// The first child named `key`, if any.
    private func child(_ key: Key) -> Int32? {
        let range = range(key)
        return range.isEmpty ? nil : tree.children[range.lowerBound]
    }

    private func keyPath(_ key: Key) -> [any CodingKey] {
        codingPath + [key]
    }

    private func required(_ key: Key, _ type: Any.Type) throws -> Int32 {
        guard let element = child(key) else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "required value is missing (expected \(type))"))
        }
        return element
    }

    func contains(_ key: Key) -> Bool {
        !range(key).isEmpty
    }

    /// `true` when there is no element for `key`.
    func decodeNil(forKey key: Key) throws -> Bool {
        child(key) == nil
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try tree.string(required(key, type), path: keyPath(key))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try tree.scalar(type, required(key, type), path: keyPath(key), parse: XMLScalar.bool)
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try tree.scalar(type, required(key, type), path: keyPath(key), parse: XMLScalar.double)
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try tree.scalar(type, required(key, type), path: keyPath(key), parse: XMLScalar.float)
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }

    private func integer<T: FixedWidthInteger>(_ type: T.Type, _ key: Key) throws -> T {
        try tree.scalar(type, required(key, type), path: keyPath(key)) { XMLScalar.integer($0, as: T.self) }
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: XMLTreeDecoder(
            tree: tree, selection: .matches(range(key)), path: CodingPathNode.appending(key, to: path)))
    }

    // `decodeIfPresent`: an absent element is nil; an empty one is "" for a String and nil for
    // a number or Boolean.

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let element = child(key) else { return nil }
        return try tree.string(element, path: keyPath(key))
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try optionalScalar(type, key, parse: XMLScalar.bool)
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try optionalScalar(type, key, parse: XMLScalar.double)
    }

    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        try optionalScalar(type, key, parse: XMLScalar.float)
    }

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
        try optionalScalar(type, key) { XMLScalar.integer($0, as: T.self) }
    }

    private func optionalScalar<T>(_ type: T.Type, _ key: Key, parse: (ArraySlice<UInt8>) -> T?) throws -> T? {
        guard let element = child(key), !tree.isEmptyValue(element) else { return nil }
        return try tree.scalar(type, element, path: keyPath(key), parse: parse)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let range = range(key)
        if range.isEmpty { return nil }
        // Reached for scalars only from generic code; keep the rule for empty elements.
        if T.self is any BinaryInteger.Type || T.self is any BinaryFloatingPoint.Type || T.self == Bool.self,
           tree.isEmptyValue(tree.children[range.lowerBound]) {
            return nil
        }
        return try T(from: XMLTreeDecoder(
            tree: tree, selection: .matches(range), path: CodingPathNode.appending(key, to: path)))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(XMLKeyedContainer<NestedKey>(
            tree: tree, element: try required(key, type), path: CodingPathNode.appending(key, to: path)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        XMLUnkeyedContainer(
            tree: tree, elements: tree.children[range(key)], path: CodingPathNode.appending(key, to: path))
    }

    func superDecoder() throws -> any Decoder {
        XMLTreeDecoder(tree: tree, selection: .element(element), path: path)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        XMLTreeDecoder(tree: tree, selection: .matches(range(key)), path: CodingPathNode.appending(key, to: path))
    }
}

// MARK: - Unkeyed container

struct XMLUnkeyedContainer: UnkeyedDecodingContainer {
    let tree: XMLTree
    let elements: ArraySlice<Int32>
    let path: CodingPathNode?
    private(set) var currentIndex = 0

    init(tree: XMLTree, elements: ArraySlice<Int32>, path: CodingPathNode?) {
        self.tree = tree
        self.elements = elements
        self.path = path
    }

    var codingPath: [any CodingKey] { CodingPathNode.codingPath(path) }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private func itemPath() -> [any CodingKey] {
        codingPath + [IndexCodingKey(currentIndex)]
    }

    /// The next element; the index moves on only once the value decoded.
    private func next(_ type: Any.Type) throws -> Int32 {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type, .init(codingPath: itemPath(), debugDescription: "expected \(type), but the list has ended"))
        }
        return elements[elements.startIndex + currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        false
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let value = try tree.string(next(type), path: itemPath())
        currentIndex += 1
        return value
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar(type, parse: XMLScalar.bool) }
    mutating func decode(_ type: Double.Type) throws -> Double { try scalar(type, parse: XMLScalar.double) }
    mutating func decode(_ type: Float.Type) throws -> Float { try scalar(type, parse: XMLScalar.float) }
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
        try scalar(type) { XMLScalar.integer($0, as: T.self) }
    }

    private mutating func scalar<T>(_ type: T.Type, parse: (ArraySlice<UInt8>) -> T?) throws -> T {
        let value = try tree.scalar(type, next(type), path: itemPath(), parse: parse)
        currentIndex += 1
        return value
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let element = try next(type)
        let value = try T(from: XMLTreeDecoder(
            tree: tree, selection: .element(element),
            path: CodingPathNode.appending(IndexCodingKey(currentIndex), to: path)))
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let element = try next(type)
        let container = XMLKeyedContainer<NestedKey>(
            tree: tree, element: element, path: CodingPathNode.appending(IndexCodingKey(currentIndex), to: path))
        currentIndex += 1
        return KeyedDecodingContainer(container)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let element = try next([Any].self)
        let container = XMLUnkeyedContainer(
            tree: tree, elements: tree.allChildren(of: element)[...],
            path: CodingPathNode.appending(IndexCodingKey(currentIndex), to: path))
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let element = try next(Any.self)
        let decoder = XMLTreeDecoder(
            tree: tree, selection: .element(element),
            path: CodingPathNode.appending(IndexCodingKey(currentIndex), to: path))
        currentIndex += 1
        return decoder
    }
}

// MARK: - Single-value container

struct XMLSingleValueContainer: SingleValueDecodingContainer {
    let tree: XMLTree
    let element: Int32
    let path: CodingPathNode?

    var codingPath: [any CodingKey] { CodingPathNode.codingPath(path) }

    /// An element is there, so never nil (an empty element is `""` as a String).
    func decodeNil() -> Bool { false }

    func decode(_ type: String.Type) throws -> String { try tree.string(element, path: codingPath) }
    func decode(_ type: Bool.Type) throws -> Bool { try scalar(type, parse: XMLScalar.bool) }
    func decode(_ type: Double.Type) throws -> Double { try scalar(type, parse: XMLScalar.double) }
    func decode(_ type: Float.Type) throws -> Float { try scalar(type, parse: XMLScalar.float) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        try scalar(type) { XMLScalar.integer($0, as: T.self) }
    }

    private func scalar<T>(_ type: T.Type, parse: (ArraySlice<UInt8>) -> T?) throws -> T {
        try tree.scalar(type, element, path: codingPath, parse: parse)
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: XMLTreeDecoder(tree: tree, selection: .element(element), path: path))
    }
}
