import APIGenRuntime
import Foundation

/// What a server needs of an incoming request to check its signature, whatever HTTP stack
/// received it.
public struct RPCAuthenticationInput: Sendable {
    /// `GET` or `POST`, as on the request line.
    public var method: String
    /// The path, percent-decoded (`/` for RPC APIs).
    public var path: String
    /// The URL's query, percent-decoded, in order (V3 signs these).
    public var queryItems: [QueryItem]
    /// Every parameter: the query's, then a form body's (Signature 1.0 signs these).
    public var parameters: [QueryItem]
    /// The headers; names in any case.
    public var headers: [(name: String, value: String)]
    /// The body as received (V3 signs its SHA-256).
    public var body: [UInt8]

    public init(
        method: String,
        path: String,
        queryItems: [QueryItem],
        parameters: [QueryItem],
        headers: [(name: String, value: String)],
        body: [UInt8]
    ) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.parameters = parameters
        self.headers = headers
        self.body = body
    }

    /// The first header with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// The first parameter with this name (case-sensitive, as Alibaba Cloud's parameters are).
    public func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }
}

/// Who a request was signed by, once its signature checked out.
public struct AuthenticatedCaller: Sendable, Hashable {
    /// The key that signed the request.
    public var accessKey: AccessKeyRecord
    /// The signature version used.
    public var signatureVersion: SignatureVersion
    /// The security token the request carried (STS keys only).
    public var securityToken: String?
    /// The request's nonce.
    public var nonce: String
    /// The request's signing time.
    public var timestamp: Date

    public init(accessKey: AccessKeyRecord, signatureVersion: SignatureVersion, securityToken: String?, nonce: String, timestamp: Date) {
        self.accessKey = accessKey
        self.signatureVersion = signatureVersion
        self.securityToken = securityToken
        self.nonce = nonce
        self.timestamp = timestamp
    }
}

/// Checks the signature of incoming RPC requests, as Alibaba Cloud's API gateway does:
/// RPC signature 1.0 (HMAC-SHA1, parameters in the query or a form body) and V3
/// (`ACS3-HMAC-SHA256` in `Authorization`, over whichever headers `SignedHeaders` names).
///
/// In order, each failure answered with the gateway's code and status (``AuthenticationError``):
/// 1. the signature's parts are there and well-formed (`Missing…`, `IncompleteSignature`,
///    `InvalidSignatureMethod`);
/// 2. the timestamp parses (`InvalidTimeStamp.Format`) and is within 15 minutes of the server's
///    clock (`InvalidTimeStamp.Expired`);
/// 3. the access key exists (`InvalidAccessKeyId.NotFound`, 404);
/// 4. an STS key comes with its token, unexpired; a token comes only with its own key
///    (`MissingSecurityToken`, `InvalidSecurityToken.Expired`, `InvalidSecurityToken.MismatchWithAccessKey`);
/// 5. the signature recomputed from the request equals the one sent (`SignatureDoesNotMatch`),
///    with the parameters sorted by raw name as Alibaba Cloud's SDKs sort them (V3 query names
///    raw as its SDK signs them, or percent-encoded as its documentation says);
/// 6. the nonce was not seen before (`SignatureNonceUsed`): only a correctly signed request
///    records its nonce, so forged requests cannot use up nonces.
public struct RPCRequestAuthenticator: Sendable {
    /// 15 minutes: how far a request's timestamp may be from the server's clock, either way.
    public static let defaultAllowedClockSkew: TimeInterval = 15 * 60

    public let keys: any AccessKeyStore
    public let nonces: SignatureNonceCache
    public let allowedClockSkew: TimeInterval
    public let clock: @Sendable () -> Date

    public init(
        keys: any AccessKeyStore,
        nonces: SignatureNonceCache = SignatureNonceCache(),
        allowedClockSkew: TimeInterval = RPCRequestAuthenticator.defaultAllowedClockSkew,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.keys = keys
        self.nonces = nonces
        self.allowedClockSkew = allowedClockSkew
        self.clock = clock
    }

    /// The caller, or the reason the request is refused.
    public func authenticate(_ request: RPCAuthenticationInput) throws(AuthenticationError) -> AuthenticatedCaller {
        if let authorization = request.header("authorization") {
            return try authenticateV3(request, authorization: authorization)
        }
        return try authenticateV1(request)
    }

    // MARK: Signature 1.0

    private func authenticateV1(_ request: RPCAuthenticationInput) throws(AuthenticationError) -> AuthenticatedCaller {
        func required(_ name: String) throws(AuthenticationError) -> String {
            guard let value = request.parameter(name), !value.isEmpty else { throw .missing(name) }
            return value
        }
        let accessKeyId = try required("AccessKeyId")
        let signature = try required("Signature")
        let method = try required("SignatureMethod")
        let nonce = try required("SignatureNonce")
        let timestampText = try required("Timestamp")
        guard method == SignatureV1.signatureMethod else { throw .invalidSignatureMethod }
        if let version = request.parameter("SignatureVersion"), version != SignatureV1.signatureVersionValue {
            throw .invalidSignatureMethod
        }

        let now = clock()
        let timestamp = try checkTimestamp(timestampText, now: now)
        let key = try lookUp(accessKeyId)
        let token = request.parameter("SecurityToken")
        try checkSecurityToken(token, for: key, now: now)

        let signed = request.parameters.filter { $0.name != "Signature" }
        let stringToSign = SignatureV1.stringToSign(method: HTTPMethod(rawValue: request.method), parameters: signed)
        let expected = SignatureV1.signature(stringToSign: stringToSign, accessKeySecret: key.accessKeySecret)
        guard constantTimeEquals(expected, signature) else { throw .signatureDoesNotMatch }

        guard nonces.insert(nonce, accessKeyId: accessKeyId, now: now) else { throw .signatureNonceUsed }
        return AuthenticatedCaller(accessKey: key, signatureVersion: .v1, securityToken: token, nonce: nonce, timestamp: timestamp)
    }

    // MARK: V3

    /// The parts of `Authorization: ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`.
    struct V3Authorization: Equatable {
        var credential: String
        var signedHeaders: [String]
        var signature: String

        init(parsing value: String) throws(AuthenticationError) {
            let trimmedValue = value.trimmingCharacters(in: .whitespaces)
            guard let space = trimmedValue.firstIndex(of: " ") else { throw .incompleteSignature }
            let algorithm = trimmedValue[..<space]
            guard algorithm == SignatureV3.algorithm else {
                throw algorithm.hasPrefix("ACS3-") ? .invalidSignatureMethod : .incompleteSignature
            }
            var fields: [String: String] = [:]
            for part in trimmedValue[space...].split(separator: ",") {
                let piece = part.trimmingCharacters(in: .whitespaces)
                guard let equals = piece.firstIndex(of: "=") else { throw .incompleteSignature }
                fields[String(piece[..<equals])] = String(piece[piece.index(after: equals)...])
            }
            guard let credential = fields["Credential"], !credential.isEmpty,
                  let signedHeaders = fields["SignedHeaders"], !signedHeaders.isEmpty,
                  let signature = fields["Signature"], !signature.isEmpty
            else { throw .incompleteSignature }
            self.credential = credential
            self.signedHeaders = signedHeaders.split(separator: ";").map { String($0).lowercased() }
            self.signature = signature
        }
    }

    /// Headers a V3 request must sign when it sends them: they carry what the request means
    /// (action, version), when and how often it may be used (date, nonce), its body and token.
    public static let v3HeadersThatMustBeSigned = [
        "host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce",
        "x-acs-content-sha256", "x-acs-security-token",
    ]

    private func authenticateV3(_ request: RPCAuthenticationInput, authorization: String) throws(AuthenticationError) -> AuthenticatedCaller {
        let parsed = try V3Authorization(parsing: authorization)
        guard let date = request.header("x-acs-date"), !date.isEmpty else { throw .missingHeader("x-acs-date") }
        guard let nonce = request.header("x-acs-signature-nonce"), !nonce.isEmpty else { throw .missingHeader("x-acs-signature-nonce") }
        let signedNames = Set(parsed.signedHeaders)
        for name in Self.v3HeadersThatMustBeSigned where request.header(name) != nil && !signedNames.contains(name) {
            throw .incompleteSignature
        }
        for name in parsed.signedHeaders where request.header(name) == nil {
            throw .incompleteSignature
        }

        let now = clock()
        let timestamp = try checkTimestamp(date, now: now)
        let key = try lookUp(parsed.credential)
        if let keyHeader = request.header("x-acs-accesskey-id"), keyHeader != parsed.credential {
            throw .invalidSecurityTokenMismatchWithAccessKey
        }
        let token = request.header("x-acs-security-token")
        try checkSecurityToken(token, for: key, now: now)

        let payloadHash = SignatureV3.hashedPayload(request.body)
        if let sent = request.header("x-acs-content-sha256"), sent.lowercased() != payloadHash {
            throw .signatureDoesNotMatch
        }
        func expected(_ names: SignatureV3.QueryNames) -> String {
            let canonical = SignatureV3.canonicalRequest(
                method: HTTPMethod(rawValue: request.method),
                path: request.path,
                query: request.queryItems,
                headers: request.headers,
                signedHeaderNames: parsed.signedHeaders,
                hashedPayload: payloadHash,
                queryNames: names
            )
            return SignatureV3.signature(
                stringToSign: SignatureV3.stringToSign(canonicalRequest: canonical.text), accessKeySecret: key.accessKeySecret)
        }
        // Names as Alibaba Cloud's SDK signs them (raw); for a query name outside the unreserved
        // characters, also as its documentation describes (percent-encoded). Both take the secret.
        let sent = parsed.signature.lowercased()
        guard constantTimeEquals(expected(.raw), sent)
            || (request.queryItems.contains { !$0.name.utf8.allSatisfy(PercentEncoding.isUnreserved) }
                && constantTimeEquals(expected(.percentEncoded), sent))
        else { throw .signatureDoesNotMatch }

        guard nonces.insert(nonce, accessKeyId: key.accessKeyId, now: now) else { throw .signatureNonceUsed }
        return AuthenticatedCaller(accessKey: key, signatureVersion: .v3, securityToken: token, nonce: nonce, timestamp: timestamp)
    }

    // MARK: Shared checks

    private func checkTimestamp(_ text: String, now: Date) throws(AuthenticationError) -> Date {
        guard let timestamp = SigningTimestampParser.date(from: text) else { throw .invalidTimeStampFormat }
        guard abs(timestamp.timeIntervalSince(now)) <= allowedClockSkew else { throw .invalidTimeStampExpired }
        return timestamp
    }

    private func lookUp(_ accessKeyId: String) throws(AuthenticationError) -> AccessKeyRecord {
        guard let key = keys.accessKey(id: accessKeyId) else { throw .invalidAccessKeyIdNotFound }
        return key
    }

    private func checkSecurityToken(_ token: String?, for key: AccessKeyRecord, now: Date) throws(AuthenticationError) {
        let sent = token.flatMap { $0.isEmpty ? nil : $0 }
        switch (key.securityToken, sent) {
        case (nil, nil):
            return
        case (nil, .some):
            // A token with a long-term key: the token is not this key's.
            throw .invalidSecurityTokenMismatchWithAccessKey
        case (.some, nil):
            throw .missingSecurityToken
        case (.some(let expected), .some(let sent)):
            guard constantTimeEquals(expected, sent) else { throw .invalidSecurityTokenMismatchWithAccessKey }
            if let expiration = key.expiration, now >= expiration { throw .invalidSecurityTokenExpired }
        }
    }

    /// Compares without returning early, so timing does not reveal how much of a guess is right.
    private func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

extension AuthenticationError {
    /// A missing V3 header: `MissingParameter` (HTTP 400).
    public static func missingHeader(_ name: String) -> AuthenticationError {
        AuthenticationError(
            kind: .missingParameter,
            payload: ServiceErrorPayload(
                code: "MissingParameter",
                message: "The input parameter \"\(name)\" that is mandatory for processing this request is not supplied.",
                httpStatus: 400)
        )
    }
}

/// Reads the timestamps signatures carry: `yyyy-MM-ddTHH:mm:ssZ`, optionally with a fraction
/// of a second (`…:24.123Z`), always UTC. Written with integer arithmetic, like
/// ``SigningTimestamp``, so no locale or time-zone setting changes it.
public enum SigningTimestampParser {
    public static func date(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func separator(_ index: Int, _ character: Character) -> Bool { bytes[index] == character.asciiValue }
        guard separator(4, "-"), separator(7, "-"), separator(10, "T"), separator(13, ":"), separator(16, ":"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            guard separator(19, "."), bytes.count > 21, let digits = number(20..<(bytes.count - 1)) else { return nil }
            fraction = Double(digits) / pow(10, Double(bytes.count - 21))
        } else if !separator(19, "Z") {
            return nil
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension String {
    fileprivate func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count
            && zip(utf8, other.utf8).allSatisfy { a, b in
                let lowerA = (0x41...0x5A).contains(a) ? a + 0x20 : a
                let lowerB = (0x41...0x5A).contains(b) ? b + 0x20 : b
                return lowerA == lowerB
            }
    }
}

extension RPCAuthenticationInput {
    /// What ``RPCRequestAuthenticator`` needs of a transport-agnostic server request.
    public init(_ request: RPCServerRequest) {
        self.init(
            method: request.method,
            path: request.path,
            queryItems: request.queryItems,
            parameters: request.parameters.items,
            headers: request.headers,
            body: request.body
        )
    }
}

extension RPCRequestAuthenticator {
    /// Checks the signature of `request`.
    public func authenticate(_ request: RPCServerRequest) throws(AuthenticationError) -> AuthenticatedCaller {
        try authenticate(RPCAuthenticationInput(request))
    }
}
