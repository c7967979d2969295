@testable import APIGenKit
import APIGenRuntime
import ECS
import Foundation
import Testing

/// A sample of Alibaba's published JSON response examples, decoded into the generated types and
/// compared with the JSON value by value: every field the example has is the value the Swift
/// property holds (lists flattened out of their wrappers, enumerations by raw value), and every
/// field it lacks is nil, or an empty list.
@Suite struct DecodedExampleValuesTests {
    /// Every 3rd action with a JSON example, and the ones users call most.
    static func sample(_ actions: [ActionSpec]) -> [ActionSpec] {
        let withJSON = actions.filter { $0.responseExamples.contains { $0.format == .json } }
        let named: Set = ["DescribeInstances", "DescribeDisks", "DescribeInvocationResults", "RunInstances", "DescribeSecurityGroupAttribute", "DescribeImages"]
        return withJSON.enumerated().filter { $0.offset % 3 == 0 || named.contains($0.element.name) }.map(\.element)
    }

    @Test func decodedValuesAreThePublishedOnes() throws {
        let actions = Self.sample(try PublishedExamplesTests.loadSpecs())
        var comparison = Comparison()
        for action in actions where PublishedExamplesTests.knownMismatches[action.name] == nil {
            let example = try #require(action.responseExamples.first { $0.format == .json })
            let data = Data(example.body.utf8)
            var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(action.name): not an object")
            // And once more without every other top-level field but RequestId: those are nil, or [].
            let removed = Set(json.keys.filter { $0 != "RequestId" }.sorted().enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
            let kept = json.filter { !removed.contains($0.key) }
            let requestType = try #require(PublishedExamplesTests.requestTypes[action.name])
            let decoded = try Self.decode(of: requestType, from: data)
            comparison.object(action.fields, json: json, swift: decoded, path: action.name, responseOnly: true)
            json = kept
            let partial = try Self.decode(of: requestType, from: try JSONSerialization.data(withJSONObject: json))
            comparison.object(action.fields, json: json, swift: partial, path: action.name + " (fields removed)", responseOnly: true)
        }
        print("decoded example values: \(actions.count) actions, \(comparison.compared) values compared, \(comparison.absent) absent fields checked")
        #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches.prefix(20).joined(separator: "\n"))")
        #expect(actions.count >= 100)
        #expect(comparison.compared >= 1_000)
        #expect(comparison.absent >= 100)
    }

    static func decode<R: RPCRequest>(of _: R.Type, from data: Data) throws -> Any {
        try R.Response.decode(from: data, format: .json)
    }

    struct Comparison {
        var mismatches: [String] = []
        var compared = 0
        var absent = 0

        /// The stored properties of a generated value, by name (a deprecated member's storage
        /// `_name` under `name`).
        static func properties(_ value: Any) -> [String: Any] {
            var properties: [String: Any] = [:]
            for child in Mirror(reflecting: value).children {
                guard var label = child.label else { continue }
                if label.hasPrefix("_") { label.removeFirst() }
                properties[label] = child.value
            }
            return properties
        }

        /// `value` without its optional wrapping; nil for `.none`.
        static func unwrapped(_ value: Any) -> Any? {
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return value }
            return mirror.children.first.map { unwrapped($0.value) } ?? nil
        }

        mutating func object(_ fields: [MemberSpec], json: [String: Any], swift: Any, path: String, responseOnly: Bool) {
            let properties = Self.properties(swift)
            for field in fields {
                let name = SwiftNames.member(field) ?? "_"
                let here = path + "." + field.name
                guard let property = properties[name] else {
                    mismatches.append("\(here): no Swift property '\(name)'")
                    continue
                }
                value(field.type, json: json[field.name], swift: property, path: here, responseOnly: responseOnly)
            }
        }

        mutating func value(_ type: TypeSpec, json: Any?, swift: Any, path: String, responseOnly: Bool) {
            let swiftValue = Self.unwrapped(swift)
            guard let json, !(json is NSNull) else {
                absent += 1
                if let swiftValue, !((swiftValue as? [Any])?.isEmpty ?? false) {
                    mismatches.append("\(path): absent from the JSON, but Swift has \(swiftValue)")
                }
                return
            }
            guard let swiftValue else {
                mismatches.append("\(path): the JSON has \(json), Swift has nil")
                return
            }
            // A response's list wrapper is the list itself in Swift.
            if responseOnly, let item = SwiftNames.listWrapperItem(type), swiftValue is [Any] {
                value(item.type, json: (json as? [String: Any])?[item.name], swift: swiftValue, path: path + "." + item.name, responseOnly: responseOnly)
                return
            }
            switch type.kind {
            case .string:
                let text = (swiftValue as? String) ?? (swiftValue as? any StringEnumeration)?.rawValue
                leaf(text == (json as? String), path, json, swiftValue)
            case .integer, .long:
                leaf((swiftValue as? Int) == (json as? NSNumber)?.intValue, path, json, swiftValue)
            case .float, .double:
                let expected = (json as? NSNumber)?.doubleValue
                leaf(expected.map { abs($0 - ((swiftValue as? Double) ?? .nan)) <= 1e-9 * max(1, abs($0)) } ?? false, path, json, swiftValue)
            case .boolean:
                leaf((swiftValue as? Bool) == (json as? NSNumber)?.boolValue, path, json, swiftValue)
            case .array(let items):
                guard let list = json as? [Any], let elements = swiftValue as? [Any] else {
                    mismatches.append("\(path): the JSON has \(json), Swift has \(swiftValue)")
                    return
                }
                guard list.count == elements.count else {
                    mismatches.append("\(path): \(list.count) elements in the JSON, \(elements.count) in Swift")
                    return
                }
                for (index, (element, swiftElement)) in zip(list, elements).enumerated() {
                    value(items.type, json: element, swift: swiftElement, path: "\(path)[\(index)]", responseOnly: responseOnly)
                }
            case .object(let members):
                guard let dictionary = json as? [String: Any] else {
                    mismatches.append("\(path): the JSON has \(json), not an object")
                    return
                }
                object(members, json: dictionary, swift: swiftValue, path: path, responseOnly: responseOnly)
            }
        }

        private mutating func leaf(_ same: Bool, _ path: String, _ json: Any, _ swift: Any) {
            compared += 1
            if !same { mismatches.append("\(path): the JSON has \(json), Swift has \(swift)") }
        }
    }
}
