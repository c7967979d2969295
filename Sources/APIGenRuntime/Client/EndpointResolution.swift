/// Which of Alibaba Cloud's networks requests go over; part of the host name
/// (`ecs-vpc.cn-hangzhou.aliyuncs.com`). `.public` (the default) adds nothing.
public struct EndpointNetwork: RawRepresentable, Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The Internet endpoints: nothing added to the host.
    public static let `public`: EndpointNetwork = "public"
    /// Endpoints reachable only from inside a VPC: `<product>-vpc.<region>.aliyuncs.com`.
    public static let vpc: EndpointNetwork = "vpc"
    /// `<product>-share.<region>.aliyuncs.com`.
    public static let share: EndpointNetwork = "share"
    /// `<product>-ipv6.<region>.aliyuncs.com`.
    public static let ipv6: EndpointNetwork = "ipv6"
    /// `<product>-dualstack.<region>.aliyuncs.com`.
    public static let dualstack: EndpointNetwork = "dualstack"
    /// `<product>-inner.<region>.aliyuncs.com`.
    public static let inner: EndpointNetwork = "inner"

    public var description: String { rawValue }
}

/// The endpoint a client sends to, and which rule chose it.
public struct ResolvedEndpoint: Sendable, Hashable, CustomStringConvertible {
    public enum Source: String, Sendable, Hashable {
        /// `RPCClientConfiguration.endpointOverride`.
        case explicit
        /// The product's table of regional hosts.
        case table
        /// `<product>[-<network>].<region>.aliyuncs.com`.
        case regionalRule
        /// `<product>[-<network>].aliyuncs.com`.
        case centralRule
    }

    public var endpoint: RPCEndpoint
    public var source: Source

    public var description: String { "\(endpoint) (\(source.rawValue))" }
}

/// Why no endpoint could be chosen; nothing was sent.
public struct EndpointResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public var description: String { message }
}

/// Picks the host for a product, a region and a network, in Alibaba Cloud's order:
///
/// 1. an explicit endpoint (a URL, `RPCClientConfiguration.endpointOverride`) wins;
/// 2. on the public network, the product's table (`regionalEndpoints`) for the region;
/// 3. for a regional product, `<product>[-<network>].<region>.aliyuncs.com`: for regions
///    missing from the table (new regions get this name), and for every region when a network
///    other than `.public` is asked for (Alibaba's generated clients silently ignore the network
///    for regions in their table; apigen does not);
/// 4. for a central product, `<product>[-<network>].aliyuncs.com`.
///
/// A region that is not a region ID (empty, upper case, spaces, dots, …) is an error rather
/// than a silent fall-back to the central host.
public enum EndpointResolution {
    public static func resolve<Product: RPCProduct>(
        _: Product.Type, region: String, network: EndpointNetwork = .public, override: String? = nil
    ) throws(EndpointResolutionError) -> ResolvedEndpoint {
        if let override {
            guard let endpoint = RPCEndpoint(url: override) else {
                throw EndpointResolutionError(
                    message: "endpoint override '\(override)' is not a URL of the form http(s)://host[:port]")
            }
            return ResolvedEndpoint(endpoint: endpoint, source: .explicit)
        }
        let isPublic = network.rawValue.isEmpty || network == .public
        if !isPublic {
            guard isLabel(network.rawValue) else {
                throw EndpointResolutionError(message: "network '\(network)' is not a host name part (letters, digits, '-')")
            }
        }
        let label = Product.endpointProductLabel + (isPublic ? "" : "-" + network.rawValue)
        switch Product.endpointRule {
        case .central:
            if isPublic { return ResolvedEndpoint(endpoint: RPCEndpoint(host: Product.defaultEndpoint), source: .table) }
            return ResolvedEndpoint(endpoint: RPCEndpoint(host: "\(label).aliyuncs.com"), source: .centralRule)
        case .regional:
            if isPublic, let host = Product.regionalEndpoints[region] {
                return ResolvedEndpoint(endpoint: RPCEndpoint(host: host), source: .table)
            }
            guard isRegionID(region) else {
                throw EndpointResolutionError(
                    message: region.isEmpty
                        ? "\(Product.productCode) is a regional product: a region is required (e.g. cn-hangzhou)"
                        : "region '\(region)' is not a region ID (lower-case letters, digits and '-', e.g. cn-hangzhou)")
            }
            return ResolvedEndpoint(endpoint: RPCEndpoint(host: "\(label).\(region).aliyuncs.com"), source: .regionalRule)
        }
    }

    /// `cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`: lower-case letters and digits
    /// in parts joined by single hyphens.
    static func isRegionID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 63 && text.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
        }
    }

    static func isLabel(_ text: String) -> Bool {
        isRegionID(text.lowercased()) && text == text.lowercased()
    }
}
