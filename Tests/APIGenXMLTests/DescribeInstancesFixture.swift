import APIGenRuntime

/// A DescribeInstances-sized fixture: the response type as the generator would emit it (a
/// representative subset of the real fields) and a generator of matching XML bodies.
enum DescribeInstancesFixture {
    struct Response: RPCResponse {
        var requestId: String
        var totalCount: Int32
        var pageNumber: Int32
        var pageSize: Int32
        var nextToken: String?
        var instances: Instances

        enum CodingKeys: String, CodingKey {
            case requestId = "RequestId", totalCount = "TotalCount", pageNumber = "PageNumber"
            case pageSize = "PageSize", nextToken = "NextToken", instances = "Instances"
        }
    }

    struct Instances: Codable, Hashable, Sendable {
        var instance: [Instance]
        enum CodingKeys: String, CodingKey { case instance = "Instance" }
    }

    struct Instance: Codable, Hashable, Sendable {
        var instanceId: String
        var instanceName: String?
        var description: String?
        var hostName: String?
        var imageId: String?
        var instanceType: String?
        var instanceTypeFamily: String?
        var regionId: String?
        var zoneId: String?
        var status: String?
        var cpu: Int32?
        var memory: Int32?
        var gpuAmount: Int32?
        var localStorageAmount: Int32?
        var localStorageCapacity: Int64?
        var internetMaxBandwidthIn: Int32?
        var internetMaxBandwidthOut: Int32?
        var internetChargeType: String?
        var instanceChargeType: String?
        var spotStrategy: String?
        var spotPriceLimit: Float?
        var creationTime: String?
        var startTime: String?
        var expiredTime: String?
        var autoReleaseTime: String?
        var osName: String?
        var osNameEn: String?
        var osType: String?
        var serialNumber: String?
        var deviceAvailable: Bool?
        var ioOptimized: Bool?
        var recyclable: Bool?
        var deletionProtection: Bool?
        var creditSpecification: String?
        var deploymentSetId: String?
        var keyPairName: String?
        var resourceGroupId: String?
        var stoppedMode: String?
        var vlanId: String?
        var instanceNetworkType: String?
        var saleCycle: String?
        var clusterId: String?
        var securityGroupIds: SecurityGroupIds?
        var publicIpAddress: IpAddressList?
        var innerIpAddress: IpAddressList?
        var rdmaIpAddress: IpAddressList?
        var vpcAttributes: VpcAttributes?
        var eipAddress: EipAddress?
        var cpuOptions: CpuOptions?
        var dedicatedHostAttribute: DedicatedHostAttribute?
        var networkInterfaces: NetworkInterfaces?
        var operationLocks: OperationLocks?
        var tags: Tags?
        var metadataOptions: MetadataOptions?

        enum CodingKeys: String, CodingKey {
            case instanceId = "InstanceId", instanceName = "InstanceName", description = "Description"
            case hostName = "HostName", imageId = "ImageId", instanceType = "InstanceType"
            case instanceTypeFamily = "InstanceTypeFamily", regionId = "RegionId", zoneId = "ZoneId"
            case status = "Status", cpu = "Cpu", memory = "Memory", gpuAmount = "GPUAmount"
            case localStorageAmount = "LocalStorageAmount", localStorageCapacity = "LocalStorageCapacity"
            case internetMaxBandwidthIn = "InternetMaxBandwidthIn", internetMaxBandwidthOut = "InternetMaxBandwidthOut"
            case internetChargeType = "InternetChargeType", instanceChargeType = "InstanceChargeType"
            case spotStrategy = "SpotStrategy", spotPriceLimit = "SpotPriceLimit", creationTime = "CreationTime"
            case startTime = "StartTime", expiredTime = "ExpiredTime", autoReleaseTime = "AutoReleaseTime"
            case osName = "OSName", osNameEn = "OSNameEn", osType = "OSType", serialNumber = "SerialNumber"
            case deviceAvailable = "DeviceAvailable", ioOptimized = "IoOptimized", recyclable = "Recyclable"
            case deletionProtection = "DeletionProtection", creditSpecification = "CreditSpecification"
            case deploymentSetId = "DeploymentSetId", keyPairName = "KeyPairName", resourceGroupId = "ResourceGroupId"
            case stoppedMode = "StoppedMode", vlanId = "VlanId", instanceNetworkType = "InstanceNetworkType"
            case saleCycle = "SaleCycle", clusterId = "ClusterId", securityGroupIds = "SecurityGroupIds"
            case publicIpAddress = "PublicIpAddress", innerIpAddress = "InnerIpAddress", rdmaIpAddress = "RdmaIpAddress"
            case vpcAttributes = "VpcAttributes", eipAddress = "EipAddress", cpuOptions = "CpuOptions"
            case dedicatedHostAttribute = "DedicatedHostAttribute", networkInterfaces = "NetworkInterfaces"
            case operationLocks = "OperationLocks", tags = "Tags", metadataOptions = "MetadataOptions"
        }
    }

    struct SecurityGroupIds: Codable, Hashable, Sendable {
        var securityGroupId: [String]
        enum CodingKeys: String, CodingKey { case securityGroupId = "SecurityGroupId" }
    }

    struct IpAddressList: Codable, Hashable, Sendable {
        var ipAddress: [String]
        enum CodingKeys: String, CodingKey { case ipAddress = "IpAddress" }
    }

    struct VpcAttributes: Codable, Hashable, Sendable {
        var vpcId: String?
        var vSwitchId: String?
        var natIpAddress: String?
        var privateIpAddress: IpAddressList?
        enum CodingKeys: String, CodingKey {
            case vpcId = "VpcId", vSwitchId = "VSwitchId", natIpAddress = "NatIpAddress"
            case privateIpAddress = "PrivateIpAddress"
        }
    }

    struct EipAddress: Codable, Hashable, Sendable {
        var allocationId: String?
        var ipAddress: String?
        var bandwidth: Int32?
        var internetChargeType: String?
        var isSupportUnassociate: Bool?
        enum CodingKeys: String, CodingKey {
            case allocationId = "AllocationId", ipAddress = "IpAddress", bandwidth = "Bandwidth"
            case internetChargeType = "InternetChargeType", isSupportUnassociate = "IsSupportUnassociate"
        }
    }

    struct CpuOptions: Codable, Hashable, Sendable {
        var coreCount: Int32?
        var threadsPerCore: Int32?
        var numa: String?
        enum CodingKeys: String, CodingKey {
            case coreCount = "CoreCount", threadsPerCore = "ThreadsPerCore", numa = "Numa"
        }
    }

    struct DedicatedHostAttribute: Codable, Hashable, Sendable {
        var dedicatedHostId: String?
        var dedicatedHostName: String?
        var dedicatedHostClusterId: String?
        enum CodingKeys: String, CodingKey {
            case dedicatedHostId = "DedicatedHostId", dedicatedHostName = "DedicatedHostName"
            case dedicatedHostClusterId = "DedicatedHostClusterId"
        }
    }

    struct NetworkInterfaces: Codable, Hashable, Sendable {
        var networkInterface: [NetworkInterface]
        enum CodingKeys: String, CodingKey { case networkInterface = "NetworkInterface" }
    }

    struct NetworkInterface: Codable, Hashable, Sendable {
        var networkInterfaceId: String?
        var macAddress: String?
        var primaryIpAddress: String?
        var type: String?
        var privateIpSets: PrivateIpSets?
        enum CodingKeys: String, CodingKey {
            case networkInterfaceId = "NetworkInterfaceId", macAddress = "MacAddress"
            case primaryIpAddress = "PrimaryIpAddress", type = "Type", privateIpSets = "PrivateIpSets"
        }
    }

    struct PrivateIpSets: Codable, Hashable, Sendable {
        var privateIpSet: [PrivateIpSet]
        enum CodingKeys: String, CodingKey { case privateIpSet = "PrivateIpSet" }
    }

    struct PrivateIpSet: Codable, Hashable, Sendable {
        var privateIpAddress: String?
        var primary: Bool?
        enum CodingKeys: String, CodingKey { case privateIpAddress = "PrivateIpAddress", primary = "Primary" }
    }

    struct OperationLocks: Codable, Hashable, Sendable {
        var lockReason: [LockReason]
        enum CodingKeys: String, CodingKey { case lockReason = "LockReason" }
    }

    struct LockReason: Codable, Hashable, Sendable {
        var lockReason: String?
        var lockMsg: String?
        enum CodingKeys: String, CodingKey { case lockReason = "LockReason", lockMsg = "LockMsg" }
    }

    struct Tags: Codable, Hashable, Sendable {
        var tag: [Tag]
        enum CodingKeys: String, CodingKey { case tag = "Tag" }
    }

    struct Tag: Codable, Hashable, Sendable {
        var tagKey: String?
        var tagValue: String?
        enum CodingKeys: String, CodingKey { case tagKey = "TagKey", tagValue = "TagValue" }
    }

    struct MetadataOptions: Codable, Hashable, Sendable {
        var httpEndpoint: String?
        var httpTokens: String?
        var httpPutResponseHopLimit: Int32?
        enum CodingKeys: String, CodingKey {
            case httpEndpoint = "HttpEndpoint", httpTokens = "HttpTokens", httpPutResponseHopLimit = "HttpPutResponseHopLimit"
        }
    }

    /// An indented DescribeInstances XML body with `count` instances (about 5.3 KB each).
    static func xml(instances count: Int) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<DescribeInstancesResponse>\n"
        out += "  <RequestId>473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E</RequestId>\n"
        out += "  <TotalCount>\(count)</TotalCount>\n  <PageNumber>1</PageNumber>\n  <PageSize>\(count)</PageSize>\n"
        out += "  <Instances>\n"
        for index in 0..<count {
            out += instanceXML(index)
        }
        out += "  </Instances>\n</DescribeInstancesResponse>\n"
        return out
    }

    private static func instanceXML(_ index: Int) -> String {
        func leaf(_ name: String, _ value: String, _ indent: String = "      ") -> String {
            "\(indent)<\(name)>\(value)</\(name)>\n"
        }
        let id = "i-bp1" + String(index, radix: 36).leftPadded(to: 17)
        var xml = "    <Instance>\n"
        xml += leaf("InstanceId", id)
        xml += leaf("InstanceName", "web-server-\(index)")
        xml += leaf("Description", String(repeating: "Production web tier node serving the storefront; managed by terraform. ", count: 2))
        xml += leaf("HostName", "iZbp1\(index)Z")
        xml += leaf("ImageId", "ubuntu_22_04_x64_20G_alibase_20240130.vhd")
        xml += leaf("InstanceType", "ecs.g7.large")
        xml += leaf("InstanceTypeFamily", "ecs.g7")
        xml += leaf("RegionId", "cn-hangzhou")
        xml += leaf("ZoneId", "cn-hangzhou-h")
        xml += leaf("Status", index % 3 == 0 ? "Stopped" : "Running")
        xml += leaf("Cpu", "2")
        xml += leaf("Memory", "8192")
        xml += leaf("GPUAmount", "0")
        xml += leaf("GPUSpec", "")
        xml += leaf("LocalStorageAmount", "0")
        xml += leaf("LocalStorageCapacity", "0")
        xml += leaf("InternetMaxBandwidthIn", "100")
        xml += leaf("InternetMaxBandwidthOut", "\(index % 100)")
        xml += leaf("InternetChargeType", "PayByTraffic")
        xml += leaf("InstanceChargeType", "PostPaid")
        xml += leaf("SpotStrategy", "NoSpot")
        xml += leaf("SpotPriceLimit", "0.0")
        xml += leaf("SpotDuration", "0")
        xml += leaf("CreationTime", "2024-03-01T08:00Z")
        xml += leaf("StartTime", "2024-03-01T08:01Z")
        xml += leaf("ExpiredTime", "2099-12-31T15:59Z")
        xml += leaf("AutoReleaseTime", "")
        xml += leaf("OSName", "Ubuntu  22.04 64位")
        xml += leaf("OSNameEn", "Ubuntu  22.04 64 bit")
        xml += leaf("OSType", "linux")
        xml += leaf("SerialNumber", "51d1353b-22bf-4567-a176-8b3e12e4\(String(index).leftPadded(to: 4))")
        xml += leaf("DeviceAvailable", "true")
        xml += leaf("IoOptimized", "true")
        xml += leaf("Recyclable", "false")
        xml += leaf("DeletionProtection", "false")
        xml += leaf("CreditSpecification", "")
        xml += leaf("DeploymentSetId", "")
        xml += leaf("KeyPairName", "ops-key")
        xml += leaf("ResourceGroupId", "rg-acfmxazb4ph****")
        xml += leaf("StoppedMode", "Not-applicable")
        xml += leaf("VlanId", "")
        xml += leaf("InstanceNetworkType", "vpc")
        xml += leaf("SaleCycle", "")
        xml += leaf("ClusterId", "")
        xml += "      <SecurityGroupIds>\n"
        xml += leaf("SecurityGroupId", "sg-bp67acfmxazb4p\(index % 7)", "        ")
        xml += leaf("SecurityGroupId", "sg-bp67acfmxazb4q\(index % 5)", "        ")
        xml += "      </SecurityGroupIds>\n"
        xml += "      <PublicIpAddress>\n" + leaf("IpAddress", "47.96.\(index / 256).\(index % 256)", "        ") + "      </PublicIpAddress>\n"
        xml += "      <InnerIpAddress/>\n      <RdmaIpAddress/>\n"
        xml += "      <VpcAttributes>\n"
        xml += leaf("VpcId", "vpc-bp1opxu1zkhn00gzv****", "        ")
        xml += leaf("VSwitchId", "vsw-bp1ddbrxdlrcbim46****", "        ")
        xml += leaf("NatIpAddress", "", "        ")
        xml += "        <PrivateIpAddress>\n" + leaf("IpAddress", "172.17.\(index / 256).\(index % 256)", "          ") + "        </PrivateIpAddress>\n"
        xml += "      </VpcAttributes>\n"
        xml += "      <EipAddress>\n"
        xml += leaf("AllocationId", "", "        ")
        xml += leaf("IpAddress", "", "        ")
        xml += leaf("Bandwidth", "0", "        ")
        xml += leaf("InternetChargeType", "", "        ")
        xml += leaf("IsSupportUnassociate", "false", "        ")
        xml += "      </EipAddress>\n"
        xml += "      <CpuOptions>\n"
        xml += leaf("CoreCount", "1", "        ")
        xml += leaf("ThreadsPerCore", "2", "        ")
        xml += leaf("Numa", "", "        ")
        xml += "      </CpuOptions>\n"
        xml += "      <DedicatedHostAttribute>\n"
        xml += leaf("DedicatedHostId", "", "        ")
        xml += leaf("DedicatedHostName", "", "        ")
        xml += leaf("DedicatedHostClusterId", "", "        ")
        xml += "      </DedicatedHostAttribute>\n"
        xml += "      <NetworkInterfaces>\n"
        for nic in 0..<2 {
            xml += "        <NetworkInterface>\n"
            xml += leaf("NetworkInterfaceId", "eni-bp1\(index)n\(nic)", "          ")
            xml += leaf("MacAddress", "00:16:3e:\(String(index % 256, radix: 16)):0\(nic):8f", "          ")
            xml += leaf("PrimaryIpAddress", "172.17.\(index / 256).\(index % 256)", "          ")
            xml += leaf("Type", nic == 0 ? "Primary" : "Secondary", "          ")
            xml += "          <PrivateIpSets>\n"
            for ip in 0..<2 {
                xml += "            <PrivateIpSet>\n"
                xml += leaf("PrivateIpAddress", "172.18.\(nic).\(ip)", "              ")
                xml += leaf("Primary", ip == 0 ? "true" : "false", "              ")
                xml += "            </PrivateIpSet>\n"
            }
            xml += "          </PrivateIpSets>\n"
            xml += "        </NetworkInterface>\n"
        }
        xml += "      </NetworkInterfaces>\n"
        xml += "      <OperationLocks>\n"
        if index % 10 == 0 {
            xml += "        <LockReason>\n" + leaf("LockReason", "financial", "          ") + leaf("LockMsg", "overdue", "          ") + "        </LockReason>\n"
        }
        xml += "      </OperationLocks>\n"
        xml += "      <Tags>\n"
        for tag in 0..<5 {
            xml += "        <Tag>\n" + leaf("TagKey", "key\(tag)", "          ") + leaf("TagValue", "value-\(index)-\(tag)", "          ") + "        </Tag>\n"
        }
        xml += "      </Tags>\n"
        xml += "      <MetadataOptions>\n"
        xml += leaf("HttpEndpoint", "enabled", "        ")
        xml += leaf("HttpTokens", "optional", "        ")
        xml += leaf("HttpPutResponseHopLimit", "1", "        ")
        xml += "      </MetadataOptions>\n"
        xml += "    </Instance>\n"
        return xml
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
