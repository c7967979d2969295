extension Translator {
    /// One action's request, response and error types.
    func actionContext(_ action: ActionSpec) -> ActionContext {
        let requestType = SwiftNames.requestType(action) ?? "_"
        let responseType = SwiftNames.responseType(action) ?? "_"
        let errorType = SwiftNames.errorType(action) ?? "_"
        let request = members(action.parameters, usage: .request, qualifiedName: requestType)
        let response = members(action.fields, usage: .response, qualifiedName: responseType)
        return ActionContext(
            request: RequestContext(
                typeName: requestType,
                productTypeName: productTypeName,
                responseTypeName: responseType,
                errorTypeName: errorType,
                // A deprecated action is marked on the client method that sends it; its types
                // stay usable without warnings (the product's type list names them all).
                docLines: SwiftText.docLines(requestDocumentation(action, errorType: errorType)),
                actionLiteral: SwiftText.literal(action.name),
                operationType: action.operationType.rawValue,
                idempotent: action.idempotent.map { $0 ? "true" : "false" },
                clientTokenParameterLiteral: Self.clientTokenParameter(of: action).map(SwiftText.literal),
                documentedErrors: action.errors.map { "." + SwiftNaming.escaped(errors.memberName(of: $0.code)) },
                hasDocumentedErrors: !action.errors.isEmpty,
                properties: request.properties,
                hasProperties: !request.properties.isEmpty,
                initializers: request.initializers,
                redaction: request.redaction,
                sensitiveParametersLiteral: Self.sensitiveParametersLiteral(action),
                validations: validations(action.parameters, nested: false),
                nested: request.nested
            ),
            response: ResponseContext(
                typeName: responseType,
                docLines: SwiftText.docLines(SwiftText.paragraphs([
                    "What ``\(requestType)`` returns.",
                    action.responseDescription,
                ])),
                properties: response.properties,
                hasProperties: !response.properties.isEmpty,
                initializers: response.initializers,
                redaction: response.redaction,
                nested: response.nested
            ),
            error: ErrorAliasContext(
                typeName: errorType,
                requestTypeName: requestType,
                docLines: SwiftText.docLines(errorDocumentation(action))
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
            parts.append("It documents \(action.errors.count == 1 ? "one error code" : "\(action.errors.count) error codes"): see ``\(errorType)``.")
        }
        if let deprecation = action.deprecation {
            parts.append("- Deprecated: " + (deprecation.message.isEmpty ? "this action is deprecated." : deprecation.message))
        }
        return SwiftText.paragraphs(parts)
    }

    /// The codes an action documents, each linked to its member (where the product's catalogue
    /// says what it means), with the statuses and meaning this action gives it.
    private func errorDocumentation(_ action: ActionSpec) -> String {
        var parts = ["How `\(action.name)` fails: a ``ServiceError`` with the service's code, message and request ID. Any code \(product.title) documents can be matched by name (`catch .service(.someCode)`); codes nobody documents are kept as they came."]
        if !action.errors.isEmpty {
            let list = action.errors.map { error in
                var item = "- ``ServiceError/\(errors.memberName(of: error.code))`` (`\(error.code)`)"
                // What the product's catalogue says of the code is on its member; what this
                // action says differently is here too.
                if let usual = errors.code(error.code)?.usual, usual != ErrorCatalogueTable.Variant(error) {
                    item += ", here HTTP \(Self.statusText(error.httpStatuses)): " + Self.indentingContinuationLines(error.description ?? error.message)
                }
                return item
            }
            parts.append("## Documented codes\n\n" + list.joined(separator: "\n"))
        }
        return SwiftText.paragraphs(parts)
    }

    /// The wire names of the action's sensitive parameters, at any depth, added to those the
    /// runtime always hides, as a set expression; nil when the spec marks none.
    static func sensitiveParametersLiteral(_ action: ActionSpec) -> String? {
        let names = Set(sensitiveWireNames(action.parameters)).sorted()
        guard !names.isEmpty else { return nil }
        return "RPCRedaction.sensitiveNames.union([" + names.map(SwiftText.literal).joined(separator: ", ") + "])"
    }

    /// The parameter Alibaba Cloud's actions take an idempotency token in: a top-level string
    /// named `ClientToken`.
    static func clientTokenParameter(of action: ActionSpec) -> String? {
        action.parameters.first { $0.name == "ClientToken" && $0.type.kind == .string }?.name
    }

    /// `text` with its lines after the first indented two spaces, to continue a list item.
    /// (Most texts are one line: checked on bytes, since this runs for every documented error.)
    static func indentingContinuationLines(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "\n")) ? text.replacing("\n", with: "\n  ") : text
    }
}
