/// The object types of a product that several actions (or several places of one action)
/// declare with the same shape (``ShapeKey``): each is generated once, at the top level of the
/// product's module (`ECS.Tag`), and every place that declared it refers to it.
///
/// - A shape used in two places or more is shared, unless every place is inside one shared
///   shape (then it stays nested in that one, which is generated once anyway).
/// - Its name is the nested name most places gave it. Two shapes wanting one name: the one used
///   more often gets it, the other stays nested where it is used. A name of Swift's, Foundation's
///   or the runtime's gets the product's prefix (`ECSData`), so that it hides nothing.
/// - Its member texts are those most places give; member order is the most common order.
struct SharedShapes: Sendable {
    struct Shape: Sendable {
        var name: String
        var key: ShapeKey
        /// The members, with the texts most places give them.
        var members: [MemberSpec]
        /// What the type is documented as.
        var description: String?
        var isRequestShape: Bool
        /// Whether some request place sends it flattened into the query.
        var isQueryEncoded: Bool
        /// Whether some place sends it inside a `json`-style parameter.
        var isJSONEncoded: Bool
        var isResponseShape: Bool
        /// Where it is used: `DescribeInstances.Tag`, in action order.
        var places: [String]
    }

    /// Every shared shape, by name.
    let shapes: [Shape]
    private let namesByKey: [ShapeKey: String]

    /// The top-level type a place with this object shape refers to, if the shape is shared.
    func sharedName(of key: ShapeKey) -> String? {
        namesByKey[key]
    }

    /// One place an object type is declared.
    private struct Place {
        var key: ShapeKey
        var role: ShapeKey.Role
        var nestedName: String
        var member: MemberSpec
        var objectMembers: [MemberSpec]
        /// The shape of the object that declares this one; nil at the top of a request or response.
        var parent: ShapeKey?
        var isInJSON: Bool
        var action: String
    }

    init(product: ProductSpec, actions: [ActionSpec], enumerationNames: Set<String> = []) {
        var places: [Place] = []
        for action in actions {
            Self.collect(action.parameters, role: .request, parent: nil, isInJSON: false, action: action.name, into: &places)
            Self.collect(action.fields, role: .response, parent: nil, isInJSON: false, action: action.name, into: &places)
        }
        var placesByKey: [ShapeKey: [Place]] = [:]
        var keyOrder: [ShapeKey] = []
        for place in places {
            if placesByKey[place.key] == nil { keyOrder.append(place.key) }
            placesByKey[place.key, default: []].append(place)
        }
        let reserved = Self.reservedNames(product: product, actions: actions).union(enumerationNames)

        var candidates = Set(keyOrder.filter { placesByKey[$0]!.count >= 2 })
        var named: [(key: ShapeKey, name: String)] = []
        while true {
            // A shape used only inside one shared shape is generated inside it.
            let topLevel = keyOrder.filter { key in
                guard candidates.contains(key) else { return false }
                let parents = Set(placesByKey[key]!.map(\.parent))
                if parents.count == 1, let parent = parents.first!, candidates.contains(parent) { return false }
                return true
            }
            var winners: [String: ShapeKey] = [:]
            var losers: Set<ShapeKey> = []
            named = []
            for key in topLevel {
                let keyPlaces = placesByKey[key]!
                var name = Self.mostCommon(keyPlaces.map(\.nestedName))
                if reserved.contains(name) { name = product.swiftPrefix + name }
                if reserved.contains(name) {
                    losers.insert(key)
                    continue
                }
                if let other = winners[name] {
                    // The shape used in more places keeps the name; on a tie, the first seen.
                    if keyPlaces.count > placesByKey[other]!.count {
                        losers.insert(other)
                        winners[name] = key
                    } else {
                        losers.insert(key)
                    }
                } else {
                    winners[name] = key
                }
            }
            named = topLevel.compactMap { key in
                guard !losers.contains(key), let name = winners.first(where: { $0.value == key })?.key else { return nil }
                return (key, name)
            }
            if losers.isEmpty { break }
            candidates.subtract(losers)
        }

        namesByKey = Dictionary(uniqueKeysWithValues: named.map { ($0.key, $0.name) })
        shapes = named.map { key, name in
            let keyPlaces = placesByKey[key]!
            return Shape(
                name: name,
                key: key,
                members: Self.representativeMembers(keyPlaces),
                description: Self.mostCommonText(keyPlaces.map { Self.objectDescription($0.member) }),
                isRequestShape: keyPlaces.contains { $0.role == .request },
                isQueryEncoded: keyPlaces.contains { $0.role == .request && !$0.isInJSON },
                isJSONEncoded: keyPlaces.contains(where: \.isInJSON),
                isResponseShape: keyPlaces.contains { $0.role == .response },
                places: keyPlaces.map { $0.action + "." + $0.nestedName }
            )
        }.sorted { $0.name < $1.name }
    }

    private static func collect(
        _ members: [MemberSpec], role: ShapeKey.Role, parent: ShapeKey?, isInJSON: Bool, action: String, into places: inout [Place]
    ) {
        for member in members {
            let memberIsInJSON = isInJSON || (role == .request && member.style == .json)
            // In responses a list wrapper is the list itself: its items are the objects there.
            if role == .response, let item = SwiftNames.listWrapperItem(member.type) {
                collect([item], role: role, parent: parent, isInJSON: memberIsInJSON, action: action, into: &places)
                continue
            }
            guard let children = SwiftNames.objectMembers(of: member.type), let nestedName = SwiftNames.nestedType(member) else { continue }
            let key = ShapeKey.object(children, role: role)
            places.append(Place(
                key: key, role: role, nestedName: nestedName, member: member, objectMembers: children,
                parent: parent, isInJSON: memberIsInJSON, action: action
            ))
            collect(children, role: role, parent: key, isInJSON: memberIsInJSON, action: action, into: &places)
        }
    }

    /// The members in their most common order, each with the description most places give it.
    private static func representativeMembers(_ places: [Place]) -> [MemberSpec] {
        let orders = places.map { $0.objectMembers.map(\.name) }
        let order = mostCommon(orders.map { $0.joined(separator: "\u{0}") })
        let representative = places[orders.firstIndex { $0.joined(separator: "\u{0}") == order }!]
        return representative.objectMembers.map { member in
            var member = member
            let texts = places.map { place in place.objectMembers.first { $0.name == member.name }?.description }
            member.description = mostCommonText(texts)
            return member
        }
    }

    /// What an object member's type is documented as: its items' description for a list.
    static func objectDescription(_ member: MemberSpec) -> String? {
        if case .array(let items) = member.type.kind, let itemDescription = items.description { return itemDescription }
        return member.description
    }

    /// The most frequent value; on a tie, the one seen first.
    private static func mostCommon(_ values: [String]) -> String {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        var best = values[0]
        for value in values where counts[value]! > counts[best]! { best = value }
        return best
    }

    private static func mostCommonText(_ values: [String?]) -> String? {
        let present = values.compactMap { $0 }
        return present.isEmpty ? nil : mostCommon(present)
    }

    /// Names a top-level type of the module may not take: what the module declares itself, and
    /// types of Swift, Foundation and the runtime that generated code or its users name.
    private static func reservedNames(product: ProductSpec, actions: [ActionSpec]) -> Set<String> {
        var names = SwiftNames.runtimeTypeNames.union(SwiftNames.commonFoundationTypeNames)
        names.formUnion([
            product.swiftModule, product.serverModule, SwiftNames.productType(product), SwiftNames.clientType(product),
            SwiftNames.serviceType(product), SwiftNames.serviceRouterType(product),
        ])
        for action in actions {
            for name in [SwiftNames.requestType(action), SwiftNames.responseType(action), SwiftNames.errorType(action)] {
                if let name { names.insert(name) }
            }
        }
        return names
    }
}
