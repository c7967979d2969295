import APIGenRuntime
import APIGenServer
import APIGenXML
import Foundation
import GoldenBare
import GoldenBareServer
import GoldenNasty
import GoldenNastyServer
import Testing

/// The generated server side of the golden products: the request decoders are the inverse of
/// the encoders, and the router answers as Alibaba Cloud does.
@Suite struct GoldenServerTests {
    /// Answers `Injection` with a fixed response, or with the error `failWith` names.
    struct InjectionService: NastyService {
        var response = InjectionResponse(requestId: "R-1")
        var failWith: InjectionError?
        let seen = Seen()

        func injection(_ request: InjectionRequest, context: RPCServerContext) async throws(InjectionError) -> InjectionResponse {
            seen.record(request)
            if let failWith { throw failWith }
            var response = response
            response.requestId = context.requestId
            return response
        }
    }

    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var requests: [InjectionRequest] = []
        func record(_ request: InjectionRequest) { lock.withLock { requests.append(request) } }
        var all: [InjectionRequest] { lock.withLock { requests } }
    }

    static func call(
        _ service: InjectionService, items: [QueryItem], format: String? = "JSON"
    ) async -> RPCServerResponse {
        var query = [QueryItem(name: "Action", value: "Injection"), QueryItem(name: "Version", value: "2020-01-01")]
        if let format { query.append(QueryItem(name: "Format", value: format)) }
        let request = RPCServerRequest(method: "GET", path: "/", queryItems: query + items, headers: [])
        return await NastyServiceRouter(service: service).respond(to: request, context: RPCServerContext(request: request, requestId: "REQ-1"))
    }

    static func payload(_ response: RPCServerResponse) throws -> ServiceErrorPayload {
        try ServiceErrorPayload.decode(from: Data(response.body), httpStatus: response.status)
    }

    @Test func everyRequestMemberReadsBackFromItsQueryItems() throws {
        let request = GoldenBehaviorTests.fullRequest
        #expect(try InjectionRequest(parameters: RPCParameters(request.queryItems)) == request)
        let minimal = InjectionRequest(regionId: "r")
        #expect(try InjectionRequest(parameters: RPCParameters(minimal.queryItems)) == minimal)
        #expect(try PingRequest(parameters: RPCParameters([])) == PingRequest())
    }

    @Test func routerDecodesTheRequestAndEncodesTheResponseInJSONAndXML() async throws {
        let response = try InjectionResponse.decode(from: Data(#"""
            {"RequestId": "x", "Type": "t", "Count": 7, "Total": 9007199254740993, "Ratio": 0.5, "Scale": 1.5,
             "Enabled": true, "self": "<&>", "default": "d", "Ids": ["a", "b"], "Status": "Weird",
             "Instances": {"Instance": [{"InstanceId": "i-1", "Tags": {"Tag": [{"Key": "k", "Value": "v"}]}},
                                        {"InstanceId": "i-2"}]}}
            """#.utf8), format: .json)
        let service = InjectionService(response: response)
        for format in ["JSON", "xml"] {
            let answer = await Self.call(service, items: GoldenBehaviorTests.fullRequest.queryItems, format: format)
            #expect(answer.status == 200)
            let decoded = try InjectionResponse.decode(from: Data(answer.body), format: format == "JSON" ? .json : .xml)
            var expected = response
            expected.requestId = "REQ-1"
            #expect(decoded == expected, "format \(format)")
        }
        #expect(service.seen.all == [GoldenBehaviorTests.fullRequest, GoldenBehaviorTests.fullRequest])
    }

    @Test func formBodyParametersCountLikeQueryParameters() async throws {
        let service = InjectionService()
        let body = "Action=Injection&Version=2020-01-01&Format=JSON&RegionId=cn+hangzhou&Tag.1.Key=a%26b"
        let request = RPCServerRequest(
            method: "POST", path: "/", queryItems: [],
            headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")],
            body: Array(body.utf8)
        )
        let answer = await NastyServiceRouter(service: service).respond(to: request, context: RPCServerContext(request: request))
        #expect(answer.status == 200)
        #expect(service.seen.all == [InjectionRequest(regionId: "cn hangzhou", tags: [.init(key: "a&b")])])
    }

    @Test func typedErrorsAnswerWithTheirDocumentedCodeMessageAndStatus() async throws {
        #expect(InjectionRequest.documentedErrors.count == 8)
        for error in InjectionRequest.documentedErrors {
            let answer = await Self.call(InjectionService(failWith: error), items: [QueryItem(name: "RegionId", value: "r")])
            let payload = try Self.payload(answer)
            let documentation = try #require(error.documentation)
            #expect(answer.status == documentation.httpStatuses.first)
            #expect(payload.code == error.code)
            #expect(payload.message == documentation.message)
            #expect(payload.requestId == "REQ-1")
            #expect(payload.hostId != nil)
            #expect(payload.recommend?.contains("troubleshoot") == true)
            #expect(InjectionError(payload: payload) == error)
        }
    }

    @Test func requestsThatCannotBeReadAreAnsweredAsTheServiceWould() async throws {
        let service = InjectionService()
        let cases: [([QueryItem], String, String)] = [
            ([], "MissingParameter", "RegionId"),
            ([QueryItem(name: "RegionId", value: "")], "MissingParameter", "RegionId"),
            ([QueryItem(name: "RegionId", value: "r"), QueryItem(name: "self", value: "maybe")], "InvalidParameter", "self"),
            ([QueryItem(name: "RegionId", value: "r"), QueryItem(name: "Self", value: "1.5")], "InvalidParameter", "Self"),
            ([QueryItem(name: "RegionId", value: "r"), QueryItem(name: "Config", value: "{not json")], "InvalidParameter", "Config"),
            ([QueryItem(name: "RegionId", value: "r"), QueryItem(name: "Tag.2.Key", value: "k")], "InvalidParameter", "Tag.1"),
            ([QueryItem(name: "RegionId", value: "r"), QueryItem(name: "Tag.x.Key", value: "k")], "InvalidParameter", "Tag.x"),
        ]
        for (items, code, parameter) in cases {
            let answer = await Self.call(service, items: items)
            let payload = try Self.payload(answer)
            #expect(answer.status == 400)
            #expect(payload.code == code, "\(items)")
            #expect(payload.message.contains(parameter), "\(payload.message)")
        }
        #expect(service.seen.all.isEmpty)
    }

    @Test func theSameValidationAsTheClientRunsBeforeTheService() async throws {
        // The client refuses this request before sending it; the server refuses it too.
        var request = InjectionRequest(regionId: "r")
        request.selfType = 9
        let clientError = try #require(throws: RequestValidationError.self) { try request.validate() }
        let answer = await Self.call(InjectionService(), items: request.queryItems)
        let payload = try Self.payload(answer)
        #expect(answer.status == 400)
        #expect(payload.code == "InvalidParameter")
        #expect(payload.message.contains(clientError.description))
    }

    @Test func versionActionAndUnimplementedActionsAreCheckedFirst() async throws {
        let router = NastyServiceRouter(service: InjectionService())
        func answer(_ items: [QueryItem]) async throws -> (Int, String) {
            let request = RPCServerRequest(method: "GET", path: "/", queryItems: items + [QueryItem(name: "Format", value: "XML")], headers: [])
            let response = await router.respond(to: request, context: RPCServerContext(request: request))
            #expect(response.header("content-type")?.hasPrefix("text/xml") == true)
            return (response.status, try Self.payload(response).code)
        }
        let version = QueryItem(name: "Version", value: "2020-01-01")
        #expect(try await answer([QueryItem(name: "Action", value: "Injection")]) == (400, "MissingParameter"))
        #expect(try await answer([QueryItem(name: "Action", value: "Injection"), QueryItem(name: "Version", value: "2014-05-26")]) == (400, "InvalidVersion"))
        #expect(try await answer([version]) == (400, "MissingParameter"))
        #expect(try await answer([version, QueryItem(name: "Action", value: "Nope")]) == (404, "InvalidAction.NotFound"))
        #expect(try await answer([version, QueryItem(name: "Action", value: "Empty")]) == (400, "UnsupportedOperation"))
    }

    @Test func v3RequestsNameActionAndVersionInHeaders() async throws {
        let service = InjectionService()
        let request = RPCServerRequest(
            method: "POST", path: "/", queryItems: [QueryItem(name: "RegionId", value: "r")],
            headers: [(name: "x-acs-action", value: "Injection"), (name: "x-acs-version", value: "2020-01-01"), (name: "Accept", value: "application/json")]
        )
        let answer = await NastyServiceRouter(service: service).respond(to: request, context: RPCServerContext(request: request))
        #expect(answer.status == 200)
        #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true)
        #expect(service.seen.all == [InjectionRequest(regionId: "r")])
    }
}
