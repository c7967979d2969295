import APIGenCredentials
import APIGenRuntime
import APIGenTestSupport
import Foundation
import Synchronization
import Testing

/// The instance role from a fake metadata service on loopback: IMDSv2, the fall-back to v1,
/// token refusal with v1 disabled, role discovery, slow answers, and caching.
@Suite struct ECSRAMRoleCredentialsTests {
    /// How the fake metadata service behaves.
    struct Behaviour: Sendable {
        var tokenStatus = 200
        var requireToken = true
        var role: String? = "EcsRole"
        var delay: Duration = .zero
        var document: String? = nil
    }

    static func expiration(_ seconds: TimeInterval = 6 * 3600) -> String {
        SigningTimestamp.string(from: Date().addingTimeInterval(seconds))
    }

    static func start(_ behaviour: Behaviour) async throws -> LoopbackHTTPServer {
        try await LoopbackHTTPServer.start { request in
            if behaviour.delay > .zero { try? await Task.sleep(for: behaviour.delay) }
            if request.method == "PUT" && request.path == "/latest/api/token" {
                guard request.headers["x-aliyun-ecs-metadata-token-ttl-seconds"] == "21600" else { return .init(status: 400) }
                return behaviour.tokenStatus == 200 ? .init(status: 200, body: Array("imds-session-token".utf8)) : .init(status: behaviour.tokenStatus)
            }
            if behaviour.requireToken && request.headers["x-aliyun-ecs-metadata-token"] != "imds-session-token" {
                return .init(status: 401)
            }
            let prefix = "/latest/meta-data/ram/security-credentials/"
            if request.path == prefix {
                return behaviour.role.map { .init(status: 200, body: Array("\($0)\n".utf8)) } ?? .init(status: 404)
            }
            if request.path.hasPrefix(prefix) {
                let role = String(request.path.dropFirst(prefix.count))
                let document = behaviour.document ?? #"{"Code":"Success","AccessKeyId":"STS.\#(role)","AccessKeySecret":"imds-secret","SecurityToken":"imds-token","Expiration":"\#(expiration())","LastUpdated":"2026-01-01T00:00:00Z"}"#
                return .json(document)
            }
            return .init(status: 404)
        }
    }

    /// The metadata service's timeout is 10 s here (the suite shares two cores with everything
    /// else); the slow-answer test checks the real default of 1 s.
    static func configuration(
        _ server: LoopbackHTTPServer, _ environment: [String: String] = [:], logs: CapturedLogs = CapturedLogs(), timeout: Duration = .seconds(10)
    ) -> CredentialsConfiguration {
        var configuration = CredentialsConfiguration.test(
            environment.merging(["ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true", "APIGEN_ECS_METADATA_ENDPOINT": server.url]) { $1 },
            httpClient: AsyncHTTPCredentialsClient(), logs: logs)
        configuration.homeDirectory = "/nonexistent-apigen-home"
        configuration.metadataTimeout = timeout
        return configuration
    }

    @Test func imdsV2WithDiscoveredRole() async throws {
        let server = try await Self.start(Behaviour())
        defer { Task { await server.shutdown() } }
        let logs = CapturedLogs()
        let chain = DefaultCredentialsChain(configuration: Self.configuration(server, logs: logs))
        let credentials = try await chain.credentials()
        #expect(credentials.accessKeyId == "STS.EcsRole" && credentials.securityToken == "imds-token" && credentials.expiration != nil)
        #expect(await chain.selectedSource == "default/ecs_ram_role")
        #expect(server.requests.map { "\($0.method) \($0.path)" } == [
            "PUT /latest/api/token", "GET /latest/meta-data/ram/security-credentials/", "GET /latest/meta-data/ram/security-credentials/EcsRole",
        ])
        // Cached: asking again sends nothing.
        _ = try await chain.credentials()
        #expect(server.requests.count == 3)
        #expect(logs.all.contains { $0.hasPrefix("info using Alibaba Cloud credentials") && $0.contains("source=default/ecs_ram_role") })
        #expect(logs.all.allSatisfy { !$0.contains("imds-secret") && !$0.contains("imds-token") && !$0.contains("imds-session-token") })
    }

    @Test func theRoleFromTheEnvironmentSkipsDiscovery() async throws {
        let server = try await Self.start(Behaviour(role: nil))
        defer { Task { await server.shutdown() } }
        let credentials = try await CredentialsProvider.default(configuration: Self.configuration(server, ["ALIBABA_CLOUD_ECS_METADATA": "NamedRole"])).credentials()
        #expect(credentials.accessKeyId == "STS.NamedRole")
        #expect(!server.requests.contains { $0.path == "/latest/meta-data/ram/security-credentials/" })
    }

    @Test func aRefusedTokenFallsBackToIMDSv1() async throws {
        let server = try await Self.start(Behaviour(tokenStatus: 403, requireToken: false))
        defer { Task { await server.shutdown() } }
        #expect(try await CredentialsProvider.default(configuration: Self.configuration(server)).credentials().accessKeyId == "STS.EcsRole")
        #expect(server.requests.dropFirst().allSatisfy { $0.headers["x-aliyun-ecs-metadata-token"] == nil })
    }

    @Test func aRefusedTokenWithIMDSv1DisabledIsAnError() async throws {
        let server = try await Self.start(Behaviour(tokenStatus: 403, requireToken: false))
        defer { Task { await server.shutdown() } }
        let message = await chainError(Self.configuration(server, ["ALIBABA_CLOUD_IMDSV1_DISABLED": "true"]))
        #expect(message.contains("refused an IMDSv2 token (HTTP 403) and IMDSv1 is disabled (ALIBABA_CLOUD_IMDSV1_DISABLED=true)"))
        #expect(server.requests.count == 1)
    }

    @Test(.timeLimit(.minutes(5))) func aSlowServiceTimesOutAfterOneSecond() async throws {
        // The service would answer after an hour, so the test ends only if the request gives
        // up by itself. How soon after 1 s is not asserted: the suite runs in parallel on two
        // cores, and a timer can wait tens of seconds for a thread while long synchronous
        // tests hold both (CI saw 37 s).
        let server = try await Self.start(Behaviour(delay: .seconds(3600)))
        defer { Task { await server.shutdown() } }
        let started = ContinuousClock.now
        #expect(CredentialsConfiguration.process.metadataTimeout == .seconds(1))
        let message = await chainError(Self.configuration(server, timeout: CredentialsConfiguration.process.metadataTimeout))
        let elapsed = ContinuousClock.now - started
        #expect(message.contains("ecs_ram_role: no metadata service at \(server.url)"))
        #expect(message.contains("no answer within 1.0 seconds"))
        #expect(elapsed >= .milliseconds(900), "\(elapsed)")
        #expect(server.requests.count == 1)   // no second wait for IMDSv1 when nothing answered
    }

    @Test func noRoleOrABadDocumentIsAnError() async throws {
        let noRole = try await Self.start(Behaviour(role: ""))
        defer { Task { await noRole.shutdown() } }
        #expect(await chainError(Self.configuration(noRole)).contains("the instance has no RAM role attached"))

        let failing = try await Self.start(Behaviour(document: #"{"Code":"Failure","Message":"x"}"#))
        defer { Task { await failing.shutdown() } }
        #expect(await chainError(Self.configuration(failing)).contains("the answer's Code is 'Failure', not 'Success'"))

        let partial = try await Self.start(Behaviour(document: #"{"Code":"Success","AccessKeyId":"STS.x","AccessKeySecret":"s","Expiration":"2099-01-01T00:00:00Z"}"#))
        defer { Task { await partial.shutdown() } }
        #expect(await chainError(Self.configuration(partial)).contains("the answer has no SecurityToken"))
    }

    @Test func disabledByTheEnvironment() async {
        let message = await chainError(.test(["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true"]))
        #expect(message.contains("ecs_ram_role: skipped, ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"))
    }
}

/// `ALIBABA_CLOUD_CREDENTIALS_URI` against a loopback server.
@Suite struct CredentialsURICredentialsTests {
    static let environment = ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true"]

    @Test func credentialsFromTheURIAreCachedUntilTheyExpire() async throws {
        let count = Atomic<Int>(0)
        let server = try await LoopbackHTTPServer.start { request in
            let n = count.add(1, ordering: .relaxed).newValue
            let expiration = SigningTimestamp.string(from: Date().addingTimeInterval(3600))
            return .json(#"{"Code":"Success","AccessKeyId":"STS.uri\#(n)","AccessKeySecret":"uri-secret","SecurityToken":"uri-token","Expiration":"\#(expiration)"}"#)
        }
        defer { Task { await server.shutdown() } }
        let chain = DefaultCredentialsChain(
            configuration: .test(Self.environment.merging(["ALIBABA_CLOUD_CREDENTIALS_URI": server.url + "/credentials?token=abc"]) { $1 }, httpClient: AsyncHTTPCredentialsClient()))
        #expect(try await chain.credentials().accessKeyId == "STS.uri1")
        #expect(try await chain.credentials().accessKeyId == "STS.uri1")
        #expect(await chain.selectedSource == "default/credentials_uri")
        #expect(server.requests.map(\.uri) == ["/credentials?token=abc"])
    }

    @Test func errorsNameTheURIWithoutItsQuery() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(status: 500, body: Array("boom".utf8)) }
        defer { Task { await server.shutdown() } }
        let message = await chainError(.test(Self.environment.merging(["ALIBABA_CLOUD_CREDENTIALS_URI": server.url + "/c?secret-token=xyz"]) { $1 }, httpClient: AsyncHTTPCredentialsClient()))
        #expect(message.contains("credentials_uri: \(server.url)/c?… answered HTTP 500"))
        #expect(!message.contains("xyz"))
        let unset = await chainError(.test(Self.environment))
        #expect(unset.contains("credentials_uri: skipped, ALIBABA_CLOUD_CREDENTIALS_URI is not set"))
    }
}
