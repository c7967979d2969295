import APIGenRuntime
import Foundation

/// Step 6 of the default chain: `ALIBABA_CLOUD_CREDENTIALS_URI`, a URL answering `GET` with
/// `{"Code": "Success", "AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"}`
/// (a sidecar, a vault agent). Cached, refreshed before `Expiration`. A missing `Code` is
/// accepted (Go's library ignores it); any other value than `Success` is an error.
public enum CredentialsURICredentials {
    static let source = "credentials_uri"

    static func step(_ configuration: CredentialsConfiguration) -> ChainStep.Outcome {
        guard let uri = configuration.variable(EnvironmentVariables.credentialsURI) else {
            return .skipped("\(EnvironmentVariables.credentialsURI) is not set")
        }
        return .provider(provider(uri: uri, configuration: configuration))
    }

    /// A caching provider for one URI.
    public static func provider(uri: String, configuration: CredentialsConfiguration) -> CredentialsProvider {
        .refreshing(name: source, policy: configuration.refreshPolicy, clock: configuration.clock, logger: configuration.logger) {
            () async throws(CredentialsSourceError) -> Credentials in
            let response: CredentialsHTTPResponse
            do {
                response = try await configuration.httpClient.send(
                    CredentialsHTTPRequest(method: "GET", url: uri), timeout: configuration.credentialsURITimeout)
            } catch {
                throw CredentialsSourceError(source: source, "\(error)")
            }
            guard response.status == 200 else {
                throw CredentialsSourceError(source: source, "\(redacted(uri)) answered HTTP \(response.status)")
            }
            return try TemporaryCredentialsDocument.parse(response.body, source: source, requireCode: false)
        }
    }

    /// The URI without its query, which may carry a token.
    static func redacted(_ uri: String) -> String {
        uri.firstIndex(of: "?").map { String(uri[..<$0]) + "?…" } ?? uri
    }
}
