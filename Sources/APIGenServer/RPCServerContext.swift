import APIGenRuntime
import Foundation

/// What a service implementation knows about the call it is answering, beyond the typed
/// request: its IDs, the caller and the format asked for.
public struct RPCServerContext: Sendable {
    /// The ID the response carries (`RequestId`), an uppercase UUID as Alibaba Cloud sends.
    public var requestId: String
    /// The host that answers (`HostId` in error bodies).
    public var hostId: String
    /// The body format the caller asked for.
    public var format: WireFormat
    /// The access key that signed the request, once authenticated.
    public var accessKeyId: String?
    /// The STS security token sent with the request, if any.
    public var securityToken: String?
    /// The request as it came.
    public var request: RPCServerRequest

    public init(
        request: RPCServerRequest,
        requestId: String = UUID().uuidString,
        hostId: String = "localhost",
        accessKeyId: String? = nil,
        securityToken: String? = nil,
        format: WireFormat? = nil
    ) {
        self.request = request
        self.requestId = requestId
        self.hostId = hostId
        self.accessKeyId = accessKeyId
        self.securityToken = securityToken
        self.format = format ?? request.responseFormat
    }
}
