import APIGenRuntime
import APIGenTestSupport
import APIGenXML
import ECS
import Foundation
import Synchronization
import Testing

/// The generated `ECSClient` against a real HTTP server on 127.0.0.1: what goes over the wire,
/// and what each kind of answer becomes.
@Suite struct ECSClientTests {
    static let credentials = Credentials(accessKeyId: "testid", accessKeySecret: "testsecret")
    static let request = AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-bp1gtjxuuvwj17zr****", vpcId: "vpc-bp1j4z1sr8zxu4l8u****")

    static func client(
        _ server: LoopbackHTTPServer,
        signature: SignatureVersion = .v3,
        format: ResponseFormat = .json,
        timeout: Duration = .seconds(10),
        retry: RetryPolicy = RetryPolicy(maximumAttempts: 4, initialBackoff: .milliseconds(1), maximumBackoff: .milliseconds(5))
    ) -> ECSClient {
        ECSClient(
            credentials: .static(credentials),
            region: "cn-hangzhou",
            configuration: RPCClientConfiguration(
                signatureVersion: signature, responseFormat: format, endpointOverride: server.url, timeout: timeout, retryPolicy: retry
            )
        )
    }

    static func errorBody(code: String, message: String, requestId: String = "REQ-1") -> String {
        #"{"RequestId": "\#(requestId)", "HostId": "ecs.aliyuncs.com", "Code": "\#(code)", "Message": "\#(message)", "Recommend": "https://api.aliyun.com/troubleshoot?q=\#(code)"}"#
    }

    // MARK: Success and the wire

    @Test func v3SuccessInJSONSendsAVerifiableSignature() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .json(#"{"RequestId": "C0003E8B-B930-4F59-ADC0-0E209A9012A8"}"#) }
        defer { Task { await server.shutdown() } }
        let response = try await Self.client(server).attachClassicLinkVpc(Self.request)
        #expect(response.requestId == "C0003E8B-B930-4F59-ADC0-0E209A9012A8")

        let received = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(received.method == "POST")
        #expect(received.path == "/")
        #expect(received.query("RegionId") == "cn-hangzhou")
        #expect(received.query("InstanceId") == "i-bp1gtjxuuvwj17zr****")
        #expect(received.query("VpcId") == "vpc-bp1j4z1sr8zxu4l8u****")
        #expect(received.headers["x-acs-action"] == "AttachClassicLinkVpc")
        #expect(received.headers["x-acs-version"] == "2014-05-26")
        #expect(received.headers["host"] == "127.0.0.1:\(server.port)")
        #expect(ServerSideVerification.verifyV3(received, secret: "testsecret"))
        #expect(!ServerSideVerification.verifyV3(received, secret: "wrongsecret"))
    }

    @Test func v1SuccessInXMLSendsAVerifiableSignature() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><AttachClassicLinkVpcResponse><RequestId>X-1</RequestId></AttachClassicLinkVpcResponse>")
        }
        defer { Task { await server.shutdown() } }
        let response = try await Self.client(server, signature: .v1, format: .xml).attachClassicLinkVpc(Self.request)
        #expect(response.requestId == "X-1")
        let received = try #require(server.requests.first)
        #expect(received.query("Action") == "AttachClassicLinkVpc")
        #expect(received.query("Format") == "XML")
        #expect(received.query("Version") == "2014-05-26")
        #expect(received.query("SignatureMethod") == "HMAC-SHA1")
        #expect(received.query("AccessKeyId") == "testid")
        #expect(ServerSideVerification.verifyV1(received, secret: "testsecret"))
        #expect(!ServerSideVerification.verifyV1(received, secret: "other"))
    }

    // MARK: Errors

    @Test func eachSeedErrorCodeArrivesAsItsTypedCase() async throws {
        for row in AttachClassicLinkVpcTests.seedTable {
            let server = try await LoopbackHTTPServer.start { _ in .json(Self.errorBody(code: row.code, message: row.message), status: row.status) }
            defer { Task { await server.shutdown() } }
            do {
                _ = try await Self.client(server).attachClassicLinkVpc(Self.request)
                Issue.record("\(row.code): no error")
            } catch {
                guard case .service(let serviceError) = error else {
                    Issue.record("\(row.code): \(error)")
                    continue
                }
                #expect(AttachClassicLinkVpcTests.matchingMembers(serviceError) == [row.code], "\(row.code) → \(serviceError)")
                #expect(serviceError.payload.httpStatus == row.status)
                #expect(serviceError.payload.message == row.message)
                #expect(serviceError.payload.requestId == "REQ-1")
            }
            // A write that failed with a 4xx is never repeated.
            #expect(server.requests.count == 1, "\(row.code)")
        }
    }

    @Test func typedCatchClausesReadNaturally() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .json(Self.errorBody(code: "QuotaExceeded", message: "full"), status: 403) }
        defer { Task { await server.shutdown() } }
        var caught = false
        do {
            _ = try await Self.client(server).attachClassicLinkVpc(Self.request)
        } catch .service(.quotaExceeded) {
            caught = true
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(caught)
        // Bound, with what the service sent.
        do {
            _ = try await Self.client(server).attachClassicLinkVpc(Self.request)
        } catch .service(let error) where error == .quotaExceeded {
            #expect(error.message == "full" && error.requestId == "REQ-1" && error.httpStatus == 403)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func anUnknownCodeIsKept() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .xml("<Error><RequestId>R9</RequestId><HostId>h</HostId><Code>Brand.NewCode</Code><Message>new</Message></Error>", status: 400) }
        defer { Task { await server.shutdown() } }
        do {
            _ = try await Self.client(server).attachClassicLinkVpc(Self.request)
            Issue.record("no error")
        } catch {
            #expect(error.payload == ServiceErrorPayload(code: "Brand.NewCode", message: "new", requestId: "R9", hostId: "h", httpStatus: 400))
            guard case .service(let serviceError) = error else { Issue.record("\(error)"); return }
            #expect(serviceError.documentation == nil && !serviceError.isDocumentedByAction)
            // The one surface every error has, without naming the action's types.
            let any: any Error = error
            let surface = try #require(any as? any AlibabaCloudError)
            #expect(surface.errorCode == "Brand.NewCode" && surface.requestId == "R9" && surface.httpStatus == 400)
            #expect(!surface.isThrottling && !surface.isRetryable)
        }
    }

    @Test func throttlingIsRetriedThenSucceeds() async throws {
        let counter = Counter()
        let throttling = try await LoopbackHTTPServer.start { _ in
            counter.next() < 2
                ? .json(Self.errorBody(code: "Throttling.User", message: "Request was denied due to user flow control."), status: 400, headers: ["retry-after": "0"])
                : .json(#"{"RequestId": "OK"}"#)
        }
        defer { Task { await throttling.shutdown() } }
        let response = try await Self.client(throttling).attachClassicLinkVpc(Self.request)
        #expect(response.requestId == "OK")
        #expect(throttling.requests.count == 3)
        let nonces = Set(throttling.requests.compactMap { $0.headers["x-acs-signature-nonce"] })
        #expect(nonces.count == 3, "every attempt is signed anew")
    }

    @Test func throttlingGivesUpAfterMaximumAttempts() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .json(Self.errorBody(code: "Throttling", message: "slow down"), status: 429) }
        defer { Task { await server.shutdown() } }
        do {
            _ = try await Self.client(server).attachClassicLinkVpc(Self.request)
            Issue.record("no error")
        } catch {
            guard case .service(.throttling) = error else { Issue.record("\(error)"); return }
            #expect(error.httpStatus == 429)
            #expect(error.isThrottling && error.isRetryable)
        }
        #expect(server.requests.count == 4)
    }

    @Test func aServerErrorOnAWriteIsNotRetried() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .json(Self.errorBody(code: "InternalError", message: "boom"), status: 500) }
        defer { Task { await server.shutdown() } }
        do {
            _ = try await Self.client(server).attachClassicLinkVpc(Self.request)
            Issue.record("no error")
        } catch {
            guard case .service(.internalError) = error else { Issue.record("\(error)"); return }
        }
        #expect(server.requests.count == 1)
    }

    @Test func aMalformedBodyIsADecodingErrorWithStatusAndPrefix() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            request.query("InstanceId") == "i-ok" ? .json("this is not JSON at all", status: 200) : .json("<html>gateway says no</html>", status: 403)
        }
        defer { Task { await server.shutdown() } }
        var request = Self.request
        request.instanceId = "i-ok"
        do {
            _ = try await Self.client(server).attachClassicLinkVpc(request)
            Issue.record("no error")
        } catch {
            guard case .decoding(let decoding) = error else { Issue.record("\(error)"); return }
            #expect(decoding.httpStatus == 200)
            #expect(decoding.bodyPrefix == "this is not JSON at all")
        }
        do {
            _ = try await Self.client(server).attachClassicLinkVpc(Self.request)
            Issue.record("no error")
        } catch {
            guard case .decoding(let decoding) = error else { Issue.record("\(error)"); return }
            #expect(decoding.httpStatus == 403)
            #expect(decoding.bodyPrefix.hasPrefix("<html>gateway says no"))
        }
    }

    /// The server answers after 20 s: well past the 300 ms timeout, well before the 30 s
    /// default, so only an honoured timeout turns this into `.timedOut` (no wall-clock
    /// assertion, which a busy machine would make flaky).
    @Test func aSlowServerTimesOutAndTheWriteIsNotRetried() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            try? await Task.sleep(for: .seconds(20))
            return .json(#"{"RequestId": "late"}"#)
        }
        defer { Task { await server.shutdown() } }
        do {
            _ = try await Self.client(server, timeout: .milliseconds(300)).attachClassicLinkVpc(Self.request)
            Issue.record("no error")
        } catch {
            guard case .transport(let transport) = error else { Issue.record("\(error)"); return }
            #expect(transport.kind == .timedOut)
        }
        #expect(server.requests.count == 1)
    }

    @Test func aClosedPortIsAConnectionFailure() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .json("{}") }
        let url = server.url
        await server.shutdown()
        let client = ECSClient(
            credentials: .static(Self.credentials), region: "cn-hangzhou",
            configuration: RPCClientConfiguration(endpointOverride: url, timeout: .seconds(1))
        )
        do {
            _ = try await client.attachClassicLinkVpc(Self.request)
            Issue.record("no error")
        } catch {
            guard case .transport(let transport) = error else { Issue.record("\(error)"); return }
            #expect(transport.kind == .connectionFailed)
        }
    }

    @Test func invalidRequestsAndMissingCredentialsSendNothing() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .json("{}") }
        defer { Task { await server.shutdown() } }
        var invalid = Self.request
        invalid.vpcId = ""
        do {
            _ = try await Self.client(server).attachClassicLinkVpc(invalid)
            Issue.record("no error")
        } catch {
            guard case .validation(let validation) = error else { Issue.record("\(error)"); return }
            #expect(validation.parameter == "VpcId")
        }
        let noCredentials = ECSClient(
            credentials: .environment([:]), region: "cn-hangzhou",
            configuration: RPCClientConfiguration(endpointOverride: server.url)
        )
        do {
            _ = try await noCredentials.attachClassicLinkVpc(Self.request)
            Issue.record("no error")
        } catch {
            guard case .credentials(let reason) = error else { Issue.record("\(error)"); return }
            #expect("\(reason)".contains("ALIBABA_CLOUD_ACCESS_KEY_ID"))
        }
        #expect(server.requests.isEmpty)
    }

    @Test func endpointsFollowTheRegion() throws {
        let hangzhou = ECSClient(credentials: .static(Self.credentials), region: "cn-hangzhou")
        #expect(hangzhou.client.endpoint == RPCEndpoint(host: "ecs.cn-hangzhou.aliyuncs.com"))
        // A region missing from the table gets Alibaba's regional rule, not the central host.
        let unknown = ECSClient(credentials: .static(Self.credentials), region: "xx-nowhere-1")
        #expect(unknown.client.endpoint == RPCEndpoint(host: "ecs.xx-nowhere-1.aliyuncs.com"))
        let bad = ECSClient(credentials: .static(Self.credentials), region: "cn-hangzhou", configuration: RPCClientConfiguration(endpointOverride: "ftp://x/y"))
        #expect(bad.client.endpoint == nil)
    }
}

/// A thread-safe counter for handlers that answer differently over time.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { current in defer { current += 1 }; return current } }
}

/// Recomputes a received request's signature the way the service does, from what arrived.
enum ServerSideVerification {
    static func verifyV3(_ request: LoopbackHTTPServer.Request, secret: String) -> Bool {
        guard let authorization = request.headers["authorization"],
              let signedHeaders = authorization.split(separator: ",").first(where: { $0.hasPrefix("SignedHeaders=") })?.dropFirst("SignedHeaders=".count),
              let signature = authorization.split(separator: ",").first(where: { $0.hasPrefix("Signature=") })?.dropFirst("Signature=".count)
        else { return false }
        let names = Set(signedHeaders.split(separator: ";").map(String.init))
        let headers = request.headers.filter { names.contains($0.key) }
        let canonical = SignatureV3.canonicalRequest(
            method: HTTPMethod(rawValue: request.method),
            path: request.path,
            query: request.queryItems.map { QueryItem(name: $0.name, value: $0.value) },
            headers: headers,
            hashedPayload: SignatureV3.hashedPayload(request.body)
        )
        guard request.headers["x-acs-content-sha256"] == SignatureV3.hashedPayload(request.body) else { return false }
        return SignatureV3.signature(stringToSign: SignatureV3.stringToSign(canonicalRequest: canonical.text), accessKeySecret: secret) == signature
    }

    static func verifyV1(_ request: LoopbackHTTPServer.Request, secret: String) -> Bool {
        let items = request.queryItems
        guard let signature = items.first(where: { $0.name == "Signature" })?.value else { return false }
        let parameters = items.filter { $0.name != "Signature" }.map { QueryItem(name: $0.name, value: $0.value) }
        let stringToSign = SignatureV1.stringToSign(method: HTTPMethod(rawValue: request.method), parameters: parameters)
        return SignatureV1.signature(stringToSign: stringToSign, accessKeySecret: secret) == signature
    }
}
