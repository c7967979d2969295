import Foundation

/// Where a client gets its credentials from, asked before every attempt.
///
/// A provider has a `name` that logs and errors use to say where credentials came from
/// (`environment`, `cli_profile(dev)/ram_role_arn`, …); it never carries a secret.
///
/// ```swift
/// let fromEnvironment = CredentialsProvider.environment
/// let fixed = CredentialsProvider.static(Credentials(accessKeyId: "…", accessKeySecret: "…"))
/// let forTests = CredentialsProvider.environment(["ALIBABA_CLOUD_ACCESS_KEY_ID": "…", …])
/// let cached = CredentialsProvider.refreshing(name: "my-vault") { try await fetchFromVault() }
/// ```
///
/// `APIGenCredentials` adds `.default`, Alibaba Cloud's default chain (environment, OIDC,
/// CLI profile, credentials file, ECS instance RAM role, credentials URI).
public struct CredentialsProvider: Sendable, CustomStringConvertible {
    /// Where the credentials come from, for logs and errors.
    public let name: String
    /// Requests are sent unsigned (for the few anonymous actions such as STS
    /// `AssumeRoleWithOIDC`, which authenticate by their own parameters).
    public let isAnonymous: Bool
    private let resolveCredentials: @Sendable () async throws -> Credentials

    /// A provider that runs `resolve` each time credentials are needed.
    public init(name: String = "custom", _ resolve: @escaping @Sendable () async throws -> Credentials) {
        self.name = name
        self.isAnonymous = false
        self.resolveCredentials = resolve
    }

    private init(anonymous: Void) {
        self.name = "anonymous"
        self.isAnonymous = true
        self.resolveCredentials = { Credentials(accessKeyId: "", accessKeySecret: "") }
    }

    /// The credentials to sign the next request with.
    public func credentials() async throws -> Credentials {
        try await resolveCredentials()
    }

    public var description: String { "CredentialsProvider(\(name))" }

    /// The same provider under another name (a profile's name before its source's).
    public func named(_ name: String) -> CredentialsProvider {
        let inner = self
        return CredentialsProvider(name: name) { try await inner.credentials() }
    }

    /// Always the same credentials.
    public static func `static`(_ credentials: Credentials) -> CredentialsProvider {
        CredentialsProvider(name: "static") { credentials }
    }

    /// No credentials: requests go unsigned. Only for actions that Alibaba Cloud documents
    /// as anonymous (STS `AssumeRoleWithOIDC`); every other action answers `MissingAccessKeyId`.
    public static let anonymous = CredentialsProvider(anonymous: ())

    /// Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and (optionally)
    /// `ALIBABA_CLOUD_SECURITY_TOKEN` from the process environment, each time it is asked.
    ///
    /// Fails with `CredentialsError` naming the variable that is missing or empty.
    public static var environment: CredentialsProvider {
        CredentialsProvider(name: "environment") {
            try Credentials(environment: ProcessInfo.processInfo.environment)
        }
    }

    /// Reads the same variables as `environment`, from the given dictionary instead of the
    /// process environment (for tests, or for variables loaded from elsewhere).
    public static func environment(_ variables: [String: String]) -> CredentialsProvider {
        CredentialsProvider(name: "environment") {
            try Credentials(environment: variables)
        }
    }
}
