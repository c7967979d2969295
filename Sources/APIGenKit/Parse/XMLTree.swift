/// An element of a parsed spec file, as plain Swift values with the place each piece came from.
///
/// Only what specs use is kept: elements, attributes and character data (comments and
/// processing instructions are dropped).
struct XMLElementNode: Hashable, Sendable {
    var name: String
    var attributes: [XMLAttributeNode]
    var children: [XMLElementNode]
    /// The character data directly inside this element (text and CDATA), concatenated.
    var text: String
    /// Where the start tag begins.
    var location: SourceLocation

    func attribute(_ name: String) -> XMLAttributeNode? {
        attributes.first { $0.name == name }
    }

    func children(named name: String) -> [XMLElementNode] {
        children.filter { $0.name == name }
    }

    func child(named name: String) -> XMLElementNode? {
        children.first { $0.name == name }
    }
}

struct XMLAttributeNode: Hashable, Sendable {
    var name: String
    var value: String
    var location: SourceLocation
}
