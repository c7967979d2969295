import APIGenXML
import Foundation
import Testing

@testable import APIGenRuntime

extension ResponseDecoding {
    @Suite("JSON and XML bodies")
    struct Bodies {
        typealias Response = DescribeInstancesResponse

        @Test(arguments: [ResponseFormat.json, .xml])
        func seedResponse(format: ResponseFormat) throws {
            let body = format == .json
                ? #"{"RequestId":"C0003E8B-B930-4F59-ADC0-0E209A9012A8"}"#
                : #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
                    + "<AttachClassicLinkVpcResponse><RequestId>C0003E8B-B930-4F59-ADC0-0E209A9012A8</RequestId></AttachClassicLinkVpcResponse>"
            let response = try decode(AttachClassicLinkVpcResponse.self, body, format)
            #expect(response == AttachClassicLinkVpcResponse(requestId: "C0003E8B-B930-4F59-ADC0-0E209A9012A8"))
        }

        @Test func bytesAndDataOverloadsAgree() throws {
            let xml = "<R><RequestId>abc</RequestId></R>"
            let fromBytes = try ResponseDecoder.decode(AttachClassicLinkVpcResponse.self, from: Array(xml.utf8), format: .xml)
            let fromData = try ResponseDecoder.decode(AttachClassicLinkVpcResponse.self, from: Data(xml.utf8), format: .xml)
            #expect(fromBytes == fromData)
            #expect(fromBytes.requestId == "abc")
            let json = Array(#"{"RequestId":"abc"}"#.utf8)
            #expect(try ResponseDecoder.decode(AttachClassicLinkVpcResponse.self, from: json, format: .json) == fromBytes)
        }

        static let nestedJSON = """
            {"RequestId":"R1","TotalCount":3,"PageNumber":1,"Instances":{"Instance":[
              {"InstanceId":"i-1","Status":"Running","CpuOptions":{"CoreCount":2,"ThreadsPerCore":2},
               "SecurityGroupIds":{"SecurityGroupId":["sg-1"]},"Tags":{"Tag":[{"TagKey":"env","TagValue":"prod"}]}},
              {"InstanceId":"i-2","Status":"Stopped","SecurityGroupIds":{"SecurityGroupId":[]},"Tags":{}},
              {"InstanceId":"i-3","SecurityGroupIds":{"SecurityGroupId":["sg-1","sg-2"]}}
            ]}}
            """

        static let nestedXML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeInstancesResponse>
              <RequestId>R1</RequestId>
              <TotalCount> 3 </TotalCount>
              <PageNumber>1</PageNumber>
              <Instances>
                <Instance>
                  <InstanceId>i-1</InstanceId>
                  <Status>Running</Status>
                  <CpuOptions><CoreCount>2</CoreCount><ThreadsPerCore>2</ThreadsPerCore></CpuOptions>
                  <SecurityGroupIds><SecurityGroupId>sg-1</SecurityGroupId></SecurityGroupIds>
                  <Tags><Tag><TagKey>env</TagKey><TagValue>prod</TagValue></Tag></Tags>
                  <Unknown><Deep>ignored</Deep></Unknown>
                </Instance>
                <Instance>
                  <InstanceId>i-2</InstanceId>
                  <Status>Stopped</Status>
                  <SecurityGroupIds/>
                  <Tags></Tags>
                </Instance>
                <Instance>
                  <SecurityGroupIds>
                    <SecurityGroupId>sg-1</SecurityGroupId>
                    <SecurityGroupId>sg-2</SecurityGroupId>
                  </SecurityGroupIds>
                  <InstanceId>i-3</InstanceId>
                </Instance>
              </Instances>
            </DescribeInstancesResponse>
            """

        static let nestedExpected = Response(
            requestId: "R1", totalCount: 3, pageNumber: 1,
            instances: .init(instance: [
                .init(
                    instanceId: "i-1", status: .running, cpuOptions: .init(coreCount: 2, threadsPerCore: 2),
                    securityGroupIds: .init(securityGroupId: ["sg-1"]),
                    tags: .init(tag: [.init(tagKey: "env", tagValue: "prod")])),
                .init(
                    instanceId: "i-2", status: .stopped, cpuOptions: nil,
                    securityGroupIds: .init(securityGroupId: []), tags: .init(tag: nil)),
                .init(
                    instanceId: "i-3", status: nil, cpuOptions: nil,
                    securityGroupIds: .init(securityGroupId: ["sg-1", "sg-2"]), tags: nil),
            ]))

        @Test func nestedJSONResponse() throws {
            #expect(try decode(Response.self, Self.nestedJSON, .json) == Self.nestedExpected)
        }

        /// One-element lists stay lists, an empty wrapper gives [] or nil, and order is kept.
        @Test func nestedXMLResponseMatchesJSON() throws {
            #expect(try decode(Response.self, Self.nestedXML, .xml) == Self.nestedExpected)
        }

        @Test func missingListIsEmptyWhenRequiredAndNilWhenOptional() throws {
            let xml = "<R><RequestId>x</RequestId><TotalCount>0</TotalCount></R>"
            let response = try decode(Response.self, xml, .xml)
            #expect(response.instances == nil)
            let wrapper = try decode(Response.Instances.self, "<Instances/>", .xml)
            #expect(wrapper.instance == [])
            let json = try decode(Response.self, #"{"RequestId":"x","TotalCount":0}"#, .json)
            #expect(json == response)
        }

        @Test func manyListItemsKeepDocumentOrderAmongOtherElements() throws {
            struct Lists: Decodable, Equatable {
                var a: [String]
                var b: [Int]
                enum CodingKeys: String, CodingKey { case a = "A", b = "B" }
            }
            let xml = "<R><A>3</A><B>1</B><A>1</A><C/><B>2</B><A>2</A><B>3</B><A>0</A></R>"
            #expect(try decode(Lists.self, xml, .xml) == Lists(a: ["3", "1", "2", "0"], b: [1, 2, 3]))
        }

        @Test(arguments: [ResponseFormat.json, .xml])
        func allScalarTypes(format: ResponseFormat) throws {
            let values: [(String, String)] = [
                ("String", "  spaced text  "), ("Bool", "true"), ("Int", "-9223372036854775808"), ("Int8", "-128"),
                ("Int16", "32767"), ("Int32", "-2147483648"), ("Int64", "9223372036854775807"),
                ("UInt", "18446744073709551615"), ("UInt8", "255"), ("UInt16", "65535"), ("UInt32", "4294967295"),
                ("UInt64", "18446744073709551615"), ("Float", "1.5"), ("Double", "-0.1"),
            ]
            let body: String
            if format == .json {
                body = "{" + values.map { name, value in
                    "\"\(name)\":" + (name == "String" ? "\"\(value)\"" : value)
                }.joined(separator: ",") + "}"
            } else {
                body = "<R>" + values.map { name, value in
                    name == "String" ? "<\(name)>\(value)</\(name)>" : "<\(name)>\n  \(value)\t</\(name)>"
                }.joined() + "</R>"
            }
            let decoded = try decode(AllScalars.self, body, format)
            #expect(decoded == AllScalars(
                string: "  spaced text  ", bool: true, int: .min, int8: .min, int16: .max, int32: .min,
                int64: .max, uint: .max, uint8: .max, uint16: .max, uint32: .max, uint64: .max,
                float: 1.5, double: -0.1))
        }

        @Test func xmlScalarDetails() throws {
            struct Texts: Decodable, Equatable {
                var empty: String
                var emptyPair: String
                var entities: String
                var cdata: String
                var falseValue: Bool
                var exponent: Double
                enum CodingKeys: String, CodingKey {
                    case empty = "Empty", emptyPair = "EmptyPair", entities = "Entities", cdata = "CData"
                    case falseValue = "False", exponent = "Exponent"
                }
            }
            let xml = """
                <R a="ignored"><Empty/><EmptyPair></EmptyPair>\
                <Entities>a &lt;b&gt; &amp; &quot;c&quot; &#x4E2D;&#25991;</Entities>\
                <CData><![CDATA[<not> & markup]]></CData><False>false</False><Exponent>1e-05</Exponent></R>
                """
            #expect(try decode(Texts.self, xml, .xml) == Texts(
                empty: "", emptyPair: "", entities: #"a <b> & "c" 中文"#, cdata: "<not> & markup",
                falseValue: false, exponent: 0.00001))
        }

        @Test func emptyOrMissingOptionalScalarsAreNil() throws {
            let xml = "<R><String/><Bool/><Int32> </Int32><Int64></Int64><Double/></R>"
            #expect(try decode(OptionalScalars.self, xml, .xml)
                == OptionalScalars(string: "", bool: nil, int32: nil, int64: nil, double: nil, float: nil, list: nil))
            #expect(try decode(OptionalScalars.self, "<R/>", .xml) == OptionalScalars())
        }

        @Test func emptyRequiredNumberIsAnError() {
            let error = failure(AllScalars.self, "<R><String/><Bool>true</Bool><Int></Int></R>", .xml)
            #expect(error?.reason == "Int: expected Int, found an empty element")
        }

        @Test func namespacedElementsMatchByLocalName() throws {
            let xml = #"<r:R xmlns:r="urn:x"><r:RequestId>n</r:RequestId></r:R>"#
            #expect(try decode(AttachClassicLinkVpcResponse.self, xml, .xml).requestId == "n")
            // A relative namespace URI is only a warning.
            let relative = #"<R xmlns="relative/ns"><RequestId>m</RequestId></R>"#
            #expect(try decode(AttachClassicLinkVpcResponse.self, relative, .xml).requestId == "m")
        }

        @Test func dictionaryFromChildElements() throws {
            let map = try decode([String: Int].self, "<R><A>1</A><B> 2 </B></R>", .xml)
            #expect(map == ["A": 1, "B": 2])
        }

        @Test func concurrentXMLDecodes() async throws {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<32 {
                    group.addTask {
                        try ResponseDecoding.decode(Response.self, Self.nestedXML, .xml) == Self.nestedExpected
                    }
                }
                for try await ok in group { #expect(ok) }
            }
        }
    }
}
