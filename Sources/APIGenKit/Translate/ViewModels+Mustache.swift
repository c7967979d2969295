import Mustache

// Mustache looks up template keys through `MustacheParent` when a context offers it, instead
// of `Mirror` reflection, which scans every property on each lookup and dominated rendering
// time. `ViewModelLookupTests` checks that every property is reachable here.
//
// Doc comments are offered twice: `docLines`, one line per item, and `docComment`, the same
// lines as one value (see `ContinuationLines`), which spares a section iteration per line (a
// tenth of generation time) and is what apigen's own templates use.

extension ProductContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "moduleName": self.moduleName
        case "productTypeName": self.productTypeName
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        case "productCodeLiteral": self.productCodeLiteral
        case "apiVersionLiteral": self.apiVersionLiteral
        case "defaultEndpointLiteral": self.defaultEndpointLiteral
        case "endpoints": self.endpoints
        case "hasEndpoints": self.hasEndpoints
        case "requestTypeNames": self.requestTypeNames
        case "errorCatalogueLiteral": self.errorCatalogueLiteral
        default: nil
        }
    }
}

extension EndpointContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "regionLiteral": self.regionLiteral
        case "hostLiteral": self.hostLiteral
        default: nil
        }
    }
}

extension ErrorsContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "productTypeName": self.productTypeName
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        case "codes": self.codes
        default: nil
        }
    }
}

extension ErrorCodeContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "memberName": self.memberName
        case "codeLiteral": self.codeLiteral
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        default: nil
        }
    }
}

extension ShapesContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        case "types": self.types
        case "enumTypes": self.enumTypes
        case "typeSources": self.typeSources
        default: nil
        }
    }
}

extension ClientContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "clientTypeName": self.clientTypeName
        case "productTypeName": self.productTypeName
        case "defaultsToCredentialChain": self.defaultsToCredentialChain
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        case "methods": self.methods
        default: nil
        }
    }
}

extension MethodContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "methodName": self.methodName
        case "requestTypeName": self.requestTypeName
        case "responseTypeName": self.responseTypeName
        case "errorTypeName": self.errorTypeName
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        case "availability": self.availability ?? AbsentValue()
        case "actionLiteral": self.actionLiteral
        case "serviceDocLines": self.serviceDocLines
        case "serviceDocComment": ContinuationLines.joined(self.serviceDocLines)
        default: nil
        }
    }
}

extension ActionContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "request": self.request
        case "response": self.response
        case "error": self.error
        default: nil
        }
    }
}

extension RequestContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "typeName": self.typeName
        case "productTypeName": self.productTypeName
        case "responseTypeName": self.responseTypeName
        case "errorTypeName": self.errorTypeName
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        case "actionLiteral": self.actionLiteral
        case "operationType": self.operationType
        case "idempotent": self.idempotent ?? AbsentValue()
        case "clientTokenParameterLiteral": self.clientTokenParameterLiteral ?? AbsentValue()
        case "documentedErrors": self.documentedErrors
        case "hasDocumentedErrors": self.hasDocumentedErrors
        case "properties": self.properties
        case "hasProperties": self.hasProperties
        case "initializers": self.initializers
        case "redaction": self.redaction
        case "sensitiveParametersLiteral": self.sensitiveParametersLiteral ?? AbsentValue()
        case "validations": self.validations
        case "nested": self.nested
        default: nil
        }
    }
}

extension Initializers: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "mainProperties": self.mainProperties
        case "deprecatedProperties": self.deprecatedProperties
        case "hasDeprecatedProperties": self.hasDeprecatedProperties
        case "deprecationMessageLiteral": self.deprecationMessageLiteral
        default: nil
        }
    }
}

extension Redaction: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "hasSensitiveMembers": self.hasSensitiveMembers
        case "sensitiveMembersLiteral": self.sensitiveMembersLiteral
        default: nil
        }
    }
}

extension ResponseContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "typeName": self.typeName
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        case "properties": self.properties
        case "hasProperties": self.hasProperties
        case "initializers": self.initializers
        case "redaction": self.redaction
        case "nested": self.nested
        default: nil
        }
    }
}

extension ErrorAliasContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "typeName": self.typeName
        case "requestTypeName": self.requestTypeName
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        default: nil
        }
    }
}

extension NestedDeclarations: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "objectTypes": self.objectTypes
        case "enumTypes": self.enumTypes
        case "typeAliases": self.typeAliases
        case "sources": self.sources
        default: nil
        }
    }
}

extension TypeAliasContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "target": self.target
        default: nil
        }
    }
}

extension ObjectTypeContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "typeName": self.typeName
        case "qualifiedName": self.qualifiedName
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        case "conformances": self.conformances
        case "properties": self.properties
        case "hasProperties": self.hasProperties
        case "initializers": self.initializers
        case "redaction": self.redaction
        case "isRequestShape": self.isRequestShape
        case "isQueryEncoded": self.isQueryEncoded
        case "isJSONEncoded": self.isJSONEncoded
        case "isResponseShape": self.isResponseShape
        case "hasValidations": self.hasValidations
        case "validations": self.validations
        case "nested": self.nested
        default: nil
        }
    }
}

extension EnumTypeContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "typeName": self.typeName
        case "qualifiedName": self.qualifiedName
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        case "cases": self.cases
        case "isQueryEncoded": self.isQueryEncoded
        default: nil
        }
    }
}

extension EnumCaseContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "valueLiteral": self.valueLiteral
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        default: nil
        }
    }
}

extension PropertyContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "argumentLabel": self.argumentLabel
        case "storage": self.storage
        case "swiftType": self.swiftType
        case "wrappedType": self.wrappedType
        case "isOptional": self.isOptional
        case "defaultArgument": self.defaultArgument
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        case "availability": self.availability ?? AbsentValue()
        case "decodeExpression": self.decodeExpression
        case "encodeStatement": self.encodeStatement
        case "wireNameLiteral": self.wireNameLiteral
        case "dottedWireNameLiteral": self.dottedWireNameLiteral
        case "encodesAsJSON": self.encodesAsJSON
        case "decodeFunction": self.decodeFunction
        default: nil
        }
    }
}

extension ValidationContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "isCheck": self.isCheck
        case "isObject": self.isObject
        case "isObjectArray": self.isObjectArray
        case "isElementCheck": self.isElementCheck
        case "helper": self.helper
        case "value": self.value
        case "element": self.element
        case "arguments": self.arguments
        case "optionalChain": self.optionalChain
        case "orEmpty": self.orEmpty
        case "parameter": self.parameter
        case "action": self.action
        default: nil
        }
    }
}

extension ServiceContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "clientModuleName": self.clientModuleName
        case "serviceTypeName": self.serviceTypeName
        case "routerTypeName": self.routerTypeName
        case "productTypeName": self.productTypeName
        case "docLines": self.docLines
        case "docComment": ContinuationLines.joined(self.docLines)
        case "methods": self.methods
        default: nil
        }
    }
}

extension ServerTypesContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "clientModuleName": self.clientModuleName
        case "request": self.request ?? AbsentValue()
        case "response": self.response ?? AbsentValue()
        case "objectTypes": self.objectTypes
        case "enumTypes": self.enumTypes
        default: nil
        }
    }
}

extension ServerRequestContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "typeName": self.typeName
        case "properties": self.properties
        case "hasProperties": self.hasProperties
        case "initializers": self.initializers
        default: nil
        }
    }
}

/// View models hand strings to the templates. Rendering one as `MustacheCustomRenderable`
/// skips the optional unwrapping and `String(describing:)` swift-mustache otherwise does for
/// every variable, which was a large share of generation time.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

/// What a view model answers for an optional it has no value for.
///
/// swift-mustache treats a nil answer as "not here" and asks every enclosing context in turn,
/// so a property without `availability` would print its type's (or action's) one if it had
/// such a member, and every miss costs a lookup per level (20,000 of them for ECS). This
/// value renders as nothing and counts as false in `{{#…}}` and true in `{{^…}}`, as nil does,
/// but stops the search where the name belongs.
struct AbsentValue: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
