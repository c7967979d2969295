import APIGenRuntime

/// Why a server refused a request's credentials, with the code, message and HTTP status
/// Alibaba Cloud's API gateway answers with (its public error codes).
public struct AuthenticationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The codes the gateway uses for authentication failures.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A signature parameter or header is missing (`Missing{Name}`, e.g. `MissingSignatureNonce`):
        /// see ``AuthenticationError/missing(_:)``.
        case missingParameter = "Missing{ParameterName}"
        /// The signature's parts are there but do not have the expected shape.
        case incompleteSignature = "IncompleteSignature"
        /// `SignatureMethod` (1.0) or the `Authorization` algorithm (V3) is not supported.
        case invalidSignatureMethod = "InvalidSignatureMethod"
        /// `Timestamp` / `x-acs-date` is not `yyyy-MM-ddTHH:mm:ssZ`.
        case invalidTimeStampFormat = "InvalidTimeStamp.Format"
        /// `Timestamp` / `x-acs-date` is more than the allowed skew (15 minutes) from the server's clock.
        case invalidTimeStampExpired = "InvalidTimeStamp.Expired"
        /// No such access key.
        case invalidAccessKeyIdNotFound = "InvalidAccessKeyId.NotFound"
        /// An STS key was used without its security token.
        case missingSecurityToken = "MissingSecurityToken"
        /// The STS token has expired.
        case invalidSecurityTokenExpired = "InvalidSecurityToken.Expired"
        /// The security token does not belong to the access key (or the key is not an STS key).
        case invalidSecurityTokenMismatchWithAccessKey = "InvalidSecurityToken.MismatchWithAccessKey"
        /// The signature the server computes differs from the one sent.
        case signatureDoesNotMatch = "SignatureDoesNotMatch"
        /// The nonce was already used within its retention time.
        case signatureNonceUsed = "SignatureNonceUsed"
    }

    /// The kind of failure.
    public var kind: Code
    /// What the server answers: code, message and status as the real service sends them.
    public var payload: ServiceErrorPayload

    public init(kind: Code, payload: ServiceErrorPayload) {
        self.kind = kind
        self.payload = payload
    }

    public var description: String { payload.description }

    /// `Missing<Name>` (HTTP 400): "<Name> is mandatory for this action."
    public static func missing(_ name: String) -> AuthenticationError {
        AuthenticationError(
            kind: .missingParameter,
            payload: ServiceErrorPayload(code: "Missing" + name, message: "\(name) is mandatory for this action.", httpStatus: 400)
        )
    }

    public static let incompleteSignature = AuthenticationError(
        kind: .incompleteSignature,
        payload: ServiceErrorPayload(code: Code.incompleteSignature.rawValue, message: "The request signature does not conform to Aliyun standards.", httpStatus: 400)
    )

    public static let invalidSignatureMethod = AuthenticationError(
        kind: .invalidSignatureMethod,
        payload: ServiceErrorPayload(code: Code.invalidSignatureMethod.rawValue, message: "Specified signature method is not supported.", httpStatus: 400)
    )

    public static let invalidTimeStampFormat = AuthenticationError(
        kind: .invalidTimeStampFormat,
        payload: ServiceErrorPayload(code: Code.invalidTimeStampFormat.rawValue, message: "Specified time stamp or date value is not well formatted.", httpStatus: 400)
    )

    public static let invalidTimeStampExpired = AuthenticationError(
        kind: .invalidTimeStampExpired,
        payload: ServiceErrorPayload(code: Code.invalidTimeStampExpired.rawValue, message: "Specified time stamp or date value is expired.", httpStatus: 400)
    )

    public static let invalidAccessKeyIdNotFound = AuthenticationError(
        kind: .invalidAccessKeyIdNotFound,
        payload: ServiceErrorPayload(code: Code.invalidAccessKeyIdNotFound.rawValue, message: "Specified access key is not found.", httpStatus: 404)
    )

    public static let missingSecurityToken = AuthenticationError(
        kind: .missingSecurityToken,
        payload: ServiceErrorPayload(code: Code.missingSecurityToken.rawValue, message: "SecurityToken is mandatory for this action.", httpStatus: 400)
    )

    public static let invalidSecurityTokenExpired = AuthenticationError(
        kind: .invalidSecurityTokenExpired,
        payload: ServiceErrorPayload(code: Code.invalidSecurityTokenExpired.rawValue, message: "Specified SecurityToken is expired.", httpStatus: 400)
    )

    public static let invalidSecurityTokenMismatchWithAccessKey = AuthenticationError(
        kind: .invalidSecurityTokenMismatchWithAccessKey,
        payload: ServiceErrorPayload(
            code: Code.invalidSecurityTokenMismatchWithAccessKey.rawValue, message: "Specified SecurityToken mismatch with the AccessKey.", httpStatus: 400)
    )

    public static let signatureDoesNotMatch = AuthenticationError(
        kind: .signatureDoesNotMatch,
        payload: ServiceErrorPayload(code: Code.signatureDoesNotMatch.rawValue, message: "Specified signature is not matched with our calculation.", httpStatus: 400)
    )

    public static let signatureNonceUsed = AuthenticationError(
        kind: .signatureNonceUsed,
        payload: ServiceErrorPayload(code: Code.signatureNonceUsed.rawValue, message: "Specified signature nonce was used already.", httpStatus: 400)
    )
}
