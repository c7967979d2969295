import APIGenRuntime

/// The parameters of an incoming RPC request (URL query and form body together), indexed for
/// the lookups generated request decoders make: one value by its full name (`Tag.1.Key`), and
/// which names sit under a prefix, so that a list (`Tag.1`, `Tag.2`, …) or a nested object
/// (`SystemDisk.Size`) is found whichever of the three parameter styles built it.
public struct RPCParameters: Sendable {
    /// The parameters in the order they arrived.
    public let items: [QueryItem]
    private let values: [String: String]
    /// Prefix (at a dot) → the segments that follow it: `Tag.1.Key` gives `Tag` → `1` and
    /// `Tag.1` → `Key`.
    private let children: [String: Set<String>]

    /// Indexes `items`. When a name repeats, the first value counts, as in Alibaba Cloud's
    /// gateways.
    public init(_ items: [QueryItem]) {
        self.items = items
        var values: [String: String] = [:]
        var children: [String: Set<String>] = [:]
        values.reserveCapacity(items.count)
        for item in items {
            if values[item.name] == nil { values[item.name] = item.value }
            var name = Substring(item.name)
            while let dot = name.lastIndex(of: ".") {
                let parent = String(name[..<dot])
                children[parent, default: []].insert(String(name[name.index(after: dot)...]))
                name = name[..<dot]
            }
        }
        self.values = values
        self.children = children
    }

    /// The value of the parameter named `name`, as it arrived (percent-decoded).
    public subscript(name: String) -> String? {
        values[name]
    }

    /// Whether there is a parameter named `key` or any parameter under `key.`.
    public func containsValues(under key: String) -> Bool {
        values[key] != nil || children[key] != nil
    }

    /// The segments that follow `key.` in parameter names (`Tag` → `1`, `2`).
    public func childSegments(of key: String) -> Set<String> {
        children[key] ?? []
    }

    /// The `Action` parameter.
    public var action: String? { self["Action"] }

    /// The `Version` parameter.
    public var version: String? { self["Version"] }
}
