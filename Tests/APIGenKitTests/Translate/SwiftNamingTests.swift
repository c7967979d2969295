import Testing

@testable import APIGenKit

/// Wire name → Swift name, as small tables (in the style of soto-codegenerator's TypeNameTests).
/// These pin the rules documented on `SwiftNaming`; a change to a row is a change to every
/// generated API that has such a name.
@Suite struct SwiftNamingTests {
    // MARK: Members (lowerCamelCase)

    @Test(arguments: [
        ("RegionId", "regionId"),
        ("VpcId", "vpcId"),
        ("InstanceId", "instanceId"),
        ("RequestId", "requestId"),
        ("regionId", "regionId"),
        // A leading acronym is lowered as a whole; its last capital starts the next word.
        ("DBInstanceId", "dbInstanceId"),
        ("VSwitchId", "vSwitchId"),
        ("ID", "id"),
        ("URL", "url"),
        ("HTTPSProxy", "httpsProxy"),
        ("IPv6Address", "iPv6Address"),
        ("Ipv6Address", "ipv6Address"),
        // Separators split words; digits and words after them keep their case.
        ("Filter.1.Key", "filter1Key"),
        ("Tag.N.Value", "tagNValue"),
        ("Filter.Key", "filterKey"),
        ("FilterKey", "filterKey"),
        ("Invalid.Param", "invalidParam"),
        ("Invalid-Param", "invalidParam"),
        ("invalid param", "invalidParam"),
        ("Abs.InvalidInstanceId.MalFormed", "absInvalidInstanceIdMalFormed"),
        ("InvalidRegionId.Malformed", "invalidRegionIdMalformed"),
        ("InvalidInstanceId.MalFormed", "invalidInstanceIdMalFormed"),
        // A leading digit gets an underscore.
        ("1stChoice", "_1stChoice"),
        ("2", "_2"),
        // Underscores inside words are kept; those that start a word carry no meaning.
        ("snake_case", "snakeCase"),
        ("cloud_essd", "cloudEssd"),
        ("_Private", "private"),
        // Non-ASCII characters separate words like dots do.
        ("Region名称Id", "regionId"),
        ("Zoneé", "zone"),
        // Keywords come out as they are; escaping is a separate step.
        ("default", "default"),
        ("Type", "type"),
        ("self", "self"),
    ])
    func memberName(wire: String, swift: String) {
        #expect(SwiftNaming.memberName(fromWire: wire) == swift)
    }

    // MARK: Types and cases (UpperCamelCase)

    @Test(arguments: [
        ("RegionId", "RegionId"),
        ("regionId", "RegionId"),
        ("DBInstanceId", "DBInstanceId"),
        ("abs.invalid-id", "AbsInvalidId"),
        ("Abs.InvalidInstanceId.MalFormed", "AbsInvalidInstanceIdMalFormed"),
        ("InvalidRegionId.Malformed", "InvalidRegionIdMalformed"),
        ("InvalidInstanceId.MalFormed", "InvalidInstanceIdMalFormed"),
        ("Filter.1.Key", "Filter1Key"),
        ("1stChoice", "_1stChoice"),
        ("AttachClassicLinkVpc", "AttachClassicLinkVpc"),
        ("describe_instances", "DescribeInstances"),
        ("Type", "Type"),
    ])
    func typeName(wire: String, swift: String) {
        #expect(SwiftNaming.typeName(fromWire: wire) == swift)
    }

    /// Nothing usable is left: no ASCII letter, digit or inner underscore.
    @Test(arguments: ["名称", "配额.超限", "", ".", "-", "_", "__", "  ", "é"])
    func noNameDerivable(wire: String) {
        #expect(SwiftNaming.memberName(fromWire: wire) == nil)
        #expect(SwiftNaming.typeName(fromWire: wire) == nil)
    }

    /// Codes that differ only in case are different codes, and must stay different names.
    @Test func caseDifferencesSurvive() {
        let lower = SwiftNaming.memberName(fromWire: "InvalidRegionId.Malformed")
        let upper = SwiftNaming.memberName(fromWire: "InvalidRegionId.MalFormed")
        #expect(lower != upper)
        #expect(SwiftNaming.typeName(fromWire: "InvalidRegionId.Malformed") != SwiftNaming.typeName(fromWire: "InvalidRegionId.MalFormed"))
    }

    // MARK: Escaping and undeclarable names

    @Test(arguments: [
        ("default", "`default`"),
        ("class", "`class`"),
        ("func", "`func`"),
        ("in", "`in`"),
        ("true", "`true`"),
        ("nil", "`nil`"),
        ("Any", "`Any`"),
        ("self", "`self`"),
        ("Self", "`Self`"),
        ("Type", "`Type`"),
        ("Protocol", "`Protocol`"),
        ("associatedtype", "`associatedtype`"),
        ("regionId", "regionId"),
        ("type", "type"),
        ("Default", "Default"),
        // Contextual keywords need no backticks as names.
        ("actor", "actor"),
        ("async", "async"),
        ("some", "some"),
    ])
    func escaped(name: String, swift: String) {
        #expect(SwiftNaming.escaped(name) == swift)
    }

    @Test(arguments: [
        ("self", "self_"),
        ("Self", "Self_"),
        ("Type", "Type_"),
        ("Protocol", "Protocol_"),
        ("init", "init_"),
        ("deinit", "deinit_"),
        ("subscript", "subscript_"),
        ("super", "super_"),
        ("default", "default"),
        ("type", "type"),
        ("regionId", "regionId"),
    ])
    func declarable(name: String, swift: String) {
        #expect(SwiftNaming.declarable(name) == swift)
    }

    /// What a spec member ends up as: derived, made declarable, then escaped where written.
    @Test(arguments: [
        ("default", "`default`"),
        ("self", "self_"),
        ("Self", "self_"),
        ("Type", "type"),
        ("Protocol", "`protocol`"),
        ("RegionId", "regionId"),
    ])
    func memberAsWritten(wire: String, swift: String) {
        let name = SwiftNaming.memberName(fromWire: wire).map(SwiftNaming.declarable).map(SwiftNaming.escaped)
        #expect(name == swift)
    }

    @Test(arguments: [
        ("regionId", true),
        ("RegionId", true),
        ("_x", true),
        ("x_1", true),
        ("A1", true),
        ("", false),
        ("_", false),
        ("1a", false),
        ("a-b", false),
        ("a.b", false),
        ("a b", false),
        ("名称", false),
        ("é", false),
        ("`default`", false),
    ])
    func isValidIdentifier(name: String, valid: Bool) {
        #expect(SwiftNaming.isValidIdentifier(name) == valid)
    }

    /// Every derived name is a valid identifier once made declarable (backticks aside).
    @Test(arguments: ["RegionId", "Filter.1.Key", "1stChoice", "Abs.InvalidInstanceId.MalFormed", "a..b", "Region名称Id", "x-1-y"])
    func derivedNamesAreIdentifiers(wire: String) throws {
        let member = try #require(SwiftNaming.memberName(fromWire: wire))
        let type = try #require(SwiftNaming.typeName(fromWire: wire))
        #expect(SwiftNaming.isValidIdentifier(SwiftNaming.declarable(member)))
        #expect(SwiftNaming.isValidIdentifier(SwiftNaming.declarable(type)))
    }
}
