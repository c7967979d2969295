import Testing

@testable import APIGenRuntime

/// A documented message that is only `%s` (what the real service fills in) never becomes the
/// message a server sends by default.
@Suite struct ServiceErrorDefaultMessageTests {
    enum Product: RPCProduct {
        static let productCode = "Test"
        static let apiVersion = "2020-02-02"
        static let defaultEndpoint = "test.example.com"
        static let regionalEndpoints: [String: String] = [:]
        static var errorCatalogue: ErrorCatalogue {
            ErrorCatalogue(entries: [
                .init(code: "Filled", documentation: ErrorCodeDocumentation(httpStatuses: [400], message: "%s", description: "The bandwidth is out of range.")),
                .init(code: "Bare", documentation: ErrorCodeDocumentation(httpStatuses: [403], message: "%s.", description: nil)),
                .init(code: "Plain", documentation: ErrorCodeDocumentation(httpStatuses: [404], message: "The disk does not exist.", description: "Check the ID.")),
            ])
        }
    }

    struct Response: RPCResponse {
        var requestId: String
    }

    struct Request: RPCRequest {
        typealias Product = ServiceErrorDefaultMessageTests.Product
        typealias Response = ServiceErrorDefaultMessageTests.Response
        static let action = "DoThing"
        static let operationType: OperationType = .write
        func encodeQuery(into query: inout QueryEncoder) {}
        func validate() throws(RequestValidationError) {}
    }

    @Test func placeholderMessagesAreNeverSentByDefault() {
        #expect(ServiceError<Request>(code: "Filled").payload.message == "The bandwidth is out of range.")
        #expect(ServiceError<Request>(code: "Filled").payload.httpStatus == 400)
        #expect(ServiceError<Request>(code: "Bare").payload.message == "")
        #expect(ServiceError<Request>(code: "Plain").payload.message == "The disk does not exist.")
        // What the documentation says is still there, as documented.
        #expect(ServiceError<Request>(code: "Filled").documentation?.message == "%s")
        // A message given by the server is sent as it is.
        #expect(ServiceError<Request>(code: "Filled", message: "Bandwidth 0 is too low.").payload.message == "Bandwidth 0 is too low.")
    }

    @Test func placeholders() {
        for message in ["%s", " %s ", "%s.", "%d: %s"] { #expect(ErrorCodeDocumentation.isPlaceholderOnly(message), "\(message)") }
        for message in ["", "Invalid %s.", "%", "100%"] { #expect(!ErrorCodeDocumentation.isPlaceholderOnly(message), "\(message)") }
    }
}
