// A libFuzzer entry point for what reads bytes from the network: the JSON and XML response
// decoders, error bodies, and a server's request reading (target, query, form body, typed
// parameters). Built by Tests/Fuzz/libfuzzer.sh with swiftc directly (-sanitize=fuzzer,address)
// from APIGenRuntime's sources, outside the package's build.
import Foundation

/// A response with the shapes generated code has: nested objects, lists, optionals, numbers.
struct FuzzResponse: Decodable {
    var requestId: String
    var totalCount: Int32?
    var ratio: Double?
    var enabled: Bool?
    var items: Items?
    struct Items: Decodable {
        var item: [Item]?
        enum CodingKeys: String, CodingKey { case item = "Item" }
    }
    struct Item: Decodable {
        var id: String?
        var size: Int64?
        var tags: [String]?
        enum CodingKeys: String, CodingKey { case id = "Id", size = "Size", tags = "Tags" }
    }
    enum CodingKeys: String, CodingKey {
        case requestId = "RequestId", totalCount = "TotalCount", ratio = "Ratio", enabled = "Enabled", items = "Items"
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let selector = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    switch selector % 4 {
    case 0:
        _ = try? ResponseDecoder.decode(FuzzResponse.self, from: body, format: .json, httpStatus: 200)
    case 1:
        _ = try? ResponseDecoder.decode(FuzzResponse.self, from: body, format: .xml, httpStatus: 200)
    case 2:
        _ = try? ServiceErrorPayload.decode(from: Data(body), httpStatus: 400)
    default:
        let text = String(decoding: body, as: UTF8.self)
        let target = text.prefix { $0 != "\n" }
        let request = RPCServerRequest(
            method: "POST", uri: String(target), headers: [("content-type", "application/x-www-form-urlencoded")], body: body)
        _ = request.action
        _ = request.responseFormat
        _ = try? request.parameters.decode(Int.self, forKey: "PageSize")
        _ = try? request.parameters.decode(Bool.self, forKey: "DryRun")
        _ = try? request.parameters.decodeJSON([String].self, forKey: "InstanceIds")
    }
    return 0
}
