/// The body format asked of the service.
public enum ResponseFormat: String, Sendable, Hashable, CaseIterable {
    case json = "JSON"
    case xml = "XML"

    /// The `Format` parameter's value (Signature 1.0).
    public var formatParameter: String { rawValue }

    /// The `accept` header's value (V3, as Alibaba Cloud's own SDKs send it).
    public var acceptHeader: String {
        switch self {
        case .json: "application/json"
        case .xml: "application/xml"
        }
    }
}
