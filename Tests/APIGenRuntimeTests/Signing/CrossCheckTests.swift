import Foundation
import Testing

@testable import APIGenRuntime

/// Cross-check against Alibaba Cloud's official Python SDK (Tests/CrossCheck/crosscheck.py):
/// a few hundred deterministic cases go to one Python process as JSON on stdin; the SDK's
/// string to sign and signature (1.0), canonical request, its hash and Authorization (V3), and
/// flattened query items must equal ours.
///
/// The interpreter is `$APIGEN_CROSSCHECK_PYTHON`, else `.build/crosscheck-venv/bin/python`
/// (made by `.ci/crosscheck-setup.sh`). Without one the tests are skipped, unless
/// `APIGEN_REQUIRE_CROSSCHECK=1`, when they fail.
extension Signing {
    @Suite("Cross-check with Alibaba Cloud's Python SDK")
    struct CrossCheckTests {
        static let skipMessage: Comment = """
            Cross-check skipped: no Python with Alibaba Cloud's SDK at \
            \(CrossCheck.pythonPath) (set APIGEN_CROSSCHECK_PYTHON, or run .ci/crosscheck-setup.sh; \
            APIGEN_REQUIRE_CROSSCHECK=1 makes this a failure)
            """

        @Test("Signature 1.0: string to sign and signature", .enabled(if: CrossCheck.shouldRun, skipMessage))
        func rpcSignature() throws {
            try Self.compare(kind: "rpc", minimum: 100) { expected, result in
                [
                    ("string to sign", expected.stringToSign, result.stringToSign),
                    ("signature", expected.signature, result.signature),
                ]
            }
        }

        @Test("Signature 1.0 with names of any characters: sorted raw, then encoded", .enabled(if: CrossCheck.shouldRun, skipMessage))
        func rpcSignatureAnyNames() throws {
            try Self.compare(kind: "rpc-names", minimum: 100) { expected, result in
                [
                    ("string to sign", expected.stringToSign, result.stringToSign),
                    ("signature", expected.signature, result.signature),
                ]
            }
        }

        @Test("V3 with names of any characters: canonical request, hash and Authorization", .enabled(if: CrossCheck.shouldRun, skipMessage))
        func v3SignerAnyNames() throws {
            try Self.compare(kind: "v3-names", minimum: 100, fields: Self.v3Fields)
        }

        @Test("V3 through the signer: canonical request, hash and Authorization", .enabled(if: CrossCheck.shouldRun, skipMessage))
        func v3Signer() throws {
            try Self.compare(kind: "v3-signer", minimum: 100, fields: Self.v3Fields)
        }

        @Test("V3 from parts: any method, headers in any case with padding, any body", .enabled(if: CrossCheck.shouldRun, skipMessage))
        func v3Parts() throws {
            try Self.compare(kind: "v3-parts", minimum: 80, fields: Self.v3Fields)
        }

        @Test("Flattening lists and nested objects into query items", .enabled(if: CrossCheck.shouldRun, skipMessage))
        func flattening() throws {
            try Self.compare(kind: "flatten", minimum: 100) { expected, result in
                let ours = expected.items ?? []
                let booleans = expected.booleanNames ?? []
                // Known difference: the SDK flattens with Python's str(), so a Bool is True/False;
                // the documented (and our) form is true/false. Only that is mapped, only for Bool leaves.
                let oursAsSDK = ours.map { item in
                    booleans.contains(item.name) ? [item.name, item.value == "true" ? "True" : "False"] : [item.name, item.value]
                }
                let booleansWellFormed = ours.allSatisfy { !booleans.contains($0.name) || $0.value == "true" || $0.value == "false" }
                return [
                    ("items", "\(oursAsSDK)", result.items.map { "\($0)" }),
                    ("booleans are true/false", "true", "\(booleansWellFormed)"),
                ]
            }
        }

        static func v3Fields(_ expected: CrossCheckExpectation, _ result: CrossCheckSDKResult) -> [(String, String?, String?)] {
            [
                ("canonical request", expected.canonicalRequest, result.canonicalRequest),
                ("canonical request hash", expected.canonicalRequestHash, result.canonicalRequestHash),
                ("string to sign", expected.stringToSign, result.stringToSign),
                ("authorization", expected.authorization, result.authorization),
                ("payload hash", expected.payloadHash, result.payloadHash),
            ]
        }

        /// Compares every case of `kind` with both SDK packages' results; details are recorded
        /// for the first few differing cases, then one count for all.
        static func compare(
            kind: String,
            minimum: Int,
            fields: (CrossCheckExpectation, CrossCheckSDKResult) -> [(String, String?, String?)]
        ) throws {
            let run = try CrossCheck.run()
            let cases = run.cases.filter { $0.kind == kind }
            #expect(cases.count >= minimum)
            var differing: [Int] = []
            for testCase in cases {
                let expected = try #require(run.expectations[testCase.id])
                var differs = false
                for (sdk, result) in try run.results(for: testCase.id) {
                    for (field, ours, theirs) in fields(expected, result) where ours == nil || ours != theirs {
                        differs = true
                        if differing.count < 3 {
                            Issue.record("case \(testCase.id) (\(kind)), \(field): ours \(String(reflecting: ours)), \(sdk) \(String(reflecting: theirs))")
                        }
                    }
                }
                if differs { differing.append(testCase.id) }
            }
            #expect(differing.isEmpty, "\(differing.count) of \(cases.count) \(kind) cases differ from the SDK: \(differing.prefix(20))")
        }
    }
}

// MARK: - Running the Python side

enum CrossCheck {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)  // …/Tests/APIGenRuntimeTests/Signing/CrossCheckTests.swift
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scriptPath = packageRoot.appendingPathComponent("Tests/CrossCheck/crosscheck.py").path

    static var pythonPath: String {
        if let explicit = ProcessInfo.processInfo.environment["APIGEN_CROSSCHECK_PYTHON"], !explicit.isEmpty {
            return explicit
        }
        return packageRoot.appendingPathComponent(".build/crosscheck-venv/bin/python").path
    }

    static var pythonExists: Bool { FileManager.default.isExecutableFile(atPath: pythonPath) }
    static var isRequired: Bool { ProcessInfo.processInfo.environment["APIGEN_REQUIRE_CROSSCHECK"] == "1" }
    /// Run when there is a Python, or when CI requires it (and the missing Python then fails).
    static var shouldRun: Bool { pythonExists || isRequired }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One run of the script over all cases, shared by the tests (the process starts once).
    struct Run: Sendable {
        var cases: [CrossCheckCase]
        var expectations: [Int: CrossCheckExpectation]
        var output: CrossCheckOutput

        func results(for id: Int) throws -> [(String, CrossCheckSDKResult)] {
            guard let result = output.results.first(where: { $0.id == id }) else {
                throw Failure(description: "the script returned no result for case \(id)")
            }
            guard result.sdks.count == 2 else {
                throw Failure(description: "case \(id): expected results from 2 SDK packages, got \(result.sdks.keys.sorted())")
            }
            return result.sdks.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }

    private static let shared: Result<Run, Failure> = {
        guard pythonExists else {
            return .failure(Failure(description: "APIGEN_REQUIRE_CROSSCHECK=1 but there is no Python at \(pythonPath); run .ci/crosscheck-setup.sh"))
        }
        do {
            let (cases, expectations) = CrossCheckCases.make()
            let input = try JSONEncoder().encode(CrossCheckInput(cases: cases))
            let outputData = try runScript(input: input)
            let output = try JSONDecoder().decode(CrossCheckOutput.self, from: outputData)
            guard output.results.count == cases.count else {
                return .failure(Failure(description: "sent \(cases.count) cases, got \(output.results.count) results"))
            }
            let kinds = Dictionary(grouping: cases, by: \.kind).mapValues(\.count).sorted { $0.key < $1.key }
            let booleans = expectations.values.reduce(0) { $0 + ($1.booleanNames?.count ?? 0) }
            let flattened = expectations.values.reduce(0) { $0 + ($1.items?.count ?? 0) }
            print("""
                Cross-check: \(cases.count) cases (\(kinds.map { "\($0.value) \($0.key)" }.joined(separator: ", "))) \
                against \(output.versions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); \
                \(flattened) flattened items, \(booleans) of them booleans compared as the SDK's True/False
                """)
            return .success(Run(cases: cases, expectations: expectations, output: output))
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(description: "cross-check setup failed: \(error)"))
        }
    }()

    static func run() throws -> Run {
        try shared.get()
    }

    /// Runs the script with `input` on stdin; stdout and stderr go to temporary files, so
    /// neither side can block on a full pipe.
    private static func runScript(input: Data) throws -> Data {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("apigen-crosscheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdoutURL = directory.appendingPathComponent("stdout")
        let stderrURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: pythonPath)
        process.arguments = ["-B", scriptPath]  // -B: no __pycache__ in the source tree
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()

        let deadline = Date().addingTimeInterval(300)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw Failure(description: "crosscheck.py did not finish within 300 s")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        try stdout.close()
        try stderr.close()
        let output = try Data(contentsOf: stdoutURL)
        let errors = String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(description: "crosscheck.py exited with \(process.terminationStatus): \(errors)")
        }
        return output
    }
}

// MARK: - What goes to and comes from the script

struct CrossCheckInput: Encodable {
    var cases: [CrossCheckCase]
}

/// One case as the script reads it; only the fields of its kind are set.
struct CrossCheckCase: Encodable, Sendable {
    var id: Int
    /// `rpc`, `v3-signer`, `v3-parts` or `flatten`; the script sees `rpc`, `v3`, `flatten`.
    var kind: String
    var method: String?
    var path: String?
    var secret: String?
    var accessKeyId: String?
    var params: [[String]]?
    var query: [[String]]?
    var headers: [[String]]?
    var bodyHex: String?
    var name: String?
    var value: CrossCheckValue?

    enum CodingKeys: String, CodingKey {
        case id, kind, method, path, secret, accessKeyId, params, query, headers, bodyHex, name, value
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind.hasPrefix("v3") ? "v3" : kind.hasPrefix("rpc") ? "rpc" : kind, forKey: .kind)
        try container.encodeIfPresent(method, forKey: .method)
        try container.encodeIfPresent(path, forKey: .path)
        try container.encodeIfPresent(secret, forKey: .secret)
        try container.encodeIfPresent(accessKeyId, forKey: .accessKeyId)
        try container.encodeIfPresent(params, forKey: .params)
        try container.encodeIfPresent(query, forKey: .query)
        try container.encodeIfPresent(headers, forKey: .headers)
        try container.encodeIfPresent(bodyHex, forKey: .bodyHex)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(value, forKey: .value)
    }
}

/// What our side computed for a case.
struct CrossCheckExpectation: Sendable {
    var stringToSign: String?
    var signature: String?
    var canonicalRequest: String?
    var canonicalRequestHash: String?
    var authorization: String?
    var payloadHash: String?
    var items: [QueryItem]?
    /// Flattened names whose value is a Bool (the SDK writes them as True/False).
    var booleanNames: Set<String>?
}

struct CrossCheckOutput: Decodable, Sendable {
    var versions: [String: String]
    var results: [CrossCheckResult]
}

struct CrossCheckResult: Decodable, Sendable {
    var id: Int
    var sdks: [String: CrossCheckSDKResult]
}

struct CrossCheckSDKResult: Decodable, Sendable {
    var stringToSign: String?
    var signature: String?
    var canonicalRequest: String?
    var canonicalRequestHash: String?
    var authorization: String?
    var payloadHash: String?
    var items: [[String]]?
}

/// A JSON-like value to flatten: scalars and lists use the runtime's own `QueryValue`
/// conformances; objects do what generated types do (`key.WireName` per set property).
indirect enum CrossCheckValue: QueryValue, Encodable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case double(Double)
    case list([CrossCheckValue])
    case object([(String, CrossCheckValue)])
    /// An unset value: encodes nothing (a list keeps counting past it, as the SDK does).
    case null

    func encodeQuery(into query: inout QueryEncoder, key: String) {
        switch self {
        case .string(let value): query.encode(value, forKey: key)
        case .int(let value): query.encode(value, forKey: key)
        case .bool(let value): query.encode(value, forKey: key)
        case .double(let value): query.encode(value, forKey: key)
        case .list(let values): query.encode(values, forKey: key)
        case .object(let members):
            for (name, value) in members {
                value.encodeQuery(into: &query, key: key + "." + name)
            }
        case .null: break
        }
    }

    /// The flattened names of the Bool leaves, named as the encoder names them.
    func booleanNames(key: String) -> [String] {
        switch self {
        case .bool: [key]
        case .list(let values):
            values.enumerated().flatMap { $1.booleanNames(key: key + "." + String($0 + 1)) }
        case .object(let members):
            members.flatMap { $1.booleanNames(key: key + "." + $0) }
        default: []
        }
    }

    /// Tagged, so JSON keeps the types apart: {"s"}, {"i"}, {"b"}, {"d": text}, {"l"}, {"o": [[k, v]]}, {"n": null}.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Tag.self)
        switch self {
        case .string(let value): try container.encode(value, forKey: .s)
        case .int(let value): try container.encode(value, forKey: .i)
        case .bool(let value): try container.encode(value, forKey: .b)
        case .double(let value): try container.encode(value.description, forKey: .d)
        case .list(let values): try container.encode(values, forKey: .l)
        case .object(let members): try container.encode(members.map { ObjectMember(name: $0.0, value: $0.1) }, forKey: .o)
        case .null: try container.encodeNil(forKey: .n)
        }
    }

    private enum Tag: String, CodingKey { case s, i, b, d, l, o, n }

    private struct ObjectMember: Encodable {
        var name: String
        var value: CrossCheckValue

        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(name)
            try container.encode(value)
        }
    }
}
