import Foundation

/// An Alibaba Cloud AccessKey pair, with the security token that comes with STS credentials.
///
/// Printing a value never shows the secret or the token: `description`, `debugDescription`
/// and the reflection mirror (`dump`, the debugger) show the first four characters of the
/// AccessKey ID followed by `***`, and `***` for the secret and the token.
public struct Credentials: Sendable, Hashable {
    /// The AccessKey ID, e.g. `LTAI5t…`. Sent with every request.
    public var accessKeyId: String
    /// The AccessKey secret. Used only as the signing key; never sent, never printed.
    public var accessKeySecret: String
    /// The STS security token, for temporary credentials; `nil` for a permanent AccessKey.
    public var securityToken: String?
    /// When temporary credentials stop working; `nil` for credentials that do not expire.
    /// Caching providers (``CredentialsProvider/refreshing(name:policy:clock:logger:fetch:)``)
    /// refresh them before this time.
    public var expiration: Date?

    public init(accessKeyId: String, accessKeySecret: String, securityToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.accessKeySecret = accessKeySecret
        self.securityToken = securityToken
        self.expiration = expiration
    }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// What is shown in place of a secret.
    static let mask = "***"

    /// The AccessKey ID cut to its first four characters, then `***`: what logs and errors show.
    public var maskedAccessKeyId: String {
        String(accessKeyId.prefix(4)) + Self.mask
    }

    public var description: String {
        let token = securityToken == nil ? "nil" : Self.mask
        let expiry = expiration.map { ", expiration: \(SigningTimestamp.string(from: $0))" } ?? ""
        return "Credentials(accessKeyId: \(maskedAccessKeyId), accessKeySecret: \(Self.mask), securityToken: \(token)\(expiry))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyId": maskedAccessKeyId,
                "accessKeySecret": Self.mask,
                "securityToken": securityToken == nil ? "nil" : Self.mask,
                "expiration": expiration.map { SigningTimestamp.string(from: $0) } ?? "nil",
            ],
            displayStyle: .struct
        )
    }
}

extension Credentials {
    /// The environment variable holding the AccessKey ID.
    public static let accessKeyIdVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID"
    /// The environment variable holding the AccessKey secret.
    public static let accessKeySecretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
    /// The environment variable holding the STS security token (optional).
    public static let securityTokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN"

    /// Reads credentials from environment variables: `ALIBABA_CLOUD_ACCESS_KEY_ID` and
    /// `ALIBABA_CLOUD_ACCESS_KEY_SECRET` (required, non-empty) and `ALIBABA_CLOUD_SECURITY_TOKEN`
    /// (optional; an empty value counts as absent).
    ///
    /// - Parameter environment: the variables to read, e.g. `ProcessInfo.processInfo.environment`.
    /// - Throws: `CredentialsError` naming the variable that is missing or empty (never a value).
    public init(environment: [String: String]) throws(CredentialsError) {
        func required(_ name: String) throws(CredentialsError) -> String {
            guard let value = environment[name] else {
                throw .missingEnvironmentVariable(name)
            }
            guard !value.isEmpty else {
                throw .emptyEnvironmentVariable(name)
            }
            return value
        }
        let id = try required(Self.accessKeyIdVariable)
        let secret = try required(Self.accessKeySecretVariable)
        let token = environment[Self.securityTokenVariable].flatMap { $0.isEmpty ? nil : $0 }
        self.init(accessKeyId: id, accessKeySecret: secret, securityToken: token)
    }
}

/// Why credentials could not be found. Its text names variables, never their values.
public enum CredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The environment variable is not set.
    case missingEnvironmentVariable(String)
    /// The environment variable is set but empty.
    case emptyEnvironmentVariable(String)

    public var description: String {
        switch self {
        case .missingEnvironmentVariable(let name):
            return "Alibaba Cloud credentials: the environment variable \(name) is not set"
        case .emptyEnvironmentVariable(let name):
            return "Alibaba Cloud credentials: the environment variable \(name) is empty"
        }
    }
}
