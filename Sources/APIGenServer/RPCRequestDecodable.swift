import APIGenRuntime

/// A request type a server can read back from an incoming request's parameters: the inverse
/// of ``RPCRequest/encodeQuery(into:)``. Generated server modules (`ECSServer`) add it to
/// every request type of their product.
public protocol RPCRequestDecodable: RPCRequest {
    /// Reads the action's own parameters from an incoming request (query and form), as a
    /// server does before ``RPCRequest/validate()``.
    init(parameters: RPCParameters) throws(RequestDecodingError)
}
