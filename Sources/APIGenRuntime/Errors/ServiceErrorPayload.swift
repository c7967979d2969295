/// An error response as Alibaba Cloud sends it, in JSON
/// (`{"RequestId","HostId","Code","Message","Recommend"}`) or XML (`<Error><Code/>…</Error>`),
/// together with the HTTP status it came with.
public struct ServiceErrorPayload: Sendable, Hashable, CustomStringConvertible {
    /// The error code, case-sensitive (e.g. `InvalidInstanceId.NotFound`).
    public var code: String
    /// The service's message.
    public var message: String
    /// The ID of the failed request, for Alibaba Cloud support.
    public var requestId: String?
    /// The host that answered.
    public var hostId: String?
    /// A diagnosis link the service may add.
    public var recommend: String?
    /// The HTTP status of the response.
    public var httpStatus: Int

    public init(
        code: String,
        message: String,
        requestId: String? = nil,
        hostId: String? = nil,
        recommend: String? = nil,
        httpStatus: Int
    ) {
        self.code = code
        self.message = message
        self.requestId = requestId
        self.hostId = hostId
        self.recommend = recommend
        self.httpStatus = httpStatus
    }

    public var description: String {
        var text = "\(code) (HTTP \(httpStatus)): \(message)"
        if let requestId { text += " [RequestId: \(requestId)]" }
        return text
    }
}
