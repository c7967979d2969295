import APIGenTestSupport
import Foundation

@testable import APIGenRuntime

/// Builds the cross-check's cases from a fixed seed, with what our side computes for each.
enum CrossCheckCases {
    static let seed: UInt64 = 0xA11BABA_C0FFEE
    static let rpcCount = 160
    static let v3SignerCount = 160
    static let v3PartsCount = 120
    static let flattenCount = 160
    /// Calls whose parameter names hold characters outside `A–Z a–z 0–9 - _ . ~` (issue 15).
    static let rpcNamesCount = 120
    static let v3NamesCount = 120

    static func make() -> ([CrossCheckCase], [Int: CrossCheckExpectation]) {
        var generator = SeededGenerator(seed: seed)
        var cases: [CrossCheckCase] = []
        var expectations: [Int: CrossCheckExpectation] = [:]
        func add(_ made: (CrossCheckCase, CrossCheckExpectation)) {
            cases.append(made.0)
            expectations[made.0.id] = made.1
        }
        for _ in 0..<rpcCount { add(rpc(id: cases.count, using: &generator)) }
        for _ in 0..<v3SignerCount { add(v3Signer(id: cases.count, using: &generator)) }
        for _ in 0..<v3PartsCount { add(v3Parts(id: cases.count, using: &generator)) }
        for _ in 0..<flattenCount { add(flatten(id: cases.count, using: &generator)) }
        for _ in 0..<rpcNamesCount { add(rpc(id: cases.count, names: .anyCharacters, using: &generator)) }
        for _ in 0..<v3NamesCount { add(v3Signer(id: cases.count, names: .anyCharacters, using: &generator)) }
        return (cases, expectations)
    }

    // MARK: Signature 1.0

    /// A random call signed by `SignatureV1`; the SDK gets every signed parameter.
    static func rpc(id: Int, names: Names = .unreserved, using generator: inout SeededGenerator) -> (CrossCheckCase, CrossCheckExpectation) {
        let call = randomCall(names: names, using: &generator)
        let credentials = randomCredentials(using: &generator)
        let instant = randomDate(using: &generator)
        let nonce = randomNonce(using: &generator)
        let signer = SignatureV1(
            responseFormat: generator.pick(WireFormat.allCases),
            clock: { instant },
            nonce: { nonce }
        )
        let signed = signer.sign(call, with: credentials)
        var signedParameters = signed.queryItems.filter { $0.name != "Signature" }
        if call.parameterLocation == .formBody {
            signedParameters += call.parameters
        }
        let testCase = CrossCheckCase(
            id: id,
            kind: names == .unreserved ? "rpc" : "rpc-names",
            method: call.method.rawValue,
            secret: credentials.accessKeySecret,
            params: signedParameters.map { [$0.name, $0.value] }
        )
        let expectation = CrossCheckExpectation(
            stringToSign: SignatureV1.stringToSign(method: call.method, parameters: signedParameters),
            signature: signed.queryItems.last?.value
        )
        return (testCase, expectation)
    }

    // MARK: V3

    /// A random call signed by `SignatureV3`; the SDK gets the request as it would be sent
    /// (every header but `authorization`, which it must reproduce).
    static func v3Signer(id: Int, names: Names = .unreserved, using generator: inout SeededGenerator) -> (CrossCheckCase, CrossCheckExpectation) {
        let call = randomCall(names: names, using: &generator)
        let credentials = randomCredentials(using: &generator)
        let instant = randomDate(using: &generator)
        let nonce = randomNonce(using: &generator)
        let signer = SignatureV3(
            responseFormat: generator.pick(WireFormat.allCases),
            clock: { instant },
            nonce: { nonce }
        )
        let signed = signer.sign(call, with: credentials)
        var headers = signed.headers
        let authorization = headers.removeValue(forKey: "authorization")
        let canonical = SignatureV3.canonicalRequest(
            method: signed.method,
            path: signed.path,
            query: signed.queryItems,
            headers: headers,
            hashedPayload: SignatureV3.hashedPayload(signed.body)
        )
        let testCase = CrossCheckCase(
            id: id,
            kind: names == .unreserved ? "v3-signer" : "v3-names",
            method: signed.method.rawValue,
            path: signed.path,
            secret: credentials.accessKeySecret,
            accessKeyId: credentials.accessKeyId,
            query: signed.queryItems.map { [$0.name, $0.value] },
            headers: headers.sorted { $0.key < $1.key }.map { [$0.key, $0.value] },
            bodyHex: Hex.lowercase(signed.body)
        )
        let expectation = CrossCheckExpectation(
            stringToSign: SignatureV3.stringToSign(canonicalRequest: canonical.text),
            canonicalRequest: canonical.text,
            canonicalRequestHash: canonical.hash,
            authorization: authorization,
            payloadHash: signed.headers["x-acs-content-sha256"]
        )
        return (testCase, expectation)
    }

    /// Random parts signed with the static functions: other methods and paths, header names in
    /// any case, values padded with spaces and tabs, unsigned headers mixed in, binary bodies.
    static func v3Parts(id: Int, using generator: inout SeededGenerator) -> (CrossCheckCase, CrossCheckExpectation) {
        let method = HTTPMethod(rawValue: generator.pick(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]))
        let path = generator.pick(["/", "/", "/clusters/c-1/triggers", "/a.b/~c_d-e/", "/v1/x"])
        let query = randomParameters(using: &generator, maximum: 10)
        var headers: [String: String] = [:]
        for _ in 0..<generator.within(0...9) {
            var name = generator.pick([
                "host", "content-type", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-meta-owner",
                "x-acs-resourcegroupid", "x-acs-content-sha256", "x-acs-", "x-acs-a.b_c~d",
                "user-agent", "accept", "x-acsx", "acs-x", "x-ac-s", "date", "content-md5",
            ])
            name = randomCase(name, using: &generator)
            headers[name] = randomHeaderValue(using: &generator)
        }
        let body = (0..<(generator.chance(30) ? 0 : generator.within(1...300))).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let credentials = randomCredentials(using: &generator)

        let payloadHash = SignatureV3.hashedPayload(body)
        let canonical = SignatureV3.canonicalRequest(
            method: method,
            path: path,
            query: query,
            headers: headers,
            hashedPayload: payloadHash
        )
        let stringToSign = SignatureV3.stringToSign(canonicalRequest: canonical.text)
        let authorization = SignatureV3.authorization(
            accessKeyId: credentials.accessKeyId,
            signedHeaders: canonical.signedHeaders,
            signature: SignatureV3.signature(stringToSign: stringToSign, accessKeySecret: credentials.accessKeySecret)
        )
        let testCase = CrossCheckCase(
            id: id,
            kind: "v3-parts",
            method: method.rawValue,
            path: path,
            secret: credentials.accessKeySecret,
            accessKeyId: credentials.accessKeyId,
            query: query.map { [$0.name, $0.value] },
            headers: headers.sorted { $0.key < $1.key }.map { [$0.key, $0.value] },
            bodyHex: Hex.lowercase(body)
        )
        let expectation = CrossCheckExpectation(
            stringToSign: stringToSign,
            canonicalRequest: canonical.text,
            canonicalRequestHash: canonical.hash,
            authorization: authorization,
            payloadHash: payloadHash
        )
        return (testCase, expectation)
    }

    // MARK: Flattening

    static func flatten(id: Int, using generator: inout SeededGenerator) -> (CrossCheckCase, CrossCheckExpectation) {
        let name = generator.pick(["Tag", "InstanceIds", "Filter", "DataDisk", "Arn", "SystemDisk", "Value"])
        let value = generator.chance(15) ? randomScalar(using: &generator) : randomTree(depth: 0, using: &generator)
        var encoder = QueryEncoder()
        encoder.encode(value, forKey: name)
        let testCase = CrossCheckCase(id: id, kind: "flatten", name: name, value: value)
        let expectation = CrossCheckExpectation(items: encoder.items, booleanNames: Set(value.booleanNames(key: name)))
        return (testCase, expectation)
    }

    static func randomTree(depth: Int, using generator: inout SeededGenerator) -> CrossCheckValue {
        if depth >= 3 || generator.chance(depth == 0 ? 0 : 35) {
            return generator.chance(4) ? .null : randomScalar(using: &generator)
        }
        if generator.chance(50) {
            let count = generator.chance(5) ? 0 : generator.within(1...12)
            return .list((0..<count).map { _ in randomTree(depth: depth + 1, using: &generator) })
        }
        var keys = ["Key", "Value", "Name", "Id", "Sub", "Enabled", "Weight", "Size", "Category"]
        var members: [(String, CrossCheckValue)] = []
        for _ in 0..<generator.within(0...4) {
            let key = keys.remove(at: generator.below(keys.count))
            members.append((key, randomTree(depth: depth + 1, using: &generator)))
        }
        return .object(members)
    }

    static func randomScalar(using generator: inout SeededGenerator) -> CrossCheckValue {
        switch generator.below(4) {
        case 0: .string(Signing.RandomText.string(using: &generator, maxLength: 16))
        case 1:
            .int(generator.pick([0, 1, -1, 10, Int.max, Int.min, Int(truncatingIfNeeded: generator.next()), generator.within(-1000...100_000)]))
        case 2: .bool(generator.chance(50))
        default: .double(randomDouble(using: &generator))
        }
    }

    /// Doubles around every layout boundary of Python's `str(float)`, plus random bit patterns.
    static func randomDouble(using generator: inout SeededGenerator) -> Double {
        switch generator.below(6) {
        case 0:
            return generator.pick([
                0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 100.0, 1e15, 1e16, 9.5e15, 1.5e16, 2e16,
                9007199254740992.0, 9007199254740993.0, 1e-4, 9.99e-5, 1e-5, 0.0001234, 123456789.125,
                1e22, 1e300, .leastNonzeroMagnitude, Double.greatestFiniteMagnitude, Double.leastNormalMagnitude,
                .infinity, -.infinity, .nan, 3.14159, 2.5e-7, 1e100,
            ])
        case 1:
            return Double(generator.within(-1_000_000...1_000_000)) / 100
        case 2:
            return Double(generator.within(-100...100)) * pow(10, Double(generator.within(-8...20)))
        case 3:
            return Double(Int64(truncatingIfNeeded: generator.next()))
        default:
            let value = Double(bitPattern: generator.next())
            return value.isFinite ? value : 42.0
        }
    }

    // MARK: Shared random pieces

    /// Which characters parameter names are made of.
    enum Names {
        /// `A–Z a–z 0–9 - _ . ~`, as every name Alibaba Cloud documents.
        case unreserved
        /// Any: reserved ASCII, space, accented, CJK, emoji, beside unreserved stems.
        case anyCharacters
    }

    static func randomCall(names: Names = .unreserved, using generator: inout SeededGenerator) -> RPCCall {
        let method: HTTPMethod = generator.chance(50) ? .get : .post
        let parameters: [QueryItem]
        if names == .anyCharacters {
            parameters = randomParameters(using: &generator, maximum: 14, names: .anyCharacters)
        } else if generator.chance(30) {
            // Parameters as a generated request would flatten them.
            var encoder = QueryEncoder()
            encoder.encode(randomTree(depth: 0, using: &generator), forKey: generator.pick(["Tag", "DataDisk", "InstanceIds"]))
            encoder.encode(Signing.RandomText.string(using: &generator, maxLength: 8), forKey: "RegionId")
            parameters = encoder.items
        } else {
            parameters = randomParameters(using: &generator, maximum: 14)
        }
        return RPCCall(
            action: generator.pick(["DescribeRegions", "RunInstances", "DescribeInstances", "Tag~Resources", "A"]),
            version: generator.pick(["2014-05-26", "2017-03-21", "1.0"]),
            host: generator.pick(["ecs.aliyuncs.com", "ecs.cn-hangzhou.aliyuncs.com", "vpc.ap-southeast-1.aliyuncs.com"]),
            method: method,
            path: "/",
            parameters: parameters,
            parameterLocation: method == .post && generator.chance(30) ? .formBody : .query
        )
    }

    /// Parameters with distinct names (the SDK keeps them in a dict).
    static func randomParameters(using generator: inout SeededGenerator, maximum: Int, names kind: Names = .unreserved) -> [QueryItem] {
        var names = Set<String>()
        var items: [QueryItem] = []
        for _ in 0..<generator.within(0...maximum) {
            let name = kind == .unreserved || generator.chance(25)
                ? Signing.RandomText.name(using: &generator) : anyCharacterName(using: &generator)
            guard names.insert(name).inserted else { continue }
            items.append(QueryItem(name: name, value: Signing.RandomText.string(using: &generator, maxLength: 20)))
        }
        return items
    }

    /// A non-empty name mixing unreserved stems with reserved ASCII (`&`, `=`, `+`, space, `%`,
    /// `*`, …) and non-ASCII text, so that raw and percent-encoded names sort differently.
    static func anyCharacterName(using generator: inout SeededGenerator) -> String {
        let pieces = [
            "a", "A", "Z", "z", "Tag", "Key", "_", "~", "0", ".", "-", " ", "&", "=", "+", "*", "%", "/", "?", "#",
            "!", "'", "(", ")", ",", ";", ":", "@", "[", "]", "$", "\"", "é", "ü", "ß", "İ", "Ａ", "中", "文",
            "😀", "e\u{301}", "\u{7F}", "%41",
        ]
        var name = ""
        for _ in 0..<generator.within(1...4) {
            name += generator.chance(30) ? Signing.RandomText.string(using: &generator, maxLength: 3, allowControl: false) : generator.pick(pieces)
        }
        return name.isEmpty ? "é" : name
    }

    static func randomCredentials(using generator: inout SeededGenerator) -> Credentials {
        let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let id = "LTAI" + String((0..<generator.within(8...20)).map { _ in generator.pick(alphanumerics) })
        var secret = String((0..<30).map { _ in generator.pick(alphanumerics) })
        if generator.chance(30) {
            secret = Signing.RandomText.string(using: &generator, maxLength: 12, allowControl: false) + secret
        }
        let token: String? = generator.chance(30)
            ? "STS." + String((0..<generator.within(20...60)).map { _ in generator.pick(alphanumerics + Array("+/=")) })
            : nil
        return Credentials(accessKeyId: id, accessKeySecret: secret, securityToken: token)
    }

    static func randomDate(using generator: inout SeededGenerator) -> Date {
        Date(timeIntervalSince1970: Double(generator.within(0...4_102_444_800)) + Double(generator.below(1000)) / 1000)
    }

    static func randomNonce(using generator: inout SeededGenerator) -> String {
        let hex = Hex.lowercase((0..<16).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        guard generator.chance(50) else { return hex }
        // UUID layout, 8-4-4-4-12
        var text = ""
        for (offset, character) in hex.enumerated() {
            if [8, 12, 16, 20].contains(offset) { text.append("-") }
            text.append(character)
        }
        return text
    }

    static func randomCase(_ name: String, using generator: inout SeededGenerator) -> String {
        switch generator.below(4) {
        case 0: return name.uppercased()
        case 1:
            return name.split(separator: "-", omittingEmptySubsequences: false)
                .map { $0.prefix(1).uppercased() + $0.dropFirst() }
                .joined(separator: "-")
        default: return name
        }
    }

    /// A header value: no whitespace or control characters inside (HTTP would not carry them,
    /// and Python's `strip()` removes more kinds of whitespace than HTTP does), padded with
    /// spaces and tabs that the canonical form must trim.
    static func randomHeaderValue(using generator: inout SeededGenerator) -> String {
        let core = String(String.UnicodeScalarView(
            Signing.RandomText.string(using: &generator, maxLength: 16, allowControl: false).unicodeScalars.filter {
                !$0.properties.isWhitespace && !(0x00...0x1F).contains($0.value) && !(0x7F...0x9F).contains($0.value)
            }
        ))
        let padding = { (generator: inout SeededGenerator) -> String in
            String((0..<generator.within(0...3)).map { _ in generator.pick([" ", "\t"] as [Character]) })
        }
        return padding(&generator) + core + padding(&generator)
    }
}
