/// A coding path as a linked list, so nested containers share their prefix and the path is
/// only materialised as an array when asked for (mostly when an error is thrown). Shared by
/// the XML and JSON decoders.
final class CodingPathNode {
    let parent: CodingPathNode?
    let key: any CodingKey

    init(parent: CodingPathNode?, key: any CodingKey) {
        self.parent = parent
        self.key = key
    }

    static func codingPath(_ node: CodingPathNode?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = node
        while let current = node {
            keys.append(current.key)
            node = current.parent
        }
        return keys.reversed()
    }

    static func appending(_ key: any CodingKey, to node: CodingPathNode?) -> CodingPathNode {
        CodingPathNode(parent: node, key: key)
    }

    /// The path of `node` with `key` appended.
    static func codingPath(_ node: CodingPathNode?, appending key: any CodingKey) -> [any CodingKey] {
        codingPath(node) + [key]
    }
}

/// The key of a list item, as `JSONDecoder` spells it (`Index 3`, integer value 3).
struct IndexCodingKey: CodingKey {
    let intValue: Int?
    let stringValue: String

    init(_ index: Int) {
        intValue = index
        stringValue = "Index \(index)"
    }

    init?(stringValue: String) { nil }

    init?(intValue: Int) { self.init(intValue) }
}

/// The key `superDecoder()` uses, as `JSONDecoder` spells it.
struct SuperCodingKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }

    init() {}
    init?(stringValue: String) { guard stringValue == "super" else { return nil } }
    init?(intValue: Int) { nil }
}
