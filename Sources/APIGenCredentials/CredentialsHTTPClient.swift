import AsyncHTTPClient
import Foundation
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
        let result: Result<CredentialsHTTPResponse, CredentialsHTTPError> = await withTaskGroup(
            of: Result<CredentialsHTTPResponse, CredentialsHTTPError>?.self
        ) { group in
            group.addTask {
                do {
                    let response = try await client.execute(prepared, timeout: amount)
                    let body = try await response.body.collect(upTo: limit)
                    return .success(CredentialsHTTPResponse(status: Int(response.status.code), body: Array(buffer: body)))
                } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                    return .failure(CredentialsHTTPError(.timedOut, "\(request.method) \(request.url): no answer within \(timeout)"))
                } catch {
                    return .failure(CredentialsHTTPError(.connectionFailed, "\(request.method) \(request.url): \(error)"))
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : .failure(CredentialsHTTPError(.timedOut, "\(request.method) \(request.url): no answer within \(timeout)"))
            }
            var outcome: Result<CredentialsHTTPResponse, CredentialsHTTPError> = .failure(
                CredentialsHTTPError(.connectionFailed, "\(request.method) \(request.url): cancelled"))
            for await next in group {
                if let next {
                    outcome = next
                    break
                }
            }
            group.cancelAll()
            return outcome
        }
        return try result.get()
    }
}
