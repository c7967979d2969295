/// The typed contexts the Mustache templates render. Every name is already a valid Swift
/// identifier, every literal already escaped, every decision already taken: templates only
/// place these strings.

/// `product.mustache`: the product's description, endpoints and common errors.
struct ProductContext: Sendable {
    var moduleName: String
    var productTypeName: String
    var commonErrorTypeName: String
    var docLines: [String]
    var productCodeLiteral: String
    var apiVersionLiteral: String
    var defaultEndpointLiteral: String
    var endpoints: [EndpointContext]
    var hasEndpoints: Bool
    /// The request types of every action, in action order.
    var requestTypeNames: [String]
    var commonErrors: [ErrorCaseContext]
    var hasCommonErrors: Bool
    /// The common errors again, under the name `errorCodeMembers.mustache` reads them by.
    var errorCodeScope: ErrorCodeScope
}

struct ErrorCodeScope: Sendable {
    var cases: [ErrorCaseContext]
}

struct EndpointContext: Sendable {
    var regionLiteral: String
    var hostLiteral: String
}

/// `client.mustache`: the product's client, one method per action.
struct ClientContext: Sendable {
    var clientTypeName: String
    var productTypeName: String
    var docLines: [String]
    var methods: [ClientMethodContext]
}

/// `service.mustache`: the server side of the product: a protocol with one method per action
/// and the router that decodes incoming requests and calls it.
struct ServiceContext: Sendable {
    var serviceTypeName: String
    var routerTypeName: String
    var productTypeName: String
    var docLines: [String]
    var methods: [ClientMethodContext]
}

/// One action's method, on the client or on the service protocol.
struct ClientMethodContext: Sendable {
    /// As declared (keywords backticked).
    var methodName: String
    var requestTypeName: String
    var responseTypeName: String
    var errorTypeName: String
    var docLines: [String]
    var availability: String?
    /// The action's wire name as a literal, for the service router.
    var actionLiteral: String
    /// The service protocol's doc lines for the method.
    var serviceDocLines: [String]
}

/// `action.mustache`: one action's request, response and error types.
struct ActionContext: Sendable {
    var request: RequestContext
    var response: ResponseContext
    var error: ErrorTypeContext
}

struct RequestContext: Sendable {
    var typeName: String
    var productTypeName: String
    var responseTypeName: String
    var errorTypeName: String
    var docLines: [String]
    var actionLiteral: String
    var operationType: String
    /// `true`/`false` when the spec overrides the operation type's default, else nil.
    var idempotent: String?
    var properties: [PropertyContext]
    var hasProperties: Bool
    var validations: [ValidationContext]
    var nestedTypes: [NestedRequestTypeContext]
    var enumTypes: [EnumTypeContext]
    /// The nested types rendered and indented one level, filled in by the renderer: Mustache
    /// partials cannot indent multi-line sections, so nesting depth is handled in Swift.
    var nestedTypeSources: [String] = []
}

/// An object inside a request: encodes itself under its parent's key.
struct NestedRequestTypeContext: Sendable {
    var typeName: String
    var docLines: [String]
    var properties: [PropertyContext]
    var hasProperties: Bool
    var validations: [ValidationContext]
    var nestedTypes: [NestedRequestTypeContext]
    var enumTypes: [EnumTypeContext]
    var nestedTypeSources: [String] = []
}

/// `enumType.mustache`: a string with documented values that accepts any other value too.
struct EnumTypeContext: Sendable {
    var typeName: String
    var docLines: [String]
    var cases: [EnumCaseContext]
}

struct EnumCaseContext: Sendable {
    /// As declared (keywords backticked).
    var name: String
    var valueLiteral: String
    var docLines: [String]
}

struct PropertyContext: Sendable {
    /// As declared (keywords backticked).
    var name: String
    /// As an argument label at a call site (backticked only where Swift requires it).
    var argumentLabel: String
    /// The stored property: `name`, or for a deprecated member a private `_name` behind a
    /// deprecated computed `name`, so that generated code itself never uses what is deprecated.
    var storage: String
    /// The declared type, `?` included when optional.
    var swiftType: String
    /// The declared type without the `?`.
    var wrappedType: String
    var isOptional: Bool
    var docLines: [String]
    var availability: String?
    var wireNameLiteral: String
    /// `".Key"`: appended to the parent's key in nested request types.
    var dottedWireNameLiteral: String
    /// Request side: send as one JSON string (style `json`) rather than flattened.
    var encodesAsJSON: Bool
    /// Request side: the `RPCParameters` method that reads the parameter back on a server:
    /// `decode`/`require`, with `JSON` appended for the `json` style.
    var decodeFunction: String
}

/// One local check in `validate()`; exactly one of the `is…` flags is set.
struct ValidationContext: Sendable {
    var isCheck: Bool
    var isObject: Bool
    var isObjectArray: Bool
    var isElementCheck: Bool
    /// `RequestValidation` function, for checks.
    var helper: String
    /// The value checked: the property, `self.`-qualified (its `rawValue` for enumerations).
    var value: String
    /// Each element, in element checks: `element`, or `element.rawValue`.
    var element: String
    /// `, min: 1, max: 10` and the like, for checks.
    var arguments: String
    /// `?` when the value is optional, for object recursion.
    var optionalChain: String
    /// ` ?? []` when an array is optional.
    var orEmpty: String
    /// Where the parameter is in the query: a literal, or `prefix + ".Key"` in nested types.
    var parameter: String
    /// `Self.action` at the top, `action` in nested types.
    var action: String
}

/// A response type, top-level (`response.mustache`) or nested (`nestedResponseType.mustache`):
/// both hold the same things.
typealias ResponseContext = NestedResponseTypeContext

struct NestedResponseTypeContext: Sendable {
    var typeName: String
    var docLines: [String]
    var properties: [PropertyContext]
    var hasProperties: Bool
    var nestedTypes: [NestedResponseTypeContext]
    var enumTypes: [EnumTypeContext]
    var nestedTypeSources: [String] = []
}

struct ErrorTypeContext: Sendable {
    var typeName: String
    var actionName: String
    var docLines: [String]
    var cases: [ErrorCaseContext]
    var hasCases: Bool
    var commonErrorTypeName: String
    var hasCommonErrors: Bool
}

struct ErrorCaseContext: Sendable {
    var caseName: String
    var codeLiteral: String
    /// `[400, 403]`
    var httpStatuses: String
    var messageLiteral: String
    /// A literal, or `nil`.
    var descriptionLiteral: String
    var docLines: [String]
}
