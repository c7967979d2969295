import ECSEmulator
import Foundation
import Testing

/// Loading fixtures: the default one, and clear errors for broken ones.
@Suite struct FixtureTests {
    static func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-emulator-fixture-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    static func loadError(_ text: String) throws -> (EmulatorFixtureError, URL) {
        let url = try write(text)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try EmulatorFixture.load(contentsOf: url)
        } catch {
            return (error, url)
        }
        throw FixtureLoaded()
    }

    struct FixtureLoaded: Error {}

    @Test func theDefaultFixtureLoadsAndHasAResourceForEveryRule() throws {
        let fixture = try ECSEmulator.defaultFixture()
        #expect(fixture.validate().isEmpty)
        #expect(Set(fixture.regions) == ["cn-hangzhou", "cn-beijing"])
        #expect(fixture.accessKeys.contains { $0.securityToken != nil }, "an STS key")
        #expect(fixture.instances.contains { $0.locked })
        #expect(fixture.instances.contains { $0.networkType == .vpc })
        #expect(fixture.instances.contains { $0.status != "Running" && $0.status != "Stopped" })
        #expect(fixture.vpcs.contains { !$0.classicLinkEnabled })
        #expect(!fixture.links.isEmpty)
    }

    @Test func aFixtureRoundTripsThroughItsJSON() throws {
        let fixture = TestFixture.fixture(fullVPCLinks: 3)
        let decoded = try EmulatorFixture.decode(try fixture.encoded(), file: "round-trip.json")
        #expect(decoded == fixture)
    }

    @Test func brokenJSONNamesTheFileAndWhereItBroke() throws {
        let (error, url) = try Self.loadError(#"{"regions": ["cn-hangzhou"], "accessKeys": [ "#)
        #expect(error.file == url.path)
        #expect(error.description.hasPrefix(url.path + ": error: "))
        #expect(error.problems == ["not valid JSON: Unexpected end of file during JSON parse."])

        let (invalid, _) = try Self.loadError("{\"regions\": [\"cn-hangzhou\"],\n \"accessKeys\": x}")
        #expect(invalid.problems == ["not valid JSON: Invalid value around character 44. (line 2, column 16)"])
    }

    @Test func aWrongTypeOrMissingKeyNamesItsPath() throws {
        let (wrongType, _) = try Self.loadError("""
            {"regions": ["cn-hangzhou"],
             "accessKeys": [{"accessKeyId": "a", "accessKeySecret": "s", "account": "1"}],
             "instances": [{"instanceId": "i-1", "regionId": "cn-hangzhou", "owner": "1", "networkType": "classic", "status": "Running", "locked": "yes"}]}
            """)
        #expect(wrongType.problems.first?.hasPrefix("instances[0].locked: expected Bool") == true, "\(wrongType)")

        let (missing, _) = try Self.loadError(#"{"regions": ["cn-hangzhou"], "accessKeys": [{"accessKeyId": "a", "account": "1"}]}"#)
        #expect(missing.problems == [#"accessKeys[0].accessKeySecret: required key "accessKeySecret" is missing"#], "\(missing)")

        let (badEnum, _) = try Self.loadError("""
            {"regions": ["cn-hangzhou"], "accessKeys": [{"accessKeyId": "a", "accessKeySecret": "s", "account": "1"}],
             "instances": [{"instanceId": "i-1", "regionId": "cn-hangzhou", "owner": "1", "networkType": "hybrid", "status": "Running"}]}
            """)
        #expect(badEnum.problems.first?.hasPrefix("instances[0].networkType:") == true, "\(badEnum)")
    }

    @Test func inconsistenciesAreAllReported() throws {
        let (error, _) = try Self.loadError("""
            {"regions": ["cn-hangzhou", "cn-hangzhou"],
             "accessKeys": [{"accessKeyId": "a", "accessKeySecret": "s", "account": "1"},
                            {"accessKeyId": "a", "accessKeySecret": "t", "account": "1", "expiration": "2030-01-01T00:00:00Z"}],
             "vpcs": [{"vpcId": "vpc-1", "regionId": "cn-nowhere", "owner": "1"},
                      {"vpcId": "vpc-2", "regionId": "cn-hangzhou", "owner": "1", "classicLinkEnabled": true}],
             "instances": [{"instanceId": "i-1", "regionId": "cn-hangzhou", "owner": "1", "networkType": "vpc", "status": "Running"},
                           {"instanceId": "i-1", "regionId": "cn-hangzhou", "owner": "1", "networkType": "classic", "status": "Running"}],
             "links": [{"instanceId": "i-1", "vpcId": "vpc-1"}, {"instanceId": "i-9", "vpcId": "vpc-2"}]}
            """)
        let expected = [
            #"regions[1]: duplicate region "cn-hangzhou""#,
            #"accessKeys[1].accessKeyId: duplicate "a""#,
            "accessKeys[1].expiration: only an STS key (with securityToken) expires",
            #"vpcs[0].regionId: region "cn-nowhere" is not in "regions""#,
            #"instances[1].instanceId: duplicate "i-1""#,
            #"links[0]: VPC "vpc-1" does not have ClassicLink enabled"#,
            #"links[0]: instance "i-1" (cn-hangzhou) and VPC "vpc-1" (cn-nowhere) are in different regions"#,
            #"links[1].instanceId: no instance "i-9" in "instances""#,
        ]
        #expect(error.problems == expected, "\(error)")
    }

    @Test func moreLinksThanTheQuotaAreRejected() {
        let fixture = TestFixture.fixture(fullVPCLinks: 1001)
        #expect(fixture.validate() == [#"links: VPC "vpc-nearly-full" has 1001 links, more than the quota of 1000"#])
    }

    @Test func aFixtureWrittenBeforeTheLifecycleStillLoads() throws {
        let url = try Self.write("""
            {"regions": ["cn-hangzhou"],
             "accessKeys": [{"accessKeyId": "a", "accessKeySecret": "s", "account": "1"}],
             "vpcs": [{"vpcId": "vpc-1", "regionId": "cn-hangzhou", "owner": "1", "classicLinkEnabled": true}],
             "instances": [{"instanceId": "i-1", "regionId": "cn-hangzhou", "owner": "1", "networkType": "classic", "status": "Running"}],
             "links": [{"instanceId": "i-1", "vpcId": "vpc-1"}]}
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let fixture = try EmulatorFixture.load(contentsOf: url)
        #expect(fixture.zones.isEmpty && fixture.vswitches.isEmpty && fixture.securityGroups.isEmpty)
        #expect(fixture.effectiveZones == [.init(zoneId: "cn-hangzhou-a", regionId: "cn-hangzhou")])
        let instance = try #require(fixture.instances.first)
        #expect(instance.securityGroupIds.isEmpty && instance.tags.isEmpty && instance.zoneId == nil && !instance.deletionProtection)
    }

    @Test func theLifecycleFieldsLoadWithTheirDefaults() throws {
        let url = try Self.write("""
            {"regions": ["cn-hangzhou"],
             "accessKeys": [{"accessKeyId": "a", "accessKeySecret": "s", "account": "1"}],
             "vpcs": [{"vpcId": "vpc-1", "regionId": "cn-hangzhou", "owner": "1"}],
             "zones": [{"zoneId": "cn-hangzhou-h", "regionId": "cn-hangzhou", "instanceCapacity": 10}],
             "vswitches": [{"vSwitchId": "vsw-1", "vpcId": "vpc-1", "zoneId": "cn-hangzhou-h"}],
             "securityGroups": [{"securityGroupId": "sg-1", "regionId": "cn-hangzhou", "owner": "1", "vpcId": "vpc-1"}],
             "instances": [
               {"instanceId": "i-1", "regionId": "cn-hangzhou", "owner": "1", "status": "Stopped", "vSwitchId": "vsw-1",
                "securityGroupIds": ["sg-1"], "tags": [{"key": "env"}], "creationTime": "2024-05-01T08:30:00Z"},
               {"instanceId": "i-2", "regionId": "cn-hangzhou", "owner": "1", "status": "Running", "zoneId": "cn-hangzhou-h"}]}
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let fixture = try EmulatorFixture.load(contentsOf: url)
        #expect(fixture.zones.first?.instanceTypes == [] && fixture.zones.first?.instanceCapacity == 10)
        #expect(fixture.vswitches.first?.cidrBlock == "172.16.0.0/24" && fixture.vswitches.first?.isDefault == false)
        #expect(fixture.securityGroups.first?.securityGroupType == "normal")
        #expect(fixture.instances.map(\.networkType) == [.vpc, .classic], "vpc with a vSwitch, classic without")
        #expect(fixture.instances.first?.tags == [.init(key: "env", value: "")])
        #expect(fixture.instances.first?.creationTime == Date(timeIntervalSince1970: 1_714_552_200))
        #expect(try EmulatorFixture.decode(try fixture.encoded(), file: nil) == fixture)
        #expect(try EmulatorFixture.decode(try LifecycleFixture.fixture().encoded(), file: nil) == LifecycleFixture.fixture())
    }

    @Test func inconsistentLifecycleFieldsAreAllReported() throws {
        let (error, _) = try Self.loadError("""
            {"regions": ["cn-hangzhou"],
             "accessKeys": [{"accessKeyId": "a", "accessKeySecret": "s", "account": "1"}],
             "vpcs": [{"vpcId": "vpc-1", "regionId": "cn-hangzhou", "owner": "1"}],
             "zones": [{"zoneId": "cn-hangzhou-h", "regionId": "cn-hangzhou"}, {"zoneId": "cn-x-a", "regionId": "cn-x", "instanceCapacity": -1}],
             "vswitches": [{"vSwitchId": "vsw-1", "vpcId": "vpc-1", "zoneId": "cn-hangzhou-h"},
                           {"vSwitchId": "vsw-2", "vpcId": "vpc-9", "zoneId": "cn-hangzhou-z", "cidrBlock": "10.0.0.0/33"}],
             "securityGroups": [{"securityGroupId": "sg-1", "regionId": "cn-hangzhou", "owner": "1", "vpcId": "vpc-1"},
                                {"securityGroupId": "sg-2", "regionId": "cn-hangzhou", "owner": "1", "securityGroupType": "vip",
                                 "tags": [{"key": "k"}, {"key": "k"}]}],
             "instances": [
               {"instanceId": "i-1", "regionId": "cn-hangzhou", "owner": "1", "status": "Running", "networkType": "classic",
                "vSwitchId": "vsw-1", "zoneId": "cn-x-a", "securityGroupIds": ["sg-9", "sg-2"]},
               {"instanceId": "i-2", "regionId": "cn-hangzhou", "owner": "1", "status": "Running", "vSwitchId": "vsw-9", "tags": [{"key": ""}]}]}
            """)
        let expected = [
            #"zones[1].regionId: region "cn-x" is not in "regions""#,
            "zones[1].instanceCapacity: -1 is negative",
            #"vswitches[1].vpcId: no VPC "vpc-9" in "vpcs""#,
            #"vswitches[1].zoneId: no zone "cn-hangzhou-z" (see "zones")"#,
            #"vswitches[1].cidrBlock: "10.0.0.0/33" is not an IPv4 CIDR block such as 172.16.0.0/24"#,
            #"securityGroups[1].securityGroupType: "vip" is not normal or enterprise"#,
            #"securityGroups[1].tags[1].key: duplicate "k""#,
            #"instances[0].zoneId: no zone "cn-x-a" in region "cn-hangzhou" (see "zones")"#,
            #"instances[0].zoneId: "cn-x-a" is not the zone of vSwitch "vsw-1" (cn-hangzhou-h)"#,
            "instances[0].networkType: a classic network instance has no vSwitch",
            #"instances[0].securityGroupIds[0]: no security group "sg-9" in "securityGroups""#,
            #"instances[0].securityGroupIds[1]: security group "sg-2" is not in the instance's region, account and network"#,
            #"instances[1].vSwitchId: no vSwitch "vsw-9" in "vswitches""#,
            "instances[1].tags[0].key: empty",
        ]
        #expect(error.problems == expected, "\(error)")
    }

    @Test func theDefaultFixtureCanRunInstances() throws {
        let fixture = try ECSEmulator.defaultFixture()
        #expect(fixture.zones.map(\.zoneId) == ["cn-hangzhou-h", "cn-hangzhou-i", "cn-beijing-h"])
        #expect(fixture.vswitches.map(\.vSwitchId) == ["vsw-hz-app-h", "vsw-hz-app-i"])
        #expect(fixture.securityGroups.map(\.securityGroupId) == ["sg-hz-app", "sg-hz-classic"])
        #expect(fixture.instances.contains { $0.vSwitchId != nil && !$0.tags.isEmpty })
    }

    @Test func aMissingFileIsNamed() {
        let url = URL(fileURLWithPath: "/nonexistent/fixture.json")
        #expect {
            _ = try EmulatorFixture.load(contentsOf: url)
        } throws: { error in
            guard let error = error as? EmulatorFixtureError else { return false }
            return error.file == "/nonexistent/fixture.json" && error.problems.first?.hasPrefix("cannot read the file") == true
        }
    }
}
