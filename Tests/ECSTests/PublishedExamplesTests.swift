import APIGenKit
import APIGenRuntime
import APIGenServer
import APIGenXML
import ECS
import ECSServer
import Foundation
import Testing

/// Alibaba's own examples, kept in the specs, run through the generated types: every response
/// example (JSON and XML) must decode into the action's response type, and every request's
/// example parameter values must encode into the query items Alibaba documents.
@Suite struct PublishedExamplesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Actions whose published examples are known not to fit their own schema, with the reason.
    /// Every entry must still fail (so the list cannot go stale).
    static let knownMismatches: [String: String] = [
        "DescribePrice": "the XML example gives Rule.RuleId as \"ONE_YEAR_85_PERCENT\"; the schema says int64",
        "ModifyDiskSpec": "the XML example is not well-formed (<OrderId> closed by </TaskId>)",
        "ModifyInstanceMaintenanceAttributes": "the XML example is not well-formed (the root is opened twice, never closed)",
    ]

    static func loadSpecs() throws -> [ActionSpec] {
        let pipeline = GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: repository.appendingPathComponent("Specs").path
        ))
        var diagnostics = DiagnosticCollector()
        let products = try pipeline.loadAndValidate(diagnostics: &diagnostics)
        return try #require(products.first { $0.swiftModule == "ECS" }).actions
    }

    static let requestTypes: [String: any RPCRequest.Type] = Dictionary(
        uniqueKeysWithValues: ECSProduct.requestTypes.map { ($0.action, $0) }
    )

    @Test func everyActionHasItsGeneratedTypes() throws {
        let actions = try Self.loadSpecs()
        #expect(actions.map(\.name).sorted() == Self.requestTypes.keys.sorted())
    }

    @Test func publishedResponseExamplesDecode() throws {
        var passed: [String] = []
        var failures: [String: String] = [:]
        var withoutExamples = 0
        for action in try Self.loadSpecs() {
            guard !action.responseExamples.isEmpty else {
                withoutExamples += 1
                continue
            }
            let requestType = try #require(Self.requestTypes[action.name])
            do {
                for example in action.responseExamples {
                    try Self.decodeResponse(of: requestType, from: Data(example.body.utf8), format: example.format == .json ? .json : .xml)
                }
                passed.append(action.name)
            } catch {
                failures[action.name] = "\(error)"
            }
        }
        let unexpected = failures.filter { Self.knownMismatches[$0.key] == nil }
        let stale = Self.knownMismatches.keys.filter { failures[$0] == nil }
        print("published response examples: \(passed.count) actions decode, \(failures.count) fail (\(failures.count - unexpected.count) known), \(withoutExamples) have none")
        #expect(unexpected.isEmpty, "\(unexpected.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n"))")
        #expect(stale.isEmpty, "known mismatches that now decode: \(stale)")
        #expect(!passed.isEmpty)
    }

    /// Opens the existential: decodes `R.Response` for the request type `R`.
    static func decodeResponse<R: RPCRequest>(of _: R.Type, from body: Data, format: ResponseFormat) throws {
        _ = try R.Response.decode(from: body, format: format)
    }

    @Test func publishedParameterExamplesEncodeAndDecodeBack() throws {
        var checked = 0
        var problems: [String] = []
        for action in try Self.loadSpecs() {
            let requestType = try #require(Self.requestTypes[action.name])
            var object: [String: Any] = [:]
            var expected: [String: String] = [:]
            for parameter in action.parameters {
                if let example = parameter.example, !example.isEmpty, let value = Self.jsonValue(example, for: parameter.type) {
                    object[parameter.name] = Self.completed(value, for: parameter.type)
                    if let text = Self.wireText(example, for: parameter.type) { expected[parameter.name] = text }
                } else if parameter.isRequired {
                    object[parameter.name] = Self.placeholder(for: parameter.type)
                }
            }
            do {
                let sent = action.parameters.flatMap { parameter in
                    object[parameter.name].map { Self.items($0, type: parameter.type, key: parameter.name, style: parameter.style) } ?? []
                }
                let items = try Self.queryItems(of: requestType, from: sent)
                for (name, value) in expected {
                    if !items.contains(QueryItem(name: name, value: value)) {
                        problems.append("\(action.name): \(name)=\(value) not in \(items.filter { $0.name == name })")
                    }
                }
                checked += 1
            } catch {
                problems.append("\(action.name): \(error)")
            }
        }
        print("published parameter examples: \(checked) actions encode, \(problems.count) problems")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The request a server reads from `sent`, encoded again by the client, after checking
    /// that reading those items back gives the same request (`init(parameters:)` is the
    /// inverse of `encodeQuery(into:)`).
    static func queryItems<R: RPCRequestDecodable>(of _: R.Type, from sent: [QueryItem]) throws -> [QueryItem] {
        let request = try R(parameters: RPCParameters(sent))
        let items = request.queryItems
        let decoded = try R(parameters: RPCParameters(items))
        // Where a spec names one wire parameter twice (`DataDisk.1.Size` both as a flat
        // parameter and inside the `DataDisk` list), both read it back: the wire is the same.
        guard decoded == request || Set(decoded.queryItems) == Set(items) else {
            throw RoundTripMismatch(action: R.action, sent: "\(request)", readBack: "\(decoded)")
        }
        return items
    }

    struct RoundTripMismatch: Error, CustomStringConvertible {
        var action: String
        var sent: String
        var readBack: String
        var description: String { "\(action) reads back differently from what it sent:\n  sent \(sent)\n  read \(readBack)" }
    }

    static func queryItems<R: RPCRequest>(of type: R.Type, from sent: [QueryItem]) throws -> [QueryItem] {
        guard let decodable = type as? any RPCRequestDecodable.Type else {
            throw CocoaError(.coderInvalidValue)
        }
        return try queryItems(of: decodable, from: sent)
    }

    /// A JSON value as the query items a caller sends for it under `key`: lists as `key.1`, …,
    /// objects as `key.Member`, a `json`-style value as one item holding its JSON text.
    static func items(_ value: Any, type: TypeSpec, key: String, style: ParameterStyle?) -> [QueryItem] {
        if style == .json {
            let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
            return [QueryItem(name: key, value: String(decoding: data, as: UTF8.self))]
        }
        switch type.kind {
        case .array(let element):
            let list = value as? [Any] ?? []
            return list.enumerated().flatMap { items($1, type: element.type, key: key + ".\($0 + 1)", style: nil) }
        case .object(let members):
            let object = value as? [String: Any] ?? [:]
            return members.flatMap { member in
                object[member.name].map { items($0, type: member.type, key: key + "." + member.name, style: nil) } ?? []
            }
        case .boolean:
            return [QueryItem(name: key, value: (value as? Bool ?? false) ? "true" : "false")]
        case .float, .double:
            var encoder = QueryEncoder()
            encoder.encode((value as? NSNumber)?.doubleValue, forKey: key)
            return encoder.items
        default:
            return [QueryItem(name: key, value: (value as? NSNumber)?.stringValue ?? "\(value)")]
        }
    }

    /// The example as the JSON value the request type decodes (numbers as numbers, a lone
    /// value where a list is expected as a one-element list, …).
    static func jsonValue(_ example: String, for type: TypeSpec) -> Any? {
        switch type.kind {
        case .string: return example
        case .integer, .long: return Int64(example).map { NSNumber(value: $0) }
        case .float, .double: return Double(example).map { NSNumber(value: $0) }
        case .boolean: return example == "true" ? true : example == "false" ? false : nil
        case .array(let items):
            let parsed = try? JSONSerialization.jsonObject(with: Data(example.utf8), options: [.fragmentsAllowed])
            if let list = parsed as? [Any] { return list }
            return jsonValue(example, for: items.type).map { [$0] }
        case .object:
            return (try? JSONSerialization.jsonObject(with: Data(example.utf8))) as? [String: Any]
        }
    }

    /// Fills in the required members an example leaves out, at every depth.
    static func completed(_ value: Any, for type: TypeSpec) -> Any {
        switch type.kind {
        case .array(let items):
            return (value as? [Any])?.map { completed($0, for: items.type) } ?? value
        case .object(let members):
            guard var object = value as? [String: Any] else { return value }
            for member in members {
                if let present = object[member.name] {
                    object[member.name] = completed(present, for: member.type)
                } else if member.isRequired {
                    object[member.name] = placeholder(for: member.type)
                }
            }
            return object
        default:
            return value
        }
    }

    /// What a scalar example must look like on the wire, as the runtime formats the value.
    static func wireText(_ example: String, for type: TypeSpec) -> String? {
        var encoder = QueryEncoder()
        switch type.kind {
        case .string: encoder.encode(example, forKey: "x")
        case .integer, .long: encoder.encode(Int64(example), forKey: "x")
        case .float, .double: encoder.encode(Double(example), forKey: "x")
        case .boolean: encoder.encode(example == "true" ? true : example == "false" ? false : nil, forKey: "x")
        case .array, .object: return nil
        }
        return encoder.items.first?.value
    }

    static func placeholder(for type: TypeSpec) -> Any {
        switch type.kind {
        case .string: "placeholder"
        case .integer, .long: 1
        case .float, .double: 1.5
        case .boolean: true
        case .array(let items): [placeholder(for: items.type)]
        case .object(let members):
            // An object with no member set sends nothing, so a required one gets its first member.
            completed(members.first.map { [$0.name: placeholder(for: $0.type)] } ?? [String: Any](), for: type)
        }
    }
}
