import Foundation
import Testing

@testable import APIGenRuntime

/// Query encoding tests (`swift test --filter APIGenRuntimeTests.QueryEncoding`).
@Suite("Query encoding")
struct QueryEncoding {
    // Shapes as the generator emits them.
    struct Tag: QueryValue, Encodable, Hashable, Sendable {
        var key: String?
        var value: String?

        enum CodingKeys: String, CodingKey {
            case key = "Key"
            case value = "Value"
        }

        func encodeQuery(into query: inout QueryEncoder, key prefix: String) {
            query.encode(key, forKey: prefix + ".Key")
            query.encode(value, forKey: prefix + ".Value")
        }
    }

    struct DataDisk: QueryValue, Encodable, Hashable, Sendable {
        var size: Int32?
        var category: String?
        var encrypted: Bool?
        var tags: [Tag]?

        func encodeQuery(into query: inout QueryEncoder, key prefix: String) {
            query.encode(size, forKey: prefix + ".Size")
            query.encode(category, forKey: prefix + ".Category")
            query.encode(encrypted, forKey: prefix + ".Encrypted")
            query.encode(tags, forKey: prefix + ".Tag")
        }
    }

    struct Placement: QueryValue, Hashable, Sendable {
        var zone: String?
        var disk: DataDisk?

        func encodeQuery(into query: inout QueryEncoder, key prefix: String) {
            query.encode(zone, forKey: prefix + ".ZoneId")
            query.encode(disk, forKey: prefix + ".SystemDisk")
        }
    }

    private static func pairs(_ encoder: QueryEncoder) -> [String] {
        encoder.items.map { "\($0.name)=\($0.value)" }
    }

    private static func encoded<V: QueryValue>(_ value: V?, key: String = "K") -> [String] {
        var encoder = QueryEncoder()
        encoder.encode(value, forKey: key)
        return pairs(encoder)
    }

    @Test func scalarsInEncodingOrder() {
        var encoder = QueryEncoder()
        encoder.encode("cn-hangzhou", forKey: "RegionId")
        encoder.encode(Int32(5), forKey: "Amount")
        encoder.encode(true, forKey: "DryRun")
        encoder.append(name: "Extra", value: "x")
        encoder.encode(Int64(-9_000_000_000), forKey: "Big")
        #expect(Self.pairs(encoder) == [
            "RegionId=cn-hangzhou", "Amount=5", "DryRun=true", "Extra=x", "Big=-9000000000",
        ])
        #expect(encoder.items.first == QueryItem(name: "RegionId", value: "cn-hangzhou"))
    }

    @Test func nilEncodesNothing() {
        var encoder = QueryEncoder()
        let missing: String? = nil
        let missingTags: [Tag]? = nil
        encoder.encode(missing, forKey: "A")
        encoder.encode(missingTags, forKey: "Tag")
        encoder.encodeJSON(nil as [String: String]?, forKey: "Options")
        #expect(encoder.items.isEmpty)
    }

    @Test func booleans() {
        #expect(Self.encoded(true) == ["K=true"])
        #expect(Self.encoded(false) == ["K=false"])
    }

    @Test func integers() {
        #expect(Self.encoded(0) == ["K=0"])
        #expect(Self.encoded(Int32.min) == ["K=-2147483648"])
        #expect(Self.encoded(Int64.max) == ["K=9223372036854775807"])
        #expect(Self.encoded(UInt8(7)) == ["K=7"])
    }

    @Test(arguments: [
        (1.0, "1.0"), (0.1, "0.1"), (-2.5, "-2.5"), (100.0, "100.0"), (0.0, "0.0"), (-0.0, "-0.0"),
        (1e15, "1000000000000000.0"), (9.5e15, "9500000000000000.0"), (1e16, "1e+16"), (1.5e16, "1.5e+16"),
        (0.0001, "0.0001"), (0.00001, "1e-05"), (1.234e-9, "1.234e-09"), (123.456, "123.456"),
        (1.2345678901234568e+17, "1.2345678901234568e+17"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (Double.leastNonzeroMagnitude, "5e-324"), (0.30000000000000004, "0.30000000000000004"),
        (Double.nan, "nan"), (Double.infinity, "inf"), (-Double.infinity, "-inf"),
    ] as [(Double, String)])
    func doublesFormatLikePython(value: Double, expected: String) {
        #expect(Self.encoded(value) == ["K=\(expected)"])
    }

    @Test func floatsUseTheirOwnShortestDigits() {
        #expect(Self.encoded(Float(0.1)) == ["K=0.1"])
        #expect(Self.encoded(Float(1)) == ["K=1.0"])
        #expect(Self.encoded(Float(1e10)) == ["K=10000000000.0"])
        #expect(Self.encoded(Float(3.4e38)) == ["K=3.4e+38"])
        #expect(Self.encoded(Float(16777216)) == ["K=16777216.0"])
    }

    @Test func listIsOneBasedAndKeepsOrder() {
        let ids = (1...10).map { "i-\(String(format: "%03d", 11 - $0))" }
        #expect(Self.encoded(ids, key: "InstanceId") == (1...10).map { "InstanceId.\($0)=\(ids[$0 - 1])" })
        // InstanceId.10 comes after InstanceId.9 (encoding order, not text order).
        #expect(Self.encoded(ids, key: "InstanceId").last?.hasPrefix("InstanceId.10=") == true)
    }

    @Test func emptyListEncodesNothing() {
        #expect(Self.encoded([String](), key: "InstanceId").isEmpty)
        #expect(Self.encoded([Tag](), key: "Tag").isEmpty)
    }

    @Test func listOfObjects() {
        let tags = [Tag(key: "env", value: "prod"), Tag(key: "team", value: nil), Tag(key: nil, value: "v")]
        #expect(Self.encoded(tags, key: "Tag") == ["Tag.1.Key=env", "Tag.1.Value=prod", "Tag.2.Key=team", "Tag.3.Value=v"])
    }

    @Test func nestedObjectsAndListsInside() {
        let placement = Placement(
            zone: "cn-hangzhou-h",
            disk: DataDisk(size: 40, category: "cloud_essd", encrypted: false, tags: [Tag(key: "a", value: "b")]))
        #expect(Self.encoded(placement, key: "Placement") == [
            "Placement.ZoneId=cn-hangzhou-h",
            "Placement.SystemDisk.Size=40",
            "Placement.SystemDisk.Category=cloud_essd",
            "Placement.SystemDisk.Encrypted=false",
            "Placement.SystemDisk.Tag.1.Key=a",
            "Placement.SystemDisk.Tag.1.Value=b",
        ])
        let disks = [DataDisk(size: 20), DataDisk(category: "cloud")]
        #expect(Self.encoded(disks, key: "DataDisk") == ["DataDisk.1.Size=20", "DataDisk.2.Category=cloud"])
    }

    @Test func listOfLists() {
        #expect(Self.encoded([["a", "b"], [], ["c"]], key: "L") == ["L.1.1=a", "L.1.2=b", "L.3.1=c"])
    }

    @Test func stringsStayRaw() {
        let raw = "a b&c=d/é+%20*~?#中"
        #expect(Self.encoded(raw, key: "Description") == ["Description=\(raw)"])
        #expect(Self.encoded("", key: "Empty") == ["Empty="])
    }

    @Test func jsonIsCompactSortedAndKeepsUnicodeAndSlashes() {
        var encoder = QueryEncoder()
        encoder.encodeJSON(["b": "中文/é \u{1F600}", "a": "x\"y", "c": "1"], forKey: "Options")
        #expect(Self.pairs(encoder) == [#"Options={"a":"x\"y","b":"中文/é 😀","c":"1"}"#])
    }

    @Test func jsonOfGeneratedObjectsUsesWireNames() {
        var encoder = QueryEncoder()
        encoder.encodeJSON([Tag(key: "k", value: "v"), Tag(key: "k2")], forKey: "Tags")
        #expect(Self.pairs(encoder) == [#"Tags=[{"Key":"k","Value":"v"},{"Key":"k2"}]"#])
    }

    @Test func jsonNestedKeysSortedAtEveryLevel() throws {
        struct Outer: Encodable {
            var zeta = 1
            var alpha = ["y": 2, "x": 1]
            var mid = [1.5, 2]
        }
        var encoder = QueryEncoder()
        encoder.encodeJSON(Outer(), forKey: "P")
        #expect(Self.pairs(encoder) == [#"P={"alpha":{"x":1,"y":2},"mid":[1.5,2],"zeta":1}"#])
    }

    @Test func jsonFragmentsAndNonFiniteNumbers() {
        var encoder = QueryEncoder()
        encoder.encodeJSON("text", forKey: "S")
        encoder.encodeJSON(42, forKey: "N")
        encoder.encodeJSON([Double.nan], forKey: "F")
        #expect(Self.pairs(encoder) == [#"S="text""#, "N=42", #"F=["NaN"]"#])
    }

    @Test func queryItemsOfARequestFollowEncodeQuery() {
        struct Request: QueryValue {
            var regionId: String
            var ids: [String]?
            func encodeQuery(into query: inout QueryEncoder, key: String) {
                query.encode(regionId, forKey: "RegionId")
                query.encode(ids, forKey: "InstanceId")
            }
        }
        var encoder = QueryEncoder()
        Request(regionId: "r", ids: ["a"]).encodeQuery(into: &encoder, key: "")
        #expect(Self.pairs(encoder) == ["RegionId=r", "InstanceId.1=a"])
    }
}
