/// The Swift names apigen gives to spec elements: the derived name unless `swiftName` overrides it.
///
/// Validation and translation both resolve names here, so that what is checked for
/// collisions is exactly what gets generated. Names are returned unescaped; `nil` means
/// nothing usable could be derived (validation reports that).
enum SwiftNames {
    /// A member's Swift name: its `swiftName`, else derived from its wire name, plural for a
    /// collection (`Tag` → `tags`, `Instances` → `instances`, `DataDisk` → `dataDisks`).
    static func member(_ member: MemberSpec) -> String? {
        if let swiftName = member.swiftName { return SwiftNaming.declarable(swiftName) }
        guard let derived = SwiftNaming.memberName(fromWire: member.name) else { return nil }
        return SwiftNaming.declarable(isCollection(member.type) ? SwiftNaming.plural(derived) : derived)
    }

    /// A list, or an object that only wraps one (`Instances: {Instance: [...]}`, which
    /// responses give as a list).
    static func isCollection(_ type: TypeSpec) -> Bool {
        switch type.kind {
        case .array: true
        case .object: listWrapperItem(type) != nil
        default: false
        }
    }

    /// The list member of an object whose only member is a list: the `Instance` of
    /// `Instances: {Instance: [...]}`. Generated response types hold such an object as the list
    /// itself (`instances: [Instance]`), reading and writing it in its wrapper.
    static func listWrapperItem(_ type: TypeSpec) -> MemberSpec? {
        guard case .object(let members) = type.kind, members.count == 1, case .array = members[0].type.kind else { return nil }
        return members[0]
    }

    /// The nested type that holds an object member, or an array member's object elements.
    static func nestedType(_ member: MemberSpec) -> String? {
        if case .array(let items) = member.type.kind, let name = items.swiftName { return SwiftNaming.declarable(name) }
        let base = member.swiftName.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? SwiftNaming.typeName(fromWire: member.name)
        return base.map(SwiftNaming.declarable)
    }

    static func errorCase(_ error: ErrorSpec) -> String? {
        (error.swiftName ?? SwiftNaming.memberName(fromWire: error.code)).map(SwiftNaming.declarable)
    }

    /// Never used alone (always with a `Request`, `Response` or `Error` suffix, or as a file
    /// name), so even `Self` or `Type` is fine here.
    static func actionBase(_ action: ActionSpec) -> String? {
        action.swiftName ?? SwiftNaming.typeName(fromWire: action.name)
    }

    static func requestType(_ action: ActionSpec) -> String? { actionBase(action).map { $0 + "Request" } }
    static func responseType(_ action: ActionSpec) -> String? { actionBase(action).map { $0 + "Response" } }
    static func errorType(_ action: ActionSpec) -> String? { actionBase(action).map { $0 + "Error" } }
    static func productType(_ product: ProductSpec) -> String { product.swiftPrefix + "Product" }
    static func clientType(_ product: ProductSpec) -> String { product.swiftPrefix + "Client" }
    static func serviceType(_ product: ProductSpec) -> String { product.swiftPrefix + "Service" }
    static func serviceRouterType(_ product: ProductSpec) -> String { product.swiftPrefix + "ServiceRouter" }

    /// The client's paginator for a paging action: `describeInstancesPaginator`.
    static func paginatorMethod(_ action: ActionSpec) -> String? {
        clientMethod(action).map { $0 + "Paginator" }
    }

    /// The client's method for a waiter: `InstanceRunning` → `waitUntilInstanceRunning`.
    static func waiterMethod(_ waiter: WaiterSpec) -> String {
        "waitUntil" + waiter.name.prefix(1).uppercased() + waiter.name.dropFirst()
    }

    /// The client's method for an action: `AttachClassicLinkVpc` → `attachClassicLinkVpc`.
    static func clientMethod(_ action: ActionSpec) -> String? {
        if let swiftName = action.swiftName { return SwiftNaming.declarable(swiftName.prefix(1).lowercased() + swiftName.dropFirst()) }
        return SwiftNaming.memberName(fromWire: action.name).map(SwiftNaming.declarable)
    }

    /// The documented values when a member is an enumeration: a string with allowed values,
    /// or an array (of arrays …) of such strings. Its type is then a nested `StringEnumeration`.
    static func enumValues(of type: TypeSpec) -> [EnumValue]? {
        switch type.kind {
        case .string: type.enumValues.isEmpty ? nil : type.enumValues
        case .array(let items): enumValues(of: items.type)
        default: nil
        }
    }

    /// The static member for a documented value: `PostPaid` → `postPaid`.
    static func enumCase(_ value: EnumValue) -> String? {
        (value.swiftName ?? SwiftNaming.memberName(fromWire: value.value)).map(SwiftNaming.declarable)
    }

    /// Members a `StringEnumeration` declares itself.
    static let reservedEnumCases: Set<String> = ["rawValue", "documentedValues", "description", "isDocumented", "hashValue"]

    /// Members the generated client declares itself.
    static let reservedClientMembers: Set<String> = ["client"]

    /// The object type a member declares, if any: an object, or an array (of arrays …) of objects.
    static func objectMembers(of type: TypeSpec) -> [MemberSpec]? {
        switch type.kind {
        case .object(let members): members
        case .array(let items): objectMembers(of: items.type)
        default: nil
        }
    }

    /// Members generated code declares itself; a spec member may not take these names.
    static let reservedRequestMembers: Set<String> = ["action", "operationType", "isIdempotent", "documentedErrors", "encodeQuery", "validate", "queryItems"]
    static let reservedNestedRequestMembers: Set<String> = ["encodeQuery", "validate"]
    /// What `ServiceError` declares itself, which a code's static member may not be named.
    static let reservedErrorMembers: Set<String> = ["decode", "init", "code", "payload", "documentation", "description"]
    /// Types of the runtime (and of Swift and swift-log) that generated files name unqualified:
    /// a generated top-level type of the same name would hide them.
    static let runtimeTypeNames: Set<String> = reservedTypeNames.union([
        "RPCClient", "RPCError", "RPCTransport", "RPCEndpoint", "RPCClientConfiguration", "RetryPolicy",
        "CredentialsProvider", "Credentials", "AsyncHTTPClientTransport", "ResponseFormat", "ResponseDecoder",
        "ResponseDecodingError", "QueryItem", "SignatureVersion", "TransportError", "TransportResponse", "Logger",
        "Logging", "HTTPMethod", "RPCServerRequest", "RPCServerContext", "RPCServerResponse", "RPCServerError",
        "RPCServiceDispatch", "XMLResponseEncoder", "PercentDecoding", "ServiceError", "ErrorCatalogue",
        "ErrorCodeDocumentation", "AlibabaCloudError", "WireReader", "WireWriter", "WireKey", "WireFormat",
        "RPCRequestDecodable", "APIGenServer", "APIGenXML", "StringEnumeration", "OperationType",
        "RPCPaginator", "RPCPaging", "RPCWaiterError", "RPCWaiterOutcome", "RPCWaiterMatcher", "ClosedRange",
    ])

    /// Types of Swift and Foundation a user of a generated module names often: a top-level
    /// generated type of the same name would make them ambiguous in the user's code.
    static let commonFoundationTypeNames: Set<String> = [
        "Any", "AnyObject", "Array", "Bool", "Bundle", "Calendar", "Character", "CharacterSet", "Collection",
        "Data", "Date", "DateComponents", "Decimal", "Dictionary", "Double", "Duration", "Equatable", "Error",
        "FileManager", "Float", "Host", "Identifiable", "IndexPath", "IndexSet", "Int", "Locale", "Measurement",
        "Never", "Notification", "NSObject", "Operation", "Optional", "Port", "Process", "Progress", "Range",
        "Result", "Scanner", "Sequence", "Set", "Stream", "String", "Substring", "Task", "Thread", "TimeInterval",
        "TimeZone", "Timer", "Type", "Protocol", "Unit", "URL", "URLComponents", "URLRequest", "URLSession",
        "UUID", "Void", "JSONDecoder", "JSONEncoder", "Encoder", "Decoder", "Sendable", "Hashable", "Codable",
        "Encodable", "Decodable", "Self",
    ]

    /// Nested type names that would shadow what generated code refers to unqualified.
    static let reservedTypeNames: Set<String> = [
        "String", "Int", "Int32", "Int64", "Float", "Double", "Bool", "Array", "Optional", "Swift", "Foundation",
        "APIGenRuntime", "QueryValue", "QueryEncoder", "RequestValidation", "RequestValidationError",
        "ServiceErrorPayload", "Decodable", "Encodable", "Hashable", "MemberwiseHashable", "Sendable", "CodingKey", "CodingKeys", "Error",
        "Never", "Response", "Product", "OperationType", "RPCRequest", "RPCResponse", "RPCProduct", "RPCParameters",
        "QueryDecodable", "RequestDecodingError", "Codable", "ServiceError", "WireReader", "WireWriter",
        "RPCRequestDecodable", "Encoder", "Decoder",
    ]
}
