import APIGenRuntime
import APIGenXML
import ECS
import ECSEmulator
import Foundation
import Testing

/// Signatures, timestamps, nonces, STS tokens and throttling, over the wire.
@Suite struct EmulatorAuthenticationTests {
    static let request = AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-running", vpcId: "vpc-main")

    /// The payload of any error the call fails with.
    static func failure(_ call: () async throws(RPCError<AttachClassicLinkVpcRequest>) -> AttachClassicLinkVpcResponse) async -> RPCError<AttachClassicLinkVpcRequest>? {
        do {
            _ = try await call()
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [SignatureVersion.v3, .v1])
    func aWrongSecretIsSignatureDoesNotMatch(signature: SignatureVersion) async throws {
        try await withEmulator { emulator, endpoint in
            let wrong = Credentials(accessKeyId: TestFixture.key.accessKeyId, accessKeySecret: "not-the-secret")
            let client = TestFixture.client(endpoint, credentials: wrong, signature: signature)
            let error = await Self.failure { () async throws(RPCError<AttachClassicLinkVpcRequest>) in try await client.attachClassicLinkVpc(Self.request) }
            guard case .service(let serviceError) = error, serviceError == .signatureDoesNotMatch, case let payload = serviceError.payload else {
                Issue.record("\(String(describing: error))")
                return
            }
            #expect(payload.httpStatus == 400)
            #expect(payload.message == "Specified signature is not matched with our calculation.")
            #expect(await emulator.state.linkedVPC(of: "i-running") == nil)
        }
    }

    @Test(arguments: [SignatureVersion.v3, .v1])
    func anUnknownAccessKeyIsNotFound(signature: SignatureVersion) async throws {
        try await withEmulator { _, endpoint in
            let unknown = Credentials(accessKeyId: "LTAI-nobody", accessKeySecret: "x")
            let client = TestFixture.client(endpoint, credentials: unknown, signature: signature)
            let error = await Self.failure { () async throws(RPCError<AttachClassicLinkVpcRequest>) in try await client.attachClassicLinkVpc(Self.request) }
            guard case .service(let serviceError) = error, serviceError == .invalidAccessKeyIdNotFound, case let payload = serviceError.payload else {
                Issue.record("\(String(describing: error))")
                return
            }
            #expect(payload.httpStatus == 404)
        }
    }

    @Test(arguments: [SignatureVersion.v3, .v1])
    func aReplayedRequestIsSignatureNonceUsed(signature: SignatureVersion) async throws {
        try await withEmulator { emulator, endpoint in
            let target = try #require(RPCEndpoint(url: endpoint))
            let signer = signature.signer(responseFormat: .json)
            let signed = signer.sign(RPCCall(Self.request, host: target.authority), with: TestFixture.key)
            let transport = AsyncHTTPClientTransport()

            let first = try await transport.send(signed, to: target, timeout: .seconds(10))
            #expect(first.status == 200, "\(String(decoding: first.body, as: UTF8.self))")
            #expect(await emulator.state.linkedVPC(of: "i-running") == "vpc-main")

            let replay = try await transport.send(signed, to: target, timeout: .seconds(10))
            #expect(replay.status == 400)
            let payload = try ServiceErrorPayload.decode(from: Data(replay.body), httpStatus: replay.status)
            #expect(payload.code == "SignatureNonceUsed")
            #expect(payload.message == "Specified signature nonce was used already.")
        }
    }

    @Test(arguments: [SignatureVersion.v3, .v1], [-16.0 * 60, 16.0 * 60])
    func aTimestampMoreThanFifteenMinutesOffIsExpired(signature: SignatureVersion, offset: TimeInterval) async throws {
        // The emulator's clock is off by `offset`: the client's fresh timestamp is then too old
        // (or too far in the future) by the emulator's reckoning.
        try await withEmulator(clock: { Date().addingTimeInterval(offset) }) { emulator, endpoint in
            let client = TestFixture.client(endpoint, signature: signature)
            let error = await Self.failure { () async throws(RPCError<AttachClassicLinkVpcRequest>) in try await client.attachClassicLinkVpc(Self.request) }
            guard case .service(let serviceError) = error, serviceError == .invalidTimeStampExpired, case let payload = serviceError.payload else {
                Issue.record("\(String(describing: error))")
                return
            }
            #expect(payload.httpStatus == 400)
            #expect(payload.message == "Specified time stamp or date value is expired.")
            #expect(await emulator.state.linkedVPC(of: "i-running") == nil)
        }
    }

    @Test func aTimestampFourteenMinutesOffIsAccepted() async throws {
        try await withEmulator(clock: { Date().addingTimeInterval(14 * 60) }) { _, endpoint in
            _ = try await TestFixture.client(endpoint).attachClassicLinkVpc(Self.request)
        }
    }

    @Test(arguments: [SignatureVersion.v3, .v1])
    func stsCredentialsWork(signature: SignatureVersion) async throws {
        try await withEmulator { emulator, endpoint in
            _ = try await TestFixture.client(endpoint, credentials: TestFixture.stsKey, signature: signature).attachClassicLinkVpc(Self.request)
            #expect(await emulator.state.linkedVPC(of: "i-running") == "vpc-main")
        }
    }

    @Test(arguments: [SignatureVersion.v3, .v1])
    func stsTokensAreChecked(signature: SignatureVersion) async throws {
        try await withEmulator { emulator, endpoint in
            let cases: [(Credentials, String)] = [
                (Credentials(accessKeyId: TestFixture.stsKey.accessKeyId, accessKeySecret: TestFixture.stsKey.accessKeySecret), "MissingSecurityToken"),
                (Credentials(accessKeyId: TestFixture.stsKey.accessKeyId, accessKeySecret: TestFixture.stsKey.accessKeySecret, securityToken: "sts-token-2"),
                 "InvalidSecurityToken.MismatchWithAccessKey"),
                (Credentials(accessKeyId: TestFixture.key.accessKeyId, accessKeySecret: TestFixture.key.accessKeySecret, securityToken: "sts-token-1"),
                 "InvalidSecurityToken.MismatchWithAccessKey"),
                (TestFixture.expiredSTSKey, "InvalidSecurityToken.Expired"),
            ]
            for (credentials, code) in cases {
                let client = TestFixture.client(endpoint, credentials: credentials, signature: signature)
                let error = await Self.failure { () async throws(RPCError<AttachClassicLinkVpcRequest>) in try await client.attachClassicLinkVpc(Self.request) }
                guard case .service(let serviceError) = error, case let payload = serviceError.payload else {
                    Issue.record("\(code): \(String(describing: error))")
                    continue
                }
                #expect(payload.code == code)
                #expect(payload.httpStatus == 400)
            }
            #expect(await emulator.state.linkedVPC(of: "i-running") == nil)
        }
    }

    @Test func throttlingThenSuccessTheClientRetries() async throws {
        try await withEmulator { emulator, endpoint in
            await emulator.throttle(nextCalls: 2)
            _ = try await TestFixture.client(endpoint).attachClassicLinkVpc(Self.request)
            #expect(await emulator.state.throttledCallsRemaining == 0)
            #expect(await emulator.state.linkedVPC(of: "i-running") == "vpc-main")
        }
    }

    @Test func throttlingBeyondTheRetriesSurfacesAsThrottling() async throws {
        try await withEmulator { emulator, endpoint in
            await emulator.throttle(nextCalls: 10)
            let error = await Self.failure { () async throws(RPCError<AttachClassicLinkVpcRequest>) in
                try await TestFixture.client(endpoint).attachClassicLinkVpc(Self.request)
            }
            guard case .service(let serviceError) = error, serviceError == .throttling, case let payload = serviceError.payload else {
                Issue.record("\(String(describing: error))")
                return
            }
            #expect(payload.message == "Request was denied due to request throttling.")
            // Four attempts (the retry policy's maximum) used four of the ten.
            #expect(await emulator.state.throttledCallsRemaining == 6)
            #expect(await emulator.state.linkedVPC(of: "i-running") == nil)
        }
    }

    @Test func theThrottlingSwitchWorksOverHTTP() async throws {
        try await withEmulator { emulator, endpoint in
            let transport = AsyncHTTPClientTransport()
            let target = try #require(RPCEndpoint(url: endpoint))
            func admin(_ method: HTTPMethod, _ path: String, _ query: [QueryItem] = []) async throws -> TransportResponse {
                let request = SignedRequest(method: method, host: target.authority, path: path, queryItems: query, headers: [:], body: [])
                return try await transport.send(request, to: target, timeout: .seconds(10))
            }
            let set = try await admin(.post, "/_emulator/throttle", [QueryItem(name: "count", value: "1")])
            #expect(set.status == 200)
            #expect(await emulator.state.throttledCallsRemaining == 1)
            let bad = try await admin(.post, "/_emulator/throttle", [QueryItem(name: "count", value: "lots")])
            #expect(bad.status == 400)

            _ = try await TestFixture.client(endpoint).attachClassicLinkVpc(Self.request)
            #expect(await emulator.state.throttledCallsRemaining == 0)

            let state = try await admin(.get, "/_emulator/state")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(state.body)) as? [String: Any])
            let links = try #require(object["Links"] as? [[String: String]])
            #expect(links.contains(["InstanceId": "i-running", "VpcId": "vpc-main"]))
        }
    }

    @Test func anActionTheEmulatorDoesNotImplementAnswersAnAlibabaErrorBody() async throws {
        try await withEmulator { _, endpoint in
            do throws(RPCError<DescribeKeyPairsRequest>) {
                _ = try await TestFixture.client(endpoint).describeKeyPairs(DescribeKeyPairsRequest(regionId: "cn-hangzhou"))
                Issue.record("no error")
            } catch {
                #expect(error.payload?.code == "UnsupportedOperation")
                #expect(error.payload?.httpStatus == 400)
            }
        }
    }

    @Test func stopClosesThePort() async throws {
        let emulator = ECSEmulator(fixture: TestFixture.fixture(fullVPCLinks: 0))
        let port = try await emulator.start()
        #expect(port > 0)
        let endpoint = try #require(await emulator.endpoint)
        #expect(endpoint == "http://127.0.0.1:\(port)")
        await #expect(throws: (any Error).self) { try await emulator.start() }
        _ = try await TestFixture.client(endpoint).attachClassicLinkVpc(Self.request)
        await emulator.stop()
        #expect(await emulator.port == nil)
        let error = await Self.failure { () async throws(RPCError<AttachClassicLinkVpcRequest>) in
            try await TestFixture.client(endpoint, retry: RetryPolicy(maximumAttempts: 1)).attachClassicLinkVpc(Self.request)
        }
        guard case .transport(let transport) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(transport.kind == .connectionFailed)
    }
}
