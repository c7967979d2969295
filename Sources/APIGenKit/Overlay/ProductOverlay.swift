/// A product's overlay (`Specs/Ecs/overlay.xml`): hand-kept fixes that `apigen import` applies
/// to the model it converts from Alibaba's metadata, before it names and writes anything, so
/// that curated changes and upstream updates no longer exclude each other.
///
/// Entries are applied merges first, then member changes, then enumerations (each in file
/// order), so a change can name a member a merge created (`request.SystemDisk.Size`).
public struct ProductOverlay: Hashable, Sendable {
    /// The product code the overlay is for (`Ecs`).
    public var product: String
    public var merges: [OverlayMerge]
    public var memberChanges: [OverlayMemberChange]
    public var enumerations: [OverlayEnumeration]
    /// How actions page, replacing what the importer inferred.
    public var pagings: [OverlayPaging]
    /// The actions to generate (`<generate>`), written into the imported `product.xml`, so
    /// that a selection survives every re-import; nil: all of them.
    public var selection: OverlaySelection?
    /// The overlay file, as the user named it.
    public var location: SourceLocation

    public init(
        product: String, merges: [OverlayMerge] = [], memberChanges: [OverlayMemberChange] = [],
        enumerations: [OverlayEnumeration] = [], pagings: [OverlayPaging] = [], selection: OverlaySelection? = nil,
        location: SourceLocation
    ) {
        self.product = product
        self.merges = merges
        self.memberChanges = memberChanges
        self.enumerations = enumerations
        self.pagings = pagings
        self.selection = selection
        self.location = location
    }

    /// How many entries the file has (each enumeration use and each selected action counts once).
    public var entryCount: Int {
        merges.count + memberChanges.count + enumerations.reduce(0) { $0 + $1.uses.count } + pagings.count
            + (selection?.actions.count ?? 0)
    }
}

/// Which members an entry is about: one action's (or, with `*`, every action's) member at `path`.
public struct OverlayTarget: Hashable, Sendable {
    /// An action's wire name, or `*`.
    public var action: String
    public var path: MemberPath
    /// The entry's element, for diagnostics.
    public var location: SourceLocation

    public init(action: String, path: MemberPath, location: SourceLocation) {
        self.action = action
        self.path = path
        self.location = location
    }

    public var isWildcard: Bool { action == "*" }
}

/// `<merge action path/>`: the parameters whose wire names continue `path`'s last name
/// (`SystemDisk.Size`, `DataDisk.1.Size`) join the container parameter at `path`.
public struct OverlayMerge: Hashable, Sendable {
    public var target: OverlayTarget

    public init(target: OverlayTarget) {
        self.target = target
    }
}

/// `<member action path …/>`: what to change on the members at the target; nil leaves it be.
public struct OverlayMemberChange: Hashable, Sendable {
    /// The new type: a scalar, or a list of scalars.
    public enum NewType: Hashable, Sendable {
        case scalar(TypeSpec.Kind)
        case list(of: TypeSpec.Kind)
    }

    public var target: OverlayTarget
    public var swiftName: String?
    /// The Swift name of a list's element type (`<items swiftName>`).
    public var typeName: String?
    public var type: NewType?
    public var style: ParameterStyle?
    public var isRequired: Bool?
    public var deprecation: Deprecation?
    public var isSensitive: Bool?

    public init(
        target: OverlayTarget, swiftName: String? = nil, typeName: String? = nil, type: NewType? = nil,
        style: ParameterStyle? = nil, isRequired: Bool? = nil, deprecation: Deprecation? = nil, isSensitive: Bool? = nil
    ) {
        self.target = target
        self.swiftName = swiftName
        self.typeName = typeName
        self.type = type
        self.style = style
        self.isRequired = isRequired
        self.deprecation = deprecation
        self.isSensitive = isSensitive
    }
}

/// `<paging action>`: how an action pages (replacing what the importer inferred), or, with
/// `generate="false"`, that it has no paginator.
public struct OverlayPaging: Hashable, Sendable {
    public var action: String
    /// Nil: the action gets no paginator.
    public var paging: PagingSpec?
    public var location: SourceLocation

    public init(action: String, paging: PagingSpec?, location: SourceLocation) {
        self.action = action
        self.paging = paging
        self.location = location
    }
}

/// `<generate>`: the only actions to generate, as `product.xml`'s `<generate>` says it.
public struct OverlaySelection: Hashable, Sendable {
    public var actions: [ActionSelection]
    /// The `<generate>` element.
    public var location: SourceLocation

    public init(actions: [ActionSelection], location: SourceLocation) {
        self.actions = actions
        self.location = location
    }
}

/// `<enumeration name>`: a product-level string enumeration and the members that take it.
public struct OverlayEnumeration: Hashable, Sendable {
    public var name: String
    public var values: [EnumValue]
    public var uses: [OverlayTarget]
    public var location: SourceLocation

    public init(name: String, values: [EnumValue], uses: [OverlayTarget], location: SourceLocation) {
        self.name = name
        self.values = values
        self.uses = uses
        self.location = location
    }
}

/// `request.Instances.Instance.Status`: a side and the wire names below it, as written. Arrays
/// are passed through (a list's element members follow the list's name), and names are split
/// at dots only when they are matched, because a wire name may contain dots itself.
public struct MemberPath: Hashable, Sendable, CustomStringConvertible {
    public enum Side: String, Hashable, Sendable {
        case request
        case response
    }

    public var side: Side
    /// The dot-separated parts after the side, at least one.
    public var parts: [String]

    /// Nil unless `text` is `request.` or `response.` followed by non-empty parts.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, let side = Side(rawValue: parts[0]), !parts.dropFirst().contains(where: \.isEmpty) else { return nil }
        self.side = side
        self.parts = Array(parts.dropFirst())
    }

    public var description: String { ([side.rawValue] + parts).joined(separator: ".") }
}
