import APIGenXML
import Foundation
import Testing

@testable import APIGenRuntime

extension ResponseDecoding {
    @Suite("Service error payloads")
    struct ErrorPayloads {
        /// The payload as a JSON client reads it (XML bodies through the runtime's flat reader,
        /// which needs no libxml2), checked against what an XML client reads (APIGenXML's full
        /// reader): both succeed with the same payload, or both fail.
        private func payload(_ body: String, status: Int = 400) throws(ResponseDecodingError) -> ServiceErrorPayload {
            let data = Data(body.utf8)
            let viaXMLReader: ServiceErrorPayload?
            do {
                viaXMLReader = try ServiceErrorPayload.decode(from: data, httpStatus: status, format: .xml)
            } catch {
                viaXMLReader = nil
            }
            do {
                let payload = try ServiceErrorPayload.decode(from: data, httpStatus: status)
                #expect(viaXMLReader == payload, "the flat reader and libxml2 disagree on \(body)")
                return payload
            } catch {
                #expect(viaXMLReader == nil, "only libxml2 reads \(body)")
                throw error
            }
        }

        private func failure(_ body: String, status: Int = 400) -> ResponseDecodingError? {
            do {
                _ = try payload(body, status: status)
                return nil
            } catch {
                return error
            }
        }

        static let full = ServiceErrorPayload(
            code: "InvalidInstanceId.NotFound", message: "The specified InstanceId does not exist.",
            requestId: "5F7E2F4A-1C2D-4E5F-8A9B-0C1D2E3F4A5B", hostId: "ecs.aliyuncs.com",
            recommend: "https://api.aliyun.com/troubleshoot?q=InvalidInstanceId.NotFound", httpStatus: 404)

        @Test func jsonWithAllFields() throws {
            let body = """
                {"RequestId":"5F7E2F4A-1C2D-4E5F-8A9B-0C1D2E3F4A5B","HostId":"ecs.aliyuncs.com",\
                "Code":"InvalidInstanceId.NotFound","Message":"The specified InstanceId does not exist.",\
                "Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidInstanceId.NotFound"}
                """
            #expect(try payload(body, status: 404) == Self.full)
        }

        @Test func xmlWithAllFields() throws {
            let body = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Error>
                  <RequestId>5F7E2F4A-1C2D-4E5F-8A9B-0C1D2E3F4A5B</RequestId>
                  <HostId>ecs.aliyuncs.com</HostId>
                  <Code>InvalidInstanceId.NotFound</Code>
                  <Message>The specified InstanceId does not exist.</Message>
                  <Recommend><![CDATA[https://api.aliyun.com/troubleshoot?q=InvalidInstanceId.NotFound]]></Recommend>
                </Error>
                """
            #expect(try payload(body, status: 404) == Self.full)
        }

        @Test func onlyCodeGivesEmptyMessageAndNoOptionals() throws {
            let expected = ServiceErrorPayload(code: "Throttling", message: "", httpStatus: 503)
            #expect(try payload(#"{"Code":"Throttling"}"#, status: 503) == expected)
            #expect(try payload("<Error><Code>Throttling</Code></Error>", status: 503) == expected)
        }

        @Test func leadingWhitespaceAndByteOrderMarkAreSkipped() throws {
            #expect(try payload("\u{FEFF}\n  {\"Code\":\"A\",\"Message\":\"m\"}").code == "A")
            #expect(try payload("\u{FEFF}\r\n\t<Error><Code>B</Code></Error>").code == "B")
        }

        @Test func numbersAreKeptAsTextAndOtherKindsIgnored() throws {
            let decoded = try payload(#"{"Code":400,"Message":{"nested":true},"RequestId":"r"}"#)
            #expect(decoded == ServiceErrorPayload(code: "400", message: "", requestId: "r", httpStatus: 400))
        }

        @Test func missingOrEmptyCodeIsAnError() {
            let json = failure(#"{"Message":"no code","RequestId":"r"}"#, status: 500)
            #expect(json?.reason == "the error body has no Code")
            #expect(json?.httpStatus == 500)
            #expect(json?.bodyPrefix == #"{"Message":"no code","RequestId":"r"}"#)
            #expect(failure("<Error><Message>no code</Message></Error>")?.reason == "the error body has no Code")
            #expect(failure("<Error><Code/></Error>")?.reason == "the error body has an empty Code")
            #expect(failure(#"{"Code":null}"#)?.reason == "the error body has no Code")
        }

        @Test func neitherJSONNorXML() {
            #expect(failure("")?.reason == "the error body is empty")
            #expect(failure("   ")?.reason == "the error body is neither JSON nor XML")
            #expect(failure("Service Unavailable", status: 503)?.reason == "the error body is neither JSON nor XML")
            #expect(failure("[1]") != nil)
            #expect(failure("{not json") != nil)
            #expect(failure("<Error><Code>x</Error>") != nil)
            #expect(failure(#"<!DOCTYPE Error [<!ENTITY e SYSTEM "file:///etc/passwd">]><Error><Code>&e;</Code></Error>"#)?
                .reason.contains("DOCTYPE") == true)
        }
    }
}
