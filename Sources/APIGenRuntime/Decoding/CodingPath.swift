/// A coding path as a linked list, so nested containers share their prefix and the path is
/// only materialised as an array when asked for (mostly when an error is thrown). Shared by
/// the XML and JSON decoders.
package final class CodingPathNode {
    package let parent: CodingPathNode?
    package let key: any CodingKey

    package init(parent: CodingPathNode?, key: any CodingKey) {
        self.parent = parent
        self.key = key
    }

    package static func codingPath(_ node: CodingPathNode?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = node
        while let current = node {
            keys.append(current.key)
            node = current.parent
        }
        return keys.reversed()
    }

    package static func appending(_ key: any CodingKey, to node: CodingPathNode?) -> CodingPathNode {
        CodingPathNode(parent: node, key: key)
    }

    /// The path of `node` with `key` appended.
    package static func codingPath(_ node: CodingPathNode?, appending key: any CodingKey) -> [any CodingKey] {
        codingPath(node) + [key]
    }
}

/// The key of a list item, as `JSONDecoder` spells it (`Index 3`, integer value 3).
package struct IndexCodingKey: CodingKey {
    package let intValue: Int?
    package let stringValue: String

    package init(_ index: Int) {
        intValue = index
        stringValue = "Index \(index)"
    }

    package init?(stringValue: String) { nil }

    package init?(intValue: Int) { self.init(intValue) }
}

/// The key `superDecoder()` uses, as `JSONDecoder` spells it.
package struct SuperCodingKey: CodingKey {
    package var stringValue: String { "super" }
    package var intValue: Int? { nil }

    package init() {}
    package init?(stringValue: String) { guard stringValue == "super" else { return nil } }
    package init?(intValue: Int) { nil }
}
