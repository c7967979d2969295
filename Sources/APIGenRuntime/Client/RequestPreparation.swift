import Foundation

/// What the client does to a request's parameters before the first attempt: the idempotency
/// token, and where the parameters travel. Done once per call, so every retry sends the same
/// parameters (and the same token).
enum RequestPreparation {
    /// The parameters with the idempotency token filled in: the caller's token when it gave a
    /// non-empty one, else a new lower-case UUID. Unchanged for actions without one.
    static func fillingClientToken(
        _ items: [QueryItem], parameter: String?, makeToken: () -> String = { UUID().uuidString.lowercased() }
    ) -> [QueryItem] {
        guard let parameter else { return items }
        var items = items
        if let index = items.firstIndex(where: { $0.name == parameter }) {
            if items[index].value.isEmpty { items[index].value = makeToken() }
        } else {
            items.append(QueryItem(name: parameter, value: makeToken()))
        }
        return items
    }

    /// Where the parameters go: a form body when the method is POST and their encoded
    /// length passes `threshold` bytes (`UserData` of a few KB, large JSON), else the query.
    static func location(for items: [QueryItem], method: HTTPMethod, threshold: Int) -> ParameterLocation {
        guard method == .post else { return .query }
        var length = 0
        for item in items {
            length += PercentEncoding.encode(item.name).utf8.count + PercentEncoding.encode(item.value).utf8.count + 2
            if length > threshold { return .formBody }
        }
        return .query
    }
}
