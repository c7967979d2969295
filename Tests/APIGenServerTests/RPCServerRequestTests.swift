import APIGenRuntime
import APIGenServer
import APIGenXML
import Foundation
import Testing

/// Turning what an HTTP server received into RPC parameters, and answering with Alibaba's
/// error bodies.
@Suite struct RPCServerRequestTests {
    @Test func theQueryIsSplitAndPercentDecoded() {
        let request = RPCServerRequest(
            method: "GET",
            uri: "/?Action=Describe&Name=a%20b%2Bc+d&Emoji=%F0%9F%98%80&Empty=&Flag&Bad=%zz%4",
            headers: [(name: "X-Acs-Date", value: "now")]
        )
        #expect(request.path == "/")
        #expect(request.parameters.action == "Describe")
        #expect(request.parameters["Name"] == "a b+c d")
        #expect(request.parameters["Emoji"] == "😀")
        #expect(request.parameters["Empty"] == "")
        #expect(request.parameters["Flag"] == "")
        #expect(request.parameters["Bad"] == "%zz%4", "broken escapes are kept as they are")
        #expect(request.header("x-acs-date") == "now")
        #expect(RPCServerRequest(method: "GET", uri: "", headers: []).path == "/")
    }

    @Test func formBodiesAddParametersOnlyWhenTheyAreForms() {
        let body = Array("RegionId=cn-hangzhou&Tag.1.Key=a+b%26c".utf8)
        let form = RPCServerRequest(method: "POST", uri: "/?Action=X", headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")], body: body)
        #expect(form.parameters.items.map(\.name) == ["Action", "RegionId", "Tag.1.Key"])
        #expect(form.parameters["Tag.1.Key"] == "a b&c")
        let json = RPCServerRequest(method: "POST", uri: "/?Action=X", headers: [(name: "Content-Type", value: "application/json")], body: body)
        #expect(json.parameters.items.map(\.name) == ["Action"])
    }

    @Test func theFormatComesFromFormatThenAcceptThenDefaultsToXML() {
        func format(_ uri: String, accept: String? = nil) -> WireFormat {
            RPCServerRequest(method: "GET", uri: uri, headers: accept.map { [(name: "Accept", value: $0)] } ?? []).responseFormat
        }
        #expect(format("/?Format=json") == .json)
        #expect(format("/?Format=JSON", accept: "application/xml") == .json)
        #expect(format("/?Format=XML", accept: "application/json") == .xml)
        #expect(format("/", accept: "application/json") == .json)
        #expect(format("/", accept: "text/xml") == .xml)
        #expect(format("/") == .xml)
    }

    @Test func actionAndVersionComeFromParametersOrV3Headers() {
        let v3 = RPCServerRequest(method: "POST", uri: "/", headers: [(name: "x-acs-action", value: "A"), (name: "x-acs-version", value: "V")])
        #expect(v3.action == "A")
        #expect(v3.version == "V")
        let rpc = RPCServerRequest(method: "GET", uri: "/?Action=B&Version=W", headers: [(name: "x-acs-action", value: "A")])
        #expect(rpc.action == "B")
        #expect(rpc.version == "W")
    }

    @Test func errorBodiesAreAlibabasInBothFormats() throws {
        let payload = ServiceErrorPayload(code: "Invalid<Code>", message: "a & \"b\"", httpStatus: 403)
        let request = RPCServerRequest(method: "GET", uri: "/", headers: [])
        for format in WireFormat.allCases {
            let context = RPCServerContext(request: request, requestId: "RID", hostId: "ecs.local", format: format)
            let response = RPCServerResponse.error(payload, context: context)
            #expect(response.status == 403)
            let decoded = try ServiceErrorPayload.decode(from: Data(response.body), httpStatus: response.status)
            #expect(decoded.code == "Invalid<Code>")
            #expect(decoded.message == "a & \"b\"")
            #expect(decoded.requestId == "RID")
            #expect(decoded.hostId == "ecs.local")
            #expect(decoded.recommend == "https://api.aliyun.com/troubleshoot?q=Invalid%3CCode%3E&requestId=RID")
        }
        let xml = String(decoding: RPCServerResponse.error(payload, format: .xml).body, as: UTF8.self)
        #expect(xml.contains("<Error><Code>Invalid&lt;Code&gt;</Code><Message>a &amp; &quot;b&quot;</Message></Error>"))
    }
}
