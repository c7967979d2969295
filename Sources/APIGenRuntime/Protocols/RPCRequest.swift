import Foundation

/// Whether an action only reads state or changes it.
///
/// The client retries server errors and connection failures only for `.read` actions:
/// repeating a write that may already have happened is never done silently.
public enum OperationType: String, Sendable, Hashable, CaseIterable {
    case read
    case write
}

/// A product (an Alibaba Cloud service at one API version), as described by its spec's product file.
public protocol RPCProduct: Sendable {
    /// The product code, e.g. `Ecs`.
    static var productCode: String { get }
    /// The API version, e.g. `2014-05-26`.
    static var apiVersion: String { get }
    /// The host used when no region-specific host is known, e.g. `ecs.aliyuncs.com`.
    static var defaultEndpoint: String { get }
    /// Region ID → host, e.g. `cn-hangzhou` → `ecs.cn-hangzhou.aliyuncs.com`.
    static var regionalEndpoints: [String: String] { get }
    /// Every error code the product's specs document, with what each means.
    static var errorCatalogue: ErrorCatalogue { get }
    /// Whether the product has a host per region (`<product>.<region>.aliyuncs.com`) or one
    /// central host. Default: `.regional` when ``regionalEndpoints`` is not empty.
    static var endpointRule: EndpointRule { get }
    /// The `<product>` of endpoint host names, e.g. `ecs`. Default: the first label of
    /// ``defaultEndpoint``.
    static var endpointProductLabel: String { get }
}

/// How Alibaba Cloud names a product's hosts when its table has none for a region.
public enum EndpointRule: String, Sendable, Hashable, CaseIterable {
    /// `<product>[-<network>].<region>.aliyuncs.com`
    case regional
    /// `<product>[-<network>].aliyuncs.com`, whatever the region.
    case central
}

extension RPCProduct {
    public static var errorCatalogue: ErrorCatalogue { ErrorCatalogue(entries: []) }

    public static var endpointRule: EndpointRule { regionalEndpoints.isEmpty ? .central : .regional }

    public static var endpointProductLabel: String {
        String(defaultEndpoint.prefix { $0 != "." }).lowercased()
    }
}

/// The typed request of one RPC action.
///
/// Generated request types hold the action's parameters as Swift properties (required ones
/// non-optional) and know how to flatten themselves into Alibaba's query parameters.
public protocol RPCRequest: Sendable, MemberwiseHashable {
    /// The product the action belongs to.
    associatedtype Product: RPCProduct
    /// What a successful call returns.
    associatedtype Response: RPCResponse

    /// The wire name of the action, sent as `Action` (e.g. `AttachClassicLinkVpc`).
    static var action: String { get }
    /// Whether the action reads or writes.
    static var operationType: OperationType { get }
    /// Whether repeating the call is harmless, so that server errors and lost connections may
    /// be retried: read operations, unless the spec says otherwise.
    static var isIdempotent: Bool { get }
    /// The error codes the action's own spec documents (the product's catalogue says what
    /// each means); any other code can still come, and is kept as it came.
    static var documentedErrors: [ServiceError<Self>] { get }
    /// The parameter that carries the action's idempotency token (`ClientToken` for the ECS
    /// actions that take one), or `nil`. When it is set, the client fills the token with a UUID
    /// if the caller left it empty, sends the same token on every attempt, and so may retry
    /// the call after a server error or a lost connection even when it writes.
    static var clientTokenParameter: String? { get }
    /// Parameters whose values never appear in logs (trace-level request logging shows
    /// `***`). Default: ``RPCRedaction/sensitiveNames`` that the action takes, matched by
    /// the last part of the wire name (`Password`, `Foo.Password`).
    static var sensitiveParameters: Set<String> { get }

    /// Appends the action's own parameters (not the common ones such as `Action` or `Version`).
    func encodeQuery(into query: inout QueryEncoder)

    /// Checks required parameters and constraints locally, before anything is sent.
    func validate() throws(RequestValidationError)
}

extension RPCRequest {
    public static var isIdempotent: Bool { operationType == .read }

    public static var documentedErrors: [ServiceError<Self>] { [] }

    public static var clientTokenParameter: String? { nil }

    public static var sensitiveParameters: Set<String> { RPCRedaction.sensitiveNames }

    /// The action's own parameters as query items, in the order the spec lists them.
    public var queryItems: [QueryItem] {
        var encoder = QueryEncoder()
        encodeQuery(into: &encoder)
        return encoder.items
    }
}

/// The typed response of one RPC action, decodable from Alibaba's JSON and XML bodies (a
/// server module adds `Encodable`, to write them).
public protocol RPCResponse: Decodable, Sendable, MemberwiseHashable {}

extension ServiceError {
    /// Decodes an error body (JSON, or XML when `format` reads it, told apart by its first byte).
    public static func decode(
        from body: Data, httpStatus: Int, format: ResponseFormat = .json
    ) throws(ResponseDecodingError) -> Self {
        Self(payload: try ServiceErrorPayload.decode(from: body, httpStatus: httpStatus, format: format))
    }
}

extension RPCResponse {
    /// Decodes a success body in the given format.
    public static func decode(from body: Data, format: ResponseFormat, httpStatus: Int? = nil) throws(ResponseDecodingError) -> Self {
        try ResponseDecoder.decode(Self.self, from: body, format: format, httpStatus: httpStatus)
    }
}
