/// An HTTP method, as it appears on the request line and in the string to sign.
public struct HTTPMethod: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The method's name, e.g. `POST`.
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let post = HTTPMethod(rawValue: "POST")

    public var description: String { rawValue }
}

/// Where an RPC call's own parameters travel.
public enum ParameterLocation: Sendable, Hashable {
    /// In the URL's query string (what Alibaba Cloud's RPC APIs document, and the default).
    case query
    /// In an `application/x-www-form-urlencoded` body (for `POST`, when values are too long
    /// for a URL, e.g. `UserData`). Signature 1.0 signs them together with the query;
    /// V3 signs the body's SHA-256.
    case formBody
}

/// One call of an RPC action, before signing: which action of which API version, sent where,
/// with which of the action's own parameters (already flattened, e.g. `InstanceId.1`).
public struct RPCCall: Sendable, Hashable {
    /// The action, e.g. `DescribeRegions`.
    public var action: String
    /// The API version, e.g. `2014-05-26`.
    public var version: String
    /// The endpoint's host, e.g. `ecs.cn-hangzhou.aliyuncs.com`.
    public var host: String
    /// The HTTP method; RPC APIs accept `GET` and `POST`.
    public var method: HTTPMethod
    /// The request path; `/` for RPC APIs.
    public var path: String
    /// The action's own parameters, not the common ones (the signer adds those).
    public var parameters: [QueryItem]
    /// Where `parameters` are sent.
    public var parameterLocation: ParameterLocation

    public init(
        action: String,
        version: String,
        host: String,
        method: HTTPMethod = .post,
        path: String = "/",
        parameters: [QueryItem] = [],
        parameterLocation: ParameterLocation = .query
    ) {
        self.action = action
        self.version = version
        self.host = host
        self.method = method
        self.path = path
        self.parameters = parameters
        self.parameterLocation = parameterLocation
    }
}

/// A request that is signed and ready to send: a transport opens `https://<host>` and sends
/// `method`, `pathAndQuery`, every header in `headers` and `body`, changing nothing.
///
/// Both signature versions produce this same shape: Signature 1.0 puts the common parameters
/// and the `Signature` in `queryItems`; V3 puts them in `x-acs-*` headers and `authorization`.
public struct SignedRequest: Sendable, Hashable {
    /// The HTTP method.
    public var method: HTTPMethod
    /// The host, also present as the `host` header.
    public var host: String
    /// The path, not percent-encoded (`/` for RPC APIs); see `percentEncodedPath`.
    public var path: String
    /// The query parameters, in the order they are sent (sorted as they were signed).
    public var queryItems: [QueryItem]
    /// Header names (lower-case) and values. Includes `host`; a transport whose HTTP client
    /// sets `Host` from the URL may leave that one out, since it is the same value.
    public var headers: [String: String]
    /// The body; empty for most RPC calls.
    public var body: [UInt8]

    public init(
        method: HTTPMethod,
        host: String,
        path: String,
        queryItems: [QueryItem],
        headers: [String: String],
        body: [UInt8]
    ) {
        self.method = method
        self.host = host
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
    }

    /// `path`, percent-encoded segment by segment.
    public var percentEncodedPath: String {
        PercentEncoding.encodePath(path)
    }

    /// The query string, without `?`: `name=value` pairs joined by `&`, each percent-encoded
    /// exactly as when signing.
    public var percentEncodedQuery: String {
        FormEncoding.encode(queryItems)
    }

    /// The request target: `percentEncodedPath`, then `?` and the query when there is one.
    public var pathAndQuery: String {
        let query = percentEncodedQuery
        return query.isEmpty ? percentEncodedPath : percentEncodedPath + "?" + query
    }

    /// The full URL as a string, e.g. `https://ecs.aliyuncs.com/?Action=…`.
    public func urlString(scheme: String = "https") -> String {
        scheme + "://" + host + pathAndQuery
    }
}

/// `name=value&name=value`, each side percent-encoded: the query string and the form body.
enum FormEncoding {
    static func encode(_ items: [QueryItem]) -> String {
        items.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }
}

extension RPCCall {
    /// The call of a generated request: its action, its product's API version, and its own
    /// parameters flattened (`request.queryItems`).
    public init<Request: RPCRequest>(
        _ request: Request,
        host: String,
        method: HTTPMethod = .post,
        parameterLocation: ParameterLocation = .query
    ) {
        self.init(
            action: Request.action,
            version: Request.Product.apiVersion,
            host: host,
            method: method,
            path: "/",
            parameters: request.queryItems,
            parameterLocation: parameterLocation
        )
    }
}
