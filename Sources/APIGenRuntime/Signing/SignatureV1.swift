import Crypto
import Foundation

/// RPC signature 1.0 (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`).
///
/// 1. The common parameters (`AccessKeyId`, `Action`, `Format`, `SignatureMethod`,
///    `SignatureNonce`, `SignatureVersion`, `Timestamp`, `Version`, and `SecurityToken` when
///    the credentials have one) join the call's own parameters.
/// 2. Canonicalized query: the pairs sorted byte-wise by raw (UTF-8) name, as Alibaba Cloud's
///    SDKs sort them, then each percent-encoded (RFC 3986) and joined as `name=value` with `&`.
/// 3. StringToSign = `METHOD&%2F&` + percentEncode(canonicalized query).
/// 4. `Signature` = base64(HMAC-SHA1(key: secret + `&`, StringToSign)), sent as one more
///    query parameter.
public struct SignatureV1: RPCSigner {
    public static let signatureMethod = "HMAC-SHA1"
    public static let signatureVersionValue = "1.0"

    /// The `Format` asked for.
    public var responseFormat: WireFormat
    /// The time the `Timestamp` shows.
    public var clock: @Sendable () -> Date
    /// The `SignatureNonce` of each request; must never repeat.
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

    public var signatureVersion: SignatureVersion { .v1 }

    public func sign(_ call: RPCCall, with credentials: Credentials) -> SignedRequest {
        let common = commonParameters(for: call, credentials: credentials)
        let signed = common + call.parameters
        let stringToSign = Self.stringToSign(method: call.method, parameters: signed)
        let signature = QueryItem(
            name: "Signature",
            value: Self.signature(stringToSign: stringToSign, accessKeySecret: credentials.accessKeySecret)
        )

        var headers = ["host": call.host]
        let query: [QueryItem]
        let body: [UInt8]
        switch call.parameterLocation {
        case .query:
            query = Canonical.sorted(signed) + [signature]
            body = []
        case .formBody:
            query = Canonical.sorted(common) + [signature]
            body = Array(FormEncoding.encode(call.parameters).utf8)
            headers["content-type"] = "application/x-www-form-urlencoded"
        }
        return SignedRequest(
            method: call.method,
            host: call.host,
            path: call.path,
            queryItems: query,
            headers: headers,
            body: body
        )
    }

    /// The common parameters this signer adds to `call`, with a fresh nonce and the clock's time.
    public func commonParameters(for call: RPCCall, credentials: Credentials) -> [QueryItem] {
        var items = [
            QueryItem(name: "AccessKeyId", value: credentials.accessKeyId),
            QueryItem(name: "Action", value: call.action),
            QueryItem(name: "Format", value: responseFormat.formatParameter),
            QueryItem(name: "SignatureMethod", value: Self.signatureMethod),
            QueryItem(name: "SignatureNonce", value: nonce()),
            QueryItem(name: "SignatureVersion", value: Self.signatureVersionValue),
            QueryItem(name: "Timestamp", value: SigningTimestamp.string(from: clock())),
            QueryItem(name: "Version", value: call.version),
        ]
        if let token = credentials.securityToken {
            items.append(QueryItem(name: "SecurityToken", value: token))
        }
        return items
    }

    /// The canonicalized query: pairs sorted byte-wise by raw name, then percent-encoded and
    /// joined as `name=value&…`.
    public static func canonicalizedQuery(_ parameters: [QueryItem]) -> String {
        Canonical.query(parameters)
    }

    /// `METHOD&%2F&` + percentEncode(canonicalized query) for all signed parameters
    /// (common and the action's own, not `Signature`).
    public static func stringToSign(method: HTTPMethod, parameters: [QueryItem]) -> String {
        method.rawValue + "&" + PercentEncoding.encode("/") + "&"
            + PercentEncoding.encode(canonicalizedQuery(parameters))
    }

    /// base64(HMAC-SHA1(key: `accessKeySecret` + `&`, `stringToSign`)).
    public static func signature(stringToSign: String, accessKeySecret: String) -> String {
        let key = SymmetricKey(data: Array((accessKeySecret + "&").utf8))
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return Data(mac).base64EncodedString()
    }
}
