import Foundation

/// Where a client gets its credentials from, asked again before every request (so a provider
/// may rotate them).
///
/// ```swift
/// let fromEnvironment = CredentialsProvider.environment
/// let fixed = CredentialsProvider.static(Credentials(accessKeyId: "…", accessKeySecret: "…"))
/// let forTests = CredentialsProvider.environment(["ALIBABA_CLOUD_ACCESS_KEY_ID": "…", …])
/// ```
public struct CredentialsProvider: Sendable {
    private let resolveCredentials: @Sendable () async throws -> Credentials

    /// A provider that runs `resolve` each time credentials are needed.
    public init(_ resolve: @escaping @Sendable () async throws -> Credentials) {
        self.resolveCredentials = resolve
    }

    /// The credentials to sign the next request with.
    public func credentials() async throws -> Credentials {
        try await resolveCredentials()
    }

    /// Always the same credentials.
    public static func `static`(_ credentials: Credentials) -> CredentialsProvider {
        CredentialsProvider { credentials }
    }

    /// Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and (optionally)
    /// `ALIBABA_CLOUD_SECURITY_TOKEN` from the process environment, each time it is asked.
    ///
    /// Fails with `CredentialsError` naming the variable that is missing or empty.
    public static var environment: CredentialsProvider {
        CredentialsProvider {
            try Credentials(environment: ProcessInfo.processInfo.environment)
        }
    }

    /// Reads the same variables as `environment`, from the given dictionary instead of the
    /// process environment (for tests, or for variables loaded from elsewhere).
    public static func environment(_ variables: [String: String]) -> CredentialsProvider {
        CredentialsProvider {
            try Credentials(environment: variables)
        }
    }
}
