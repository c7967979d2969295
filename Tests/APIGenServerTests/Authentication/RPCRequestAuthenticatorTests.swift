import APIGenRuntime
import APIGenServer
import APIGenXML
import Foundation
import Testing

/// Server-side signature checks: requests signed by our own signers and by Alibaba Cloud's
/// Python SDK (vectors below) are accepted; every way to get it wrong gets the gateway's code.
@Suite struct RPCRequestAuthenticatorTests {
    static let now = SigningTimestampParser.date(from: "2026-01-02T03:04:05Z")!
    static let key = AccessKeyRecord(accessKeyId: "LTAI-test", accessKeySecret: "test-secret", accountId: "1")
    static let sts = AccessKeyRecord(
        accessKeyId: "STS.test", accessKeySecret: "sts-secret", accountId: "1",
        securityToken: "token-1", expiration: now.addingTimeInterval(3600))
    static let expiredSTS = AccessKeyRecord(
        accessKeyId: "STS.old", accessKeySecret: "old-secret", accountId: "1",
        securityToken: "token-old", expiration: now.addingTimeInterval(-1))
    static let python = AccessKeyRecord(accessKeyId: "LTAI-py", accessKeySecret: "py-secret")

    static func authenticator(clock: Date = now, nonces: SignatureNonceCache = SignatureNonceCache()) -> RPCRequestAuthenticator {
        RPCRequestAuthenticator(
            keys: StaticAccessKeyStore([key, sts, expiredSTS, python]), nonces: nonces, clock: { clock })
    }

    static let call = RPCCall(
        action: "AttachClassicLinkVpc", version: "2014-05-26", host: "127.0.0.1:8080",
        parameters: [
            QueryItem(name: "RegionId", value: "cn-hangzhou"),
            QueryItem(name: "InstanceId", value: "i-bp1 2+x*~/é"),
            QueryItem(name: "VpcId", value: "vpc-1"),
        ])

    /// What arrives at the server when our client sends `signed`: the request target as the
    /// transport writes it, parsed back as a server does.
    static func received(_ signed: SignedRequest) -> RPCServerRequest {
        RPCServerRequest(
            method: signed.method.rawValue,
            uri: signed.pathAndQuery,
            headers: signed.headers.map { (name: $0.key, value: $0.value) },
            body: signed.body)
    }

    static func sign(
        _ version: SignatureVersion, _ credentials: Credentials, at date: Date = now, nonce: String = UUID().uuidString,
        location: ParameterLocation = .query, method: HTTPMethod = .post
    ) -> RPCServerRequest {
        var call = Self.call
        call.parameterLocation = location
        call.method = method
        let signer: any RPCSigner = switch version {
        case .v1: SignatureV1(clock: { date }, nonce: { nonce })
        case .v3: SignatureV3(clock: { date }, nonce: { nonce })
        }
        return received(signer.sign(call, with: credentials))
    }

    static func credentials(_ record: AccessKeyRecord, secret: String? = nil, token: String?? = .none) -> Credentials {
        Credentials(
            accessKeyId: record.accessKeyId, accessKeySecret: secret ?? record.accessKeySecret,
            securityToken: token ?? record.securityToken)
    }

    static func failure(_ authenticator: RPCRequestAuthenticator, _ request: RPCServerRequest) -> AuthenticationError? {
        do {
            _ = try authenticator.authenticate(request)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Accepted

    @Test(arguments: [SignatureVersion.v1, .v3], [ParameterLocation.query, .formBody])
    func ourOwnSignaturesAreAccepted(version: SignatureVersion, location: ParameterLocation) throws {
        for method in [HTTPMethod.post, .get] where !(method == .get && location == .formBody) {
            let request = Self.sign(version, Self.credentials(Self.key), location: location, method: method)
            let caller = try Self.authenticator().authenticate(request)
            #expect(caller.accessKey == Self.key)
            #expect(caller.signatureVersion == version)
            #expect(caller.timestamp == Self.now)
            #expect(caller.securityToken == nil)
        }
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func stsRequestsCarryTheirToken(version: SignatureVersion) throws {
        let caller = try Self.authenticator().authenticate(Self.sign(version, Self.credentials(Self.sts)))
        #expect(caller.securityToken == "token-1")
        #expect(caller.accessKey.accountId == "1")
    }

    /// Signed by Alibaba Cloud's Python SDK (alibabacloud-tea-openapi 0.4.6,
    /// `Utils.get_authorization`), which signs every header it sends, `accept`, `user-agent`
    /// and `x-acs-credentials-provider` included.
    @Test func aV3RequestSignedByThePythonSDKIsAccepted() throws {
        let request = RPCServerRequest(
            method: "POST",
            uri: "/?InstanceId=i-bp1%202%2Bx%2A~&RegionId=cn-hangzhou&VpcId=vpc-1",
            headers: [
                ("Host", "127.0.0.1:8080"), ("x-acs-version", "2014-05-26"), ("x-acs-action", "AttachClassicLinkVpc"),
                ("User-Agent", "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/2.13.11 TeaDSL/1"),
                ("x-acs-date", "2026-01-02T03:04:05Z"), ("x-acs-signature-nonce", "a1b2c3d4e5f6"), ("Accept", "application/json"),
                ("x-acs-content-sha256", SignatureV3.emptyPayloadHash), ("x-acs-credentials-provider", "static_ak"),
                ("Accept-Encoding", "gzip, deflate"), ("Connection", "keep-alive"),
                ("Authorization", "ACS3-HMAC-SHA256 Credential=LTAI-py,SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=48907ad05cd48a525b2f440954c1bb48af9e56e6f78f5da6759ff67e2646f08d"),
            ])
        let caller = try Self.authenticator().authenticate(request)
        #expect(caller.accessKey.accessKeyId == "LTAI-py")
        #expect(caller.nonce == "a1b2c3d4e5f6")

        // Any signed header changed in transit breaks it; an unsigned one does not matter.
        var headers = request.headers
        headers[headers.firstIndex { $0.name == "user-agent" }!].value = "curl/8"
        let tampered = RPCServerRequest(method: "POST", path: request.path, queryItems: request.queryItems, headers: headers)
        #expect(Self.failure(Self.authenticator(), tampered)?.kind == .signatureDoesNotMatch)
    }

    /// Signed by the Python SDK's `Utils.get_rpcsignature` (signature 1.0), with `Format=json`
    /// in lower case as that SDK sends it.
    @Test(arguments: [("POST", "3jWOqeK/05iRE38ytJB4+x8y/FA="), ("GET", "TMFO91MLRL9EB5FR/DionlrDJPc=")])
    func aV1RequestSignedByThePythonSDKIsAccepted(method: String, signature: String) throws {
        let query = [
            "Action=AttachClassicLinkVpc", "Format=json", "Version=2014-05-26", "Timestamp=2026-01-02T03%3A04%3A05Z",
            "SignatureNonce=n-123", "RegionId=cn-hangzhou", "InstanceId=i-bp1%202%2Bx%2A~", "VpcId=vpc-1",
            "SignatureMethod=HMAC-SHA1", "SignatureVersion=1.0", "AccessKeyId=LTAI-py",
            "Signature=" + PercentEncoding.encode(signature),
        ].joined(separator: "&")
        let request = RPCServerRequest(method: method, uri: "/?" + query, headers: [("host", "127.0.0.1:8080")])
        let caller = try Self.authenticator().authenticate(request)
        #expect(caller.signatureVersion == .v1)
        #expect(caller.nonce == "n-123")
    }

    /// Parameter names outside `A–Z a–z 0–9 - _ . ~`, exactly as Alibaba Cloud's Python SDK
    /// (alibabacloud-tea-openapi 0.4.6, `Client.do_request` and `do_rpcrequest`) sent them
    /// (captured at its `DaraCore.do_action`): the URL is `urlencode`d (`+` for a space), and
    /// the signature sorts the raw names; V3 signs them unencoded.
    @Test func namesOutsideTheUnreservedCharactersAsThePythonSDKSendsThem() throws {
        let v3 = RPCServerRequest(
            method: "POST",
            uri: "/?RegionId=cn-hangzhou&%C3%A9=2&a+b=x+y&k%26%3D%2A=v%2F~",
            headers: [
                ("host", "127.0.0.1:8080"), ("x-acs-version", "2014-05-26"), ("x-acs-action", "AttachClassicLinkVpc"),
                ("user-agent", "AlibabaCloud (Linux; x86_64) Python/3.11.7 Core/0.4.3 TeaDSL/2"),
                ("x-acs-date", "2026-01-02T03:04:05Z"), ("x-acs-signature-nonce", "exotic-nonce-1"), ("accept", "application/json"),
                ("x-acs-content-sha256", SignatureV3.emptyPayloadHash), ("x-acs-credentials-provider", "static_ak"),
                ("Authorization", "ACS3-HMAC-SHA256 Credential=LTAI-py,SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=3277846f8a320657d77ed582881699b9dc16791de723e20663ff4638e96f0ca5"),
            ])
        #expect(v3.queryItems.map(\.name) == ["RegionId", "é", "a b", "k&=*"])
        #expect(try Self.authenticator().authenticate(v3).signatureVersion == .v3)

        let v1 = RPCServerRequest(
            method: "GET",
            uri: "/?Action=AttachClassicLinkVpc&Format=json&Version=2014-05-26&Timestamp=2026-01-02T03%3A04%3A05Z"
                + "&SignatureNonce=exotic-nonce-1&RegionId=cn-hangzhou&%C3%A9=2&a+b=x+y&k%26%3D%2A=v%2F~"
                + "&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&AccessKeyId=LTAI-py&Signature=m1gwCo3Oq5en1sVO376J%2FoVleWg%3D",
            headers: [("host", "127.0.0.1:8080")])
        #expect(try Self.authenticator().authenticate(v1).signatureVersion == .v1)
    }

    /// Our signers and the server agree on such names too, and a V3 request whose canonical query
    /// percent-encodes them (as Alibaba Cloud's V3 documentation describes) is accepted as well.
    @Test(arguments: [SignatureVersion.v1, .v3], [ParameterLocation.query, .formBody])
    func namesOutsideTheUnreservedCharactersRoundTrip(version: SignatureVersion, location: ParameterLocation) throws {
        var call = Self.call
        call.parameters += [
            QueryItem(name: "é", value: "2"), QueryItem(name: "a b", value: "x y"), QueryItem(name: "k&=*", value: "v/~"),
            QueryItem(name: "中文", value: "😀"), QueryItem(name: "Z+", value: "+"),
        ]
        call.parameterLocation = location
        let signer: any RPCSigner = switch version {
        case .v1: SignatureV1(clock: { Self.now }, nonce: { UUID().uuidString })
        case .v3: SignatureV3(clock: { Self.now }, nonce: { UUID().uuidString })
        }
        let request = Self.received(signer.sign(call, with: Self.credentials(Self.key)))
        #expect(try Self.authenticator().authenticate(request).signatureVersion == version)
    }

    @Test func aV3CanonicalQueryWithPercentEncodedNamesIsAcceptedToo() throws {
        let query = [QueryItem(name: "RegionId", value: "cn-hangzhou"), QueryItem(name: "é", value: "2")]
        var headers = [
            "host": "127.0.0.1:8080", "x-acs-action": "A", "x-acs-version": "1", "x-acs-date": "2026-01-02T03:04:05Z",
            "x-acs-signature-nonce": "n-encoded", "x-acs-content-sha256": SignatureV3.emptyPayloadHash,
        ]
        let canonical = SignatureV3.canonicalRequest(
            method: .post, path: "/", query: query, headers: headers, hashedPayload: SignatureV3.emptyPayloadHash,
            queryNames: .percentEncoded)
        #expect(canonical.text.contains("%C3%A9=2"))
        let signature = SignatureV3.signature(
            stringToSign: SignatureV3.stringToSign(canonicalRequest: canonical.text), accessKeySecret: Self.key.accessKeySecret)
        headers["authorization"] = SignatureV3.authorization(
            accessKeyId: Self.key.accessKeyId, signedHeaders: canonical.signedHeaders, signature: signature)
        let request = RPCServerRequest(method: "POST", path: "/", queryItems: query, headers: headers.map { ($0.key, $0.value) })
        #expect(try Self.authenticator().authenticate(request).signatureVersion == .v3)
        // Signed for other names, it is refused whichever form the server tries.
        let other = RPCServerRequest(
            method: "POST", path: "/", queryItems: [query[0], QueryItem(name: "è", value: "2")], headers: request.headers)
        #expect(Self.failure(Self.authenticator(), other) == .signatureDoesNotMatch)
    }

    // MARK: Refused

    @Test(arguments: [SignatureVersion.v1, .v3])
    func aWrongSecretIsSignatureDoesNotMatch(version: SignatureVersion) {
        let error = Self.failure(Self.authenticator(), Self.sign(version, Self.credentials(Self.key, secret: "wrong")))
        #expect(error == .signatureDoesNotMatch)
        #expect(error?.payload.httpStatus == 400)
        #expect(error?.payload.message == "Specified signature is not matched with our calculation.")
    }

    @Test func aParameterChangedAfterSigningIsSignatureDoesNotMatch() {
        for version in [SignatureVersion.v1, .v3] {
            let signed = Self.sign(version, Self.credentials(Self.key))
            let items = signed.queryItems.map { $0.name == "VpcId" ? QueryItem(name: "VpcId", value: "vpc-evil") : $0 }
            let tampered = RPCServerRequest(method: signed.method, path: signed.path, queryItems: items, headers: signed.headers, body: signed.body)
            #expect(Self.failure(Self.authenticator(), tampered) == .signatureDoesNotMatch, "\(version)")
        }
        // V3 signs the body through x-acs-content-sha256.
        let signed = Self.sign(.v3, Self.credentials(Self.key), location: .formBody)
        let tampered = RPCServerRequest(
            method: signed.method, path: signed.path, queryItems: signed.queryItems, headers: signed.headers,
            body: Array("RegionId=cn-hangzhou&InstanceId=i-other&VpcId=vpc-1".utf8))
        #expect(Self.failure(Self.authenticator(), tampered) == .signatureDoesNotMatch)
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func anUnknownKeyIsNotFound(version: SignatureVersion) {
        let error = Self.failure(Self.authenticator(), Self.sign(version, Credentials(accessKeyId: "LTAI-nobody", accessKeySecret: "x")))
        #expect(error == .invalidAccessKeyIdNotFound)
        #expect(error?.payload.httpStatus == 404)
        #expect(error?.payload.message == "Specified access key is not found.")
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func timestampsMoreThanFifteenMinutesOffAreExpired(version: SignatureVersion) throws {
        for offset in [-15.0 * 60 - 1, 15.0 * 60 + 1, -86_400] {
            let error = Self.failure(Self.authenticator(), Self.sign(version, Self.credentials(Self.key), at: Self.now.addingTimeInterval(offset)))
            #expect(error == .invalidTimeStampExpired, "\(offset)")
            #expect(error?.payload.message == "Specified time stamp or date value is expired.")
        }
        for offset in [-15.0 * 60, 15.0 * 60, 0] {
            _ = try Self.authenticator().authenticate(Self.sign(version, Self.credentials(Self.key), at: Self.now.addingTimeInterval(offset)))
        }
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func aReplayedNonceIsRefusedButOnlyAfterTheSignatureChecksOut(version: SignatureVersion) throws {
        let authenticator = Self.authenticator()
        let forged = Self.sign(version, Self.credentials(Self.key, secret: "wrong"), nonce: "nonce-1")
        #expect(Self.failure(authenticator, forged) == .signatureDoesNotMatch)
        let request = Self.sign(version, Self.credentials(Self.key), nonce: "nonce-1")
        _ = try authenticator.authenticate(request)
        let replay = Self.failure(authenticator, request)
        #expect(replay == .signatureNonceUsed)
        #expect(replay?.payload.message == "Specified signature nonce was used already.")
        // Nonces are per access key.
        _ = try authenticator.authenticate(Self.sign(version, Self.credentials(Self.sts), nonce: "nonce-1"))
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func stsTokensAreChecked(version: SignatureVersion) {
        let authenticator = Self.authenticator()
        let missing = Self.failure(authenticator, Self.sign(version, Self.credentials(Self.sts, token: .some(nil))))
        #expect(missing == .missingSecurityToken)
        let wrong = Self.failure(authenticator, Self.sign(version, Self.credentials(Self.sts, token: "token-2")))
        #expect(wrong == .invalidSecurityTokenMismatchWithAccessKey)
        #expect(wrong?.payload.message == "Specified SecurityToken mismatch with the AccessKey.")
        let withLongTermKey = Self.failure(authenticator, Self.sign(version, Self.credentials(Self.key, token: "token-1")))
        #expect(withLongTermKey == .invalidSecurityTokenMismatchWithAccessKey)
        let expired = Self.failure(authenticator, Self.sign(version, Self.credentials(Self.expiredSTS)))
        #expect(expired == .invalidSecurityTokenExpired)
        #expect(expired?.payload.message == "Specified SecurityToken is expired.")
        #expect([missing, wrong, withLongTermKey, expired].allSatisfy { $0?.payload.httpStatus == 400 })
    }

    @Test func malformedV1RequestsNameWhatIsWrong() {
        let signed = Self.sign(.v1, Self.credentials(Self.key))
        func without(_ name: String) -> RPCServerRequest {
            RPCServerRequest(method: signed.method, path: signed.path, queryItems: signed.queryItems.filter { $0.name != name }, headers: signed.headers)
        }
        func replacing(_ name: String, with value: String) -> RPCServerRequest {
            RPCServerRequest(
                method: signed.method, path: signed.path,
                queryItems: signed.queryItems.map { $0.name == name ? QueryItem(name: name, value: value) : $0 }, headers: signed.headers)
        }
        for name in ["AccessKeyId", "Signature", "SignatureMethod", "SignatureNonce", "Timestamp"] {
            let error = Self.failure(Self.authenticator(), without(name))
            #expect(error?.kind == .missingParameter)
            #expect(error?.payload.code == "Missing" + name)
            #expect(error?.payload.message == "\(name) is mandatory for this action.")
        }
        #expect(Self.failure(Self.authenticator(), replacing("SignatureMethod", with: "HMAC-SHA256")) == .invalidSignatureMethod)
        #expect(Self.failure(Self.authenticator(), replacing("Timestamp", with: "2026-01-02 03:04:05")) == .invalidTimeStampFormat)
    }

    @Test func malformedV3RequestsNameWhatIsWrong() {
        let signed = Self.sign(.v3, Self.credentials(Self.key))
        func with(_ name: String, _ value: String?) -> RPCServerRequest {
            var headers = signed.headers.filter { $0.name != name }
            if let value { headers.append((name, value)) }
            return RPCServerRequest(method: signed.method, path: signed.path, queryItems: signed.queryItems, headers: headers)
        }
        let authorization = signed.header("authorization")!
        #expect(Self.failure(Self.authenticator(), with("authorization", "ACS3-HMAC-SHA256 Credential=LTAI-test")) == .incompleteSignature)
        #expect(Self.failure(Self.authenticator(), with("authorization", "Bearer abc")) == .incompleteSignature)
        #expect(
            Self.failure(Self.authenticator(), with("authorization", authorization.replacingOccurrences(of: "ACS3-HMAC-SHA256", with: "ACS3-HMAC-SM3")))
                == .invalidSignatureMethod)
        let missingDate = Self.failure(Self.authenticator(), with("x-acs-date", nil))
        #expect(missingDate?.payload.code == "MissingParameter")
        #expect(missingDate?.payload.message.contains("x-acs-date") == true)
        #expect(Self.failure(Self.authenticator(), with("x-acs-signature-nonce", nil))?.payload.code == "MissingParameter")
        #expect(Self.failure(Self.authenticator(), with("x-acs-date", "yesterday")) == .invalidTimeStampFormat)
        // A header that must be signed but is left out of SignedHeaders.
        let unsignedDate = authorization.replacingOccurrences(of: "x-acs-date;", with: "")
        #expect(Self.failure(Self.authenticator(), with("authorization", unsignedDate)) == .incompleteSignature)
        // A header named in SignedHeaders that did not arrive.
        let phantom = authorization.replacingOccurrences(of: "SignedHeaders=", with: "SignedHeaders=x-phantom;")
        #expect(Self.failure(Self.authenticator(), with("authorization", phantom)) == .incompleteSignature)
        // A wrong body hash.
        #expect(Self.failure(Self.authenticator(), with("x-acs-content-sha256", String(repeating: "0", count: 64))) == .signatureDoesNotMatch)
    }

    // MARK: Timestamps

    @Test func timestampsParseAsTheSignersWriteThem() {
        for seconds in stride(from: -2_000_000_000.0, through: 4_000_000_000, by: 12_345_678.9) {
            let date = Date(timeIntervalSince1970: seconds.rounded(.down))
            #expect(SigningTimestampParser.date(from: SigningTimestamp.string(from: date)) == date)
        }
        #expect(SigningTimestampParser.date(from: "2024-02-29T23:59:59.250Z") == SigningTimestampParser.date(from: "2024-02-29T23:59:59Z")!.addingTimeInterval(0.25))
        for bad in ["", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z",
                    "2024-01-01 00:00:00Z", "2024-01-01T00:00:00", "2024-01-01T00:00:00+08:00", "2024-01-01T00:00:00.Z", "20240101T000000Z", "2024-01-01T00:00:0aZ"] {
            #expect(SigningTimestampParser.date(from: bad) == nil, "\(bad)")
        }
    }
}

extension AuthenticationError {
    static func == (lhs: AuthenticationError?, rhs: AuthenticationError) -> Bool {
        lhs?.kind == rhs.kind && lhs?.payload.code == rhs.payload.code
    }
}
