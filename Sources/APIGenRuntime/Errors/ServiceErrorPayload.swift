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
    /// How long the service asked the caller to wait before trying again (`Retry-After`), when
    /// it did. A client whose retry policy will not wait that long fails with this at once.
    public var retryAfter: Duration?

    public init(
        code: String,
        message: String,
        requestId: String? = nil,
        hostId: String? = nil,
        recommend: String? = nil,
        httpStatus: Int,
        retryAfter: Duration? = nil
    ) {
        self.code = code
        self.message = message
        self.requestId = requestId
        self.hostId = hostId
        self.recommend = recommend
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
    }

    public var description: String {
        var text = "\(code) (HTTP \(httpStatus)): \(message)"
        if let requestId { text += " [RequestId: \(requestId)]" }
        if let retryAfter { text += " [Retry-After: \(retryAfter)]" }
        return text
    }
}
