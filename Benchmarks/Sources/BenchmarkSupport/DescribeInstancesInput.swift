import Foundation

/// The DescribeInstances response bodies the decoding benchmark reads: 1,000 instances, built
/// from the published JSON example in the upstream ECS metadata (`apis.DescribeInstances.
/// responseDemo`), compact as on the wire, in JSON and in Alibaba's XML shape (a list is its
/// wrapper element holding one element per item: `<Instances><Instance>…</Instance>…</Instances>`).
///
/// The published XML example is not used: it does not match the schema (most instance fields
/// sit inside `NetworkInterface`, some names differ). Each instance gets its own
/// `InstanceId`, `InstanceName`, `HostName` and `SerialNumber` (same lengths as the example's),
/// so that the items are not byte-identical.
public struct DescribeInstancesInput: Sendable {
    public let json: Data
    public let xml: Data
    public let instanceCount: Int

    public init(instances: Int = 1000, metadataPath: String = Paths.ecsMetadata) {
        let example = Self.publishedJSONExample(metadataPath: metadataPath)
        guard case .object(var top) = example,
              let listIndex = top.firstIndex(where: { $0.key == "Instances" }),
              case .object(let wrapper) = top[listIndex].value,
              let item = wrapper.first(where: { $0.key == "Instance" }),
              case .array(let published) = item.value,
              let template = published.first
        else { fatalError("the published DescribeInstances example has no Instances.Instance list") }

        let items = (0..<instances).map { Self.instance(template, number: $0) }
        top[listIndex].value = .object([("Instance", .array(items))])
        for index in top.indices where top[index].key == "TotalCount" {
            top[index].value = .number(String(instances))
        }
        let response = OrderedJSON.object(top)

        var json = ""
        response.writeJSON(to: &json)
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"#
        response.writeXML(name: "DescribeInstancesResponse", to: &xml)
        self.json = Data(json.utf8)
        self.xml = Data(xml.utf8)
        self.instanceCount = instances
    }

    static func publishedJSONExample(metadataPath: String) -> OrderedJSON {
        let metadata = try! OrderedJSON.parse(Paths.contents(of: metadataPath))
        guard case .string(let demoText) = metadata["apis"]?["DescribeInstances"]?["responseDemo"],
              case .array(let demos) = try! OrderedJSON.parse(Data(demoText.utf8)),
              let demo = demos.first(where: { $0["type"] == .string("json") }),
              case .string(let exampleText) = demo["example"]
        else { fatalError("no JSON responseDemo for DescribeInstances in \(metadataPath)") }
        return try! OrderedJSON.parse(Data(exampleText.utf8))
    }

    /// The example instance with its identifying strings made unique (same length).
    static func instance(_ template: OrderedJSON, number: Int) -> OrderedJSON {
        guard case .object(var members) = template else { return template }
        let tag = String(format: "%04d", number % 10_000)
        for index in members.indices {
            switch members[index].key {
            case "InstanceId", "InstanceName", "HostName", "SerialNumber":
                if case .string(let text) = members[index].value {
                    members[index].value = .string(String(text.dropLast(4)) + tag)
                }
            default:
                break
            }
        }
        return .object(members)
    }
}

/// A JSON value that keeps its members' order and its numbers' text.
public indirect enum OrderedJSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([OrderedJSON])
    case object([(key: String, value: OrderedJSON)])

    public static func == (lhs: OrderedJSON, rhs: OrderedJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(l), .bool(r)): l == r
        case let (.number(l), .number(r)): l == r
        case let (.string(l), .string(r)): l == r
        case let (.array(l), .array(r)): l == r
        case let (.object(l), .object(r)): l.map(\.key) == r.map(\.key) && l.map(\.value) == r.map(\.value)
        default: false
        }
    }

    public subscript(key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    struct SyntaxError: Error { var offset: Int }

    public static func parse(_ data: Data) throws -> OrderedJSON {
        var reader = Reader(bytes: [UInt8](data))
        let value = try reader.value()
        reader.skipSpace()
        guard reader.position == reader.bytes.count else { throw SyntaxError(offset: reader.position) }
        return value
    }

    struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        }

        mutating func value() throws -> OrderedJSON {
            skipSpace()
            guard position < bytes.count else { throw SyntaxError(offset: position) }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                position += 1
                var members: [(key: String, value: OrderedJSON)] = []
                skipSpace()
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    members.append((key, try value()))
                    skipSpace()
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    try expect("}")
                    return .object(members)
                }
            case UInt8(ascii: "["):
                position += 1
                var items: [OrderedJSON] = []
                skipSpace()
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
                while true {
                    items.append(try value())
                    skipSpace()
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    try expect("]")
                    return .array(items)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                try word("true"); return .bool(true)
            case UInt8(ascii: "f"):
                try word("false"); return .bool(false)
            case UInt8(ascii: "n"):
                try word("null"); return .null
            default:
                let start = position
                while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
                guard position > start else { throw SyntaxError(offset: position) }
                return .number(String(decoding: bytes[start..<position], as: UTF8.self))
            }
        }

        mutating func expect(_ character: Unicode.Scalar) throws {
            guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { throw SyntaxError(offset: position) }
            position += 1
        }

        mutating func word(_ text: String) throws {
            for byte in text.utf8 {
                guard position < bytes.count, bytes[position] == byte else { throw SyntaxError(offset: position) }
                position += 1
            }
        }

        mutating func string() throws -> String {
            try expect("\"")
            var result: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: result, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    let escaped = bytes[position]
                    position += 1
                    switch escaped {
                    case UInt8(ascii: "n"): result.append(0x0A)
                    case UInt8(ascii: "t"): result.append(0x09)
                    case UInt8(ascii: "r"): result.append(0x0D)
                    case UInt8(ascii: "b"): result.append(0x08)
                    case UInt8(ascii: "f"): result.append(0x0C)
                    case UInt8(ascii: "u"):
                        var code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) ?? 0xFFFD
                        position += 4
                        if (0xD800..<0xDC00).contains(code), position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
                           let low = UInt32(String(decoding: bytes[position + 2..<position + 6], as: UTF8.self), radix: 16) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            position += 6
                        }
                        result.append(contentsOf: Array(String(Unicode.Scalar(code) ?? "\u{FFFD}").utf8))
                    default: result.append(escaped)
                    }
                default:
                    result.append(byte)
                }
            }
            throw SyntaxError(offset: position)
        }
    }

    /// Compact JSON, as a service sends it.
    public func writeJSON(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): Self.writeJSONString(text, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.writeJSON(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                Self.writeJSONString(member.key, to: &out)
                out += ":"
                member.value.writeJSON(to: &out)
            }
            out += "}"
        }
    }

    static func writeJSONString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Alibaba's XML shape: a member is an element named after it; a list is one element per
    /// item, named after the list's member; `null` is an empty element.
    public func writeXML(name: String, to out: inout String) {
        switch self {
        case .array(let items):
            for item in items { item.writeXML(name: name, to: &out) }
        case .object(let members):
            out += "<\(name)>"
            for member in members { member.value.writeXML(name: member.key, to: &out) }
            out += "</\(name)>"
        case .null:
            out += "<\(name)></\(name)>"
        case .bool(let value):
            out += "<\(name)>\(value)</\(name)>"
        case .number(let text):
            out += "<\(name)>\(text)</\(name)>"
        case .string(let text):
            out += "<\(name)>"
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                default: out.unicodeScalars.append(scalar)
                }
            }
            out += "</\(name)>"
        }
    }
}
