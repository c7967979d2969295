// Plain Codable structs equivalent to the generated `ECS.DescribeInstancesResponse` (same
// members, wire names, types and nesting), for the decoders that are not apigen's: CoreOffice/
// XMLCoder on the XML and Foundation's JSONDecoder on the JSON. Derived mechanically from
// Generated/Ecs/DescribeInstances.swift (doc comments, `public` and initialisers dropped,
// `Decodable` made `Codable`); keep them in step if that response changes.

struct PlainDescribeInstancesResponse: Codable, Hashable, Sendable {
    var nextToken: String?
    var pageSize: Int32?
    var pageNumber: Int32?
    var requestId: String
    var totalCount: Int32?
    var instances: Instances?

    enum CodingKeys: String, CodingKey {
        case nextToken = "NextToken"
        case pageSize = "PageSize"
        case pageNumber = "PageNumber"
        case requestId = "RequestId"
        case totalCount = "TotalCount"
        case instances = "Instances"
    }

    struct Instances: Codable, Hashable, Sendable {
        var instance: [Instance]?

        enum CodingKeys: String, CodingKey {
            case instance = "Instance"
        }

        struct Instance: Codable, Hashable, Sendable {
            var resourceGroupId: String?
            var memory: Int32?
            var instanceChargeType: String?
            var cpu: Int32?
            var osName: String?
            var instanceNetworkType: String?
            var innerIpAddress: InnerIpAddress?
            var expiredTime: String?
            var imageId: String?
            var eipAddress: EipAddress?
            var imageOptions: ImageOptions?
            var vlanId: String?
            var hostName: String?
            var tags: Tags?
            var status: String?
            var hibernationOptions: HibernationOptions?
            var additionalInfo: AdditionalInfo?
            var metadataOptions: MetadataOptions?
            var instanceId: String?
            var stoppedMode: String?
            var cpuOptions: CpuOptions?
            var startTime: String?
            var privateDnsNameOptions: PrivateDnsNameOptions?
            var deletionProtection: Bool?
            var securityGroupIds: SecurityGroupIds?
            var vpcAttributes: VpcAttributes?
            var internetChargeType: String?
            var deploymentSetId: String?
            var instanceName: String?
            var spotInterruptionBehavior: String?
            var internetMaxBandwidthOut: Int32?
            var serialNumber: String?
            var osType: String?
            var creationTime: String?
            var autoReleaseTime: String?
            var description: String?
            var enableNVS: Bool?
            var localStorageCapacity: Int64?
            var instanceTypeFamily: String?
            var dedicatedInstanceAttribute: DedicatedInstanceAttribute?
            var spotDuration: Int32?
            var localStorageAmount: Int32?
            var publicIpAddress: PublicIpAddress?
            var gpuSpec: String?
            var networkInterfaces: NetworkInterfaces?
            var spotPriceLimit: Float?
            var saleCycle: String?
            var deviceAvailable: Bool?
            var instanceType: String?
            var spotStrategy: String?
            var osNameEn: String?
            var keyPairName: String?
            var ioOptimized: Bool?
            var zoneId: String?
            var clusterId: String?
            var hpcClusterId: String?
            var isp: String?
            var deploymentSetGroupNo: Int32?
            var ecsCapacityReservationAttr: EcsCapacityReservationAttr?
            var dedicatedHostAttribute: DedicatedHostAttribute?
            var gpuAmount: Int32?
            var operationLocks: OperationLocks?
            var rdmaIpAddress: RdmaIpAddress?
            var internetMaxBandwidthIn: Int32?
            var clockOptions: ClockOptions?
            var recyclable: Bool?
            var regionId: String?
            var creditSpecification: String?

            enum CodingKeys: String, CodingKey {
                case resourceGroupId = "ResourceGroupId"
                case memory = "Memory"
                case instanceChargeType = "InstanceChargeType"
                case cpu = "Cpu"
                case osName = "OSName"
                case instanceNetworkType = "InstanceNetworkType"
                case innerIpAddress = "InnerIpAddress"
                case expiredTime = "ExpiredTime"
                case imageId = "ImageId"
                case eipAddress = "EipAddress"
                case imageOptions = "ImageOptions"
                case vlanId = "VlanId"
                case hostName = "HostName"
                case tags = "Tags"
                case status = "Status"
                case hibernationOptions = "HibernationOptions"
                case additionalInfo = "AdditionalInfo"
                case metadataOptions = "MetadataOptions"
                case instanceId = "InstanceId"
                case stoppedMode = "StoppedMode"
                case cpuOptions = "CpuOptions"
                case startTime = "StartTime"
                case privateDnsNameOptions = "PrivateDnsNameOptions"
                case deletionProtection = "DeletionProtection"
                case securityGroupIds = "SecurityGroupIds"
                case vpcAttributes = "VpcAttributes"
                case internetChargeType = "InternetChargeType"
                case deploymentSetId = "DeploymentSetId"
                case instanceName = "InstanceName"
                case spotInterruptionBehavior = "SpotInterruptionBehavior"
                case internetMaxBandwidthOut = "InternetMaxBandwidthOut"
                case serialNumber = "SerialNumber"
                case osType = "OSType"
                case creationTime = "CreationTime"
                case autoReleaseTime = "AutoReleaseTime"
                case description = "Description"
                case enableNVS = "EnableNVS"
                case localStorageCapacity = "LocalStorageCapacity"
                case instanceTypeFamily = "InstanceTypeFamily"
                case dedicatedInstanceAttribute = "DedicatedInstanceAttribute"
                case spotDuration = "SpotDuration"
                case localStorageAmount = "LocalStorageAmount"
                case publicIpAddress = "PublicIpAddress"
                case gpuSpec = "GPUSpec"
                case networkInterfaces = "NetworkInterfaces"
                case spotPriceLimit = "SpotPriceLimit"
                case saleCycle = "SaleCycle"
                case deviceAvailable = "DeviceAvailable"
                case instanceType = "InstanceType"
                case spotStrategy = "SpotStrategy"
                case osNameEn = "OSNameEn"
                case keyPairName = "KeyPairName"
                case ioOptimized = "IoOptimized"
                case zoneId = "ZoneId"
                case clusterId = "ClusterId"
                case hpcClusterId = "HpcClusterId"
                case isp = "ISP"
                case deploymentSetGroupNo = "DeploymentSetGroupNo"
                case ecsCapacityReservationAttr = "EcsCapacityReservationAttr"
                case dedicatedHostAttribute = "DedicatedHostAttribute"
                case gpuAmount = "GPUAmount"
                case operationLocks = "OperationLocks"
                case rdmaIpAddress = "RdmaIpAddress"
                case internetMaxBandwidthIn = "InternetMaxBandwidthIn"
                case clockOptions = "ClockOptions"
                case recyclable = "Recyclable"
                case regionId = "RegionId"
                case creditSpecification = "CreditSpecification"
            }

            struct InnerIpAddress: Codable, Hashable, Sendable {
                var ipAddress: [String]?

                enum CodingKeys: String, CodingKey {
                    case ipAddress = "IpAddress"
                }
            }

            struct EipAddress: Codable, Hashable, Sendable {
                var bandwidth: Int32?
                var allocationId: String?
                var ipAddress: String?
                var isSupportUnassociate: Bool?
                var internetChargeType: String?

                enum CodingKeys: String, CodingKey {
                    case bandwidth = "Bandwidth"
                    case allocationId = "AllocationId"
                    case ipAddress = "IpAddress"
                    case isSupportUnassociate = "IsSupportUnassociate"
                    case internetChargeType = "InternetChargeType"
                }
            }

            struct ImageOptions: Codable, Hashable, Sendable {
                var loginAsNonRoot: Bool?
                var currentOSNVMeSupported: Bool?

                enum CodingKeys: String, CodingKey {
                    case loginAsNonRoot = "LoginAsNonRoot"
                    case currentOSNVMeSupported = "CurrentOSNVMeSupported"
                }
            }

            struct Tags: Codable, Hashable, Sendable {
                var tag: [Tag]?

                enum CodingKeys: String, CodingKey {
                    case tag = "Tag"
                }

                struct Tag: Codable, Hashable, Sendable {
                    var tagKey: String?
                    var tagValue: String?

                    enum CodingKeys: String, CodingKey {
                        case tagKey = "TagKey"
                        case tagValue = "TagValue"
                    }
                }
            }

            struct HibernationOptions: Codable, Hashable, Sendable {
                var configured: Bool?

                enum CodingKeys: String, CodingKey {
                    case configured = "Configured"
                }
            }

            struct AdditionalInfo: Codable, Hashable, Sendable {
                var enableHighDensityMode: Bool?

                enum CodingKeys: String, CodingKey {
                    case enableHighDensityMode = "EnableHighDensityMode"
                }
            }

            struct MetadataOptions: Codable, Hashable, Sendable {
                var httpPutResponseHopLimit: Int32?
                var httpTokens: String?
                var httpEndpoint: String?

                enum CodingKeys: String, CodingKey {
                    case httpPutResponseHopLimit = "HttpPutResponseHopLimit"
                    case httpTokens = "HttpTokens"
                    case httpEndpoint = "HttpEndpoint"
                }
            }

            struct CpuOptions: Codable, Hashable, Sendable {
                var topologyType: String?
                var turboMode: String?
                var enableVISST: Bool?
                var enableVRDT: Bool?
                var threadsPerCore: Int32?
                var numa: String?
                var coreCount: Int32?

                enum CodingKeys: String, CodingKey {
                    case topologyType = "TopologyType"
                    case turboMode = "TurboMode"
                    case enableVISST = "EnableVISST"
                    case enableVRDT = "EnableVRDT"
                    case threadsPerCore = "ThreadsPerCore"
                    case numa = "Numa"
                    case coreCount = "CoreCount"
                }
            }

            struct PrivateDnsNameOptions: Codable, Hashable, Sendable {
                var enableInstanceIdDnsARecord: Bool?
                var hostnameType: String?
                var enableIpDnsPtrRecord: Bool?
                var enableIpDnsARecord: Bool?
                var enableInstanceIdDnsAAAARecord: Bool?

                enum CodingKeys: String, CodingKey {
                    case enableInstanceIdDnsARecord = "EnableInstanceIdDnsARecord"
                    case hostnameType = "HostnameType"
                    case enableIpDnsPtrRecord = "EnableIpDnsPtrRecord"
                    case enableIpDnsARecord = "EnableIpDnsARecord"
                    case enableInstanceIdDnsAAAARecord = "EnableInstanceIdDnsAAAARecord"
                }
            }

            struct SecurityGroupIds: Codable, Hashable, Sendable {
                var securityGroupId: [String]?

                enum CodingKeys: String, CodingKey {
                    case securityGroupId = "SecurityGroupId"
                }
            }

            struct VpcAttributes: Codable, Hashable, Sendable {
                var privateIpAddress: PrivateIpAddress?
                var vpcId: String?
                var vSwitchId: String?
                var natIpAddress: String?

                enum CodingKeys: String, CodingKey {
                    case privateIpAddress = "PrivateIpAddress"
                    case vpcId = "VpcId"
                    case vSwitchId = "VSwitchId"
                    case natIpAddress = "NatIpAddress"
                }

                struct PrivateIpAddress: Codable, Hashable, Sendable {
                    var ipAddress: [String]?

                    enum CodingKeys: String, CodingKey {
                        case ipAddress = "IpAddress"
                    }
                }
            }

            struct DedicatedInstanceAttribute: Codable, Hashable, Sendable {
                var tenancy: String?
                var affinity: String?

                enum CodingKeys: String, CodingKey {
                    case tenancy = "Tenancy"
                    case affinity = "Affinity"
                }
            }

            struct PublicIpAddress: Codable, Hashable, Sendable {
                var ipAddress: [String]?

                enum CodingKeys: String, CodingKey {
                    case ipAddress = "IpAddress"
                }
            }

            struct NetworkInterfaces: Codable, Hashable, Sendable {
                var networkInterface: [NetworkInterface]?

                enum CodingKeys: String, CodingKey {
                    case networkInterface = "NetworkInterface"
                }

                struct NetworkInterface: Codable, Hashable, Sendable {
                    var type: String?
                    var ipv6Sets: Ipv6Sets?
                    var ipv6PrefixSets: Ipv6PrefixSets?
                    var primaryIpAddress: String?
                    var macAddress: String?
                    var networkInterfaceId: String?
                    var ipv4PrefixSets: Ipv4PrefixSets?
                    var privateIpSets: PrivateIpSets?

                    enum CodingKeys: String, CodingKey {
                        case type = "Type"
                        case ipv6Sets = "Ipv6Sets"
                        case ipv6PrefixSets = "Ipv6PrefixSets"
                        case primaryIpAddress = "PrimaryIpAddress"
                        case macAddress = "MacAddress"
                        case networkInterfaceId = "NetworkInterfaceId"
                        case ipv4PrefixSets = "Ipv4PrefixSets"
                        case privateIpSets = "PrivateIpSets"
                    }

                    struct Ipv6Sets: Codable, Hashable, Sendable {
                        var ipv6Set: [Ipv6Set]?

                        enum CodingKeys: String, CodingKey {
                            case ipv6Set = "Ipv6Set"
                        }

                        struct Ipv6Set: Codable, Hashable, Sendable {
                            var ipv6Address: String?

                            enum CodingKeys: String, CodingKey {
                                case ipv6Address = "Ipv6Address"
                            }
                        }
                    }

                    struct Ipv6PrefixSets: Codable, Hashable, Sendable {
                        var ipv6PrefixSet: [Ipv6PrefixSet]?

                        enum CodingKeys: String, CodingKey {
                            case ipv6PrefixSet = "Ipv6PrefixSet"
                        }

                        struct Ipv6PrefixSet: Codable, Hashable, Sendable {
                            var ipv6Prefix: String?

                            enum CodingKeys: String, CodingKey {
                                case ipv6Prefix = "Ipv6Prefix"
                            }
                        }
                    }

                    struct Ipv4PrefixSets: Codable, Hashable, Sendable {
                        var ipv4PrefixSet: [Ipv4PrefixSet]?

                        enum CodingKeys: String, CodingKey {
                            case ipv4PrefixSet = "Ipv4PrefixSet"
                        }

                        struct Ipv4PrefixSet: Codable, Hashable, Sendable {
                            var ipv4Prefix: String?

                            enum CodingKeys: String, CodingKey {
                                case ipv4Prefix = "Ipv4Prefix"
                            }
                        }
                    }

                    struct PrivateIpSets: Codable, Hashable, Sendable {
                        var privateIpSet: [PrivateIpSet]?

                        enum CodingKeys: String, CodingKey {
                            case privateIpSet = "PrivateIpSet"
                        }

                        struct PrivateIpSet: Codable, Hashable, Sendable {
                            var privateIpAddress: String?
                            var privateDnsName: String?
                            var primary: Bool?

                            enum CodingKeys: String, CodingKey {
                                case privateIpAddress = "PrivateIpAddress"
                                case privateDnsName = "PrivateDnsName"
                                case primary = "Primary"
                            }
                        }
                    }
                }
            }

            struct EcsCapacityReservationAttr: Codable, Hashable, Sendable {
                var capacityReservationPreference: String?
                var capacityReservationId: String?

                enum CodingKeys: String, CodingKey {
                    case capacityReservationPreference = "CapacityReservationPreference"
                    case capacityReservationId = "CapacityReservationId"
                }
            }

            struct DedicatedHostAttribute: Codable, Hashable, Sendable {
                var dedicatedHostId: String?
                var dedicatedHostName: String?
                var dedicatedHostClusterId: String?

                enum CodingKeys: String, CodingKey {
                    case dedicatedHostId = "DedicatedHostId"
                    case dedicatedHostName = "DedicatedHostName"
                    case dedicatedHostClusterId = "DedicatedHostClusterId"
                }
            }

            struct OperationLocks: Codable, Hashable, Sendable {
                var lockReason: [LockReason]?

                enum CodingKeys: String, CodingKey {
                    case lockReason = "LockReason"
                }

                struct LockReason: Codable, Hashable, Sendable {
                    var lockReason: String?
                    var lockMsg: String?

                    enum CodingKeys: String, CodingKey {
                        case lockReason = "LockReason"
                        case lockMsg = "LockMsg"
                    }
                }
            }

            struct RdmaIpAddress: Codable, Hashable, Sendable {
                var ipAddress: [String]?

                enum CodingKeys: String, CodingKey {
                    case ipAddress = "IpAddress"
                }
            }

            struct ClockOptions: Codable, Hashable, Sendable {
                var ptpStatus: String?

                enum CodingKeys: String, CodingKey {
                    case ptpStatus = "PtpStatus"
                }
            }
        }
    }
}
