/// A response body that could not be decoded into the expected type.
public struct ResponseDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status the body came with, if known.
    public var httpStatus: Int?
    /// The start of the body (at most 256 bytes, decoded as UTF-8 with invalid bytes replaced);
    /// empty for an empty body (every reason then says the body is empty).
    public var bodyPrefix: String
    /// What failed, naming the coding path where there is one, e.g.
    /// `Instances.Instance[3].CpuOptions.CoreCount: expected Int32, found "abc"`.
    public var reason: String

    public init(httpStatus: Int?, bodyPrefix: String, reason: String) {
        self.httpStatus = httpStatus
        self.bodyPrefix = bodyPrefix
        self.reason = reason
    }

    /// Makes the error for `body`, cutting the prefix from it.
    public init(httpStatus: Int?, body: some Collection<UInt8>, reason: String) {
        self.init(httpStatus: httpStatus, bodyPrefix: Self.prefix(of: body), reason: reason)
    }

    public var description: String {
        var text = "Could not decode the response"
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        text += ": \(reason)"
        if !bodyPrefix.isEmpty { text += "; the body starts with: \(bodyPrefix)" }
        return text
    }

    /// The number of body bytes kept in ``bodyPrefix``.
    public static let bodyPrefixLength = 256

    /// The first ``bodyPrefixLength`` bytes of `body`, cut back to a character boundary.
    static func prefix(of body: some Collection<UInt8>) -> String {
        var bytes = Array(body.prefix(bodyPrefixLength + 1))
        if bytes.count > bodyPrefixLength {
            // bytes[end] is the first byte left out; while it continues a character, leave out
            // that character's earlier bytes too (at most 3: UTF-8 characters have at most 4).
            var end = bodyPrefixLength
            while end > bodyPrefixLength - 3, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            bytes.removeSubrange(end...)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Values quoted in reasons are cut to this many characters.
    static let shownValueLimit = 64

    package static func shortened(_ text: String) -> String {
        guard text.count > shownValueLimit else { return text }
        return String(text.prefix(shownValueLimit)) + "…"
    }
}
