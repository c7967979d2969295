import Mustache

/// The waiters file of a product (`ECSWaiters.swift`): one client method per waiter.
struct WaitersContext: Sendable {
    var clientTypeName: String
    var waiters: [WaiterContext]
    /// The first waiter's name, for the file's example.
    var exampleMethodName: String
}

/// One waiter method: `waitUntilInstanceRunning(_:timeout:delay:)`.
struct WaiterContext: Sendable {
    var methodName: String
    var requestTypeName: String
    var timeoutSeconds: Int
    var minimumDelaySeconds: Int
    var maximumDelaySeconds: Int
    /// Each matcher as a Swift expression: `.values({ $0.instances.compactMap(\.status) }, all: [.running], state: .success)`.
    var matchers: [String]
    var docLines: [String]
    var availability: String?
}

extension WaitersContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "clientTypeName": clientTypeName
        case "waiters": waiters
        case "exampleMethodName": exampleMethodName
        default: nil
        }
    }
}

extension WaiterContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "methodName": methodName
        case "requestTypeName": requestTypeName
        case "timeoutSeconds": timeoutSeconds
        case "minimumDelaySeconds": minimumDelaySeconds
        case "maximumDelaySeconds": maximumDelaySeconds
        case "matchers": matchers
        case "docLines": docLines
        case "docComment": ContinuationLines.joined(docLines)
        case "availability": availability ?? AbsentValue()
        default: nil
        }
    }
}
