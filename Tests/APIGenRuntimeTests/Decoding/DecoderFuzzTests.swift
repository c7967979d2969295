import APIGenServer
import APIGenTestSupport
import APIGenXML
import ECS
import ECSServer
import Foundation
import Testing

@testable import APIGenRuntime

/// A seeded, bounded fuzz of what reads bytes from the network (issue 15): the JSON and XML
/// response decoders, error bodies, and a server's request reading and signature checks. Every
/// input must decode or fail with a typed error: no crash, no hang (each input is timed), and
/// the same outcome twice. Tests/Fuzz/ runs the same targets under libFuzzer.
@Suite(.serialized) struct DecoderFuzzTests {
    static let seed: UInt64 = 0x15_F022
    static let inputsPerTarget = 300

    /// Hostile changes to a seed body: byte flips, cuts, splices, deep nesting, huge tokens,
    /// invalid UTF-8, NUL, a BOM.
    static func mutated(_ body: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = body
        for _ in 0..<generator.within(1...3) {
            switch generator.below(10) {
            case 0 where !bytes.isEmpty:
                for _ in 0..<generator.within(1...8) { bytes[generator.below(bytes.count)] = UInt8(truncatingIfNeeded: generator.next()) }
            case 1: bytes = Array(bytes.prefix(generator.below(bytes.count + 1)))
            case 2:
                let depth = generator.pick([100, 1000, 100_000])
                let open: [UInt8] = generator.chance(50) ? Array("[".utf8) : Array("{\"a\":".utf8)
                let at = generator.below(bytes.count + 1)
                bytes.insert(contentsOf: Array((0..<depth).map { _ in open }.joined()), at: at)
            case 3:
                let depth = generator.pick([100, 1000, 50_000])
                let tags = Array(String(repeating: "<a>", count: depth).utf8) + Array(String(repeating: "</a>", count: depth).utf8)
                bytes.insert(contentsOf: tags, at: generator.below(bytes.count + 1))
            case 4:
                let huge = generator.pick(["1" + String(repeating: "9", count: 5000), "1e999999", "-0.0e-400", "\"" + String(repeating: "x", count: 200_000) + "\""])
                bytes.insert(contentsOf: Array(huge.utf8), at: generator.below(bytes.count + 1))
            case 5: bytes.insert(contentsOf: generator.pick([[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x00], [0xF4, 0x90, 0x80, 0x80]]), at: generator.below(bytes.count + 1))
            case 6: bytes = [0xEF, 0xBB, 0xBF] + bytes
            case 7 where !bytes.isEmpty:
                let start = generator.below(bytes.count), end = min(bytes.count, start + generator.within(1...64))
                bytes.insert(contentsOf: bytes[start..<end], at: generator.below(bytes.count + 1))
            case 8: bytes.insert(contentsOf: Array(generator.pick(["&amp;", "&#0;", "&#xD800;", "<!DOCTYPE a [<!ENTITY e \"x\">]>", "&e;", "<![CDATA[", "\\u0000", "\\ud800"]).utf8), at: generator.below(bytes.count + 1))
            default:
                let start = generator.below(bytes.count + 1)
                bytes.removeSubrange(start..<min(bytes.count, start + generator.below(17)))
            }
        }
        return bytes
    }

    /// Runs `target` on mutated seeds on a thread of its own (so a long CPU-bound loop never
    /// holds one of the few threads the test suite's tasks share), and records any input
    /// slower than 2 s, and any whose two runs disagree.
    static func fuzz(_ label: String, seeds: [[UInt8]], seed: UInt64, _ target: @escaping @Sendable ([UInt8]) -> String) async {
        let problems: [String] = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: run(label, seeds: seeds, seed: seed, target))
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
    }

    private static func run(_ label: String, seeds: [[UInt8]], seed: UInt64, _ target: ([UInt8]) -> String) -> [String] {
        var generator = SeededGenerator(seed: seed)
        var outcomes: [String: Int] = [:]
        var problems: [String] = []
        let started = ContinuousClock.now
        for index in 0..<inputsPerTarget {
            let input = mutated(generator.pick(seeds), using: &generator)
            let before = ContinuousClock.now
            let outcome = target(input)
            let elapsed = ContinuousClock.now - before
            if elapsed > .seconds(2) {
                problems.append("\(label) input \(index) (\(input.count) bytes) took \(elapsed)")
            }
            if index % 50 == 0, target(input) != outcome {
                problems.append("\(label) input \(index): two runs disagree")
            }
            outcomes[outcome.hasPrefix("ok") ? "decoded" : "typed error", default: 0] += 1
        }
        print("fuzz \(label): \(inputsPerTarget) inputs in \(ContinuousClock.now - started): \(outcomes.sorted { $0.key < $1.key })")
        return problems
    }

    static func outcome<T>(_ body: () throws -> T) -> String {
        do {
            _ = try body()
            return "ok"
        } catch {
            return "error \(type(of: error))"
        }
    }

    /// DescribeInstances' published XML example, as its spec keeps it.
    static let describeInstancesXMLExample: [UInt8] = {
        let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Specs/Ecs/DescribeInstances.xml")
        let text = (try? String(contentsOf: spec, encoding: .utf8)) ?? ""
        guard let start = text.range(of: "<example format=\"xml\">"), let end = text.range(of: "</example>", range: start.upperBound..<text.endIndex) else {
            return []
        }
        let escaped = String(text[start.upperBound..<end.lowerBound])
        let unescaped = escaped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        return Array(unescaped.utf8)
    }()

    static let jsonSeeds: [[UInt8]] = JSONPublishedExamplesTests.examples.prefix(40).map(\.body) + [
        Array(#"{"RequestId":"R","Code":"Throttling","Message":"m","HostId":"h"}"#.utf8),
    ]
    static let xmlSeeds: [[UInt8]] = [
        describeInstancesXMLExample,
        Array(#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>R</RequestId><Code>Throttling</Code><Message>m</Message></Error>"#.utf8),
    ]

    @Test(.cpuHeavy) func jsonResponses() async {
        await Self.fuzz("JSON responses", seeds: Self.jsonSeeds, seed: Self.seed) { body in
            Self.outcome { try ResponseDecoder.decode(DescribeInstancesResponse.self, from: body, format: .json, httpStatus: 200) }
                + Self.outcome { try ResponseDecoder.decode(RunInstancesResponse.self, from: body, format: .json, httpStatus: 200) }
        }
    }

    @Test(.cpuHeavy) func xmlResponses() async {
        await Self.fuzz("XML responses", seeds: Self.xmlSeeds, seed: Self.seed + 1) { body in
            Self.outcome { try ResponseDecoder.decode(DescribeInstancesResponse.self, from: body, format: .xml, httpStatus: 200) }
                + Self.outcome { try ResponseDecoder.decode(DescribeRegionsResponse.self, from: body, format: .xml, httpStatus: 200) }
        }
    }

    @Test(.cpuHeavy) func errorBodies() async {
        await Self.fuzz("error bodies", seeds: Self.jsonSeeds.suffix(1) + Self.xmlSeeds.suffix(1), seed: Self.seed + 2) { body in
            Self.outcome { try ServiceErrorPayload.decode(from: Data(body), httpStatus: 400) }
                + Self.outcome { try AttachClassicLinkVpcError.decode(from: Data(body), httpStatus: 403) }
        }
    }

    /// Request targets, headers and form bodies as a server reads them: parsing, the
    /// signature check, and decoding the typed request.
    @Test(.cpuHeavy) func serverRequests() async {
        let signer = SignatureV1(clock: { Date(timeIntervalSince1970: 1_800_000_000) }, nonce: { "n" })
        let credentials = Credentials(accessKeyId: "LTAI-f", accessKeySecret: "s")
        let call = RPCCall(
            action: "DescribeInstances", version: "2014-05-26", host: "127.0.0.1",
            parameters: DescribeInstancesRequest(regionId: "cn-hangzhou", instanceIds: ["i-1"], pageSize: 10).queryItems)
        let signed = signer.sign(call, with: credentials)
        let v3 = SignatureV3(clock: { Date(timeIntervalSince1970: 1_800_000_000) }, nonce: { "n3" }).sign(call, with: credentials)
        let seeds: [[UInt8]] = [
            Array(signed.pathAndQuery.utf8),
            Array((v3.pathAndQuery + "\n" + v3.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n")).utf8),
        ]
        let authenticator = RPCRequestAuthenticator(
            keys: StaticAccessKeyStore([AccessKeyRecord(accessKeyId: "LTAI-f", accessKeySecret: "s")]),
            clock: { Date(timeIntervalSince1970: 1_800_000_000) })
        await Self.fuzz("server requests", seeds: seeds, seed: Self.seed + 3) { input in
            let text = String(decoding: input, as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let target = lines.isEmpty ? "/" : lines.removeFirst()
            let headers = lines.compactMap { line -> (name: String, value: String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
            }
            let request = RPCServerRequest(
                method: "POST", uri: target, headers: headers + [("content-type", "application/x-www-form-urlencoded")], body: input)
            return Self.outcome { try authenticator.authenticate(request) }
                + Self.outcome { try DescribeInstancesRequest(parameters: request.parameters) }
                + "\(request.parameters.items.count)"
        }
    }
}
