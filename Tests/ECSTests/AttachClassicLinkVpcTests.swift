import APIGenRuntime
import APIGenXML
import ECS
import Foundation
import Testing

/// The committed, generated ECS module, exercised as a user would: the seed action's request,
/// its success bodies, and every error code of the seed document's table.
@Suite struct AttachClassicLinkVpcTests {
    @Test func requestEncodesTheSeedParameters() throws {
        let request = AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-bp1gtjxuuvwj17zr****", vpcId: "vpc-bp1j4z1sr8zxu4l8u****")
        #expect(request.queryItems == [
            QueryItem(name: "RegionId", value: "cn-hangzhou"),
            QueryItem(name: "InstanceId", value: "i-bp1gtjxuuvwj17zr****"),
            QueryItem(name: "VpcId", value: "vpc-bp1j4z1sr8zxu4l8u****"),
        ])
        #expect(AttachClassicLinkVpcRequest.action == "AttachClassicLinkVpc")
        #expect(AttachClassicLinkVpcRequest.operationType == .write)
        try request.validate()
    }

    @Test(arguments: ["RegionId", "InstanceId", "VpcId"])
    func anEmptyRequiredParameterFailsLocally(parameter: String) {
        var request = AttachClassicLinkVpcRequest(regionId: "cn-hangzhou", instanceId: "i-1", vpcId: "vpc-1")
        switch parameter {
        case "RegionId": request.regionId = ""
        case "InstanceId": request.instanceId = ""
        default: request.vpcId = ""
        }
        do {
            try request.validate()
            Issue.record("validation passed with an empty \(parameter)")
        } catch {
            #expect(error.parameter == parameter)
            #expect(error.problem == .missing)
        }
    }

    @Test func responseDecodesFromTheSeedJSONAndXMLBodies() throws {
        let json = try AttachClassicLinkVpcResponse.decode(
            from: Data(#"{"RequestId": "C0003E8B-B930-4F59-ADC0-0E209A9012A8"}"#.utf8), format: .json
        )
        #expect(json.requestId == "C0003E8B-B930-4F59-ADC0-0E209A9012A8")
        let xml = try AttachClassicLinkVpcResponse.decode(
            from: Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <AttachClassicLinkVpcResponse>
                <RequestId>C0003E8B-B930-4F59-ADC0-0E209A9012A8</RequestId>
            </AttachClassicLinkVpcResponse>
            """.utf8),
            format: .xml
        )
        #expect(xml == json)
    }

    /// The seed document's table: code, message, HTTP status, description.
    static let seedTable: [(code: String, message: String, status: Int, description: String)] = [
        ("Abs.InvalidInstanceId.MalFormed", "The specified instance has already been linked to another VPC.", 400, "The specified instance is already linked to another VPC."),
        ("InvalidInstanceId.MalFormed", "The specified instance is not a classic network type instance.", 400, "The network type of the specified instance is not a classic network."),
        ("InvalidRegionId.Malformed", "The specified RegionId is invalid.", 400, "The specified RegionId does not exist or you are not authorized to access the specified region."),
        ("InvalidVpcId.Malformed", "The specified VpcId is invalid.", 400, "The specified VpcId is invalid."),
        ("InvalidInstanceId.NotBelong", "The user does not own the specified instance.", 403, "The specified instance does not belong to you."),
        ("InvalidStatus.InstanceLocked", "The specified instance is in another processing list.", 403, "The specified instance is processing another task."),
        ("InvalidStatus.InstanceStatus", "Only the Running or Stopped InstanceStatus is allowed.", 403, "The specified instance must be in the Running (Running) or Stopped (Stopped) status."),
        ("OperationDenied", "The specified VPC are unable to attach ClassicLink.", 403, "The specified VPC cannot enable ClassicLink."),
        ("QuotaExceeded", "The maximum number of links in the specified VPC exceeds.", 403, "The number of available links for the current VPC has reached the upper limit, up to 1000 classic network type instances are allowed to connect to the same VPC."),
        ("InvalidInstanceId.NotFound", "The specified InstanceId does not exist.", 404, "The specified InstanceId does not exist."),
    ]

    @Test func everyCodeOfTheSeedTableIsDocumented() {
        #expect(AttachClassicLinkVpcRequest.documentedErrors.map(\.code) == Self.seedTable.map(\.code))
        for row in Self.seedTable {
            let documentation = AttachClassicLinkVpcError(code: row.code).documentation
            #expect(documentation?.httpStatuses == [row.status], "\(row.code)")
            #expect(documentation?.message == row.message, "\(row.code)")
            #expect(documentation?.description == row.description, "\(row.code)")
        }
    }

    /// Each code, in JSON and in XML, decodes to the error its member matches, and to no other.
    @Test func eachErrorCodeDecodesToItsOwnMember() throws {
        for row in Self.seedTable {
            let json = #"{"RequestId": "R-\#(row.code)", "HostId": "ecs.aliyuncs.com", "Code": "\#(row.code)", "Message": "\#(row.message)", "Recommend": "https://api.aliyun.com/troubleshoot"}"#
            let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>R-\(row.code)</RequestId><HostId>ecs.aliyuncs.com</HostId><Code>\(row.code)</Code><Message>\(row.message)</Message><Recommend>https://api.aliyun.com/troubleshoot</Recommend></Error>"
            let fromJSON = try AttachClassicLinkVpcError.decode(from: Data(json.utf8), httpStatus: row.status)
            let fromXML = try AttachClassicLinkVpcError.decode(from: Data(xml.utf8), httpStatus: row.status, format: .xml)
            #expect(fromJSON == fromXML)
            #expect(fromJSON.payload == fromXML.payload)
            #expect(fromJSON.code == row.code)
            #expect(fromJSON.isDocumentedByAction)
            #expect(fromJSON.payload == ServiceErrorPayload(
                code: row.code, message: row.message, requestId: "R-\(row.code)", hostId: "ecs.aliyuncs.com",
                recommend: "https://api.aliyun.com/troubleshoot", httpStatus: row.status
            ))
            #expect(Self.matchingMembers(fromJSON) == [row.code], "\(row.code)")
        }
    }

    /// The codes whose members `error` matches in a `switch`, as a user writes it.
    static func matchingMembers(_ error: AttachClassicLinkVpcError) -> [String] {
        let members: [(String, AttachClassicLinkVpcError)] = [
            ("Abs.InvalidInstanceId.MalFormed", .absInvalidInstanceIdMalFormed),
            ("InvalidInstanceId.MalFormed", .invalidInstanceIdMalFormed),
            ("InvalidRegionId.Malformed", .invalidRegionIdMalformed),
            ("InvalidVpcId.Malformed", .invalidVpcIdMalformed),
            ("InvalidInstanceId.NotBelong", .invalidInstanceIdNotBelong),
            ("InvalidStatus.InstanceLocked", .invalidStatusInstanceLocked),
            ("InvalidStatus.InstanceStatus", .invalidStatusInstanceStatus),
            ("OperationDenied", .operationDenied),
            ("QuotaExceeded", .quotaExceeded),
            ("InvalidInstanceId.NotFound", .invalidInstanceIdNotFound),
        ]
        return members.filter { code, member in
            switch error {
            case member: true
            default: false
            }
        }.map(\.0)
    }

    @Test func productWideAndUnknownCodesAreKept() throws {
        let throttled = try AttachClassicLinkVpcError.decode(
            from: Data(#"{"Code": "Throttling.User", "Message": "Request was denied due to user flow control.", "RequestId": "R"}"#.utf8),
            httpStatus: 400
        )
        // Product-wide codes match like the action's own: one code, one member, for every action.
        #expect(throttled == .throttlingUser)
        #expect(throttled.payload == ServiceErrorPayload(code: "Throttling.User", message: "Request was denied due to user flow control.", requestId: "R", httpStatus: 400))
        #expect(!throttled.isDocumentedByAction)
        #expect(throttled.isThrottling)
        #expect(ECSProduct.errorCatalogue.isCommon("Throttling.User"))

        let unknown = try AttachClassicLinkVpcError.decode(
            from: Data("<Error><RequestId>R</RequestId><Code>Brand.New</Code><Message>new</Message></Error>".utf8),
            httpStatus: 409, format: .xml
        )
        #expect(unknown.payload == ServiceErrorPayload(code: "Brand.New", message: "new", requestId: "R", httpStatus: 409))
        #expect(unknown.documentation == nil)
        #expect(unknown.description.contains("Brand.New"))

        // Codes are case-sensitive: a differently cased code is not the documented one.
        let cased = try AttachClassicLinkVpcError.decode(from: Data(#"{"Code": "InvalidRegionId.MalFormed"}"#.utf8), httpStatus: 400)
        #expect(cased != .invalidRegionIdMalformed)
        #expect(Self.matchingMembers(cased).isEmpty)
    }

    /// A code both the product and the action document is matched one way only, for every
    /// action (issue 13: `.common(.internalError, _)` used to miss it where the action listed it).
    @Test func aCodeListedTwiceIsMatchedOneWay() throws {
        let internalError = try DescribeInstancesError.decode(from: Data(#"{"Code": "InternalError", "Message": "m"}"#.utf8), httpStatus: 500)
        #expect(internalError == .internalError)
        #expect(internalError.isDocumentedByAction)
        #expect(internalError.isRetryable)
        let elsewhere = try AttachClassicLinkVpcError.decode(from: Data(#"{"Code": "InternalError", "Message": "m"}"#.utf8), httpStatus: 500)
        #expect(elsewhere == .internalError)
    }

    @Test func productKnowsItsEndpoints() {
        #expect(ECSProduct.apiVersion == "2014-05-26")
        #expect(ECSProduct.productCode == "Ecs")
        #expect(ECSProduct.defaultEndpoint == "ecs.aliyuncs.com")
        #expect(ECSProduct.regionalEndpoints.count == 38)
        #expect(ECSProduct.regionalEndpoints["cn-hangzhou"] == "ecs.cn-hangzhou.aliyuncs.com")
        #expect(ECSProduct.errorCatalogue.documentation(of: "SignatureDoesNotMatch", action: nil)?.httpStatuses == [400])
    }
}
