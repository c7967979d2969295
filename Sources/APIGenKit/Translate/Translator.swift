/// Turns validated model values into the view models the templates render.
///
/// Runs only on specs that passed validation, so every name resolves; the fallbacks below
/// (`?? "_"`) are never reached in practice and keep this stage free of traps.
struct Translator {
    let product: ProductSpec

    // MARK: Product

    func productContext() -> ProductContext {
        ProductContext(
            moduleName: product.swiftModule,
            productTypeName: SwiftNames.productType(product),
            commonErrorTypeName: SwiftNames.commonErrorType(product),
            docLines: SwiftText.docLines(SwiftText.paragraphs([
                product.title,
                product.description,
                "API version \(product.version) of product `\(product.name)`.",
            ])),
            productCodeLiteral: SwiftText.literal(product.name),
            apiVersionLiteral: SwiftText.literal(product.version),
            defaultEndpointLiteral: SwiftText.literal(product.defaultEndpoint),
            endpoints: product.endpoints.sorted { $0.region < $1.region }.map {
                EndpointContext(regionLiteral: SwiftText.literal($0.region), hostLiteral: SwiftText.literal($0.host))
            },
            hasEndpoints: !product.endpoints.isEmpty,
            requestTypeNames: product.actions.map { SwiftNames.requestType($0) ?? "_" },
            commonErrors: product.commonErrors.map(errorCase),
            hasCommonErrors: !product.commonErrors.isEmpty,
            errorCodeScope: ErrorCodeScope(cases: product.commonErrors.map(errorCase))
        )
    }

    // MARK: Client

    func clientContext() -> ClientContext {
        ClientContext(
            clientTypeName: SwiftNames.clientType(product),
            productTypeName: SwiftNames.productType(product),
            docLines: SwiftText.docLines(SwiftText.paragraphs([
                "A client for \(product.title), API version \(product.version): one method per action.",
                "Each method validates the request locally, signs it, sends it, retries what is safe to retry, and returns the typed response or throws a typed ``RPCError``.",
            ])),
            methods: methodContexts
        )
    }

    // MARK: Service

    func serviceContext() -> ServiceContext {
        ServiceContext(
            serviceTypeName: SwiftNames.serviceType(product),
            routerTypeName: SwiftNames.serviceRouterType(product),
            productTypeName: SwiftNames.productType(product),
            docLines: SwiftText.docLines(SwiftText.paragraphs([
                "The server side of \(product.title), API version \(product.version): one method per action, each taking the typed request and returning the typed response or throwing the action's typed error.",
                "Every method has a default implementation that answers `UnsupportedOperation`, so a server implements only the actions it serves. ``\(SwiftNames.serviceRouterType(product))`` decodes incoming requests and calls these methods.",
            ])),
            methods: methodContexts
        )
    }

    private var methodContexts: [ClientMethodContext] {
        product.actions.map { action in
            let errorType = SwiftNames.errorType(action) ?? "_"
            return ClientMethodContext(
                methodName: SwiftNaming.escaped(SwiftNames.clientMethod(action) ?? "_"),
                requestTypeName: SwiftNames.requestType(action) ?? "_",
                responseTypeName: SwiftNames.responseType(action) ?? "_",
                errorTypeName: errorType,
                docLines: SwiftText.docLines(SwiftText.paragraphs([
                    action.summary,
                    "- Throws: ``RPCError`` whose `.service` case holds a ``\(errorType)``.",
                ])),
                availability: availability(action.deprecation),
                actionLiteral: SwiftText.literal(action.name),
                serviceDocLines: SwiftText.docLines(SwiftText.paragraphs([
                    action.summary,
                    "- Throws: a ``\(errorType)``, answered with its code, message and HTTP status.",
                ]))
            )
        }
    }

    // MARK: Action

    func actionContext(_ action: ActionSpec) -> ActionContext {
        let requestType = SwiftNames.requestType(action) ?? "_"
        let responseType = SwiftNames.responseType(action) ?? "_"
        let errorType = SwiftNames.errorType(action) ?? "_"
        return ActionContext(
            request: RequestContext(
                typeName: requestType,
                productTypeName: SwiftNames.productType(product),
                responseTypeName: responseType,
                errorTypeName: errorType,
                // A deprecated action is marked on the client method that sends it; its types
                // stay usable without warnings (the product's type list names them all).
                docLines: SwiftText.docLines(requestDocumentation(action, errorType: errorType)),
                actionLiteral: SwiftText.literal(action.name),
                operationType: action.operationType.rawValue,
                idempotent: action.idempotent.map { $0 ? "true" : "false" },
                properties: action.parameters.map { property($0, request: true) },
                hasProperties: !action.parameters.isEmpty,
                validations: validations(action.parameters, nested: false),
                nestedTypes: nestedRequestTypes(action.parameters),
                enumTypes: enumTypes(action.parameters)
            ),
            response: ResponseContext(
                typeName: responseType,
                docLines: SwiftText.docLines(SwiftText.paragraphs([
                    "What ``\(requestType)`` returns.",
                    action.responseDescription,
                ])),
                properties: action.fields.map { property($0, request: false) },
                hasProperties: !action.fields.isEmpty,
                nestedTypes: nestedResponseTypes(action.fields),
                enumTypes: enumTypes(action.fields)
            ),
            error: ErrorTypeContext(
                typeName: errorType,
                actionName: action.name,
                docLines: SwiftText.docLines(errorDocumentation(action)),
                cases: action.errors.map(errorCase),
                hasCases: !action.errors.isEmpty,
                commonErrorTypeName: SwiftNames.commonErrorType(product),
                hasCommonErrors: !product.commonErrors.isEmpty
            )
        )
    }

    private func requestDocumentation(_ action: ActionSpec, errorType: String) -> String {
        var parts: [String?] = [action.summary, action.description]
        if !action.conditions.isEmpty {
            parts.append(action.conditions.map { "- " + Self.indentingContinuationLines($0) }.joined(separator: "\n"))
        }
        parts.append("Sends action `\(action.name)` (a \(action.operationType.rawValue) operation) to \(product.title), API version \(product.version).")
        if !action.errors.isEmpty {
            let list = action.errors.map { error in
                "- ``\(errorType)/\(SwiftNames.errorCase(error) ?? "_")``: `\(error.code)` (HTTP \(statusText(error))): "
                    + Self.indentingContinuationLines(error.description ?? error.message)
            }
            parts.append("## Possible errors\n\n" + list.joined(separator: "\n"))
        }
        if let deprecation = action.deprecation {
            parts.append("- Deprecated: " + (deprecation.message.isEmpty ? "this action is deprecated." : deprecation.message))
        }
        return SwiftText.paragraphs(parts)
    }

    /// `text` with its lines after the first indented two spaces, to continue a list item.
    /// (Most texts are one line: checked on bytes, since this runs for every documented error.)
    private static func indentingContinuationLines(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "\n")) ? text.replacing("\n", with: "\n  ") : text
    }

    private func errorDocumentation(_ action: ActionSpec) -> String {
        var text = "The errors `\(action.name)` can fail with: one case per documented code"
        if !product.commonErrors.isEmpty { text += ", then the codes any \(product.title) action may return" }
        text += ", then any other code, kept as it came."
        return text
    }

    private func errorCase(_ error: ErrorSpec) -> ErrorCaseContext {
        ErrorCaseContext(
            caseName: SwiftNaming.escaped(SwiftNames.errorCase(error) ?? "_"),
            codeLiteral: SwiftText.literal(error.code),
            httpStatuses: "[" + error.httpStatuses.map(String.init).joined(separator: ", ") + "]",
            messageLiteral: SwiftText.literal(error.message),
            descriptionLiteral: error.description.map(SwiftText.literal) ?? "nil",
            docLines: SwiftText.docLines(SwiftText.paragraphs([
                error.description ?? error.message,
                "Code `\(error.code)`, HTTP \(statusText(error)): \(error.message)",
            ]))
        )
    }

    private func statusText(_ error: ErrorSpec) -> String {
        error.httpStatuses.map(String.init).joined(separator: ", ")
    }

    // MARK: Members

    private func property(_ member: MemberSpec, request: Bool) -> PropertyContext {
        let name = SwiftNames.member(member) ?? "_"
        let baseType = swiftType(member.type, member: member)
        // A request's optional parameters and a response's not-always-sent fields are optional.
        let isOptional = !member.isRequired
        var documentation: [String?] = [member.description]
        if let example = member.example, !example.isEmpty { documentation.append("Example: `\(example)`") }
        if let defaultValue = member.defaultValue, !defaultValue.isEmpty { documentation.append("Default: `\(defaultValue)`") }
        if !member.type.enumValues.isEmpty {
            documentation.append("Allowed values: " + member.type.enumValues.map { "`\($0.value)`" }.joined(separator: ", "))
        }
        if let deprecation = member.deprecation, !deprecation.message.isEmpty { documentation.append("Deprecated: " + deprecation.message) }
        return PropertyContext(
            name: SwiftNaming.escaped(name),
            argumentLabel: SwiftNaming.argumentLabel(name),
            storage: member.deprecation == nil ? SwiftNaming.escaped(name) : "_" + name,
            swiftType: baseType + (isOptional ? "?" : ""),
            wrappedType: baseType,
            isOptional: isOptional,
            docLines: SwiftText.docLines(SwiftText.paragraphs(documentation)),
            availability: availability(member.deprecation),
            wireNameLiteral: SwiftText.literal(member.name),
            dottedWireNameLiteral: SwiftText.literal("." + member.name),
            encodesAsJSON: request && member.style == .json,
            decodeFunction: (isOptional ? "decode" : "require") + (request && member.style == .json ? "JSON" : "")
        )
    }

    private func swiftType(_ type: TypeSpec, member: MemberSpec) -> String {
        switch type.kind {
        case .string: type.enumValues.isEmpty ? "String" : SwiftNames.nestedType(member) ?? "_"
        case .integer: "Int32"
        case .long: "Int64"
        case .float: "Float"
        case .double: "Double"
        case .boolean: "Bool"
        case .array(let items): "[" + swiftType(items.type, member: member) + "]"
        case .object: SwiftNames.nestedType(member) ?? "_"
        }
    }

    private func availability(_ deprecation: Deprecation?) -> String? {
        guard let deprecation else { return nil }
        if deprecation.message.isEmpty { return "@available(*, deprecated)" }
        return "@available(*, deprecated, message: \(SwiftText.literal(deprecation.message)))"
    }

    // MARK: Nested types

    private func nestedRequestTypes(_ members: [MemberSpec]) -> [NestedRequestTypeContext] {
        members.compactMap { member in
            guard let children = SwiftNames.objectMembers(of: member.type) else { return nil }
            return NestedRequestTypeContext(
                typeName: SwiftNames.nestedType(member) ?? "_",
                docLines: SwiftText.docLines(objectDocumentation(member)),
                properties: children.map { property($0, request: true) },
                hasProperties: !children.isEmpty,
                validations: validations(children, nested: true),
                nestedTypes: nestedRequestTypes(children),
                enumTypes: enumTypes(children)
            )
        }
    }

    private func nestedResponseTypes(_ members: [MemberSpec]) -> [NestedResponseTypeContext] {
        members.compactMap { member in
            guard let children = SwiftNames.objectMembers(of: member.type) else { return nil }
            return NestedResponseTypeContext(
                typeName: SwiftNames.nestedType(member) ?? "_",
                docLines: SwiftText.docLines(objectDocumentation(member)),
                properties: children.map { property($0, request: false) },
                hasProperties: !children.isEmpty,
                nestedTypes: nestedResponseTypes(children),
                enumTypes: enumTypes(children)
            )
        }
    }

    /// The enumerations `members` declare, in member order.
    private func enumTypes(_ members: [MemberSpec]) -> [EnumTypeContext] {
        members.compactMap { member in
            guard let values = SwiftNames.enumValues(of: member.type) else { return nil }
            return EnumTypeContext(
                typeName: SwiftNames.nestedType(member) ?? "_",
                docLines: SwiftText.docLines(SwiftText.paragraphs([
                    "The values of `\(member.name)`: the documented ones below, or any other the service sends.",
                ])),
                cases: values.map { value in
                    EnumCaseContext(
                        name: SwiftNaming.escaped(SwiftNames.enumCase(value) ?? "_"),
                        valueLiteral: SwiftText.literal(value.value),
                        docLines: SwiftText.docLines(value.description ?? "`\(value.value)`")
                    )
                }
            )
        }
    }

    private func objectDocumentation(_ member: MemberSpec) -> String {
        var description = member.description
        if case .array(let items) = member.type.kind, let itemDescription = items.description { description = itemDescription }
        return SwiftText.paragraphs([description ?? "The value of `\(member.name)`."])
    }

    // MARK: Validation

    /// The local checks for `members`, in spec order.
    private func validations(_ members: [MemberSpec], nested: Bool) -> [ValidationContext] {
        var result: [ValidationContext] = []
        for member in members {
            let name = SwiftNames.member(member) ?? "_"
            let property = "self." + (member.deprecation == nil ? SwiftNaming.escaped(name) : "_" + name)
            // Enumerations are checked through their raw string.
            let isEnumeration = member.type.kind == .string && !member.type.enumValues.isEmpty
            let value = isEnumeration ? property + (member.isRequired ? ".rawValue" : "?.rawValue") : property
            let parameter = nested ? "prefix + \(SwiftText.literal("." + member.name))" : SwiftText.literal(member.name)
            let action = nested ? "action" : "Self.action"
            func check(_ helper: String, _ arguments: String = "") -> ValidationContext {
                ValidationContext(
                    isCheck: true, isObject: false, isObjectArray: false, isElementCheck: false, helper: helper,
                    value: value, element: "", arguments: arguments, optionalChain: "", orEmpty: "", parameter: parameter,
                    action: action
                )
            }
            if member.isRequired, member.type.kind == .string { result.append(check("nonEmpty")) }
            // An empty list sends nothing, which the service reads as a missing parameter
            // (a `json`-style list still sends `[]`).
            if member.isRequired, case .array = member.type.kind, member.style != .json { result.append(check("nonEmpty")) }
            result += scalarChecks(member.type).map { check($0.helper, $0.arguments) }
            switch member.type.kind {
            case .object:
                result.append(ValidationContext(
                    isCheck: false, isObject: true, isObjectArray: false, isElementCheck: false, helper: "",
                    value: value, element: "", arguments: "", optionalChain: member.isRequired ? "" : "?", orEmpty: "",
                    parameter: parameter, action: action
                ))
            case .array(let items):
                let constraints = member.type.constraints
                if constraints.minItems != nil || constraints.maxItems != nil {
                    result.append(check("count", ", min: \(constraints.minItems.map(String.init) ?? "nil"), max: \(constraints.maxItems.map(String.init) ?? "nil")"))
                }
                let orEmpty = member.isRequired ? "" : " ?? []"
                if case .object = items.type.kind {
                    result.append(ValidationContext(
                        isCheck: false, isObject: false, isObjectArray: true, isElementCheck: false, helper: "",
                        value: value, element: "", arguments: "", optionalChain: "", orEmpty: orEmpty, parameter: parameter,
                        action: action
                    ))
                }
                let elementIsEnumeration = items.type.kind == .string && !items.type.enumValues.isEmpty
                for elementCheck in scalarChecks(items.type) {
                    result.append(ValidationContext(
                        isCheck: false, isObject: false, isObjectArray: false, isElementCheck: true,
                        helper: elementCheck.helper, value: value, element: elementIsEnumeration ? "element.rawValue" : "element",
                        arguments: elementCheck.arguments, optionalChain: "", orEmpty: orEmpty, parameter: parameter,
                        action: action
                    ))
                }
            default:
                break
            }
        }
        return result
    }

    /// Checks on a scalar value's own constraints (length, pattern, range, allowed values).
    private func scalarChecks(_ type: TypeSpec) -> [(helper: String, arguments: String)] {
        let constraints = type.constraints
        var checks: [(helper: String, arguments: String)] = []
        switch type.kind {
        case .string:
            if constraints.minLength != nil || constraints.maxLength != nil {
                checks.append(("length", ", min: \(constraints.minLength.map(String.init) ?? "nil"), max: \(constraints.maxLength.map(String.init) ?? "nil")"))
            }
            if let pattern = constraints.pattern { checks.append(("pattern", ", " + SwiftText.literal(pattern))) }
            // Allowed values are not checked locally: the service may accept values added after
            // the spec was written, and the enumeration types accept them too.
        case .integer, .long, .float, .double:
            if constraints.minimum != nil || constraints.maximum != nil {
                let minimum = constraints.minimum.map(SwiftText.numberLiteral) ?? "nil"
                let maximum = constraints.maximum.map(SwiftText.numberLiteral) ?? "nil"
                checks.append(("range", ", min: \(minimum), max: \(maximum)"))
            }
        default:
            break
        }
        return checks
    }
}
