import APIGenRuntime
import Foundation

/// The JSON the ECS metadata service and credentials URIs answer with:
/// `{"Code": "Success", "AccessKeyId": …, "AccessKeySecret": …, "SecurityToken": …, "Expiration": "2026-01-01T00:00:00Z"}`.
enum TemporaryCredentialsDocument {
    /// Reads the document; errors name what is missing or wrong, never a value.
    static func parse(_ body: [UInt8], source: String, requireCode: Bool) throws(CredentialsSourceError) -> Credentials {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw CredentialsSourceError(source: source, "the answer is not a JSON object (\(body.count) bytes)")
        }
        if let code = object["Code"] as? String {
            guard code == "Success" else { throw CredentialsSourceError(source: source, "the answer's Code is '\(code)', not 'Success'") }
        } else if requireCode {
            throw CredentialsSourceError(source: source, "the answer has no Code")
        }
        func field(_ name: String) throws(CredentialsSourceError) -> String {
            guard let value = object[name] as? String, !value.isEmpty else {
                throw CredentialsSourceError(source: source, "the answer has no \(name)")
            }
            return value
        }
        let expirationText = try field("Expiration")
        guard let expiration = parseTimestamp(expirationText) else {
            throw CredentialsSourceError(source: source, "the answer's Expiration '\(expirationText)' is not a UTC time (yyyy-MM-ddTHH:mm:ssZ)")
        }
        return Credentials(
            accessKeyId: try field("AccessKeyId"), accessKeySecret: try field("AccessKeySecret"),
            securityToken: try field("SecurityToken"), expiration: expiration)
    }

    /// `2026-01-01T00:00:00Z`, with or without fractional seconds.
    static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
