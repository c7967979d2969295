/// Unsigned requests, for the actions Alibaba Cloud documents as anonymous (STS
/// `AssumeRoleWithOIDC` and `AssumeRoleWithSAML` authenticate by their token or assertion).
enum AnonymousRequest {
    /// `signed` without what identifies a caller: V3's `authorization` header, Signature 1.0's
    /// `AccessKeyId`, `Signature`, `SignatureMethod` and `SignatureVersion`.
    static func strip(_ signed: SignedRequest) -> SignedRequest {
        var request = signed
        request.headers.removeValue(forKey: "authorization")
        request.headers.removeValue(forKey: "x-acs-security-token")
        let dropped: Set<String> = ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SecurityToken"]
        request.queryItems.removeAll { dropped.contains($0.name) }
        return request
    }
}
