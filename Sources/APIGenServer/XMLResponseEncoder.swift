import APIGenRuntime

/// Writes an `Encodable` value as Alibaba Cloud's XML response body:
///
/// ```xml
/// <?xml version="1.0" encoding="UTF-8"?><DescribeInstancesResponse><RequestId>…</RequestId>
/// <Instances><Instance>…</Instance><Instance>…</Instance></Instances>…</DescribeInstancesResponse>
/// ```
///
/// The mapping is the one ``ResponseDecoder`` reads (see `XMLTreeDecoder`), so what this
/// encoder writes decodes back to the same value:
/// - a keyed value becomes one child element per key, in encoding order;
/// - a list under key `K` becomes one `<K>` element per item (`"Instances": {"Instance": [a, b]}`
///   ↔ `<Instances><Instance>a</Instance><Instance>b</Instance></Instances>`); an empty list
///   writes nothing; a list directly inside a list (or at the top) writes its items as `<item>`;
/// - `nil` is left out (as JSON leaves out an absent optional);
/// - strings are escaped (`&`, `<`, `>`, and carriage returns so they survive parsing);
///   numbers and Booleans are written as `JSONEncoder` writes them (`3`, `1.5`, `1e+20`, `true`).
///
/// Values XML 1.0 cannot carry (control characters other than tab, line feed and carriage
/// return; non-finite numbers) and keys that are not XML names throw `EncodingError.invalidValue`.
public struct XMLResponseEncoder: Sendable {
    /// The name of elements that hold the items of a list that has no key of its own.
    public static let anonymousItemName = "item"

    public init() {}

    /// The XML declaration and `<rootElement>…</rootElement>`, as UTF-8.
    public func encode<T: Encodable>(_ value: T, rootElement: String) throws -> [UInt8] {
        guard XMLName.isValid(rootElement) else {
            throw EncodingError.invalidValue(
                rootElement, .init(codingPath: [], debugDescription: "\"\(rootElement)\" is not a valid XML element name"))
        }
        let root = XMLEncodingNode()
        try value.encode(to: XMLNodeEncoder(node: root, codingPath: []))
        var output = XMLOutput()
        output.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        try output.writeSingleElement(named: rootElement, node: root, codingPath: [])
        return output.bytes
    }
}

// MARK: - Tree

/// What a value encoded to: filled in by the containers, written out once encoding is done.
/// A reference type because a container hands out nested encoders that fill their part later.
final class XMLEncodingNode {
    enum Content {
        case empty
        case null
        case text(String)
        case keyed([(key: String, node: XMLEncodingNode)])
        case unkeyed([XMLEncodingNode])
    }

    var content: Content = .empty

    func keyedChild(_ key: String) -> XMLEncodingNode {
        let child = XMLEncodingNode()
        switch content {
        case .keyed(var entries):
            content = .empty  // no second reference while mutating
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].node = child
            } else {
                entries.append((key, child))
            }
            content = .keyed(entries)
        default:
            content = .keyed([(key, child)])
        }
        return child
    }

    func appendItem() -> XMLEncodingNode {
        let child = XMLEncodingNode()
        switch content {
        case .unkeyed(var items):
            content = .empty
            items.append(child)
            content = .unkeyed(items)
        default:
            content = .unkeyed([child])
        }
        return child
    }

    func makeKeyed() {
        if case .keyed = content { return }
        content = .keyed([])
    }

    func makeUnkeyed() {
        if case .unkeyed = content { return }
        content = .unkeyed([])
    }

    var itemCount: Int {
        if case .unkeyed(let items) = content { return items.count }
        return 0
    }
}

// MARK: - Encoder

struct XMLNodeEncoder: Encoder {
    let node: XMLEncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeKeyed()
        return KeyedEncodingContainer(XMLKeyedEncodingContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeUnkeyed()
        return XMLUnkeyedEncodingContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        XMLSingleValueEncodingContainer(node: node, codingPath: codingPath)
    }
}

/// Scalars as text, the way `JSONEncoder` writes them.
enum XMLScalarText {
    static func bool(_ value: Bool) -> String { value ? "true" : "false" }

    static func integer(_ value: some BinaryInteger) -> String { String(value) }

    static func double(_ value: Double, codingPath: [any CodingKey]) throws -> String {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(value) cannot be written as a number"))
        }
        return trimmingZeroFraction(value.description)
    }

    static func float(_ value: Float, codingPath: [any CodingKey]) throws -> String {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(value) cannot be written as a number"))
        }
        return trimmingZeroFraction(value.description)
    }

    /// `3.0` → `3`, as JSON writes integral floating-point values.
    private static func trimmingZeroFraction(_ text: String) -> String {
        text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

struct XMLKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: XMLEncodingNode
    let codingPath: [any CodingKey]

    private func child(_ key: Key) -> XMLEncodingNode { node.keyedChild(key.stringValue) }

    private func set(_ text: String, forKey key: Key) { child(key).content = .text(text) }

    mutating func encodeNil(forKey key: Key) throws { child(key).content = .null }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(XMLScalarText.bool(value), forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(value, forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        set(try XMLScalarText.double(value, codingPath: codingPath + [key]), forKey: key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        set(try XMLScalarText.float(value, codingPath: codingPath + [key]), forKey: key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(XMLScalarText.integer(value), forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(XMLScalarText.integer(value), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(XMLScalarText.integer(value), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(XMLScalarText.integer(value), forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(XMLScalarText.integer(value), forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(XMLScalarText.integer(value), forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(XMLScalarText.integer(value), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(XMLScalarText.integer(value), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(XMLScalarText.integer(value), forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(XMLScalarText.integer(value), forKey: key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try value.encode(to: XMLNodeEncoder(node: child(key), codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = child(key)
        nested.makeKeyed()
        return KeyedEncodingContainer(XMLKeyedEncodingContainer<NestedKey>(node: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = child(key)
        nested.makeUnkeyed()
        return XMLUnkeyedEncodingContainer(node: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        XMLNodeEncoder(node: node.keyedChild("super"), codingPath: codingPath + [XMLCodingKey(stringValue: "super")])
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        XMLNodeEncoder(node: child(key), codingPath: codingPath + [key])
    }
}

struct XMLUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let node: XMLEncodingNode
    let codingPath: [any CodingKey]
    var count: Int { node.itemCount }

    private func next() -> (XMLEncodingNode, [any CodingKey]) {
        let path = codingPath + [XMLCodingKey(intValue: node.itemCount)]
        return (node.appendItem(), path)
    }

    private func append(_ text: String) { next().0.content = .text(text) }

    mutating func encodeNil() throws { next().0.content = .null }
    mutating func encode(_ value: Bool) throws { append(XMLScalarText.bool(value)) }
    mutating func encode(_ value: String) throws { append(value) }
    mutating func encode(_ value: Double) throws {
        let (item, path) = next()
        item.content = .text(try XMLScalarText.double(value, codingPath: path))
    }
    mutating func encode(_ value: Float) throws {
        let (item, path) = next()
        item.content = .text(try XMLScalarText.float(value, codingPath: path))
    }
    mutating func encode(_ value: Int) throws { append(XMLScalarText.integer(value)) }
    mutating func encode(_ value: Int8) throws { append(XMLScalarText.integer(value)) }
    mutating func encode(_ value: Int16) throws { append(XMLScalarText.integer(value)) }
    mutating func encode(_ value: Int32) throws { append(XMLScalarText.integer(value)) }
    mutating func encode(_ value: Int64) throws { append(XMLScalarText.integer(value)) }
    mutating func encode(_ value: UInt) throws { append(XMLScalarText.integer(value)) }
    mutating func encode(_ value: UInt8) throws { append(XMLScalarText.integer(value)) }
    mutating func encode(_ value: UInt16) throws { append(XMLScalarText.integer(value)) }
    mutating func encode(_ value: UInt32) throws { append(XMLScalarText.integer(value)) }
    mutating func encode(_ value: UInt64) throws { append(XMLScalarText.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let (item, path) = next()
        try value.encode(to: XMLNodeEncoder(node: item, codingPath: path))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let (item, path) = next()
        item.makeKeyed()
        return KeyedEncodingContainer(XMLKeyedEncodingContainer<NestedKey>(node: item, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (item, path) = next()
        item.makeUnkeyed()
        return XMLUnkeyedEncodingContainer(node: item, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let (item, path) = next()
        return XMLNodeEncoder(node: item, codingPath: path)
    }
}

struct XMLSingleValueEncodingContainer: SingleValueEncodingContainer {
    let node: XMLEncodingNode
    let codingPath: [any CodingKey]

    private func set(_ text: String) { node.content = .text(text) }

    mutating func encodeNil() throws { node.content = .null }
    mutating func encode(_ value: Bool) throws { set(XMLScalarText.bool(value)) }
    mutating func encode(_ value: String) throws { set(value) }
    mutating func encode(_ value: Double) throws { set(try XMLScalarText.double(value, codingPath: codingPath)) }
    mutating func encode(_ value: Float) throws { set(try XMLScalarText.float(value, codingPath: codingPath)) }
    mutating func encode(_ value: Int) throws { set(XMLScalarText.integer(value)) }
    mutating func encode(_ value: Int8) throws { set(XMLScalarText.integer(value)) }
    mutating func encode(_ value: Int16) throws { set(XMLScalarText.integer(value)) }
    mutating func encode(_ value: Int32) throws { set(XMLScalarText.integer(value)) }
    mutating func encode(_ value: Int64) throws { set(XMLScalarText.integer(value)) }
    mutating func encode(_ value: UInt) throws { set(XMLScalarText.integer(value)) }
    mutating func encode(_ value: UInt8) throws { set(XMLScalarText.integer(value)) }
    mutating func encode(_ value: UInt16) throws { set(XMLScalarText.integer(value)) }
    mutating func encode(_ value: UInt32) throws { set(XMLScalarText.integer(value)) }
    mutating func encode(_ value: UInt64) throws { set(XMLScalarText.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: XMLNodeEncoder(node: node, codingPath: codingPath))
    }
}

struct XMLCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

// MARK: - Writing

/// XML names as the encoder accepts them: a letter or `_` first, then letters, digits, `_`,
/// `-`, `.`; non-ASCII letters are accepted as XML allows them. No `:` (no namespaces).
enum XMLName {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        guard isStart(first) else { return false }
        for scalar in name.unicodeScalars.dropFirst() where !(isStart(scalar) || isOther(scalar)) {
            return false
        }
        return true
    }

    private static func isStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0x5F: return true
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
            0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default: return false
        }
    }

    private static func isOther(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x2D, 0x2E, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return false
        }
    }
}

struct XMLOutput {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `<name>content</name>` for a keyed member; a list writes one `<name>` per item instead;
    /// `nil` writes nothing.
    mutating func writeElement(named name: String, node: XMLEncodingNode, codingPath: [any CodingKey]) throws {
        switch node.content {
        case .null:
            return
        case .unkeyed(let items):
            for (index, item) in items.enumerated() {
                try writeSingleElement(named: name, node: item, codingPath: codingPath + [XMLCodingKey(intValue: index)])
            }
        default:
            try writeSingleElement(named: name, node: node, codingPath: codingPath)
        }
    }

    /// Exactly one `<name>…</name>` for `node` (an item of a list: a list inside it writes `<item>`s).
    mutating func writeSingleElement(named name: String, node: XMLEncodingNode, codingPath: [any CodingKey]) throws {
        switch node.content {
        case .null:
            // A nil item of a list: an empty element keeps the positions of the others.
            append("<\(name)/>")
        case .empty:
            append("<\(name)/>")
        case .text(let text):
            append("<\(name)>")
            try appendEscaped(text, codingPath: codingPath)
            append("</\(name)>")
        case .keyed(let entries):
            append("<\(name)>")
            for (key, child) in entries {
                let path = codingPath + [XMLCodingKey(stringValue: key)]
                guard XMLName.isValid(key) else {
                    throw EncodingError.invalidValue(key, .init(codingPath: path, debugDescription: "\"\(key)\" is not a valid XML element name"))
                }
                try writeElement(named: key, node: child, codingPath: path)
            }
            append("</\(name)>")
        case .unkeyed(let items):
            append("<\(name)>")
            for (index, item) in items.enumerated() {
                try writeSingleElement(
                    named: XMLResponseEncoder.anonymousItemName, node: item, codingPath: codingPath + [XMLCodingKey(intValue: index)])
            }
            append("</\(name)>")
        }
    }

    private mutating func appendEscaped(_ text: String, codingPath: [any CodingKey]) throws {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: append("&amp;")
            case 0x3C: append("&lt;")
            case 0x3E: append("&gt;")
            case 0x0D: append("&#13;")
            case 0x09, 0x0A: bytes.append(UInt8(scalar.value))
            case 0x00...0x1F, 0xFFFE, 0xFFFF:
                throw EncodingError.invalidValue(
                    text,
                    .init(codingPath: codingPath,
                          debugDescription: "U+\(String(scalar.value, radix: 16, uppercase: true)) cannot appear in XML 1.0"))
            default:
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
    }
}
