import APIGenRuntime
import Foundation

/// One incoming HTTP request to an RPC service, independent of the HTTP server that took it.
public struct RPCServerRequest: Sendable {
    /// `GET` or `POST`.
    public let method: String
    /// The path without the query, e.g. `/`.
    public let path: String
    /// The URL query's parameters, percent-decoded, in order.
    public let queryItems: [QueryItem]
    /// Header names lower-cased; values as they came.
    public let headers: [(name: String, value: String)]
    /// The body, e.g. form-encoded parameters.
    public let body: [UInt8]
    /// The query's parameters and then the form body's: where Alibaba Cloud reads an RPC
    /// call's parameters from.
    public let parameters: RPCParameters

    public init(
        method: String,
        path: String,
        queryItems: [QueryItem],
        headers: [(name: String, value: String)],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers.map { (name: $0.name.lowercased(), value: $0.value) }
        self.body = body
        self.parameters = RPCParameters(queryItems + Self.formItems(body: body, headers: self.headers))
    }

    /// Splits a request target such as `/?Action=X&RegionId=cn-hangzhou` into path and query.
    /// In the query `+` reads as a space, as HTML forms and Python's `urlencode` write it;
    /// clients that sign requests send a literal plus as `%2B`.
    public init(
        method: String,
        uri: String,
        headers: [(name: String, value: String)],
        body: [UInt8] = []
    ) {
        let path: Substring
        let query: Substring
        if let mark = uri.firstIndex(of: "?") {
            path = uri[..<mark]
            query = uri[uri.index(after: mark)...]
        } else {
            path = Substring(uri)
            query = ""
        }
        self.init(
            method: method,
            path: path.isEmpty ? "/" : PercentDecoding.decode(path, plusAsSpace: false),
            queryItems: PercentDecoding.queryItems(query, plusAsSpace: true),
            headers: headers,
            body: body
        )
    }

    /// The first value of the header `name` (any case).
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name == name }?.value
    }

    /// The body's parameters when it is an HTML form (`application/x-www-form-urlencoded`),
    /// else none.
    private static func formItems(body: [UInt8], headers: [(name: String, value: String)]) -> [QueryItem] {
        let contentType = headers.first { $0.name == "content-type" }?.value.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded"), !body.isEmpty else { return [] }
        return PercentDecoding.queryItems(Substring(decoding: body, as: UTF8.self), plusAsSpace: true)
    }

    /// The action: the `Action` parameter (signature 1.0) or the `x-acs-action` header (V3).
    public var action: String? {
        parameters.action ?? header("x-acs-action")
    }

    /// The API version: the `Version` parameter or the `x-acs-version` header.
    public var version: String? {
        parameters.version ?? header("x-acs-version")
    }

    /// The format the caller asked for: the `Format` parameter (any case), else the `Accept`
    /// header, else XML, Alibaba Cloud's default.
    public var responseFormat: WireFormat {
        if let format = parameters["Format"]?.uppercased() {
            return format == "JSON" ? .json : .xml
        }
        if let accept = header("accept")?.lowercased() {
            if accept.contains("json") { return .json }
            if accept.contains("xml") { return .xml }
        }
        return .xml
    }
}

/// Percent-decoding of URL queries and form bodies.
public enum PercentDecoding {
    /// Decodes `%XX` escapes (and `+` as a space when `plusAsSpace`); a `%` not followed by
    /// two hex digits is kept as it is, and invalid UTF-8 becomes U+FFFD.
    public static func decode(_ text: Substring, plusAsSpace: Bool) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.contains(UInt8(ascii: "%")) || (plusAsSpace && utf8.contains(UInt8(ascii: "+"))) else {
            return String(text)
        }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else if plusAsSpace, byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
                index += 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Splits `a=1&b=2` into decoded items; an item without `=` has an empty value, and empty
    /// items are skipped.
    public static func queryItems(_ query: Substring, plusAsSpace: Bool) -> [QueryItem] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return QueryItem(
                    name: decode(pair[..<equals], plusAsSpace: plusAsSpace),
                    value: decode(pair[pair.index(after: equals)...], plusAsSpace: plusAsSpace)
                )
            }
            return QueryItem(name: decode(pair, plusAsSpace: plusAsSpace), value: "")
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
