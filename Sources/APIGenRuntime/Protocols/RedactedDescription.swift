/// A generated value with members that hold secrets (passwords, user data, key material):
/// `description` and `debugDescription` (what `print`, string interpolation and logs show)
/// show `***` in their place.
///
/// Generated types list the members by Swift name; the rest is reflected as usual:
/// `RunInstancesRequest(regionId: "cn-hangzhou", password: ***, …)`.
public protocol RedactedDescription: CustomStringConvertible, CustomDebugStringConvertible {
    /// The stored properties whose values are never shown.
    static var sensitiveMembers: Set<String> { get }
}

extension RedactedDescription {
    public var description: String {
        let mirror = Mirror(reflecting: self)
        let members = mirror.children.map { child -> String in
            let label = child.label ?? "_"
            // A deprecated member is stored as `_name` behind `name`.
            let name = label.hasPrefix("_") ? String(label.dropFirst()) : label
            if Self.sensitiveMembers.contains(name) { return "\(name): \(RPCRedaction.mask)" }
            return "\(name): " + Self.text(of: child.value)
        }
        return "\(Self.self)(" + members.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }

    /// A member's value as `print` would show it, optionals unwrapped.
    private static func text(of value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return "nil" }
            return text(of: wrapped)
        }
        if let string = value as? String { return String(reflecting: string) }
        return String(describing: value)
    }
}
