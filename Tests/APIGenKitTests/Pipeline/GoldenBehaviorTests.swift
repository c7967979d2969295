import APIGenRuntime
import APIGenXML
import Foundation
import GoldenBare
import GoldenNasty
import Testing

/// The golden outputs compile (they are package targets); these tests check that they also
/// behave: keyword-named members, nested types, every scalar type and the error table work
/// on the wire exactly as the fixture specs say.
@Suite struct GoldenBehaviorTests {
    static let fullRequest = InjectionRequest(
        regionId: "cn-hangzhou",
        type: "Alpha",
        protocol: "a1\\",
        default: "x\"y",
        self_: true,
        selfType: -5,
        filter1Key: "k",
        _1stChoice: Int.max,
        ratio: 0.25,
        scale: 2.5,
        instanceIds: ["i-a", "i-b"],
        tags: [.init(key: "env", value: "prod"), .init(key: "team")],
        options: .init(mode: "fast", inner: .init(default: 3, values: [1, 2])),
        config: .init(name: "名称", enabled: false),
        diskCategories: [.cloudEfficiency, .essdLevel0, "cloud_auto"],
        priority: 2
    )

    @Test func requestEncodesEveryMemberUnderItsWireName() {
        let items = Self.fullRequest.queryItems.map { "\($0.name)=\($0.value)" }
        #expect(items == [
            "RegionId=cn-hangzhou",
            "Type=Alpha",
            "Protocol=a1\\",
            "default=x\"y",
            "self=true",
            "Self=-5",
            "Filter.1.Key=k",
            "1stChoice=9223372036854775807",
            "Ratio=0.25",
            "Scale=2.5",
            "InstanceId.1=i-a",
            "InstanceId.2=i-b",
            "Tag.1.Key=env",
            "Tag.1.Value=prod",
            "Tag.2.Key=team",
            "Options.Mode=fast",
            "Options.Inner.default=3",
            "Options.Inner.Values.1=1",
            "Options.Inner.Values.2=2",
            #"Config={"Enabled":false,"Name":"名称"}"#,
            "DiskCategory.1=cloud_efficiency",
            "DiskCategory.2=cloud_essd PL0",
            "DiskCategory.3=cloud_auto",
            "Priority=2",
        ])
        #expect(InjectionRequest.action == "Injection")
        #expect(InjectionRequest.operationType == .read)
        #expect(InjectionRequest(regionId: "r").queryItems == [QueryItem(name: "RegionId", value: "r")])
    }

    @Test func validationPassesAValidRequest() throws {
        try Self.fullRequest.validate()
    }

    @Test func validationNamesTheFailingParameter() {
        let cases: [(parameter: String, mutate: (inout InjectionRequest) -> Void)] = [
            ("RegionId", { $0.regionId = "" }),
            ("DiskCategory", { $0.diskCategories = ["cloud_essd", "much_too_long_for_16"] }),
            ("Type", { $0.type = "" }),
            ("Protocol", { $0.protocol = "A1\\" }),
            ("Self", { $0.selfType = 6 }),
            ("Ratio", { $0.ratio = 1.6 }),
            ("InstanceId", { $0.instanceIds = ["i-a", "i-b", "i-c", "i-d"] }),
            ("InstanceId", { $0.instanceIds = [] }),
            ("InstanceId", { $0.instanceIds = ["x-1"] }),
            ("Tag.2.Key", { $0.tags?[1].key = "" }),
            ("Options.Inner.default", { $0.options?.inner?.default = 0 }),
        ]
        for (parameter, mutate) in cases {
            var request = Self.fullRequest
            mutate(&request)
            do {
                try request.validate()
                Issue.record("no validation error for \(parameter)")
            } catch {
                #expect(error.parameter == parameter)
                #expect(error.action == "Injection")
            }
        }
    }

    @Test func responseDecodesNestedListsFromJSONAndXML() throws {
        let json = #"""
        {"RequestId": "R-1", "Type": "t", "Count": 7, "Total": 9007199254740993, "Ratio": 0.5, "Scale": 1.5,
         "Enabled": true, "self": "me", "default": "d", "Ids": ["a", "b"],
         "Instances": {"Instance": [{"InstanceId": "i-1", "Tags": {"Tag": [{"Key": "k", "Value": "v"}]}},
                                    {"InstanceId": "i-2"}]}}
        """#
        let fromJSON = try InjectionResponse.decode(from: Data(json.utf8), format: .json)
        #expect(fromJSON.requestId == "R-1")
        #expect(fromJSON.count == 7)
        #expect(fromJSON.total == 9_007_199_254_740_993)
        #expect(fromJSON.enabled == true)
        #expect(fromJSON.self_ == "me")
        #expect(fromJSON.default == "d")
        #expect(fromJSON.ids == ["a", "b"])
        #expect(fromJSON.instances.map(\.instanceId) == ["i-1", "i-2"])
        #expect(fromJSON.instances.first?.tags.first?.value == "v")
        // A list the service leaves out is empty, in both formats.
        #expect(fromJSON.instances.last?.tags == [])

        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <InjectionResponse>
          <RequestId>R-1</RequestId><Type>t</Type><Count>7</Count><Total>9007199254740993</Total>
          <Ratio>0.5</Ratio><Scale>1.5</Scale><Enabled>true</Enabled><self>me</self><default>d</default>
          <Ids>a</Ids><Ids>b</Ids>
          <Instances>
            <Instance><InstanceId>i-1</InstanceId><Tags><Tag><Key>k</Key><Value>v</Value></Tag></Tags></Instance>
            <Instance><InstanceId>i-2</InstanceId></Instance>
          </Instances>
        </InjectionResponse>
        """
        let fromXML = try InjectionResponse.decode(from: Data(xml.utf8), format: .xml)
        #expect(fromXML == fromJSON)
    }

    @Test func enumerationsAcceptValuesTheSpecDoesNotList() throws {
        #expect(InjectionRequest.Type_.documentedValues == [.alpha, .beta])
        #expect(InjectionRequest.DiskCategory.rawValue_.rawValue == "rawValue")
        #expect(InjectionRequest.DiskCategory("cloud_auto").isDocumented == false)
        #expect(InjectionRequest.DiskCategory.cloudEssd.isDocumented)
        // An undocumented type value is sent as it is: the service decides.
        var request = InjectionRequest(regionId: "r", type: "Gamma")
        try request.validate()
        request.type = InjectionRequest.Type_(rawValue: "Delta")
        #expect(request.queryItems.last == QueryItem(name: "Type", value: "Delta"))

        let json = try InjectionResponse.decode(from: Data(#"{"RequestId": "R", "Status": "Hibernating"}"#.utf8), format: .json)
        #expect(json.status == InjectionResponse.Status(rawValue: "Hibernating"))
        let xml = try InjectionResponse.decode(from: Data("<R><RequestId>R</RequestId><Status>运行中</Status></R>".utf8), format: .xml)
        #expect(xml.status == .chinese)
        #expect(xml.status?.description == "运行中")
    }

    @Test func responseOmitsMissingOptionalFieldsButRequiresRequiredOnes() throws {
        let minimal = try InjectionResponse.decode(from: Data(#"{"RequestId": "R"}"#.utf8), format: .json)
        #expect(minimal == InjectionResponse(requestId: "R"))
        #expect(throws: ResponseDecodingError.self) {
            try InjectionResponse.decode(from: Data(#"{"Type": "t"}"#.utf8), format: .json)
        }
        #expect(throws: ResponseDecodingError.self) {
            try InjectionResponse.decode(from: Data("<InjectionResponse><Type>t</Type></InjectionResponse>".utf8), format: .xml)
        }
    }

    @Test func errorCodesAreCaseSensitiveAndEachHasItsMember() throws {
        func classify(_ code: String, status: Int = 400) throws -> InjectionError {
            try InjectionError.decode(from: Data(#"{"Code": "\#(code)", "Message": "m", "RequestId": "R"}"#.utf8), httpStatus: status)
        }
        let invalidParam = try classify("Invalid.Param")
        #expect(invalidParam == .invalidParam)
        #expect(invalidParam.payload == ServiceErrorPayload(code: "Invalid.Param", message: "m", requestId: "R", httpStatus: 400))
        #expect(invalidParam.requestId == "R")
        #expect(invalidParam.isDocumentedByAction)
        let members: [(String, InjectionError)] = [
            ("Invalid-Param", .invalidParamDashed), ("InvalidParam.Malformed", .invalidParamMalformed),
            ("InvalidParam.MalFormed", .invalidParamMalFormed), ("default", .default), ("self", .self_),
            ("Unknown", .unknownCode), ("配额.超限", .quotaExceededChinese), ("Throttling", .throttling), ("Self", .selfError),
        ]
        for (code, member) in members {
            let error = try classify(code)
            #expect(error == member, "\(code)")
            #expect(member.code == code)
            // Each code is its own: no other member matches it.
            #expect(members.filter { $0.1 == error }.count == 1, "\(code)")
        }
        // A product-wide code matches the same way as the action's own, whatever the status.
        let throttled = try classify("Throttling", status: 429)
        switch throttled {
        case .invalidParam: Issue.record("matched the wrong member")
        case .throttling: #expect(throttled.httpStatus == 429 && throttled.isThrottling)
        default: Issue.record("Throttling did not match .throttling")
        }
        #expect(!throttled.isDocumentedByAction)
        // Codes are case-sensitive; an undocumented one is kept as it came.
        let other = try classify("invalid.param")
        #expect(other != .invalidParam)
        #expect(other.code == "invalid.param" && other.message == "m" && other.documentation == nil)

        #expect(InjectionError.invalidParamDashed.documentation?.httpStatuses == [400, 403])
        #expect(InjectionError.invalidParam.documentation?.message == #"The parameter is "invalid": \(param)"#)
        #expect(InjectionError.invalidParam.documentation?.description == "*/ not a comment end")
        #expect(InjectionRequest.documentedErrors.count == 8)
        #expect(InjectionError.selfError.documentation?.description == "限流。")
        #expect(InjectionError.invalidParamDashed.documentation == ErrorCodeDocumentation(
            httpStatuses: [400, 403], message: "Same Swift name as Invalid.Param without the override.", description: nil
        ))
        #expect(NastyProduct.errorCatalogue.isCommon("Throttling"))
        #expect(!NastyProduct.errorCatalogue.isCommon("Invalid.Param"))
        // A value made from a member answers as a server would: the documented message and status.
        #expect(InjectionError.quotaExceededChinese.payload.httpStatus == 403)
    }

    @Test func productConstantsSurviveEscaping() {
        #expect(NastyProduct.productCode == "Nasty")
        #expect(NastyProduct.regionalEndpoints == ["cn-\\(x)": "nasty.\"quoted\".example.com", "cn-hangzhou": "nasty.cn-hangzhou.example.com"])
        #expect(BareProduct.regionalEndpoints.isEmpty)
        #expect(BareProduct.defaultEndpoint == "bare.example.com")
    }

    @Test func productWithoutDocumentedErrorsKeepsEveryCodeAsItCame() throws {
        #expect(PingRequest(message: "hi").queryItems == [QueryItem(name: "Message", value: "hi")])
        #expect(PingRequest().queryItems.isEmpty)
        let error = try PingError.decode(
            from: Data("<Error><Code>Throttling</Code><Message>slow</Message></Error>".utf8), httpStatus: 400, format: .xml)
        #expect(error.payload == ServiceErrorPayload(code: "Throttling", message: "slow", httpStatus: 400))
        #expect(error.documentation == nil)
        #expect(PingRequest.documentedErrors.isEmpty)
        // A JSON client reads XML error bodies too (without libxml2), to the same payload.
        let withoutXML = try PingError.decode(from: Data("<Error><Code>Throttling</Code><Message>slow</Message></Error>".utf8), httpStatus: 400)
        #expect(withoutXML.payload == error.payload)
    }

    @Test @available(*, deprecated) func deprecatedMembersStillWork() {
        var request = InjectionRequest(regionId: "r", oldName: "old")
        #expect(request.oldName == "old")
        request.oldName = "new"
        #expect(request.queryItems.last == QueryItem(name: "OldName", value: "new"))
        #expect(EmptyRequest().queryItems.isEmpty)
    }
}
