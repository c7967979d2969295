import Foundation

/// What trace-level logging hides: credentials and members that hold secrets.
///
/// Request parameters and response members are matched by wire name, or by the last part
/// of a flattened name (`SystemDisk.Password` matches `Password`).
public enum RPCRedaction {
    /// What is shown instead of a hidden value.
    public static let mask = "***"

    /// Names hidden in every request and response: signatures, keys, tokens, passwords,
    /// private keys and user data (which often carries secrets).
    public static let sensitiveNames: Set<String> = [
        "AccessKeySecret", "SecurityToken", "Signature", "OIDCToken", "SAMLAssertion",
        "Password", "VncPassword", "PrivateKeyBody", "PrivateKey", "UserData", "Token",
    ]

    /// Headers whose values are hidden.
    static let sensitiveHeaders: Set<String> = ["authorization", "x-acs-security-token", "x-acs-bearer-token"]

    static func isSensitive(_ name: String, in names: Set<String>) -> Bool {
        if names.contains(name) { return true }
        if let dot = name.lastIndex(of: ".") { return names.contains(String(name[name.index(after: dot)...])) }
        return false
    }

    static func redact(_ items: [QueryItem], sensitive: Set<String>) -> [QueryItem] {
        items.map { item in
            if item.name == "AccessKeyId" {
                return QueryItem(name: item.name, value: String(item.value.prefix(4)) + mask)
            }
            return isSensitive(item.name, in: sensitive) ? QueryItem(name: item.name, value: mask) : item
        }
    }

    /// The request as sent, secrets hidden: method, URL, headers and form body.
    public static func describe(_ request: SignedRequest, endpoint: RPCEndpoint, sensitive: Set<String> = sensitiveNames) -> String {
        let names = sensitive.union(sensitiveNames)
        var text = "\(request.method) \(endpoint)\(request.percentEncodedPath)"
        let query = redact(request.queryItems, sensitive: names)
        if !query.isEmpty { text += "?" + FormEncoding.encode(query) }
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            text += "\n\(name): " + (sensitiveHeaders.contains(name) ? mask : value)
        }
        if !request.body.isEmpty {
            let form = String(decoding: request.body, as: UTF8.self)
            let items = form.split(separator: "&").map { pair -> QueryItem in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
                return QueryItem(name: name, value: value)
            }
            text += "\n\n" + FormEncoding.encode(redact(items, sensitive: names))
        }
        return text
    }

    /// The response, secrets hidden: status, headers and body (JSON members and XML elements
    /// with a sensitive name show `***`).
    public static func describe(_ response: TransportResponse, sensitive: Set<String> = sensitiveNames) -> String {
        var text = "HTTP \(response.status)"
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) {
            text += "\n\(name): " + (sensitiveHeaders.contains(name) ? mask : value)
        }
        if !response.body.isEmpty {
            text += "\n\n" + redactBody(response.body, sensitive: sensitive.union(sensitiveNames))
        }
        return text
    }

    /// A JSON or XML body with the values of sensitive members replaced.
    public static func redactBody(_ body: [UInt8], sensitive: Set<String> = sensitiveNames) -> String {
        let first = body.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            let object = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        {
            let redacted = redactJSON(object, sensitive: sensitive)
            if let data = try? JSONSerialization.data(withJSONObject: redacted, options: [.sortedKeys, .fragmentsAllowed]) {
                return String(decoding: data, as: UTF8.self)
            }
        }
        var text = String(decoding: body, as: UTF8.self)
        if first == UInt8(ascii: "<") {
            for name in sensitive {
                let pattern = "<(\(NSRegularExpression.escapedPattern(for: name)))>[^<]*</\(NSRegularExpression.escapedPattern(for: name))>"
                guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
                text = regex.stringByReplacingMatches(
                    in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "<$1>\(mask)</$1>")
            }
            return text
        }
        // Neither JSON nor XML: nothing can be told apart, so nothing of it is shown.
        return "(\(body.count) bytes, not JSON or XML)"
    }

    private static func redactJSON(_ value: Any, sensitive: Set<String>) -> Any {
        if let object = value as? [String: Any] {
            var copy: [String: Any] = [:]
            for (key, member) in object {
                copy[key] = isSensitive(key, in: sensitive) && !(member is [String: Any]) && !(member is [Any])
                    ? mask : redactJSON(member, sensitive: sensitive)
            }
            return copy
        }
        if let array = value as? [Any] {
            return array.map { redactJSON($0, sensitive: sensitive) }
        }
        return value
    }
}
