import CLibXML2
import Foundation
import Testing

@testable import APIGenRuntime

extension ResponseDecoding {
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

        /// The speed target: decoding a 5.3 MB, 1,000-instance body within 3× of a bare
        /// `xmlReadMemory` parse. Timing only means something in an optimised build, so this runs
        /// only when asked for:
        /// `APIGEN_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter LargeXML`.
        @Test(.enabled(if: ProcessInfo.processInfo.environment["APIGEN_BENCH"] != nil))
        func withinThreeTimesOfABareLibxml2Parse() throws {
            let body = Data(Fixture.xml(instances: 1000).utf8)
            #expect(body.count > 5_000_000)
            func best(_ work: () throws -> Void) rethrows -> Duration {
                let clock = ContinuousClock()
                var fastest = Duration.seconds(1_000)
                for _ in 0..<7 {
                    let start = clock.now
                    try work()
                    fastest = min(fastest, clock.now - start)
                }
                return fastest
            }
            let bare = best {
                body.withUnsafeBytes { raw in
                    let document = xmlReadMemory(
                        raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil,
                        Int32(XML_PARSE_NONET.rawValue))
                    xmlFreeDoc(document)
                }
            }
            let decode = try best {
                let response = try ResponseDecoder.decode(Fixture.Response.self, from: body, format: .xml)
                #expect(response.instances.instance.count == 1000)
            }
            let ratio = decode / bare
            print("DescribeInstances XML (\(body.count) bytes): xmlReadMemory \(bare), decode \(decode), ratio \(ratio)")
            #expect(ratio < 3)
        }
    }
}
