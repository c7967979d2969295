import Testing

@testable import APIGenRuntime

extension Signing {
    @Suite("RPCCall from a generated request")
    struct RPCCallTests {
        enum Example: RPCProduct {
            static let productCode = "Ecs"
            static let apiVersion = "2014-05-26"
            static let defaultEndpoint = "ecs.aliyuncs.com"
            static let regionalEndpoints = ["cn-hangzhou": "ecs.cn-hangzhou.aliyuncs.com"]
        }

        struct Empty: RPCResponse {}

        struct DescribeInstances: RPCRequest {
            typealias Product = Example
            typealias Response = Empty
            static let action = "DescribeInstances"
            static let operationType = OperationType.read

            var regionId: String
            var instanceIds: [String]

            init(regionId: String, instanceIds: [String]) {
                self.regionId = regionId
                self.instanceIds = instanceIds
            }

            func encodeQuery(into query: inout QueryEncoder) {
                query.encode(regionId, forKey: "RegionId")
                query.encode(instanceIds, forKey: "InstanceId")
            }

            func validate() throws(RequestValidationError) {}
        }

        @Test("Action, version and flattened parameters come from the request")
        func fromRequest() {
            let request = DescribeInstances(regionId: "cn-hangzhou", instanceIds: ["i-1", "i-2"])
            let call = RPCCall(request, host: Example.regionalEndpoints["cn-hangzhou"]!)
            #expect(call.action == "DescribeInstances")
            #expect(call.version == "2014-05-26")
            #expect(call.host == "ecs.cn-hangzhou.aliyuncs.com")
            #expect(call.method == .post)
            #expect(call.path == "/")
            #expect(call.parameterLocation == .query)
            #expect(call.parameters == [
                QueryItem(name: "RegionId", value: "cn-hangzhou"),
                QueryItem(name: "InstanceId.1", value: "i-1"),
                QueryItem(name: "InstanceId.2", value: "i-2"),
            ])
        }
    }
}
