import APIGenRuntime

/// What generated service routers share: checking the common parameters, decoding and
/// validating the typed request, calling the service and writing its answer.
public enum RPCServiceDispatch {
    /// The action the request names, after checking that its `Version` is the product's.
    public static func action<Product: RPCProduct>(
        of request: RPCServerRequest, product: Product.Type
    ) throws(RPCServerError) -> String {
        guard let version = request.version, !version.isEmpty else {
            throw RPCServerError(payload: .missingParameter("Version"))
        }
        guard version == Product.apiVersion else {
            throw RPCServerError(payload: .invalidVersion(version, expected: Product.apiVersion))
        }
        guard let action = request.action, !action.isEmpty else {
            throw RPCServerError(payload: .missingParameter("Action"))
        }
        return action
    }

    /// Decodes the request's parameters into `Request`, runs the same validation the client
    /// runs before sending, calls `handler` and writes its response or its typed error (with
    /// the status the error carries). A response that cannot be encoded is an `InternalError`.
    public static func respond<Request: RPCRequest & RPCRequestDecodable>(
        to request: RPCServerRequest,
        context: RPCServerContext,
        handler: (Request, RPCServerContext) async throws(ServiceError<Request>) -> Request.Response
    ) async -> RPCServerResponse where Request.Response: Encodable {
        let typedRequest: Request
        do {
            typedRequest = try Request(parameters: request.parameters)
        } catch {
            return .error(error.payload, context: context)
        }
        do {
            try typedRequest.validate()
        } catch {
            return .error(error.payload, context: context)
        }
        let response: Request.Response
        do {
            response = try await handler(typedRequest, context)
        } catch {
            return .error(error.payload, context: context)
        }
        do {
            return try .success(response, action: Request.action, format: context.format)
        } catch {
            return .error(.internalError("the response could not be encoded: \(error)"), context: context)
        }
    }
}
