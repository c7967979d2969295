/// `Equatable` and `Hashable` by every stored property, compared at run time through `Mirror`,
/// for generated request, response and nested types.
///
/// Why not the compiler's synthesized conformances: a generated module has hundreds of types
/// (ECS: about 2,000), and synthesized `==` and `hash(into:)` were a third of the machine code
/// the compiler produced for them, paid by every user in every clean build. Two generated values
/// are rarely compared where speed matters (tests, caches keyed by a request), and there this
/// costs microseconds. The semantics are the synthesized ones: two values are equal when every
/// stored property is (optionals, arrays and nested generated types included), and equal values
/// hash alike.
///
/// A type adopting it must hold only `Hashable` stored properties (generated types do).
public protocol MemberwiseHashable: Hashable {}

extension MemberwiseHashable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        let left = Mirror(reflecting: lhs).children
        let right = Mirror(reflecting: rhs).children
        guard left.count == right.count else { return false }
        // Property by property, in declaration order; a missing optional casts to nil on both sides.
        return zip(left, right).allSatisfy { ($0.value as? AnyHashable) == ($1.value as? AnyHashable) }
    }

    public func hash(into hasher: inout Hasher) {
        for child in Mirror(reflecting: self).children {
            hasher.combine(child.value as? AnyHashable)
        }
    }
}
