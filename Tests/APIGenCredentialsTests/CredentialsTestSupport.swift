import APIGenCredentials
import APIGenRuntime
import APIGenTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// A temporary home directory for profile and credentials files, removed by `remove()`.
struct TemporaryHome {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "apigen-credentials-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` at `relative` (directories made as needed), mode 0600 unless told.
    @discardableResult
    func write(_ relative: String, _ text: String, mode: Int = 0o600) throws -> String {
        let file = (path as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A transport that refuses everything: for configurations that must not reach STS.
struct NoSTS: RPCTransport {
    func send(_ request: SignedRequest, to endpoint: RPCEndpoint, timeout: Duration) async throws(TransportError) -> TransportResponse {
        throw TransportError(.connectionFailed, "STS must not be called in this test")
    }
}

/// An HTTP client that refuses everything: the metadata service and credentials URI are
/// never asked in tests that do not start a loopback server for them.
struct NoHTTP: CredentialsHTTPClient {
    func send(_ request: CredentialsHTTPRequest, timeout: Duration) async throws(CredentialsHTTPError) -> CredentialsHTTPResponse {
        throw CredentialsHTTPError(.connectionFailed, "\(request.method) \(request.url): no network in this test")
    }
}

extension CredentialsConfiguration {
    /// Variables and a home directory of the test's own; no network unless given.
    static func test(
        _ environment: [String: String] = [:], home: TemporaryHome? = nil, httpClient: any CredentialsHTTPClient = NoHTTP(),
        stsTransport: any RPCTransport = NoSTS(), stsEndpoint: String? = nil, logs: CapturedLogs = CapturedLogs(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) -> CredentialsConfiguration {
        CredentialsConfiguration(
            environment: environment, homeDirectory: home?.path ?? "/nonexistent-apigen-home", httpClient: httpClient,
            stsTransport: stsTransport, stsEndpointOverride: stsEndpoint, metadataEndpoint: nil, credentialsURITimeout: .seconds(30),
            stsTimeout: .seconds(30), clock: clock, logger: logs.logger)
    }
}

/// The message of a chain or source error, whatever its type.
func describe(_ error: any Error) -> String { "\(error)" }
