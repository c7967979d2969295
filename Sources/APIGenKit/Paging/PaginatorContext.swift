import Mustache

/// The paginators file of a product (`ECSPaginators.swift`): one client method per paging action.
struct PaginatorsContext: Sendable {
    var clientTypeName: String
    var paginators: [PaginatorContext]
    /// The first paginator's name, for the file's example.
    var exampleMethodName: String
}

/// One paginator method: `describeInstancesPaginator(_:)`.
struct PaginatorContext: Sendable {
    /// As declared (keywords backticked).
    var methodName: String
    var requestTypeName: String
    var itemTypeName: String
    /// `.nextToken(request: \.nextToken, response: \.nextToken)`.
    var pagingExpression: String
    /// `\.instances`.
    var itemsKeyPath: String
    var docLines: [String]
    var availability: String?
}

extension PaginatorsContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "clientTypeName": clientTypeName
        case "paginators": paginators
        case "exampleMethodName": exampleMethodName
        default: nil
        }
    }
}

extension PaginatorContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "methodName": methodName
        case "requestTypeName": requestTypeName
        case "itemTypeName": itemTypeName
        case "pagingExpression": pagingExpression
        case "itemsKeyPath": itemsKeyPath
        case "docLines": docLines
        case "docComment": ContinuationLines.joined(docLines)
        case "availability": availability ?? AbsentValue()
        default: nil
        }
    }
}
