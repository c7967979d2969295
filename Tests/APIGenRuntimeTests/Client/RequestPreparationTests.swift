import APIGenServer
import Foundation
import Synchronization
import Testing

@testable import APIGenRuntime

/// Idempotency tokens (filled once, the same on every retry, making tokened writes retryable)
/// and long parameters moved to a form body (still verifiable under both signatures).
@Suite struct RequestPreparationTests {
    typealias TestProduct = RPCClientTests.TestProduct
    typealias TestResponse = RPCClientTests.TestResponse

    /// A write that takes a ClientToken, as the ECS actions that have one will be generated.
    struct TokenedWrite: RPCRequestDecodable {
        typealias Product = TestProduct
        typealias Response = TestResponse
        static let action = "RunThings"
        static let operationType: OperationType = .write
        static let clientTokenParameter: String? = "ClientToken"
        var clientToken: String?
        var userData: String?
        init(clientToken: String? = nil, userData: String? = nil) {
            self.clientToken = clientToken
            self.userData = userData
        }
        init(parameters: RPCParameters) throws(RequestDecodingError) {
            clientToken = parameters["ClientToken"]
            userData = parameters["UserData"]
        }
        func encodeQuery(into query: inout QueryEncoder) {
            query.encode(clientToken, forKey: "ClientToken")
            query.encode(userData, forKey: "UserData")
        }
        func validate() throws(RequestValidationError) {}
    }

    typealias ScriptedTransport = RPCClientTests.ScriptedTransport

    static func client(_ transport: any RPCTransport, signature: SignatureVersion = .v3, credentials: Credentials = Credentials(accessKeyId: "LTAIkey", accessKeySecret: "secret"))
        -> RPCClient<TestProduct>
    {
        RPCClient(
            credentials: .static(credentials), region: "cn-test",
            configuration: RPCClientConfiguration(signatureVersion: signature),
            transport: transport, logger: .init(label: "test"),
            sleep: { _ in }, makeSigner: { version, format in version.signer(responseFormat: format) }, random: { 0 })
    }

    static func token(_ request: SignedRequest) -> String? {
        request.queryItems.first { $0.name == "ClientToken" }?.value
    }

    @Test func anEmptyTokenIsFilledWithOneUUIDReusedOnEveryRetry() async throws {
        let transport = ScriptedTransport([
            RPCClientTests.failure("InternalError", status: 500), .fail(TransportError(.connectionLost, "reset")),
            .fail(TransportError(.timedOut, "slow")), RPCClientTests.ok(),
        ])
        _ = try await Self.client(transport).send(TokenedWrite())
        let tokens = transport.sent.map { Self.token($0.0) }
        #expect(tokens.count == 4)   // a write with a token is retried after 5xx, lost connections and timeouts
        let first = try #require(tokens.first ?? nil)
        #expect(UUID(uuidString: first) != nil)
        #expect(tokens.allSatisfy { $0 == first })

        // The next call gets a new token.
        let again = ScriptedTransport([RPCClientTests.ok()])
        _ = try await Self.client(again).send(TokenedWrite(clientToken: ""))
        #expect(again.sent.map { Self.token($0.0) } != [first])
    }

    @Test func theCallersTokenIsKept() async throws {
        let transport = ScriptedTransport([RPCClientTests.failure("ServiceUnavailable", status: 503), RPCClientTests.ok()])
        _ = try await Self.client(transport).send(TokenedWrite(clientToken: "my-token-1"))
        #expect(transport.sent.map { Self.token($0.0) } == ["my-token-1", "my-token-1"])
    }

    @Test func writesWithoutATokenAreStillNotRetried() async throws {
        let transport = ScriptedTransport([.fail(TransportError(.connectionLost, "reset")), RPCClientTests.ok()])
        await #expect(throws: RPCError<RPCClientTests.WriteRequest>.self) { try await Self.client(transport).send(RPCClientTests.WriteRequest()) }
        #expect(transport.sent.count == 1)
    }

    @Test func parametersGoInAFormBodyPastTheThreshold() {
        let short = [QueryItem(name: "UserData", value: String(repeating: "a", count: 100))]
        let long = [QueryItem(name: "UserData", value: String(repeating: "a", count: 3000))]
        #expect(RequestPreparation.location(for: short, method: .post, threshold: 2048) == .query)
        #expect(RequestPreparation.location(for: long, method: .post, threshold: 2048) == .formBody)
        #expect(RequestPreparation.location(for: long, method: .get, threshold: 2048) == .query)
        // The threshold counts encoded bytes: 700 characters that each encode to 3 bytes pass it.
        let encoded = [QueryItem(name: "Policy", value: String(repeating: "{", count: 700))]
        #expect(RequestPreparation.location(for: encoded, method: .post, threshold: 2048) == .formBody)
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func longParametersTravelInASignedFormBodyThatVerifies(_ version: SignatureVersion) async throws {
        let keys = StaticAccessKeyStore([AccessKeyRecord(accessKeyId: "LTAIkey", accessKeySecret: "secret", accountId: "1")])
        let authenticator = RPCRequestAuthenticator(keys: keys)
        let seen = Mutex<[RPCServerRequest]>([])
        let transport = InProcessTransport { request in
            seen.withLock { $0.append(request) }
            var context = RPCServerContext(request: request)
            let authenticated: Result<AuthenticatedCaller, AuthenticationError> = Result { () throws(AuthenticationError) in
                try authenticator.authenticate(request)
            }
            if case .failure(let error) = authenticated { return .error(error.payload, context: context) }
            context.accessKeyId = "LTAIkey"
            return await RPCServiceDispatch.respond(to: request, context: context) { (request: TokenedWrite, context) throws(ServiceError<TokenedWrite>) in
                #expect(request.userData?.count == 40_000)
                return TestResponse(requestId: context.requestId)
            }
        }
        let userData = Data((0..<30_000).map { UInt8($0 % 251) }).base64EncodedString()
        _ = try await Self.client(transport, signature: version).send(TokenedWrite(userData: userData))
        let request = try #require(seen.withLock { $0 }.first)
        #expect(request.method == "POST")
        #expect(request.header("content-type") == "application/x-www-form-urlencoded")
        #expect(!request.queryItems.contains { $0.name == "UserData" })
        #expect(request.parameters["UserData"] == userData)
    }
}
