import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// A plain HTTP request of a credentials source (the ECS metadata service, a credentials URI).
public struct CredentialsHTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    public var headers: [String: String]

    public init(method: String = "GET", url: String, headers: [String: String] = [:]) {
        self.method = method
        self.url = url
        self.headers = headers
    }
}

public struct CredentialsHTTPResponse: Sendable, Hashable {
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why a credentials HTTP request got no answer.
public struct CredentialsHTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Nothing answered within the timeout (connection included).
        case timedOut
        /// No connection, or it broke.
        case connectionFailed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Sends the plain HTTP requests of the metadata service and credentials URI sources.
public protocol CredentialsHTTPClient: Sendable {
    /// Sends `request`; the whole exchange, connecting included, ends after `timeout`.
    func send(_ request: CredentialsHTTPRequest, timeout: Duration) async throws(CredentialsHTTPError) -> CredentialsHTTPResponse
}

/// async-http-client's shared client, with the timeout enforced over connecting and reading.
public struct AsyncHTTPCredentialsClient: CredentialsHTTPClient {
    public let client: HTTPClient
    /// Larger answers are refused (credentials are a few hundred bytes).
    public var maximumResponseSize: Int

    public init(client: HTTPClient = .shared, maximumResponseSize: Int = 1024 * 1024) {
        self.client = client
        self.maximumResponseSize = maximumResponseSize
    }

    public func send(_ request: CredentialsHTTPRequest, timeout: Duration) async throws(CredentialsHTTPError) -> CredentialsHTTPResponse {
        var httpRequest = HTTPClientRequest(url: request.url)
        httpRequest.method = NIOHTTP1.HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            httpRequest.headers.add(name: name, value: value)
        }
        let client = self.client
        let prepared = httpRequest
        let limit = maximumResponseSize
        let (seconds, attoseconds) = timeout.components
        let amount = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let timedOut = CredentialsHTTPError(.timedOut, "\(request.method) \(request.url): no answer within \(timeout)")
        let described = "\(request.method) \(request.url)"
        // The first of the answer, the timer and the caller's cancellation wins; the others are
        // cancelled and not waited for (a request that ignores cancellation cannot hold the
        // caller past the timeout).
        let race = FirstResult<CredentialsHTTPResponse, CredentialsHTTPError>()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<CredentialsHTTPResponse, CredentialsHTTPError>, Never>) in
                race.install(continuation)
                let work = Task {
                    do {
                        let response = try await client.execute(prepared, timeout: amount)
                        let body = try await response.body.collect(upTo: limit)
                        race.finish(.success(CredentialsHTTPResponse(status: Int(response.status.code), body: Array(buffer: body))))
                    } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                        race.finish(.failure(timedOut))
                    } catch {
                        race.finish(.failure(CredentialsHTTPError(.connectionFailed, "\(described): \(error)")))
                    }
                }
                let timer = Task {
                    try? await Task.sleep(for: timeout)
                    race.finish(.failure(timedOut))
                    work.cancel()
                }
                race.onFinish { work.cancel(); timer.cancel() }
            }
        } onCancel: {
            race.finish(.failure(CredentialsHTTPError(.connectionFailed, "\(described): cancelled")))
        }
        return try result.get()
    }
}

/// Resumes one continuation with the first result it is given; later ones are dropped.
final class FirstResult<Success: Sendable, Failure: Error>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result<Success, Failure>, Never>?
        var early: Result<Success, Failure>?
        var done = false
        var cleanup: (@Sendable () -> Void)?
    }

    private let state = NIOLockedValueBox(State())

    func install(_ continuation: CheckedContinuation<Result<Success, Failure>, Never>) {
        let early = state.withLockedValue { state -> Result<Success, Failure>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    func onFinish(_ cleanup: @escaping @Sendable () -> Void) {
        let alreadyDone = state.withLockedValue { state -> Bool in
            if state.done { return true }
            state.cleanup = cleanup
            return false
        }
        if alreadyDone { cleanup() }
    }

    func finish(_ result: Result<Success, Failure>) {
        let (continuation, cleanup) = state.withLockedValue { state -> (CheckedContinuation<Result<Success, Failure>, Never>?, (@Sendable () -> Void)?) in
            guard !state.done else { return (nil, nil) }
            state.done = true
            if state.continuation == nil { state.early = result }
            defer { state.continuation = nil; state.cleanup = nil }
            return (state.continuation, state.cleanup)
        }
        continuation?.resume(returning: result)
        cleanup?()
    }
}
