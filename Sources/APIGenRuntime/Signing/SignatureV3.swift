import Crypto
import Foundation

/// Signature V3, `ACS3-HMAC-SHA256`.
///
/// ```
/// CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n
///                    SignedHeaders \n hex(SHA-256(body))
/// StringToSign     = "ACS3-HMAC-SHA256" \n hex(SHA-256(CanonicalRequest))
/// Signature        = hex(HMAC-SHA256(secret, StringToSign))
/// Authorization: ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<sig>
/// ```
///
/// The canonical query sorts the parameters byte-wise by raw name and joins them as
/// `name=percent-encoded value`, names as they are: what Alibaba Cloud's SDK
/// (`alibabacloud_tea_openapi`) signs and sends (``QueryNames``); the canonical headers are `host`, `content-type` (when present) and every
/// `x-acs-*` header, lower-cased, sorted, as `name:trimmed value\n`.
public struct SignatureV3: RPCSigner {
    public static let algorithm = "ACS3-HMAC-SHA256"
    /// hex(SHA-256) of an empty body.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The body format asked for, sent as `accept` (not signed).
    public var responseFormat: WireFormat
    /// The time `x-acs-date` shows.
    public var clock: @Sendable () -> Date
    /// The `x-acs-signature-nonce` of each request; must never repeat.
    public var nonce: @Sendable () -> String

    public init(
        responseFormat: WireFormat = .json,
        clock: @escaping @Sendable () -> Date = SigningDefaults.now,
        nonce: @escaping @Sendable () -> String = SigningDefaults.nonce
    ) {
        self.responseFormat = responseFormat
        self.clock = clock
        self.nonce = nonce
    }

    public var signatureVersion: SignatureVersion { .v3 }

    /// How the canonical query writes parameter names. The two agree for names of unreserved
    /// characters (`A–Z a–z 0–9 - _ . ~`, every name Alibaba Cloud's APIs document); for any
    /// other name they give different signatures.
    public enum QueryNames: Sendable, Hashable {
        /// Names as they are (`é=2`): what Alibaba Cloud's SDK signs; what this signer uses.
        case raw
        /// Names percent-encoded (`%C3%A9=2`), as Alibaba Cloud's V3 documentation describes;
        /// a server accepts it too.
        case percentEncoded
    }

    public func sign(_ call: RPCCall, with credentials: Credentials) -> SignedRequest {
        let query: [QueryItem]
        let body: [UInt8]
        switch call.parameterLocation {
        case .query:
            query = Canonical.sorted(call.parameters)
            body = []
        case .formBody:
            query = []
            body = Array(FormEncoding.encode(call.parameters).utf8)
        }
        let payloadHash = Self.hashedPayload(body)

        var headers: [String: String] = [
            "host": call.host,
            "x-acs-action": call.action,
            "x-acs-version": call.version,
            "x-acs-date": SigningTimestamp.string(from: clock()),
            "x-acs-signature-nonce": nonce(),
            "x-acs-content-sha256": payloadHash,
        ]
        if let token = credentials.securityToken {
            headers["x-acs-security-token"] = token
        }
        if call.parameterLocation == .formBody {
            headers["content-type"] = "application/x-www-form-urlencoded"
        }

        let canonical = Self.canonicalRequest(
            method: call.method,
            path: call.path,
            query: query,
            headers: headers,
            hashedPayload: payloadHash
        )
        let stringToSign = Self.stringToSign(canonicalRequest: canonical.text)
        let signature = Self.signature(stringToSign: stringToSign, accessKeySecret: credentials.accessKeySecret)
        headers["authorization"] = Self.authorization(
            accessKeyId: credentials.accessKeyId,
            signedHeaders: canonical.signedHeaders,
            signature: signature
        )
        headers["accept"] = responseFormat.acceptHeader

        return SignedRequest(
            method: call.method,
            host: call.host,
            path: call.path,
            queryItems: query,
            headers: headers,
            body: body
        )
    }

    /// A canonical request and the header names it signs.
    public struct CanonicalRequest: Sendable, Hashable {
        /// The canonical request's text.
        public var text: String
        /// The signed header names, sorted, joined by `;`.
        public var signedHeaders: String

        /// hex(SHA-256(text)): the second line of the string to sign.
        public var hash: String {
            Hex.lowercase(SHA256.hash(data: Array(text.utf8)))
        }
    }

    /// Canonical headers: the signed ones (see `isSigned(headerName:)`), names lower-cased and
    /// sorted, values with leading and trailing spaces and tabs removed, each as
    /// `name:value\n`. Values of names that differ only in case are sorted and joined by `,`.
    public struct CanonicalHeaders: Sendable, Hashable {
        /// The `name:value\n` lines.
        public var text: String
        /// The names, joined by `;`.
        public var signedHeaders: String
    }

    /// Whether a header takes part in the signature: `host`, `content-type` and `x-acs-*`.
    public static func isSigned(headerName: String) -> Bool {
        let name = asciiLowercased(headerName)
        return name == "host" || name == "content-type" || name.hasPrefix("x-acs-")
    }

    /// The canonical request for the given parts; `hashedPayload` is hex(SHA-256(body)).
    public static func canonicalRequest(
        method: HTTPMethod,
        path: String,
        query: [QueryItem],
        headers: [String: String],
        hashedPayload: String,
        queryNames: QueryNames = .raw
    ) -> CanonicalRequest {
        let canonicalHeaders = canonicalHeaders(headers)
        let text = [
            method.rawValue,
            canonicalURI(path),
            canonicalQuery(query, names: queryNames),
            canonicalHeaders.text,
            canonicalHeaders.signedHeaders,
            hashedPayload,
        ].joined(separator: "\n")
        return CanonicalRequest(text: text, signedHeaders: canonicalHeaders.signedHeaders)
    }

    /// The path percent-encoded segment by segment; `/` when empty.
    public static func canonicalURI(_ path: String) -> String {
        path.isEmpty ? "/" : PercentEncoding.encodePath(path)
    }

    /// Pairs sorted byte-wise by raw name, values percent-encoded, names as `names` says,
    /// joined as `name=value&…` (an empty value gives `name=`).
    public static func canonicalQuery(_ items: [QueryItem], names: QueryNames = .raw) -> String {
        switch names {
        case .raw: Canonical.queryWithRawNames(items)
        case .percentEncoded: Canonical.query(items)
        }
    }

    /// The canonical headers and signed header names of `headers`.
    public static func canonicalHeaders(_ headers: [String: String]) -> CanonicalHeaders {
        var grouped: [String: [String]] = [:]
        for (name, value) in headers where isSigned(headerName: name) {
            grouped[asciiLowercased(name), default: []].append(trimmed(value))
        }
        let names = grouped.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var text = ""
        for name in names {
            let values = grouped[name]!.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            text += name + ":" + values.joined(separator: ",") + "\n"
        }
        return CanonicalHeaders(text: text, signedHeaders: names.joined(separator: ";"))
    }

    /// The canonical request a server recomputes from what arrived: the headers named in the
    /// request's `SignedHeaders` (whatever they are: Alibaba Cloud's own SDKs also sign `accept`,
    /// `user-agent`, `x-acs-credentials-provider`, …), taken from `headers`.
    public static func canonicalRequest(
        method: HTTPMethod,
        path: String,
        query: [QueryItem],
        headers: [(name: String, value: String)],
        signedHeaderNames: [String],
        hashedPayload: String,
        queryNames: QueryNames = .raw
    ) -> CanonicalRequest {
        let canonicalHeaders = canonicalHeaders(headers, signedHeaderNames: signedHeaderNames)
        let text = [
            method.rawValue,
            canonicalURI(path),
            canonicalQuery(query, names: queryNames),
            canonicalHeaders.text,
            canonicalHeaders.signedHeaders,
            hashedPayload,
        ].joined(separator: "\n")
        return CanonicalRequest(text: text, signedHeaders: canonicalHeaders.signedHeaders)
    }

    /// The canonical headers of the named headers only: names lower-cased, de-duplicated and
    /// sorted; values trimmed; several values of one name sorted and joined by `,`. A named
    /// header that is absent contributes `name:` with an empty value.
    public static func canonicalHeaders(_ headers: [(name: String, value: String)], signedHeaderNames: [String]) -> CanonicalHeaders {
        let names = Set(signedHeaderNames.map(asciiLowercased)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var grouped: [String: [String]] = [:]
        let wanted = Set(names)
        for (name, value) in headers {
            let lowered = asciiLowercased(name)
            if wanted.contains(lowered) { grouped[lowered, default: []].append(trimmed(value)) }
        }
        var text = ""
        for name in names {
            let values = (grouped[name] ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            text += name + ":" + values.joined(separator: ",") + "\n"
        }
        return CanonicalHeaders(text: text, signedHeaders: names.joined(separator: ";"))
    }

    /// hex(SHA-256(body)).
    public static func hashedPayload(_ body: [UInt8]) -> String {
        Hex.lowercase(SHA256.hash(data: body))
    }

    /// `ACS3-HMAC-SHA256\n` + hex(SHA-256(canonical request)).
    public static func stringToSign(canonicalRequest: String) -> String {
        algorithm + "\n" + Hex.lowercase(SHA256.hash(data: Array(canonicalRequest.utf8)))
    }

    /// hex(HMAC-SHA256(key: `accessKeySecret`, `stringToSign`)).
    public static func signature(stringToSign: String, accessKeySecret: String) -> String {
        let key = SymmetricKey(data: Array(accessKeySecret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return Hex.lowercase(mac)
    }

    /// `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<signature>`.
    public static func authorization(accessKeyId: String, signedHeaders: String, signature: String) -> String {
        "\(algorithm) Credential=\(accessKeyId),SignedHeaders=\(signedHeaders),Signature=\(signature)"
    }

    private static func asciiLowercased(_ string: String) -> String {
        String(decoding: string.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Removes leading and trailing spaces and tabs (HTTP's optional whitespace).
    private static func trimmed(_ value: String) -> String {
        let bytes = Array(value.utf8)
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }),
              let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }
}
