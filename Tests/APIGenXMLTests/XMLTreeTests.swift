import APIGenRuntime
import APIGenTestSupport
import ECS
import Foundation
import Testing

@testable import APIGenXML

/// The compact tree under the XML decoder, checked against a naive reading of the same documents.
@Suite("XML tree")
struct XMLTreeTests {
    /// A reference element: name, text (leaves) and children in document order.
    final class Element {
        let name: String
        var text = ""
        var children: [Element] = []
        init(name: String) { self.name = name }

        var xml: String {
            children.isEmpty
                ? "<\(name)>\(text)</\(name)>"
                : "<\(name)>\n " + children.map(\.xml).joined(separator: " ") + "</\(name)>"
        }
    }

    static func randomElement(_ generator: inout SeededGenerator, depth: Int, name: String) -> Element {
        let element = Element(name: name)
        let names = ["A", "B", "C", "Dd", "Ee", "F"]
        if depth < 4, Int.random(in: 0..<3, using: &generator) > 0 {
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                let childName = names[Int.random(in: 0..<names.count, using: &generator)]
                element.children.append(randomElement(&generator, depth: depth + 1, name: childName))
            }
        } else {
            element.text = String(Int.random(in: 0..<1000, using: &generator))
        }
        return element
    }

    /// Checks every element of `tree` against `element`, which is node `node`.
    static func compare(_ tree: XMLTree, _ node: Int32, _ element: Element) {
        #expect(tree.name(of: node) == element.name)
        #expect(tree.hasChildElements(node) == !element.children.isEmpty)
        if element.children.isEmpty {
            #expect(String(decoding: tree.textBytes(of: node), as: UTF8.self) == element.text)
        }
        let children = tree.allChildren(of: node)
        #expect(children.count == element.children.count)
        for (child, reference) in zip(children, element.children) {
            compare(tree, child, reference)
        }
        for name in ["A", "B", "C", "Dd", "Ee", "F", "Missing"] {
            let found = tree.childRange(of: node, named: name).map { tree.children[$0] }
            let expected = zip(children, element.children).filter { $0.1.name == name }.map(\.0)
            #expect(found == expected, "children named \(name)")
        }
        let distinct = Set(element.children.map(\.name))
        #expect(Set(tree.childNames(of: node)) == distinct)
        #expect(tree.childNames(of: node).count == distinct.count)
    }

    @Test(arguments: 0..<20)
    func randomDocumentsMatchANaiveReading(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let root = Self.randomElement(&generator, depth: 0, name: "Root")
        let body = Array(root.xml.utf8)
        let tree = try body.withUnsafeBytes { raw in try XMLTree.parse(raw) }
        Self.compare(tree, 0, root)
    }

    /// libxml2 gets the body in chunks; where they are cut must not matter.
    @Test(arguments: [1, 2, 7, 64, 1000])
    func chunkBoundariesDoNotMatter(chunkSize: Int) throws {
        var generator = SeededGenerator(seed: 99)
        let root = Self.randomElement(&generator, depth: 0, name: "Root")
        root.children.append(Element(name: "Text"))
        root.children.last?.text = "中文 &amp; é 😀 " + String(repeating: "x", count: 300)
        let body = Array((#"<?xml version="1.0" encoding="UTF-8"?>"# + root.xml).utf8)
        let tree = try body.withUnsafeBytes { raw in try XMLTree.parse(raw, chunkSize: chunkSize) }
        root.children.last?.text = "中文 & é 😀 " + String(repeating: "x", count: 300)
        Self.compare(tree, 0, root)
    }

    @Test func bodiesLargerThanLibxml2sLookupLimit() throws {
        let text = String(repeating: "0123456789", count: 1_100_000)
        let body = Array("<R><RequestId>\(text)</RequestId><Other>\(text)</Other></R>".utf8)
        #expect(body.count > 20_000_000)
        let response = try ResponseDecoder.decode(AttachClassicLinkVpcResponse.self, from: body, format: .xml)
        #expect(response.requestId.utf8.count == 11_000_000)
    }

    @Test func mixedContentKeepsNoTextForParents() throws {
        let body = Array("<R>before<A>x</A>between<B/>after</R>".utf8)
        let tree = try body.withUnsafeBytes { raw in try XMLTree.parse(raw) }
        #expect(tree.hasChildElements(0))
        #expect(tree.textBytes(of: 0).isEmpty)
        #expect(tree.text == Array("x".utf8))
    }
}
