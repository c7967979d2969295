import APIGenRuntime
import APIGenServer
import APIGenXML
import ECS
import ECSServer
import Foundation
import Testing

/// The XML response encoder: its exact output, and round trips through the runtime's XML
/// decoder for every generated ECS response that has a published example.
@Suite struct XMLResponseEncoderTests {
    struct Item: Codable, Hashable {
        var id: String
        var size: Int32?
        var tags: Tags?

        struct Tags: Codable, Hashable {
            var tag: [String]?
            enum CodingKeys: String, CodingKey { case tag = "Tag" }
        }

        enum CodingKeys: String, CodingKey {
            case id = "Id"
            case size = "Size"
            case tags = "Tags"
        }
    }

    struct Listing: Codable, Hashable {
        var requestId: String
        var totalCount: Int64
        var ratio: Double
        var small: Float
        var enabled: Bool
        var note: String?
        var items: Items

        struct Items: Codable, Hashable {
            var item: [Item]
            enum CodingKeys: String, CodingKey { case item = "Item" }
        }

        enum CodingKeys: String, CodingKey {
            case requestId = "RequestId"
            case totalCount = "TotalCount"
            case ratio = "Ratio"
            case small = "Small"
            case enabled = "Enabled"
            case note = "Note"
            case items = "Items"
        }
    }

    static let listing = Listing(
        requestId: "R-1", totalCount: Int64.max, ratio: 3, small: 0.1, enabled: true, note: nil,
        items: .init(item: [
            Item(id: "a&b <c>", size: -1, tags: .init(tag: ["x", "y"])),
            Item(id: "  spaced\ttab\r\nline  ", size: nil, tags: .init(tag: [])),
            Item(id: "中文 ✓ 🚀", size: Int32.min, tags: nil),
        ]))

    @Test func keyedValuesListsAndNilAreWrittenAsAlibabaWritesThem() throws {
        let xml = String(decoding: try XMLResponseEncoder().encode(Self.listing, rootElement: "ListResponse"), as: UTF8.self)
        let expected = #"<?xml version="1.0" encoding="UTF-8"?>"#
            + "<ListResponse><RequestId>R-1</RequestId><TotalCount>9223372036854775807</TotalCount><Ratio>3</Ratio>"
            + "<Small>0.1</Small><Enabled>true</Enabled><Items>"
            + "<Item><Id>a&amp;b &lt;c&gt;</Id><Size>-1</Size><Tags><Tag>x</Tag><Tag>y</Tag></Tags></Item>"
            + "<Item><Id>  spaced\ttab&#13;\nline  </Id><Tags></Tags></Item>"
            + "<Item><Id>中文 ✓ 🚀</Id><Size>-2147483648</Size></Item>"
            + "</Items></ListResponse>"
        #expect(xml == expected)
    }

    @Test func whatItWritesDecodesBackToTheSameValue() throws {
        let bytes = try XMLResponseEncoder().encode(Self.listing, rootElement: "ListResponse")
        let decoded = try ResponseDecoder.decode(Listing.self, from: bytes, format: .xml)
        // An empty list reads back as no list: XML has no way to tell them apart.
        var expected = Self.listing
        expected.items.item[1].tags = .init(tag: nil)
        #expect(decoded == expected)
    }

    @Test func numbersAreWrittenAsJSONEncoderWritesThem() throws {
        struct Number: Codable { var value: Double }
        struct Single: Codable { var value: Float }
        let doubles: [Double] = [0, -0.0, 1, -1, 1.5, 0.1, 1e20, 1e-7, 123456789012345678, 1e300, .pi, 5e-324, .greatestFiniteMagnitude]
        for value in doubles {
            let json = String(decoding: try JSONEncoder().encode(Number(value: value)), as: UTF8.self)
            let xml = String(decoding: try XMLResponseEncoder().encode(Number(value: value), rootElement: "R"), as: UTF8.self)
            #expect(xml.contains("<value>\(json.dropFirst(9).dropLast())</value>"), "\(value): \(xml) vs \(json)")
        }
        for value in [Float(1.1), 3, 1e20, -0.25, .leastNonzeroMagnitude] {
            let json = String(decoding: try JSONEncoder().encode(Single(value: value)), as: UTF8.self)
            let xml = String(decoding: try XMLResponseEncoder().encode(Single(value: value), rootElement: "R"), as: UTF8.self)
            #expect(xml.contains("<value>\(json.dropFirst(9).dropLast())</value>"), "\(value): \(xml) vs \(json)")
        }
    }

    @Test func listsInsideListsAndAtTheTopUseItemElements() throws {
        struct Matrix: Codable, Equatable {
            var rows: [[Int]]
            enum CodingKeys: String, CodingKey { case rows = "Rows" }
        }
        let matrix = Matrix(rows: [[1, 2], [3]])
        let bytes = try XMLResponseEncoder().encode(matrix, rootElement: "M")
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("<M><Rows><item>1</item><item>2</item></Rows><Rows><item>3</item></Rows></M>"))
        #expect(try ResponseDecoder.decode(Matrix.self, from: bytes, format: .xml) == matrix)

        let top = try XMLResponseEncoder().encode(["a", "b"], rootElement: "L")
        #expect(String(decoding: top, as: UTF8.self).hasSuffix("<L><item>a</item><item>b</item></L>"))
        #expect(try ResponseDecoder.decode([String].self, from: top, format: .xml) == ["a", "b"])
    }

    @Test func whatXMLCannotCarryIsAnError() {
        struct Text: Codable { var value: String }
        struct Number: Codable { var value: Double }
        struct Keys: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: XMLTestKey.self)
                try container.encode("x", forKey: XMLTestKey(stringValue: "not a name")!)
            }
        }
        #expect(throws: EncodingError.self) { try XMLResponseEncoder().encode(Text(value: "bell \u{07}"), rootElement: "R") }
        #expect(throws: EncodingError.self) { try XMLResponseEncoder().encode(Number(value: .nan), rootElement: "R") }
        #expect(throws: EncodingError.self) { try XMLResponseEncoder().encode(Number(value: .infinity), rootElement: "R") }
        #expect(throws: EncodingError.self) { try XMLResponseEncoder().encode(Keys(), rootElement: "R") }
        #expect(throws: EncodingError.self) { try XMLResponseEncoder().encode(Text(value: "x"), rootElement: "1Root") }
    }

    struct XMLTestKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    // MARK: Generated ECS responses

    static let specs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Specs/Ecs")

    /// The JSON response example of an action's spec, as Alibaba published it.
    static func jsonResponseExample(action: String) throws -> Data? {
        let text = try String(contentsOf: specs.appendingPathComponent(action + ".xml"), encoding: .utf8)
        guard let response = text.range(of: "<response"),
              let start = text.range(of: #"<example format="json">"#, range: response.upperBound..<text.endIndex),
              let end = text.range(of: "</example>", range: start.upperBound..<text.endIndex)
        else { return nil }
        return Data(unescapeXML(String(text[start.upperBound..<end.lowerBound])).utf8)
    }

    /// The five predefined entities and numeric character references (specs have no DTDs).
    static func unescapeXML(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "lt": output += "<"
            case "gt": output += ">"
            case "amp": output += "&"
            case "quot": output += "\""
            case "apos": output += "'"
            default:
                if entity.hasPrefix("#x"), let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                    output.unicodeScalars.append(scalar)
                } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                    output.unicodeScalars.append(scalar)
                } else {
                    output += rest[amp...semicolon]
                }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return output + rest
    }

    /// A JSON value with empty lists removed, so that `[]` and "no list" compare equal (XML
    /// writes nothing for both).
    static func normalized(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            var result: [String: Any] = [:]
            for (key, child) in object {
                if let list = child as? [Any], list.isEmpty { continue }
                result[key] = normalized(child)
            }
            return result as NSDictionary
        }
        if let list = value as? [Any] { return list.map(normalized) as NSArray }
        return value
    }

    enum RoundTrip { case same, differs(String), unencodable(String), noUsableExample }

    /// Published examples XML cannot carry, with the reason; each must still fail to encode.
    static let knownUnencodable: [String: String] = [
        "DescribeCommands": "the JSON example's PatternRegex ends in U+0000, which XML 1.0 cannot carry",
    ]

    static func roundTrip<R: RPCRequest>(_: R.Type) throws -> RoundTrip {
        // ECSServer makes every ECS response `Encodable`.
        let encodable: (any (RPCResponse & Encodable).Type)? = R.Response.self as? any (RPCResponse & Encodable).Type
        let response = try #require(encodable)
        return try roundTrip(response, action: R.action)
    }

    static func roundTrip<Response: RPCResponse & Encodable>(_: Response.Type, action: String) throws -> RoundTrip {
        guard let example = try jsonResponseExample(action: action),
              let original = try? JSONDecoder().decode(Response.self, from: example)
        else { return .noUsableExample }
        let xml: [UInt8]
        do {
            xml = try XMLResponseEncoder().encode(original, rootElement: action + "Response")
        } catch let error as EncodingError {
            return .unencodable("\(error)")
        }
        let decoded = try ResponseDecoder.decode(Response.self, from: xml, format: .xml)
        if decoded == original { return .same }
        let a = normalized(try JSONSerialization.jsonObject(with: JSONEncoder().encode(original))) as? NSDictionary
        let b = normalized(try JSONSerialization.jsonObject(with: JSONEncoder().encode(decoded))) as? NSDictionary
        return a != nil && a == b ? .same : .differs(String(decoding: xml.prefix(600), as: UTF8.self))
    }

    @Test func describeInstancesFromItsPublishedExampleRoundTrips() throws {
        let example = try #require(try Self.jsonResponseExample(action: "DescribeInstances"))
        let original = try JSONDecoder().decode(DescribeInstancesResponse.self, from: example)
        let instances = original.instances
        #expect(!instances.isEmpty)
        let xml = try XMLResponseEncoder().encode(original, rootElement: "DescribeInstancesResponse")
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("<Instances><Instance><"))
        #expect(try DescribeInstancesResponse.decode(from: Data(xml), format: .xml) == original)
    }

    @Test func everyGeneratedECSResponseWithAPublishedExampleRoundTrips() throws {
        var same = 0
        var noExample = 0
        var differences: [String] = []
        var unencodable: [String: String] = [:]
        for type in ECSProduct.requestTypes {
            switch try Self.roundTrip(type) {
            case .same: same += 1
            case .noUsableExample: noExample += 1
            case .differs(let xml): differences.append("\(type.action): \(xml)")
            case .unencodable(let reason): unencodable[type.action] = reason
            }
        }
        print("XML round trips of published ECS response examples: \(same) same, \(differences.count) differ, \(unencodable.count) cannot be XML, \(noExample) without a usable JSON example")
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        #expect(Set(unencodable.keys) == Set(Self.knownUnencodable.keys), "\(unencodable)")
        #expect(same >= 250)
    }
}
