/// Turns validated model values into the view models the templates render.
///
/// One translator per product, made once per run: it knows the product's generated actions,
/// its shared object types (``SharedShapes``) and its error codes (``ErrorCatalogueTable``),
/// which every action's file refers to.
///
/// Runs only on specs that passed validation, so every name resolves; the fallbacks below
/// (`?? "_"`) are never reached in practice and keep this stage free of traps.
struct Translator: Sendable {
    let product: ProductSpec
    /// The actions generated: all of the product's, or those its `<generate>` selects.
    let actions: [ActionSpec]
    let shapes: SharedShapes
    let enums: SharedEnums
    let errors: ErrorCatalogueTable

    init(product: ProductSpec) {
        self.product = product
        self.actions = product.generatedActions
        self.enums = SharedEnums(actions: actions)
        self.shapes = SharedShapes(product: product, actions: actions, enumerationNames: enums.names)
        self.errors = ErrorCatalogueTable(product: product, actions: actions)
    }

    var productTypeName: String { SwiftNames.productType(product) }

    // MARK: Product

    func productContext() -> ProductContext {
        ProductContext(
            moduleName: product.swiftModule,
            productTypeName: productTypeName,
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
            requestTypeNames: actions.map { SwiftNames.requestType($0) ?? "_" },
            errorCatalogueLiteral: SwiftText.rawMultilineLiteral(errors.json, indent: "    ")
        )
    }

    // MARK: Errors

    func errorsContext() -> ErrorsContext {
        ErrorsContext(
            productTypeName: productTypeName,
            docLines: SwiftText.docLines(SwiftText.paragraphs([
                "The error codes \(product.title) documents, one member each, on the error type of every \(product.swiftModule) action: `catch .service(.\(errors.codes.first?.memberName ?? "someCode"))`.",
                "What each code means is in ``\(productTypeName)/errorCatalogue``; the documentation below is its usual one.",
            ])),
            codes: errors.codes.map(errorCodeContext)
        )
    }

    private func errorCodeContext(_ code: ErrorCatalogueTable.Code) -> ErrorCodeContext {
        var parts: [String?] = [
            code.usual.description ?? code.usual.message,
            "Code `\(code.code)`, HTTP \(Self.statusText(code.usual.httpStatuses)): \(code.usual.message)",
        ]
        if code.isCommon {
            parts.append("Any \(product.title) action may return it.")
        } else if code.actions.count == 1 {
            parts.append("Documented by `\(code.actions[0])`.")
        } else {
            parts.append("Documented by \(code.actions.count) actions.")
        }
        for (variant, actions) in code.variants {
            let names = actions.count <= 3 ? actions.map { "`\($0)`" }.joined(separator: ", ") : "\(actions.count) actions"
            parts.append("In \(names) (HTTP \(Self.statusText(variant.httpStatuses))): " + (variant.description ?? variant.message))
        }
        return ErrorCodeContext(
            memberName: SwiftNaming.escaped(code.memberName),
            codeLiteral: SwiftText.literal(code.code),
            docLines: SwiftText.docLines(SwiftText.paragraphs(parts))
        )
    }

    static func statusText(_ statuses: [Int]) -> String {
        statuses.map(String.init).joined(separator: ", ")
    }

    // MARK: Shared shapes

    func shapesContext() -> ShapesContext {
        ShapesContext(
            docLines: [],
            types: shapes.shapes.map(sharedObjectType),
            enumTypes: enums.enumerations.map { enumeration in
                let usage = enumeration.places.count <= 3
                    ? enumeration.places.map { "`\($0)`" }.joined(separator: ", ")
                    : "\(enumeration.places.count) members, among them " + enumeration.places.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
                return enumType(
                    name: enumeration.name, values: enumeration.values, qualifiedName: enumeration.name,
                    description: SwiftText.paragraphs([
                        "The values of \(usage): the documented ones below, or any other the service sends.",
                    ]),
                    isQueryEncoded: true
                )
            }
        )
    }

    private func sharedObjectType(_ shape: SharedShapes.Shape) -> ObjectTypeContext {
        let usage = shape.places.count <= 3
            ? "Used by " + shape.places.map { "`\($0)`" }.joined(separator: ", ") + "."
            : "Used in \(shape.places.count) places, among them " + shape.places.prefix(3).map { "`\($0)`" }.joined(separator: ", ") + "."
        return objectType(
            name: shape.name,
            qualifiedName: shape.name,
            members: shape.members,
            description: SwiftText.paragraphs([shape.description, usage]),
            usage: ObjectUsage(
                isRequestShape: shape.isRequestShape,
                isQueryEncoded: shape.isQueryEncoded,
                isJSONEncoded: shape.isJSONEncoded,
                isResponseShape: shape.isResponseShape
            )
        )
    }

    // MARK: Client

    func clientContext() -> ClientContext {
        ClientContext(
            clientTypeName: SwiftNames.clientType(product),
            productTypeName: productTypeName,
            defaultsToCredentialChain: product.clientDefaultsToCredentialChain,
            docLines: SwiftText.docLines(SwiftText.paragraphs([
                "A client for \(product.title), API version \(product.version): one method per action.",
                "Each method validates the request locally, signs it, sends it, retries what is safe to retry, and returns the typed response or throws a typed ``RPCError``.",
            ])),
            methods: methodContexts
        )
    }

    var methodContexts: [MethodContext] {
        actions.map { action in
            let errorType = SwiftNames.errorType(action) ?? "_"
            let requestType = SwiftNames.requestType(action) ?? "_"
            return MethodContext(
                methodName: SwiftNaming.escaped(SwiftNames.clientMethod(action) ?? "_"),
                requestTypeName: requestType,
                responseTypeName: SwiftNames.responseType(action) ?? "_",
                errorTypeName: errorType,
                docLines: SwiftText.docLines(SwiftText.paragraphs([
                    action.summary,
                    "- Throws: ``RPCError`` whose `.service` case holds \(Articles.indefinite("``\(errorType)``")).",
                ])),
                availability: availability(action.deprecation),
                actionLiteral: SwiftText.literal(action.name),
                serviceDocLines: SwiftText.docLines(SwiftText.paragraphs([
                    action.summary,
                    "- Throws: \(Articles.indefinite("``\(errorType)``")), answered with its code, message and HTTP status.",
                ]))
            )
        }
    }

    func availability(_ deprecation: Deprecation?) -> String? {
        guard let deprecation else { return nil }
        if deprecation.message.isEmpty { return "@available(*, deprecated)" }
        return "@available(*, deprecated, message: \(SwiftText.literal(deprecation.message)))"
    }
}
