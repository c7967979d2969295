/// The server module's view models: what a server adds to the client module's types.
extension Translator {
    func serviceContext() -> ServiceContext {
        ServiceContext(
            clientModuleName: product.swiftModule,
            serviceTypeName: SwiftNames.serviceType(product),
            routerTypeName: SwiftNames.serviceRouterType(product),
            productTypeName: productTypeName,
            docLines: SwiftText.docLines(SwiftText.paragraphs([
                "The server side of \(product.title), API version \(product.version): one method per action, each taking the typed request and returning the typed response or throwing the action's typed error.",
                "Every method has a default implementation that answers `UnsupportedOperation`, so a server implements only the actions it serves. ``\(SwiftNames.serviceRouterType(product))`` decodes incoming requests and calls these methods.",
            ])),
            methods: methodContexts
        )
    }

    /// Reading an action's request from parameters, and writing its response.
    func serverActionContext(_ action: ActionSpec) -> ServerTypesContext {
        let requestType = SwiftNames.requestType(action) ?? "_"
        let responseType = SwiftNames.responseType(action) ?? "_"
        let request = members(action.parameters, usage: .request, qualifiedName: requestType)
        let response = objectType(name: responseType, qualifiedName: responseType, members: action.fields, description: "", usage: .response)
        var objectTypes: [ObjectTypeContext] = []
        var enumTypes: [EnumTypeContext] = []
        Self.flatten(request.nested, objectTypes: &objectTypes, enumTypes: &enumTypes)
        Self.flatten(response.nested, objectTypes: &objectTypes, enumTypes: &enumTypes)
        return ServerTypesContext(
            clientModuleName: product.swiftModule,
            request: ServerRequestContext(
                typeName: requestType, properties: request.properties, hasProperties: !request.properties.isEmpty,
                initializers: request.initializers
            ),
            response: response,
            objectTypes: objectTypes,
            enumTypes: enumTypes
        )
    }

    /// The server side of the product's shared types.
    func serverShapesContext() -> ServerTypesContext {
        var objectTypes: [ObjectTypeContext] = []
        var enumTypes: [EnumTypeContext] = []
        let shapes = shapesContext()
        for type in shapes.types {
            objectTypes.append(type)
            Self.flatten(type.nested, objectTypes: &objectTypes, enumTypes: &enumTypes)
        }
        enumTypes += shapes.enumTypes
        return ServerTypesContext(
            clientModuleName: product.swiftModule, request: nil, response: nil, objectTypes: objectTypes, enumTypes: enumTypes
        )
    }

    /// Every object type in `nested` and in theirs, outermost first; the enumerations a
    /// server reads from parameters.
    private static func flatten(_ nested: NestedDeclarations, objectTypes: inout [ObjectTypeContext], enumTypes: inout [EnumTypeContext]) {
        enumTypes += nested.enumTypes.filter(\.isQueryEncoded)
        for type in nested.objectTypes {
            objectTypes.append(type)
            flatten(type.nested, objectTypes: &objectTypes, enumTypes: &enumTypes)
        }
    }
}
