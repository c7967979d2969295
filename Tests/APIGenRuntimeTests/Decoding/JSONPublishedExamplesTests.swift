import APIGenTestSupport
import ECS
import Foundation
import Testing

@testable import APIGenRuntime
@testable import APIGenXML

/// Alibaba's published JSON response examples for every ECS action, decoded into the generated
/// response types by Foundation's `JSONDecoder` and by apigen's JSON decoder: same values, or
/// same errors; then the same with the examples mangled, and with a 1,000-instance
/// DescribeInstances response.
@Suite("JSON decoder: published ECS examples")
struct JSONPublishedExamplesTests {
    static let specs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Specs/Ecs")

    struct Example {
        var action: String
        var body: [UInt8]
    }

    /// Every JSON `<example>` in the ECS specs (the text of an example element that starts
    /// with `{` or `[`), read with the runtime's XML reader.
    static let examples: [Example] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: specs.path)) ?? []
        var examples: [Example] = []
        for file in files.sorted() where file.hasSuffix(".xml") && file != "product.xml" {
            guard let data = FileManager.default.contents(atPath: specs.appendingPathComponent(file).path),
                  let tree = try? data.withUnsafeBytes({ try XMLTree.parse($0) })
            else { continue }
            for element in 0..<Int32(tree.nodes.count) where tree.name(of: element) == "example" {
                let text = XMLScalar.trimmed(tree.textBytes(of: element))
                guard let first = text.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { continue }
                examples.append(Example(action: String(file.dropLast(4)), body: Array(text)))
            }
        }
        return examples
    }()

    static let responseTypes: [String: any RPCRequest.Type] = Dictionary(
        uniqueKeysWithValues: ECSProduct.requestTypes.map { ($0.action, $0) })

    /// Opens the existential: compares the decoders on `R.Response`.
    static func difference<R: RPCRequest>(_: R.Type, _ body: [UInt8]) -> String? {
        JSONDifferential.difference(R.Response.self, body)
    }

    static func decodesWithJSONDecoder<R: RPCRequest>(_: R.Type, _ body: [UInt8]) -> Bool {
        (try? JSONDifferential.foundation(R.Response.self, body)) != nil
    }

    @Test func everyPublishedExampleDecodesAsWithJSONDecoder() throws {
        #expect(Self.examples.count >= 290)
        var differences: [String] = []
        var decoded = 0
        for example in Self.examples {
            let type = try #require(Self.responseTypes[example.action], "no generated type for \(example.action)")
            if let difference = Self.difference(type, example.body) {
                differences.append("\(example.action): \(difference)")
            }
            if Self.decodesWithJSONDecoder(type, example.body) { decoded += 1 }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        // Nearly all examples fit their schema; the comparison is not only of errors.
        #expect(decoded >= Self.examples.count - 5)
    }

    @Test func mangledExamplesDecodeOrFailAsWithJSONDecoder() throws {
        var generator = SeededGenerator(seed: 6)
        var differences: [String] = []
        var outcomes = (decoded: 0, failed: 0)
        for example in Self.examples {
            let type = try #require(Self.responseTypes[example.action])
            for _ in 0..<24 {
                let body = JSONDifferential.mutated(example.body, using: &generator)
                if let difference = Self.difference(type, body) {
                    differences.append("\(example.action): \(difference)")
                }
                if Self.decodesWithJSONDecoder(type, body) { outcomes.decoded += 1 } else { outcomes.failed += 1 }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))")
        // Both sides of the comparison are exercised.
        #expect(outcomes.decoded > 500)
        #expect(outcomes.failed > 500)
    }

    /// The benchmark's input: the published DescribeInstances example with 1,000 instances.
    @Test(.cpuHeavy) func aThousandInstancesDecodeAsWithJSONDecoder() throws {
        let example = try #require(Self.examples.first { $0.action == "DescribeInstances" })
        let text = String(decoding: example.body, as: UTF8.self)
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let wrapper = object["Instances"] as? [String: Any],
              let instance = (wrapper["Instance"] as? [Any])?.first as? [String: Any]
        else {
            Issue.record("the DescribeInstances example has no Instances.Instance list")
            return
        }
        var top = object
        top["Instances"] = ["Instance": (0..<1000).map { number -> [String: Any] in
            var copy = instance
            copy["InstanceId"] = "i-\(number)"
            return copy
        }]
        let body = [UInt8](try JSONSerialization.data(withJSONObject: top))
        #expect(body.count > 1_000_000)
        let theirs = try JSONDifferential.foundation(ECS.DescribeInstancesResponse.self, body)
        let ours = try JSONDifferential.apigen(ECS.DescribeInstancesResponse.self, body)
        #expect(ours == theirs)
        #expect(ours.instances.count == 1000)
        #expect(ours.instances.last?.instanceId == "i-999")
        #expect(try ResponseDecoder.decode(ECS.DescribeInstancesResponse.self, from: body, format: .json) == theirs)
    }

    @Test func errorBodiesDecodeThroughTheNewDecoder() throws {
        let body = Data(#"{"RequestId":"r","HostId":"ecs.aliyuncs.com","Code":"Throttling","Message":"slow \"down\" \u00e9","Recommend":3}"#.utf8)
        let payload = try ServiceErrorPayload.decode(from: body, httpStatus: 400)
        #expect(payload.code == "Throttling")
        #expect(payload.message == "slow \"down\" é")
        #expect(payload.recommend == "3")
    }
}
