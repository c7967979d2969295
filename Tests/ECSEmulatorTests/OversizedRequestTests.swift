import APIGenRuntime
import ECS
import ECSEmulator
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Requests too long for the HTTP parser (issue 15): a 1 MB parameter value in the URL, as
/// Alibaba Cloud's SDKs send every parameter, is read; anything the server cannot read is
/// answered in Alibaba Cloud's error format with a code and a 4xx status, never an empty 400.
@Suite struct OversizedRequestTests {
    static let megabyte = String(repeating: "i", count: 1024 * 1024)

    static func notFound(_ error: RPCError<AttachClassicLinkVpcRequest>) -> Bool {
        if case .service(.invalidInstanceIdNotFound) = error { return true }
        return false
    }

    @Test(arguments: [SignatureVersion.v3, .v1])
    func aOneMegabyteValueInTheURLIsRead(signature: SignatureVersion) async throws {
        try await withEmulator { _, endpoint in
            let client = TestFixture.client(endpoint, signature: signature)
            do throws(RPCError<AttachClassicLinkVpcRequest>) {
                _ = try await client.attachClassicLinkVpc(
                    AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: Self.megabyte, vpcId: "vpc-main"))
                Issue.record("a 1 MB instance ID was found")
            } catch {
                #expect(Self.notFound(error), "\(error)")
            }
        }
    }

    @Test func theSameValueInAFormBodyIsRead() async throws {
        try await withEmulator { _, endpoint in
            let target = try #require(RPCEndpoint(url: endpoint))
            let call = RPCCall(
                action: "AttachClassicLinkVpc", version: "2014-05-26", host: target.authority, method: .post,
                parameters: [
                    QueryItem(name: "RegionId", value: "cn-hangzhou"), QueryItem(name: "InstanceId", value: Self.megabyte + "-form"),
                    QueryItem(name: "VpcId", value: "vpc-main"),
                ],
                parameterLocation: .formBody)
            for signer in [SignatureV3() as any RPCSigner, SignatureV1()] {
                let signed = signer.sign(call, with: TestFixture.key)
                let response = try await AsyncHTTPClientTransport().send(signed, to: target, timeout: .seconds(30))
                let payload = try ServiceErrorPayload.decode(from: Data(response.body), httpStatus: response.status)
                #expect(payload.code == "InvalidInstanceId.NotFound", "\(signer.signatureVersion): \(payload)")
                #expect(response.status == 404)
            }
        }
    }

    /// Over the limit (4 MB by default), through the generated client: a typed error with the
    /// code, the status and a message that says what to do.
    @Test func aRequestLineOverTheLimitIsAnsweredInAlibabaCloudsFormat() async throws {
        try await withEmulator { _, endpoint in
            // GET, so that the parameters stay in the URL (with POST, long ones go in a form body).
            let client = TestFixture.client(endpoint, retry: .none, method: .get)
            let tooLong = String(repeating: "x", count: ECSEmulator.defaultRequestHeadLimit + 1)
            do throws(RPCError<AttachClassicLinkVpcRequest>) {
                _ = try await client.attachClassicLinkVpc(
                    AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: tooLong, vpcId: "vpc-main"))
                Issue.record("no error")
            } catch {
                let payload = try #require(error.payload, "\(error)")
                #expect(payload.code == "RequestURITooLong")
                #expect(payload.httpStatus == 414)
                #expect(payload.message.contains("form body"))
                #expect(payload.requestId?.count == 36)
            }
        }
    }

    /// On the wire, with a lower limit: the status line, the JSON body and its content type,
    /// `Connection: close`; and bytes that are not HTTP get `400 MalformedRequest`.
    @Test func theAnswerOnTheWire() async throws {
        let emulator = ECSEmulator(fixture: TestFixture.fixture(), requestHeadLimit: 64 * 1024)
        let port = try await emulator.start()
        defer { Task { await emulator.stop() } }

        let query = "/?Action=AttachClassicLinkVpc&InstanceId=" + String(repeating: "y", count: 100 * 1024)
        let tooLong = try RawHTTP.exchange(port: port, request: "GET \(query) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(tooLong.statusLine == "HTTP/1.1 414 URI Too Long", "\(tooLong.statusLine)")
        #expect(tooLong.header("content-type") == "application/json;charset=utf-8")
        #expect(tooLong.header("connection") == "close")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(tooLong.body)) as? [String: String])
        #expect(body["Code"] == "RequestURITooLong")
        #expect(body["Message"]?.contains("65536 bytes") == true)
        #expect(body["RequestId"]?.count == 36)
        #expect(body["HostId"] == "ecs-emulator")

        let garbage = try RawHTTP.exchange(port: port, request: "\u{1}\u{2} nonsense\r\n\r\n")
        #expect(garbage.statusLine.hasPrefix("HTTP/1.1 400"), "\(garbage.statusLine)")
        let garbageBody = try #require(try JSONSerialization.jsonObject(with: Data(garbage.body)) as? [String: String])
        #expect(garbageBody["Code"] == "MalformedRequest")

        // A request under the limit on a fresh connection is answered as usual.
        let fine = try RawHTTP.exchange(port: port, request: "GET /_emulator/state HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(fine.statusLine == "HTTP/1.1 200 OK")
        await emulator.stop()
    }
}

/// A blocking HTTP/1.1 exchange over a loopback socket: sends the bytes, reads to EOF.
enum RawHTTP {
    struct Answer {
        var statusLine: String
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name }?.1
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func exchange(port: Int, request: String) throws -> Answer {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect: \(errno)") }
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }  // the server may close its side early; read what it said
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { throw Failure(description: "no HTTP answer: \(text.prefix(200))") }
        var lines = text[..<end.lowerBound].components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let headerBytes = text[..<end.upperBound].utf8.count
        return Answer(statusLine: statusLine, headers: headers, body: Array(received[headerBytes...]))
    }
}
