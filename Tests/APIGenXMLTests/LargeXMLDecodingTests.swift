import APIGenRuntime
import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenXML

@Suite("DescribeInstances-sized XML")
struct LargeXML {
    typealias Fixture = DescribeInstancesFixture

    @Test func decodesEveryInstanceAndField() throws {
        let body = Data(Fixture.xml(instances: 40).utf8)
        let response = try ResponseDecoder.decode(Fixture.Response.self, from: body, format: .xml)
        #expect(response.totalCount == 40)
        #expect(response.nextToken == nil)
        let instances = response.instances.instance
        #expect(instances.count == 40)
        #expect(instances.map(\.instanceName) == (0..<40).map { "web-server-\($0)" })
        let first = try #require(instances.first)
        #expect(first.status == "Stopped")
        #expect(first.cpu == 2 && first.memory == 8192 && first.localStorageCapacity == 0)
        #expect(first.spotPriceLimit == 0)
        #expect(first.deviceAvailable == true && first.recyclable == false)
        #expect(first.autoReleaseTime == "")
        #expect(first.osName == "Ubuntu  22.04 64位")
        #expect(first.securityGroupIds?.securityGroupId == ["sg-bp67acfmxazb4p0", "sg-bp67acfmxazb4q0"])
        #expect(first.innerIpAddress?.ipAddress == [])
        #expect(first.vpcAttributes?.privateIpAddress?.ipAddress == ["172.17.0.0"])
        #expect(first.eipAddress?.isSupportUnassociate == false)
        #expect(first.cpuOptions == Fixture.CpuOptions(coreCount: 1, threadsPerCore: 2, numa: ""))
        let nics = try #require(first.networkInterfaces?.networkInterface)
        #expect(nics.map(\.type) == ["Primary", "Secondary"])
        #expect(nics[1].privateIpSets?.privateIpSet.map(\.primary) == [true, false])
        #expect(first.operationLocks?.lockReason == [Fixture.LockReason(lockReason: "financial", lockMsg: "overdue")])
        #expect(instances[1].operationLocks?.lockReason == [])
        #expect(instances[39].tags?.tag.map(\.tagValue) == (0..<5).map { "value-39-\($0)" })
        #expect(instances[39].internetMaxBandwidthOut == 39)
    }
}
