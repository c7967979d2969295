import APIGenKit
import APIGenRuntime
import ECS
import Foundation
import Testing

/// Alibaba's own examples, kept in the specs, run through the generated types: every response
/// example (JSON and XML) must decode into the action's response type, and every request's
/// example parameter values must encode into the query items Alibaba documents.
@Suite struct PublishedExamplesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Actions whose published examples are known not to fit their own schema, with the reason.
    /// Every entry must still fail (so the list cannot go stale).
    static let knownMismatches: [String: String] = [:]

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

    @Test func publishedParameterExamplesEncode() throws {
        var checked = 0
        var problems: [String] = []
        for action in try Self.loadSpecs() {
            let requestType = try #require(Self.requestTypes[action.name])
            var object: [String: Any] = [:]
            var expected: [String: String] = [:]
            for parameter in action.parameters {
                if let example = parameter.example, !example.isEmpty, let value = Self.jsonValue(example, for: parameter.type) {
                    object[parameter.name] = value
                    if Self.isScalar(parameter.type) { expected[parameter.name] = Self.wireText(value) }
                } else if parameter.isRequired {
                    object[parameter.name] = Self.placeholder(for: parameter.type)
                }
            }
            do {
                let data = try JSONSerialization.data(withJSONObject: object)
                let items = try Self.queryItems(of: requestType, from: data)
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

    static func queryItems<R: RPCRequest & Decodable>(of _: R.Type, from data: Data) throws -> [QueryItem] {
        try JSONDecoder().decode(R.self, from: data).queryItems
    }

    static func queryItems<R: RPCRequest>(of type: R.Type, from data: Data) throws -> [QueryItem] {
        guard let decodable = type as? any (RPCRequest & Decodable).Type else {
            throw CocoaError(.coderInvalidValue)
        }
        return try queryItems(of: decodable, from: data)
    }

    static func isScalar(_ type: TypeSpec) -> Bool {
        switch type.kind {
        case .array, .object: false
        default: true
        }
    }

    /// The example as the JSON value the request type decodes (numbers as numbers, …).
    static func jsonValue(_ example: String, for type: TypeSpec) -> Any? {
        switch type.kind {
        case .string: example
        case .integer, .long: Int64(example).map { NSNumber(value: $0) }
        case .float, .double: Double(example).map { NSNumber(value: $0) }
        case .boolean: example == "true" ? true : example == "false" ? false : nil
        case .array, .object: (try? JSONSerialization.jsonObject(with: Data(example.utf8), options: [.fragmentsAllowed]))
        }
    }

    static func wireText(_ value: Any) -> String {
        if let bool = value as? Bool { return bool ? "true" : "false" }
        return "\(value)"
    }

    static func placeholder(for type: TypeSpec) -> Any {
        switch type.kind {
        case .string: "placeholder"
        case .integer, .long: 1
        case .float, .double: 1.5
        case .boolean: true
        case .array: [Any]()
        case .object: [String: Any]()
        }
    }
}
