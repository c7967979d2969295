/// The typed contexts the Mustache templates render. Every name is already a valid Swift
/// identifier, every literal already escaped, every decision already taken: templates only
/// place these strings.

// MARK: Client module: product-level files

/// `product.mustache`: the product's constants, endpoints and error catalogue.
struct ProductContext: Sendable {
    var moduleName: String
    var productTypeName: String
    var docLines: [String]
    var productCodeLiteral: String
    var apiVersionLiteral: String
    var defaultEndpointLiteral: String
    var endpoints: [EndpointContext]
    var hasEndpoints: Bool
    /// The request types of every generated action, in action order.
    var requestTypeNames: [String]
    /// The catalogue's JSON as a raw multi-line literal, indented for the enum's body.
    var errorCatalogueLiteral: String
}

struct EndpointContext: Sendable {
    var regionLiteral: String
    var hostLiteral: String
}

/// `errors.mustache`: a static member of `ServiceError` for every code of the product.
struct ErrorsContext: Sendable {
    var productTypeName: String
    var docLines: [String]
    var codes: [ErrorCodeContext]
}

struct ErrorCodeContext: Sendable {
    /// As declared (keywords backticked).
    var memberName: String
    var codeLiteral: String
    var docLines: [String]
}

/// `shapes.mustache`: the product's shared object types and enumerations.
struct ShapesContext: Sendable {
    var docLines: [String]
    var types: [ObjectTypeContext]
    var enumTypes: [EnumTypeContext]
    /// The types rendered, filled in by the renderer.
    var typeSources: [String] = []
}

/// `client.mustache`: the product's client, one method per action.
struct ClientContext: Sendable {
    var clientTypeName: String
    var productTypeName: String
    /// Whether `credentials:` defaults to the default credential chain (`import APIGenCredentials`).
    var defaultsToCredentialChain: Bool
    var docLines: [String]
    var methods: [MethodContext]
}

/// One action's method, on the client or on the service protocol.
struct MethodContext: Sendable {
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

// MARK: Client module: one file per action

/// `action.mustache`: one action's request, response and error types.
struct ActionContext: Sendable {
    var request: RequestContext
    var response: ResponseContext
    var error: ErrorAliasContext
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
    /// The idempotency token's wire name as a literal (`"ClientToken"`), when the action takes one.
    var clientTokenParameterLiteral: String?
    /// `.quotaExceeded` and the like: the codes the action documents, in spec order.
    var documentedErrors: [String]
    var hasDocumentedErrors: Bool
    var properties: [PropertyContext]
    var hasProperties: Bool
    var initializers: Initializers
    var redaction: Redaction
    /// The wire names of its sensitive parameters, at any depth, as a literal set
    /// (`["Password"]`), for the client's logs; nil when it has none the runtime does not know.
    var sensitiveParametersLiteral: String?
    var validations: [ValidationContext]
    var nested: NestedDeclarations
}

/// The memberwise initializers: the main one takes every member but the deprecated optional
/// ones; when there are such members, a second, deprecated initializer takes them too.
struct Initializers: Sendable {
    var mainProperties: [PropertyContext]
    var deprecatedProperties: [PropertyContext]
    var hasDeprecatedProperties: Bool
    /// The message of the deprecated initializer's `@available`, as a literal.
    var deprecationMessageLiteral: String
}

/// Members whose values `description` hides (``RedactedDescription`` in the runtime).
struct Redaction: Sendable {
    var hasSensitiveMembers: Bool
    /// `["password", "userData"]`: the members' Swift names, as a literal set.
    var sensitiveMembersLiteral: String
}

/// A response type: what it holds and how it reads itself.
struct ResponseContext: Sendable {
    var typeName: String
    var docLines: [String]
    var properties: [PropertyContext]
    var hasProperties: Bool
    var initializers: Initializers
    var redaction: Redaction
    var nested: NestedDeclarations
}

/// The error type of an action: an alias of the runtime's `ServiceError` for its request.
struct ErrorAliasContext: Sendable {
    var typeName: String
    var requestTypeName: String
    var docLines: [String]
}

/// What a type declares inside itself: object and enumeration types, and aliases for the
/// shared types its members use under the name they had as nested types.
struct NestedDeclarations: Sendable {
    var objectTypes: [ObjectTypeContext]
    var enumTypes: [EnumTypeContext]
    var typeAliases: [TypeAliasContext]
    /// The nested types rendered and indented one level, filled in by the renderer: Mustache
    /// partials cannot indent multi-line sections, so nesting depth is handled in Swift.
    var sources: [String] = []

    static let none = NestedDeclarations(objectTypes: [], enumTypes: [], typeAliases: [])
}

struct TypeAliasContext: Sendable {
    var name: String
    var target: String
}

/// `objectType.mustache`: an object inside a request or response, nested or shared. What it
/// declares follows from where it is used: request members are encoded into the query and
/// validated, response members decoded, members of `json`-style parameters encoded as JSON.
struct ObjectTypeContext: Sendable {
    var typeName: String
    /// How the server module names it: `DescribeInstancesResponse.Instance`, or `Tag`.
    var qualifiedName: String
    var docLines: [String]
    /// The inheritance clause's protocols, e.g. `QueryValue, Decodable, Hashable, Sendable`.
    var conformances: String
    var properties: [PropertyContext]
    var hasProperties: Bool
    var initializers: Initializers
    var redaction: Redaction
    var isRequestShape: Bool
    var isQueryEncoded: Bool
    var isJSONEncoded: Bool
    var isResponseShape: Bool
    /// Whether it has a `validate` function: request types whose members check something.
    var hasValidations: Bool
    var validations: [ValidationContext]
    var nested: NestedDeclarations
}

/// `enumType.mustache`: a string with documented values that accepts any other value too.
struct EnumTypeContext: Sendable {
    var typeName: String
    var qualifiedName: String
    var docLines: [String]
    var cases: [EnumCaseContext]
    /// Whether a server reads it from request parameters.
    var isQueryEncoded: Bool
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
    /// The stored property: `name`, or for a deprecated member a package-visible `_name`
    /// behind a deprecated computed `name`, so that generated code itself never uses what is
    /// deprecated.
    var storage: String
    /// The declared type, `?` included when optional.
    var swiftType: String
    /// The declared type without the `?`.
    var wrappedType: String
    var isOptional: Bool
    /// What the initializer's parameter defaults to: ` = nil`, ` = []`, or nothing.
    var defaultArgument: String
    var docLines: [String]
    var availability: String?
    /// Response side: how `init(from:)` reads it, e.g. `wire.decodeList("Instances", item: "Instance")`.
    var decodeExpression: String
    /// Response side: how `encode(to:)` writes it, e.g. `wire.encodeIfPresent(self.zoneId, "ZoneId")`.
    var encodeStatement: String
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

// MARK: Server module

/// `service.mustache`: the server side of the product: a protocol with one method per action
/// and the router that decodes incoming requests and calls it.
struct ServiceContext: Sendable {
    var clientModuleName: String
    var serviceTypeName: String
    var routerTypeName: String
    var productTypeName: String
    var docLines: [String]
    var methods: [MethodContext]
}

/// `serverAction.mustache` and `serverShapes.mustache`: what a server adds to the client
/// module's types: reading requests from parameters, writing responses.
struct ServerTypesContext: Sendable {
    var clientModuleName: String
    /// The request type, for an action's file.
    var request: ServerRequestContext?
    /// The response type, for an action's file.
    var response: ObjectTypeContext?
    /// Every object type declared in the file's client types, nested ones included.
    var objectTypes: [ObjectTypeContext]
    /// Every enumeration read from request parameters.
    var enumTypes: [EnumTypeContext]
}

struct ServerRequestContext: Sendable {
    var typeName: String
    var properties: [PropertyContext]
    var hasProperties: Bool
    var initializers: Initializers
}
