import Foundation
import Testing

@testable import APIGenRuntime

/// Response decoding tests (`swift test --filter APIGenRuntimeTests.ResponseDecoding`).
@Suite("Response decoding")
enum ResponseDecoding {
    /// The error decoding throws, or nil if it succeeded.
    static func failure<T: Decodable>(
        _ type: T.Type, _ body: String, _ format: ResponseFormat, httpStatus: Int? = 200
    ) -> ResponseDecodingError? {
        do {
            _ = try ResponseDecoder.decode(type, from: Data(body.utf8), format: format, httpStatus: httpStatus)
            return nil
        } catch {
            return error
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ body: String, _ format: ResponseFormat) throws -> T {
        try ResponseDecoder.decode(type, from: Data(body.utf8), format: format)
    }
}

// Response types shaped as the generator emits them: explicit CodingKeys with wire names, list
// wrappers as their own types.
extension ResponseDecoding {
    struct AttachClassicLinkVpcResponse: RPCResponse {
        var requestId: String

        enum CodingKeys: String, CodingKey {
            case requestId = "RequestId"
        }
    }

    struct DescribeInstancesResponse: RPCResponse {
        var requestId: String
        var totalCount: Int32
        var pageNumber: Int32?
        var instances: Instances?

        enum CodingKeys: String, CodingKey {
            case requestId = "RequestId"
            case totalCount = "TotalCount"
            case pageNumber = "PageNumber"
            case instances = "Instances"
        }

        struct Instances: Codable, Hashable, Sendable {
            var instance: [Instance]

            enum CodingKeys: String, CodingKey {
                case instance = "Instance"
            }
        }

        struct Instance: Codable, Hashable, Sendable {
            var instanceId: String
            var status: Status?
            var cpuOptions: CpuOptions?
            var securityGroupIds: SecurityGroupIds?
            var tags: Tags?

            enum CodingKeys: String, CodingKey {
                case instanceId = "InstanceId"
                case status = "Status"
                case cpuOptions = "CpuOptions"
                case securityGroupIds = "SecurityGroupIds"
                case tags = "Tags"
            }
        }

        enum Status: String, Codable, Hashable, Sendable {
            case running = "Running"
            case stopped = "Stopped"
        }

        struct CpuOptions: Codable, Hashable, Sendable {
            var coreCount: Int32?
            var threadsPerCore: Int32?

            enum CodingKeys: String, CodingKey {
                case coreCount = "CoreCount"
                case threadsPerCore = "ThreadsPerCore"
            }
        }

        struct SecurityGroupIds: Codable, Hashable, Sendable {
            var securityGroupId: [String]

            enum CodingKeys: String, CodingKey {
                case securityGroupId = "SecurityGroupId"
            }
        }

        struct Tags: Codable, Hashable, Sendable {
            var tag: [Tag]?

            enum CodingKeys: String, CodingKey {
                case tag = "Tag"
            }
        }

        struct Tag: Codable, Hashable, Sendable {
            var tagKey: String?
            var tagValue: String?

            enum CodingKeys: String, CodingKey {
                case tagKey = "TagKey"
                case tagValue = "TagValue"
            }
        }
    }

    struct AllScalars: Decodable, Hashable {
        var string: String
        var bool: Bool
        var int: Int
        var int8: Int8
        var int16: Int16
        var int32: Int32
        var int64: Int64
        var uint: UInt
        var uint8: UInt8
        var uint16: UInt16
        var uint32: UInt32
        var uint64: UInt64
        var float: Float
        var double: Double

        enum CodingKeys: String, CodingKey {
            case string = "String", bool = "Bool", int = "Int", int8 = "Int8", int16 = "Int16", int32 = "Int32"
            case int64 = "Int64", uint = "UInt", uint8 = "UInt8", uint16 = "UInt16", uint32 = "UInt32"
            case uint64 = "UInt64", float = "Float", double = "Double"
        }
    }

    struct OptionalScalars: Decodable, Hashable {
        var string: String?
        var bool: Bool?
        var int32: Int32?
        var int64: Int64?
        var double: Double?
        var float: Float?
        var list: [String]?

        enum CodingKeys: String, CodingKey {
            case string = "String", bool = "Bool", int32 = "Int32", int64 = "Int64", double = "Double"
            case float = "Float", list = "List"
        }
    }

    /// Nests through a list, the way a recursive generated type would.
    struct Nest: Decodable, Hashable {
        var child: [Nest]?

        enum CodingKeys: String, CodingKey {
            case child = "A"
        }

        var depth: Int { 1 + (child?.first?.depth ?? 0) }
    }
}
