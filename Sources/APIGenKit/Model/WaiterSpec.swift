/// A product's waiter (`waiters.xml`): an action polled until its response (or error) matches
/// a success or failure state, or time runs out. Alibaba publishes none; they are written by hand.
public struct WaiterSpec: Hashable, Sendable {
    /// What a matcher looks at and when it matches.
    public enum Condition: Hashable, Sendable {
        /// Every value at the path is one of these (and there is at least one).
        case all(path: [String], values: [String])
        /// Some value at the path is one of these.
        case any(path: [String], values: [String])
        /// The list at the path is empty (or missing).
        case empty(path: [String])
        /// The call failed with this error code.
        case errorCode(String)
    }

    public struct Matcher: Hashable, Sendable {
        public enum State: String, Hashable, Sendable {
            case success
            case failure
            case retry
        }

        public var state: State
        public var condition: Condition
        public var location: SourceLocation

        public init(state: State, condition: Condition, location: SourceLocation) {
            self.state = state
            self.condition = condition
            self.location = location
        }
    }

    /// Names the method: `InstanceRunning` → `waitUntilInstanceRunning`.
    public var name: String
    /// The action polled, by wire name.
    public var action: String
    public var description: String?
    /// The first wait between polls, and the longest, in seconds.
    public var minimumDelay: Int
    public var maximumDelay: Int
    /// How long the generated method waits by default, in seconds.
    public var timeout: Int
    /// In order: the first that matches decides.
    public var matchers: [Matcher]
    public var location: SourceLocation

    public init(
        name: String, action: String, description: String?, minimumDelay: Int, maximumDelay: Int, timeout: Int,
        matchers: [Matcher], location: SourceLocation
    ) {
        self.name = name
        self.action = action
        self.description = description
        self.minimumDelay = minimumDelay
        self.maximumDelay = maximumDelay
        self.timeout = timeout
        self.matchers = matchers
        self.location = location
    }
}
