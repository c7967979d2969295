import APIGenXML
import Foundation
import Testing

@testable import APIGenRuntime

extension Signing {
    @Suite("RPC signature 1.0 (HMAC-SHA1)")
    struct SignatureV1Tests {
        // Alibaba Cloud's published example (RPC signature 1.0, DescribeRegions).
        static let publishedStringToSign =
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        static let publishedSignature = "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        static let publishedParameters = [
            QueryItem(name: "AccessKeyId", value: "testid"),
            QueryItem(name: "Action", value: "DescribeRegions"),
            QueryItem(name: "Format", value: "XML"),
            QueryItem(name: "SignatureMethod", value: "HMAC-SHA1"),
            QueryItem(name: "SignatureNonce", value: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            QueryItem(name: "SignatureVersion", value: "1.0"),
            QueryItem(name: "Timestamp", value: "2016-02-23T12:46:24Z"),
            QueryItem(name: "Version", value: "2014-05-26"),
        ]

        static func publishedSigner() -> SignatureV1 {
            let instant = Signing.date("2016-02-23T12:46:24Z")
            return SignatureV1(
                responseFormat: .xml,
                clock: { instant },
                nonce: { "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf" }
            )
        }

        static let publishedCall = RPCCall(
            action: "DescribeRegions",
            version: "2014-05-26",
            host: "ecs.aliyuncs.com",
            method: .get
        )

        @Test("Published vector: string to sign and signature, from the parameters")
        func publishedVectorFromParameters() {
            let stringToSign = SignatureV1.stringToSign(method: .get, parameters: Self.publishedParameters.reversed())
            #expect(stringToSign == Self.publishedStringToSign)
            #expect(SignatureV1.signature(stringToSign: stringToSign, accessKeySecret: "testsecret") == Self.publishedSignature)
        }

        @Test("Published vector: the signer adds the same common parameters and signs them")
        func publishedVectorThroughSigner() throws {
            let signed = Self.publishedSigner().sign(
                Self.publishedCall,
                with: Credentials(accessKeyId: "testid", accessKeySecret: "testsecret")
            )
            #expect(signed.method == .get)
            #expect(signed.host == "ecs.aliyuncs.com")
            #expect(signed.path == "/")
            #expect(signed.body.isEmpty)
            #expect(signed.queryItems == Self.publishedParameters + [QueryItem(name: "Signature", value: Self.publishedSignature)])
            #expect(
                signed.percentEncodedQuery
                    == "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1"
                    + "&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0"
                    + "&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26"
                    + "&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"
            )
            #expect(signed.urlString().hasPrefix("https://ecs.aliyuncs.com/?AccessKeyId=testid&"))
            #expect(signed.headers == ["host": "ecs.aliyuncs.com"])
        }

        /// Issue 15's vector, computed with Alibaba Cloud's Python util
        /// (`alibabacloud_openapi_util.Client.get_rpcsignature({"a": "1", "é": "2"}, "GET", "secret")`):
        /// it sorts the raw names (`a` < `é`), then encodes; sorting encoded names put `%C3%A9` first.
        @Test("Names outside the unreserved characters sort raw, as Alibaba Cloud's SDK sorts them, then encode")
        func rawNameOrder() {
            let items = [QueryItem(name: "a", value: "1"), QueryItem(name: "é", value: "2")]
            let stringToSign = SignatureV1.stringToSign(method: .get, parameters: items.reversed())
            #expect(stringToSign == "GET&%2F&a%3D1%26%25C3%25A9%3D2")
            #expect(SignatureV1.signature(stringToSign: stringToSign, accessKeySecret: "secret") == "jWZ0HmTSQCtneFKWtjfRIOZmYUk=")
            // Reserved characters too: raw `*` (0x2A) sorts before `Z`, and `a b` (space, 0x20) before `a&b` (0x26).
            let reserved = [
                QueryItem(name: "a&b", value: "1"), QueryItem(name: "Z", value: "z"), QueryItem(name: "a b", value: "2"),
                QueryItem(name: "*", value: "*"), QueryItem(name: "~", value: "~"),
            ]
            #expect(SignatureV1.canonicalizedQuery(reserved) == "%2A=%2A&Z=z&a%20b=2&a%26b=1&~=~")
        }

        @Test("Sorting is byte-wise on names: InstanceId.10 before InstanceId.2, upper case before lower")
        func sorting() {
            let items = [
                QueryItem(name: "InstanceId.2", value: "b"),
                QueryItem(name: "InstanceId.10", value: "c"),
                QueryItem(name: "InstanceId.1", value: "a"),
                QueryItem(name: "a", value: "lower"),
                QueryItem(name: "B", value: "upper"),
                QueryItem(name: "Instance", value: "prefix"),
            ]
            #expect(
                SignatureV1.canonicalizedQuery(items)
                    == "B=upper&Instance=prefix&InstanceId.1=a&InstanceId.10=c&InstanceId.2=b&a=lower"
            )
        }

        @Test("Empty values stay as `name=`; reserved characters are encoded twice in the string to sign")
        func emptyAndReservedValues() {
            let items = [
                QueryItem(name: "Empty", value: ""),
                QueryItem(name: "Text", value: "a b*c~d/e+f=g&h%i!'()"),
                QueryItem(name: "Unicode", value: "中文😀"),
            ]
            let canonical = SignatureV1.canonicalizedQuery(items)
            #expect(
                canonical
                    == "Empty=&Text=a%20b%2Ac~d%2Fe%2Bf%3Dg%26h%25i%21%27%28%29&Unicode=%E4%B8%AD%E6%96%87%F0%9F%98%80"
            )
            #expect(
                SignatureV1.stringToSign(method: .post, parameters: items)
                    == "POST&%2F&" + PercentEncoding.encode(canonical)
            )
            #expect(
                SignatureV1.stringToSign(method: .post, parameters: items).contains("Empty%3D%26Text%3Da%2520b%252Ac~d")
            )
        }

        @Test("A security token is sent and signed as SecurityToken")
        func securityToken() throws {
            let signed = Self.publishedSigner().sign(
                Self.publishedCall,
                with: Credentials(accessKeyId: "testid", accessKeySecret: "testsecret", securityToken: "tok+en/=")
            )
            let token = try #require(signed.queryItems.first { $0.name == "SecurityToken" })
            #expect(token.value == "tok+en/=")
            let unsigned = signed.queryItems.filter { $0.name != "Signature" }
            let signature = signed.queryItems.last
            #expect(signature?.name == "Signature")
            #expect(
                signature?.value
                    == SignatureV1.signature(
                        stringToSign: SignatureV1.stringToSign(method: .get, parameters: unsigned),
                        accessKeySecret: "testsecret"
                    )
            )
            #expect(signature?.value != Self.publishedSignature)
        }

        @Test("The action's parameters are signed with the common ones, whether in the query or a form body")
        func parameterLocations() throws {
            let parameters = [
                QueryItem(name: "RegionId", value: "cn-hangzhou"),
                QueryItem(name: "InstanceId.2", value: "i-2"),
                QueryItem(name: "InstanceId.10", value: "i-10"),
                QueryItem(name: "UserData", value: "#!/bin/sh\necho 中文 & done"),
            ]
            var call = Self.publishedCall
            call.method = .post
            call.parameters = parameters
            let credentials = Credentials(accessKeyId: "testid", accessKeySecret: "testsecret")
            let signer = Self.publishedSigner()

            let inQuery = signer.sign(call, with: credentials)
            #expect(inQuery.body.isEmpty)
            #expect(inQuery.headers["content-type"] == nil)
            #expect(inQuery.queryItems.map(\.name) == [
                "AccessKeyId", "Action", "Format", "InstanceId.10", "InstanceId.2", "RegionId",
                "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "UserData", "Version",
                "Signature",
            ])

            call.parameterLocation = .formBody
            let inBody = signer.sign(call, with: credentials)
            #expect(inBody.headers["content-type"] == "application/x-www-form-urlencoded")
            #expect(
                String(decoding: inBody.body, as: UTF8.self)
                    == "RegionId=cn-hangzhou&InstanceId.2=i-2&InstanceId.10=i-10&UserData=%23%21%2Fbin%2Fsh%0Aecho%20%E4%B8%AD%E6%96%87%20%26%20done"
            )
            #expect(!inBody.queryItems.contains { $0.name == "RegionId" })
            // Same signed set, so the same signature.
            #expect(inBody.queryItems.last == inQuery.queryItems.last)
        }

        @Test("Nonces are fresh for every request")
        func noncesAreUnique() {
            let signer = SignatureV1()
            let credentials = Credentials(accessKeyId: "id", accessKeySecret: "secret")
            var nonces = Set<String>()
            for _ in 0..<2000 {
                let signed = signer.sign(Self.publishedCall, with: credentials)
                if let nonce = signed.queryItems.first(where: { $0.name == "SignatureNonce" })?.value {
                    nonces.insert(nonce)
                }
            }
            #expect(nonces.count == 2000)
        }

        @Test("The Timestamp comes from the injected clock, in UTC")
        func timestampFromClock() {
            let signer = SignatureV1(clock: { Date(timeIntervalSince1970: 1_700_000_000.75) })
            let signed = signer.sign(Self.publishedCall, with: Credentials(accessKeyId: "id", accessKeySecret: "s"))
            #expect(signed.queryItems.first { $0.name == "Timestamp" }?.value == "2023-11-14T22:13:20Z")
            #expect(signed.queryItems.first { $0.name == "Format" }?.value == "JSON")
        }
    }
}
