import APIGenCredentials
import APIGenRuntime
import APIGenTestSupport
import Crypto
import Foundation
import Synchronization
import Testing

/// The default chain against Alibaba Cloud's official Python library (alibabacloud-credentials
/// 1.0.12, Tests/CrossCheck/credentials_crosscheck.py) on the same files and variables: for
/// every case both pick the same source and the same key, and send the same STS and metadata
/// requests; or the case names the documented difference (README, "Where apigen differs from
/// Alibaba's Python library") and both sides must show exactly it.
///
/// Neither side touches the network: the Python script replaces the library's HTTP layer with
/// a fake, and this side answers through `ClosureTransport` and a closure HTTP client that give
/// the same deterministic answers (metadata role `role-from-imds`, keys `STS.ecs.<role>`,
/// `STS.role.<caller's key>`, `STS.oidc.<token>`, `STS.uri`).
///
/// Skipped without `.build/crosscheck-venv` (`bash .ci/crosscheck-setup.sh`), unless
/// `APIGEN_REQUIRE_CROSSCHECK=1` (CI), when that is a failure.
@Suite struct PythonCredentialsCrossCheckTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var pythonPath: String {
        if let explicit = ProcessInfo.processInfo.environment["APIGEN_CROSSCHECK_PYTHON"], !explicit.isEmpty { return explicit }
        return packageRoot.appendingPathComponent(".build/crosscheck-venv/bin/python").path
    }
    static var pythonExists: Bool { FileManager.default.isExecutableFile(atPath: pythonPath) }
    static var shouldRun: Bool { pythonExists || ProcessInfo.processInfo.environment["APIGEN_REQUIRE_CROSSCHECK"] == "1" }

    struct Case: Codable, Sendable {
        var id: String
        var env: [String: String]
        var files: [String: String] = [:]
        /// A documented difference: what Python picks, then what apigen picks (`error` for none).
        var difference: Difference? = nil
    }

    struct Difference: Codable, Sendable {
        var python: String
        var apigen: String
    }

    struct Request: Codable, Sendable, Hashable {
        var host: String
        var method: String
        var path: String
        var action: String
        var params: [String: String]
    }

    struct Result: Codable, Sendable {
        var id: String
        var provider: String?
        var accessKeyId: String?
        var secretSHA256: String?
        var hasToken: Bool?
        var error: String?
        var requests: [Request]
    }

    // MARK: The cases

    static let off = ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"]
    static let ak = #"{"current":"dev","profiles":[{"name":"dev","mode":"AK","access_key_id":"LTAIcli","access_key_secret":"cli-secret"}]}"#
    static let ini = "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = ini-secret\n"
    static let env = ["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIenv", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret"]
    static let oidcEnv = [
        "ALIBABA_CLOUD_ROLE_ARN": "acs:ram::1:role/oidc", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN": "acs:ram::1:oidc-provider/ack",
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE": "$HOME/token", "ALIBABA_CLOUD_ROLE_SESSION_NAME": "pod-session",
    ]

    static func cli(_ profiles: String, current: String = "dev") -> [String: String] {
        [".aliyun/config.json": #"{"current":"\#(current)","profiles":[\#(profiles)]}"#]
    }

    static func merged(_ parts: [String: String]...) -> [String: String] {
        parts.reduce(into: [:]) { $0.merge($1) { $1 } }
    }

    static let cases: [Case] = [
        Case(id: "env-ak", env: merged(off, env)),
        Case(id: "env-sts", env: merged(off, env, ["ALIBABA_CLOUD_SECURITY_TOKEN": "env-token"])),
        Case(id: "env-beats-cli-and-ini", env: merged(off, env), files: merged(cli(#"{"name":"dev","mode":"AK","access_key_id":"LTAIcli","access_key_secret":"c"}"#), [".alibabacloud/credentials.ini": ini])),
        Case(id: "env-partial-then-cli", env: merged(off, ["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIenv"]), files: [".aliyun/config.json": ak]),
        Case(id: "oidc-env", env: merged(off, oidcEnv), files: ["token": "oidc-token-1"]),
        Case(id: "oidc-env-sts-region", env: merged(off, oidcEnv, ["ALIBABA_CLOUD_STS_REGION": "cn-shanghai", "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED": "true"]), files: ["token": "oidc-token-2"]),
        Case(id: "oidc-env-incomplete-then-cli", env: merged(off, ["ALIBABA_CLOUD_ROLE_ARN": "acs:ram::1:role/oidc"]), files: [".aliyun/config.json": ak]),
        Case(id: "cli-ak-current", env: off, files: [".aliyun/config.json": ak]),
        Case(id: "cli-profile-variable", env: merged(off, ["ALIBABA_CLOUD_PROFILE": "other"]),
             files: cli(#"{"name":"dev","mode":"AK","access_key_id":"LTAIdev","access_key_secret":"d"},{"name":"other","mode":"AK","access_key_id":"LTAIother","access_key_secret":"o"}"#)),
        Case(id: "cli-ststoken", env: off, files: cli(#"{"name":"dev","mode":"StsToken","access_key_id":"STS.cli","access_key_secret":"s","sts_token":"CAIS-cli"}"#)),
        Case(id: "cli-ramrolearn", env: off, files: cli(#"{"name":"dev","mode":"RamRoleArn","access_key_id":"LTAIsrc","access_key_secret":"s","ram_role_arn":"acs:ram::1:role/r","ram_session_name":"sess","expired_seconds":1200,"policy":"{\"Version\":\"1\"}","external_id":"ext-1","sts_region":"cn-beijing","enable_vpc":true}"#)),
        Case(id: "cli-ramrolearn-env-region", env: merged(off, ["ALIBABA_CLOUD_STS_REGION": "ap-southeast-1"]), files: cli(#"{"name":"dev","mode":"RamRoleArn","access_key_id":"LTAIsrc","access_key_secret":"s","ram_role_arn":"acs:ram::1:role/r","ram_session_name":"sess"}"#)),
        Case(id: "cli-ecsramrole", env: [:], files: cli(#"{"name":"dev","mode":"EcsRamRole","ram_role_name":"NamedRole"}"#)),
        Case(id: "cli-oidc", env: off, files: merged(cli(#"{"name":"dev","mode":"OIDC","ram_role_arn":"acs:ram::1:role/o","oidc_provider_arn":"acs:ram::1:oidc-provider/p","oidc_token_file":"$HOME/t","role_session_name":"s1"}"#), ["t": "cli-oidc-token"])),
        Case(id: "cli-chainable", env: off, files: cli(#"{"name":"base","mode":"AK","access_key_id":"LTAIbase","access_key_secret":"b"},{"name":"dev","mode":"ChainableRamRoleArn","source_profile":"base","ram_role_arn":"acs:ram::1:role/chained","ram_session_name":"c"}"#)),
        Case(id: "cli-cycle-then-ini", env: off, files: merged(cli(#"{"name":"dev","mode":"ChainableRamRoleArn","source_profile":"dev","ram_role_arn":"acs:ram::1:role/x"}"#), [".alibabacloud/credentials.ini": ini])),
        Case(id: "cli-disabled-then-ini", env: merged(off, ["ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true"]), files: [".aliyun/config.json": ak, ".alibabacloud/credentials.ini": ini]),
        Case(id: "cli-unknown-mode-then-ini", env: off, files: merged(cli(#"{"name":"dev","mode":"Bogus"}"#), [".alibabacloud/credentials.ini": ini])),
        Case(id: "cli-broken-json-then-ini", env: off, files: [".aliyun/config.json": "{\"current\": ", ".alibabacloud/credentials.ini": ini]),
        Case(id: "cli-short-duration-then-ini", env: off, files: merged(cli(#"{"name":"dev","mode":"RamRoleArn","access_key_id":"a","access_key_secret":"b","ram_role_arn":"acs:ram::1:role/r","expired_seconds":600}"#), [".alibabacloud/credentials.ini": ini])),
        Case(id: "ini-access-key", env: off, files: [".alibabacloud/credentials.ini": ini]),
        Case(id: "ini-variable-and-section", env: merged(off, ["ALIBABA_CLOUD_CREDENTIALS_FILE": "$HOME/creds.ini", "ALIBABA_CLOUD_PROFILE": "prod"]),
             files: ["creds.ini": ini + "\n[prod]\ntype = access_key\naccess_key_id = LTAIprod\naccess_key_secret = p\n"]),
        Case(id: "ini-ram-role-arn", env: merged(off, ["ALIBABA_CLOUD_STS_REGION": "cn-hangzhou"]),
             files: [".alibabacloud/credentials.ini": "[default]\ntype = ram_role_arn\naccess_key_id = LTAIiniSrc\naccess_key_secret = s\nrole_arn = acs:ram::1:role/ini\nrole_session_name = ini-session\npolicy = {\"Version\":\"1\"}\n"]),
        Case(id: "ini-oidc-role-arn", env: off,
             files: [".alibabacloud/credentials.ini": "[default]\ntype = oidc_role_arn\nrole_arn = acs:ram::1:role/io\noidc_provider_arn = acs:ram::1:oidc-provider/ip\noidc_token_file_path = $HOME/tok\nrole_session_name = io\n", "tok": "ini-oidc-token"]),
        Case(id: "ini-ecs-ram-role", env: [:], files: [".alibabacloud/credentials.ini": "[default]\ntype = ecs_ram_role\nrole_name = IniRole\n"]),
        Case(id: "imds-discovered", env: [:]),
        Case(id: "imds-named-by-variable", env: ["ALIBABA_CLOUD_ECS_METADATA": "EnvRole"]),
        Case(id: "credentials-uri", env: merged(off, ["ALIBABA_CLOUD_CREDENTIALS_URI": "http://127.0.0.1:1/credentials"])),
        Case(id: "nothing-configured", env: off),

        // The documented differences.
        Case(id: "difference-ini-plain-name", env: [:], files: [".alibabacloud/credentials": ini],
             difference: Difference(python: "ecs_ram_role STS.ecs.role-from-imds", apigen: "credentials_file LTAIini")),
        Case(id: "difference-config-file-variable", env: merged(off, ["ALIBABA_CLOUD_CONFIG_FILE": "$HOME/elsewhere.json"]), files: ["elsewhere.json": ak],
             difference: Difference(python: "error", apigen: "cli_profile LTAIcli")),
        Case(id: "difference-secret-from-environment", env: merged(off, ["ALIBABA_CLOUD_ACCESS_KEY_SECRET": "env-secret"]),
             files: cli(#"{"name":"dev","mode":"AK","access_key_id":"LTAIhalf"}"#),
             difference: Difference(python: "cli_profile LTAIhalf", apigen: "error")),
        Case(id: "difference-hash-in-value", env: off,
             files: [".alibabacloud/credentials.ini": "[default]\ntype = access_key\naccess_key_id = LTAIhash\naccess_key_secret = abc#def\n"],
             difference: Difference(python: "credentials_file LTAIhash secret abc", apigen: "credentials_file LTAIhash secret abc#def")),
        Case(id: "difference-percent-in-value", env: [:],
             files: [".alibabacloud/credentials.ini": "[default]\ntype = access_key\naccess_key_id = LTAIpct\naccess_key_secret = 50%off\n"],
             difference: Difference(python: "ecs_ram_role STS.ecs.role-from-imds", apigen: "credentials_file LTAIpct")),
    ]

    // MARK: apigen's side

    /// What the fakes answer, as the Python script's fake does.
    static func document(_ key: String, code: Bool) -> String {
        #"{\#(code ? #""Code":"Success","# : "")"AccessKeyId":"\#(key)","AccessKeySecret":"secret-of-\#(key)","SecurityToken":"token-of-\#(key)","Expiration":"2099-01-01T00:00:00Z"}"#
    }

    final class Recorder: Sendable {
        let requests = Mutex<[Request]>([])
        func append(_ request: Request) { requests.withLock { $0.append(request) } }
        var all: [Request] { requests.withLock { $0 } }
    }

    struct FakeHTTP: CredentialsHTTPClient {
        let recorded: Recorder

        func send(_ request: CredentialsHTTPRequest, timeout: Duration) async throws(CredentialsHTTPError) -> CredentialsHTTPResponse {
            let url = URLComponents(string: request.url)
            let host = url?.host ?? ""
            let path = url?.path ?? ""
            recorded.append(Request(host: host, method: request.method, path: path, action: "", params: [:]))
            let prefix = "/latest/meta-data/ram/security-credentials/"
            if host == "100.100.100.200" {
                if request.method == "PUT" { return .init(status: 200, body: Array("imds-token".utf8)) }
                if path == prefix || path + "/" == prefix { return .init(status: 200, body: Array("role-from-imds".utf8)) }
                if path.hasPrefix(prefix) { return .init(status: 200, body: Array(document("STS.ecs." + path.dropFirst(prefix.count), code: true).utf8)) }
                return .init(status: 404, body: [])
            }
            return .init(status: 200, body: Array(document("STS.uri", code: true).utf8))
        }
    }

    static let compared: Set<String> = ["RoleArn", "RoleSessionName", "DurationSeconds", "Policy", "ExternalId", "OIDCProviderArn", "OIDCToken", "AccessKeyId"]

    static func runApigen(_ testCase: Case) async throws -> Result {
        let home = try TemporaryHome()
        defer { home.remove() }
        for (name, text) in testCase.files { try home.write(name, text.replacingOccurrences(of: "$HOME", with: home.path)) }
        var environment = testCase.env.mapValues { $0.replacingOccurrences(of: "$HOME", with: home.path) }
        environment["HOME"] = home.path
        let recorded = Recorder()
        let sts = ClosureTransport { request, endpoint throws(TransportError) in
            var params: [String: String] = [:]
            for item in request.queryItems { params[item.name] = item.value }
            for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                if parts.count == 2 { params[parts[0]] = parts[1] }
            }
            if let authorization = request.headers["authorization"], let start = authorization.range(of: "Credential="),
                let end = authorization[start.upperBound...].firstIndex(of: ",")
            {
                params["AccessKeyId"] = String(authorization[start.upperBound..<end])
            }
            let action = request.headers["x-acs-action"] ?? params["Action"] ?? ""
            recorded.append(Request(host: endpoint.host, method: "", path: "", action: action, params: params.filter { compared.contains($0.key) }))
            let key = action == "AssumeRole" ? "STS.role." + (params["AccessKeyId"] ?? "") : "STS.oidc." + (params["OIDCToken"] ?? "")
            return TransportResponse(status: 200, body: Array(#"{"RequestId":"r","Credentials":\#(document(key, code: false))}"#.utf8))
        }
        let configuration = CredentialsConfiguration(
            environment: environment, homeDirectory: home.path, httpClient: FakeHTTP(recorded: recorded), stsTransport: sts,
            logger: CapturedLogs().logger)
        let chain = DefaultCredentialsChain(configuration: configuration)
        do {
            let credentials = try await chain.credentials()
            return Result(
                id: testCase.id, provider: await chain.selectedSource, accessKeyId: credentials.accessKeyId,
                secretSHA256: SHA256.hash(data: Data(credentials.accessKeySecret.utf8)).map { String(format: "%02x", $0) }.joined(),
                hasToken: credentials.securityToken != nil, error: nil, requests: recorded.all)
        } catch {
            return Result(id: testCase.id, provider: nil, accessKeyId: nil, secretSHA256: nil, hasToken: nil, error: "\(error)", requests: recorded.all)
        }
    }

    // MARK: Comparing

    /// The chain step a provider name starts with, in apigen's words.
    static func source(python name: String) -> String {
        let step = name.split(separator: "/").dropFirst().first.map(String.init) ?? name
        return ["env": "environment", "profile": "credentials_file", "credential_uri": "credentials_uri", "credentials_uri": "credentials_uri"][step] ?? step
    }

    static func source(apigen name: String) -> String {
        let step = name.dropFirst("default/".count)
        return String(step.prefix { $0 != "(" && $0 != "/" && $0 != "[" })
    }

    /// What the comparison looks at: the step, the key, a secret digest, whether a token came,
    /// and the STS calls (host, action, parameters; the session name only where the case sets
    /// it, since the defaults are `credentials-python-<time>` and `apigen-<time>`) and the metadata
    /// paths asked for (Python asks for a new IMDSv2 token before each request).
    static func summary(_ result: Result, python: Bool, explicitSessionName: Bool) -> String {
        guard result.error == nil, let provider = result.provider, let key = result.accessKeyId else { return "error" }
        let step = python ? source(python: provider) : source(apigen: provider)
        let text = "\(step) \(key) secret=\(result.secretSHA256?.prefix(12) ?? "") token=\(result.hasToken == true)"
        let sts = result.requests.filter { !$0.action.isEmpty }.map { request -> String in
            var params = request.params
            if !explicitSessionName { params["RoleSessionName"] = nil }
            if request.action == "AssumeRoleWithOIDC" { params["AccessKeyId"] = nil }
            return "\(request.host) \(request.action) " + params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        let metadata = Set(result.requests.filter { $0.host == "100.100.100.200" }.map { "\($0.method) \($0.path)" })
        return ([text] + sts + metadata.sorted()).joined(separator: "\n  ")
    }

    @Test("The same files and variables give the same source and key as Alibaba's Python library", .enabled(if: shouldRun))
    func sameSourceAndKey() async throws {
        try #require(Self.pythonExists, "APIGEN_REQUIRE_CROSSCHECK=1 but there is no Python at \(Self.pythonPath); run .ci/crosscheck-setup.sh")
        let python = try await Self.runPython(Self.cases)
        #expect(python.count == Self.cases.count)
        var same = 0
        var documented = 0
        for testCase in Self.cases {
            guard let theirs = python.first(where: { $0.id == testCase.id }) else {
                Issue.record("\(testCase.id): no Python result")
                continue
            }
            let ours = try await Self.runApigen(testCase)
            let explicit = testCase.files.values.contains { $0.contains("session") || $0.contains("role_session_name") } || testCase.env["ALIBABA_CLOUD_ROLE_SESSION_NAME"] != nil
            let theirSummary = Self.summary(theirs, python: true, explicitSessionName: explicit)
            let ourSummary = Self.summary(ours, python: false, explicitSessionName: explicit)
            if let difference = testCase.difference {
                documented += 1
                #expect(Self.shortForm(theirs, python: true) == difference.python, "\(testCase.id): Python \(theirSummary) \(theirs.error ?? "")")
                #expect(Self.shortForm(ours, python: false) == difference.apigen, "\(testCase.id): apigen \(ourSummary) \(ours.error ?? "")")
                if difference.python.contains("secret") { #expect(theirs.secretSHA256 != ours.secretSHA256) }
            } else {
                #expect(theirSummary == ourSummary, "\(testCase.id):\nPython: \(theirSummary) \(theirs.error ?? "")\napigen: \(ourSummary) \(ours.error ?? "")")
                if theirSummary == ourSummary { same += 1 }
            }
        }
        print("Credentials cross-check: \(Self.cases.count) cases against alibabacloud-credentials 1.0.12: \(same) the same, \(documented) documented differences")
    }

    /// `step key`, with `secret <text>` for the cases about how a value is read.
    static func shortForm(_ result: Result, python: Bool) -> String {
        guard result.error == nil, let provider = result.provider, let key = result.accessKeyId else { return "error" }
        let step = python ? source(python: provider) : source(apigen: provider)
        let secrets = ["abc": "abc", "abc#def": "abc#def"]
        for (text, shown) in secrets where SHA256.hash(data: Data(text.utf8)).map({ String(format: "%02x", $0) }).joined() == result.secretSHA256 {
            return "\(step) \(key) secret \(shown)"
        }
        return "\(step) \(key)"
    }

    static func runPython(_ cases: [Case]) async throws -> [Result] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apigen-credentials-crosscheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("input.json")
        let output = directory.appendingPathComponent("output.json")
        let errors = directory.appendingPathComponent("stderr")
        try JSONEncoder().encode(["cases": cases]).write(to: input)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pythonPath)
        process.arguments = ["-B", packageRoot.appendingPathComponent("Tests/CrossCheck/credentials_crosscheck.py").path]
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        // Polled rather than waited for, so no thread of the shared pool is blocked.
        let deadline = ContinuousClock.now + .seconds(300)
        while process.isRunning {
            if ContinuousClock.now > deadline { process.terminate() }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard process.terminationStatus == 0 else {
            throw CredentialsSourceError(source: "crosscheck", "the Python script failed: \(String(decoding: try Data(contentsOf: errors), as: UTF8.self).suffix(2000))")
        }
        struct Output: Decodable { var results: [Result] }
        return try JSONDecoder().decode(Output.self, from: Data(contentsOf: output)).results
    }
}
