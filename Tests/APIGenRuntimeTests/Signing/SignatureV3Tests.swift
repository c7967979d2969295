import APIGenXML
import Foundation
import Testing

@testable import APIGenRuntime

extension Signing {
    @Suite("Signature V3 (ACS3-HMAC-SHA256)")
    struct SignatureV3Tests {
        // Alibaba Cloud's published example (V3 signature, RunInstances).
        static let publishedHash = "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        static let publishedSignature = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        static let publishedSignedHeaders = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
        static let publishedCredentials = Credentials(accessKeyId: "YourAccessKeyId", accessKeySecret: "YourAccessKeySecret")
        static let publishedCall = RPCCall(
            action: "RunInstances",
            version: "2014-05-26",
            host: "ecs.cn-shanghai.aliyuncs.com",
            method: .post,
            path: "/",
            parameters: [
                QueryItem(name: "RegionId", value: "cn-shanghai"),
                QueryItem(name: "ImageId", value: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"),
            ]
        )

        static func publishedSigner() -> SignatureV3 {
            let instant = Signing.date("2023-10-26T10:22:32Z")
            return SignatureV3(clock: { instant }, nonce: { "3156853299f313e23d1673dc12e1703d" })
        }

        @Test("Published vector: canonical request hash and signature, from the parts")
        func publishedVectorFromParts() {
            let headers = [
                "host": "ecs.cn-shanghai.aliyuncs.com",
                "x-acs-action": "RunInstances",
                "x-acs-version": "2014-05-26",
                "x-acs-date": "2023-10-26T10:22:32Z",
                "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
                "x-acs-content-sha256": SignatureV3.emptyPayloadHash,
            ]
            let canonical = SignatureV3.canonicalRequest(
                method: .post,
                path: "/",
                query: Self.publishedCall.parameters,
                headers: headers,
                hashedPayload: SignatureV3.hashedPayload([])
            )
            #expect(
                canonical.text == """
                    POST
                    /
                    ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai
                    host:ecs.cn-shanghai.aliyuncs.com
                    x-acs-action:RunInstances
                    x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                    x-acs-date:2023-10-26T10:22:32Z
                    x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
                    x-acs-version:2014-05-26

                    host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
                    e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                    """
            )
            #expect(canonical.hash == Self.publishedHash)
            #expect(canonical.signedHeaders == Self.publishedSignedHeaders)
            let stringToSign = SignatureV3.stringToSign(canonicalRequest: canonical.text)
            #expect(stringToSign == "ACS3-HMAC-SHA256\n" + Self.publishedHash)
            #expect(SignatureV3.signature(stringToSign: stringToSign, accessKeySecret: "YourAccessKeySecret") == Self.publishedSignature)
        }

        @Test("Published vector: the signer produces the documented headers and Authorization")
        func publishedVectorThroughSigner() {
            let signed = Self.publishedSigner().sign(Self.publishedCall, with: Self.publishedCredentials)
            #expect(signed.method == .post)
            #expect(signed.pathAndQuery == "/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai")
            #expect(signed.body.isEmpty)
            #expect(
                signed.headers == [
                    "host": "ecs.cn-shanghai.aliyuncs.com",
                    "x-acs-action": "RunInstances",
                    "x-acs-version": "2014-05-26",
                    "x-acs-date": "2023-10-26T10:22:32Z",
                    "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
                    "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    "authorization": "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=\(Self.publishedSignedHeaders),Signature=\(Self.publishedSignature)",
                    "accept": "application/json",
                ]
            )
            // The canonical request rebuilt from what is sent has the published hash.
            let rebuilt = SignatureV3.canonicalRequest(
                method: signed.method,
                path: signed.path,
                query: signed.queryItems,
                headers: signed.headers,
                hashedPayload: SignatureV3.hashedPayload(signed.body)
            )
            #expect(rebuilt.hash == Self.publishedHash)
        }

        @Test("Only host, content-type and x-acs-* headers are signed; names lower-cased, values trimmed")
        func canonicalHeaders() {
            let headers = SignatureV3.canonicalHeaders([
                "Host": "example.com",
                "Content-Type": "  application/json \t",
                "X-Acs-Action": "Describe",
                "x-acs-meta": "\t spaced  inside \t",
                "User-Agent": "apigen",
                "Accept": "application/json",
                "authorization": "old",
                "x-acsx": "no",
                "acs-x": "no",
            ])
            #expect(headers.signedHeaders == "content-type;host;x-acs-action;x-acs-meta")
            #expect(
                headers.text
                    == "content-type:application/json\nhost:example.com\nx-acs-action:Describe\nx-acs-meta:spaced  inside\n"
            )
        }

        @Test("Header names that differ only in case are joined, values sorted")
        func repeatedHeaderNames() {
            let headers = SignatureV3.canonicalHeaders(["X-Acs-Tag": "b", "x-acs-tag": "a"])
            #expect(headers.text == "x-acs-tag:a,b\n")
            #expect(headers.signedHeaders == "x-acs-tag")
        }

        /// What `alibabacloud_tea_openapi.utils.get_canonical_query_string` (the SDK's V3 code)
        /// gives for these names: sorted raw, names left as they are, values encoded.
        @Test("Canonical query: names outside the unreserved characters stay raw, as Alibaba Cloud's SDK signs them")
        func canonicalQueryRawNames() {
            let items = [
                QueryItem(name: "b c", value: "x y"), QueryItem(name: "é", value: "2"), QueryItem(name: "a&b", value: "1"),
                QueryItem(name: "~", value: "~"), QueryItem(name: "Z", value: "z"), QueryItem(name: "*", value: "*"),
            ]
            #expect(SignatureV3.canonicalQuery(items) == "*=%2A&Z=z&a&b=1&b c=x%20y&~=~&é=2")
            #expect(SignatureV3.canonicalQuery(items, names: .percentEncoded) == "%2A=%2A&Z=z&a%26b=1&b%20c=x%20y&~=~&%C3%A9=2")
            // The signer sends them in that order.
            let signed = Self.publishedSigner().sign(
                RPCCall(action: "A", version: "1", host: "h", parameters: items), with: Self.publishedCredentials)
            #expect(signed.queryItems.map(\.name) == ["*", "Z", "a&b", "b c", "~", "é"])
        }

        @Test("Canonical query: names and values encoded, sorted on names, empty values as `name=`")
        func canonicalQuery() {
            let query = SignatureV3.canonicalQuery([
                QueryItem(name: "InstanceId.2", value: "i 2"),
                QueryItem(name: "InstanceId.10", value: "i*10"),
                QueryItem(name: "Empty", value: ""),
                QueryItem(name: "Name", value: "中文~😀/+="),
            ])
            #expect(
                query
                    == "Empty=&InstanceId.10=i%2A10&InstanceId.2=i%202&Name=%E4%B8%AD%E6%96%87~%F0%9F%98%80%2F%2B%3D"
            )
            #expect(SignatureV3.canonicalQuery([]) == "")
        }

        @Test("A security token is sent and signed as x-acs-security-token")
        func securityToken() throws {
            var credentials = Self.publishedCredentials
            credentials.securityToken = "STS.token"
            let signed = Self.publishedSigner().sign(Self.publishedCall, with: credentials)
            #expect(signed.headers["x-acs-security-token"] == "STS.token")
            let authorization = try #require(signed.headers["authorization"])
            #expect(authorization.contains("SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,"))
            #expect(!authorization.contains(Self.publishedSignature))
        }

        @Test("A form body is hashed and signed together with its content-type")
        func formBody() throws {
            var call = Self.publishedCall
            call.parameterLocation = .formBody
            let signed = Self.publishedSigner().sign(call, with: Self.publishedCredentials)
            #expect(signed.queryItems.isEmpty)
            #expect(signed.pathAndQuery == "/")
            #expect(String(decoding: signed.body, as: UTF8.self) == "RegionId=cn-shanghai&ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd")
            #expect(signed.headers["content-type"] == "application/x-www-form-urlencoded")
            #expect(signed.headers["x-acs-content-sha256"] == SignatureV3.hashedPayload(signed.body))
            #expect(signed.headers["x-acs-content-sha256"] != SignatureV3.emptyPayloadHash)
            let authorization = try #require(signed.headers["authorization"])
            #expect(authorization.contains("SignedHeaders=content-type;host;"))
        }

        @Test("Nonces are fresh for every request")
        func noncesAreUnique() {
            let signer = SignatureV3()
            var nonces = Set<String>()
            for _ in 0..<2000 {
                if let nonce = signer.sign(Self.publishedCall, with: Self.publishedCredentials).headers["x-acs-signature-nonce"] {
                    nonces.insert(nonce)
                }
            }
            #expect(nonces.count == 2000)
        }

        @Test("V3 is the default signature version; each version makes its signer")
        func versions() {
            #expect(SignatureVersion.default == .v3)
            #expect(SignatureVersion.v3.signer().signatureVersion == .v3)
            #expect(SignatureVersion.v1.signer().signatureVersion == .v1)
            let v1 = SignatureVersion.v1.signer(responseFormat: .xml).sign(Self.publishedCall, with: Self.publishedCredentials)
            #expect(v1.queryItems.contains(QueryItem(name: "Format", value: "XML")))
            let v3 = SignatureVersion.v3.signer(responseFormat: .xml).sign(Self.publishedCall, with: Self.publishedCredentials)
            #expect(v3.headers["accept"] == "application/xml")
        }
    }
}
