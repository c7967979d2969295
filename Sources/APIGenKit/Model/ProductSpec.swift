/// A product (one Alibaba Cloud service at one API version) and its actions, as read from a
/// product folder. Plain values: nothing here knows about XML.
public struct ProductSpec: Hashable, Sendable {
    /// The product code, e.g. `Ecs`.
    public var name: String
    /// The API version, e.g. `2014-05-26`.
    public var version: String
    /// The Swift module the product is generated into, e.g. `ECS`.
    public var swiftModule: String
    /// Prefix of product-wide type names, e.g. `ECS` for `ECSClient`.
    public var swiftPrefix: String
    /// Whether the client's `credentials:` defaults to the default credential chain (all
    /// products but STS, which the chain calls).
    public var clientDefaultsToCredentialChain: Bool
    public var title: String
    public var description: String?
    /// Host used when a region has no entry of its own.
    public var defaultEndpoint: String
    public var endpoints: [Endpoint]
    /// Errors any action may return.
    public var commonErrors: [ErrorSpec]
    /// The actions to generate, when the product file names them (`<generate>`); nil means all.
    public var selection: [ActionSelection]?
    /// Sorted by wire name: every action of the folder, selected or not (all are validated).
    public var actions: [ActionSpec]
    /// The product's waiters (`waiters.xml`), in file order.
    public var waiters: [WaiterSpec]
    /// The folder the product came from; its last component names the output folder.
    public var folderName: String
    /// Where the product file is, relative to the spec root (for headers and diagnostics).
    public var location: SourceLocation

    public init(
        name: String, version: String, swiftModule: String, swiftPrefix: String, clientDefaultsToCredentialChain: Bool = true, title: String,
        description: String?, defaultEndpoint: String, endpoints: [Endpoint], commonErrors: [ErrorSpec],
        selection: [ActionSelection]? = nil, actions: [ActionSpec], waiters: [WaiterSpec] = [], folderName: String, location: SourceLocation
    ) {
        self.name = name
        self.version = version
        self.swiftModule = swiftModule
        self.swiftPrefix = swiftPrefix
        self.clientDefaultsToCredentialChain = clientDefaultsToCredentialChain
        self.title = title
        self.description = description
        self.defaultEndpoint = defaultEndpoint
        self.endpoints = endpoints
        self.commonErrors = commonErrors
        self.selection = selection
        self.actions = actions
        self.waiters = waiters
        self.folderName = folderName
        self.location = location
    }
}

/// A region's host.
public struct Endpoint: Hashable, Sendable {
    public var region: String
    public var host: String
    public var location: SourceLocation

    public init(region: String, host: String, location: SourceLocation) {
        self.region = region
        self.host = host
        self.location = location
    }
}

/// One action a product file asks to generate (`<generate><action name="…"/></generate>`).
public struct ActionSelection: Hashable, Sendable {
    public var name: String
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

extension ProductSpec {
    /// The actions generated: those the product file selects, or all of them.
    public var generatedActions: [ActionSpec] {
        guard let selection else { return actions }
        let names = Set(selection.map(\.name))
        return actions.filter { names.contains($0.name) }
    }

    /// Where the product's waiters come from: `waiters.xml` beside the product file.
    public var waitersLocation: SourceLocation {
        waiters.first.map { SourceLocation(file: $0.location.file, line: 1, column: 1) } ?? location
    }

    /// The Swift module of the product's server side: `ECS` → `ECSServer`.
    public var serverModule: String { swiftModule + "Server" }

    /// The output folder of the product's server side: `Ecs` → `EcsServer`.
    public var serverFolderName: String { folderName + "Server" }
}
