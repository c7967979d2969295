/// Checks a product's waiters (`waiters.xml`) against its actions: the polled action exists
/// (a waiter whose action `<generate>` leaves out is checked all the same, and left out of the
/// generated code with it), every path leads to values the matcher can compare, values are
/// values of the field's type, names and delays make sense.
enum WaiterValidator {
    /// `methods`: the client's other method names (actions, paginators), to catch a waiter
    /// method of the same name.
    static func check(_ product: ProductSpec, clientMethods methods: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var names: [String: SourceLocation] = [:]
        for waiter in product.waiters {
            func error(_ message: String, at location: SourceLocation? = nil, hint: String? = nil) {
                diagnostics.append(.error(message, at: location ?? waiter.location, hint: hint))
            }
            if let first = names[waiter.name] {
                error("waiter '\(waiter.name)' is already declared at line \(first.line)", hint: "give each waiter its own name")
            }
            names[waiter.name] = waiter.location
            let method = SwiftNames.waiterMethod(waiter)
            if methods.contains(method) || SwiftNames.reservedClientMembers.contains(method) {
                error("waiter '\(waiter.name)' would become the client method '\(method)', which the client already has", hint: "rename the waiter")
            }
            if waiter.minimumDelay > waiter.maximumDelay {
                error("minDelay (\(waiter.minimumDelay) s) is longer than maxDelay (\(waiter.maximumDelay) s)", hint: "the wait between polls grows from minDelay up to maxDelay")
            }
            if !waiter.matchers.contains(where: { $0.state == .success }) {
                error("waiter '\(waiter.name)' has no <success>, so it can only fail or time out", hint: "add the state it waits for")
            }
            guard let action = product.actions.first(where: { $0.name == waiter.action }) else {
                error("waiter '\(waiter.name)' polls '\(waiter.action)', which is not an action of this product", hint: "name an action of the folder (wire name)")
                continue
            }
            let codes = Set((action.errors + product.commonErrors).map(\.code))
            for matcher in waiter.matchers {
                if let problem = problem(matcher.condition, in: action, documentedCodes: codes) {
                    diagnostics.append(problem.isWarning
                        ? .warning(problem.message, at: matcher.location, hint: problem.hint)
                        : .error(problem.message, at: matcher.location, hint: problem.hint))
                }
            }
        }
        return diagnostics
    }

    private struct Problem {
        var message: String
        var hint: String?
        var isWarning = false
    }

    private static func problem(_ condition: WaiterSpec.Condition, in action: ActionSpec, documentedCodes: Set<String>) -> Problem? {
        switch condition {
        case .errorCode(let code):
            guard documentedCodes.contains(code) else {
                return Problem(
                    message: "'\(action.name)' does not document the error code '\(code)'",
                    hint: "check the spelling (codes are case-sensitive); a code the service sends but does not document still works",
                    isWarning: true)
            }
            return nil
        case .empty(let parts):
            do throws(ResponsePath.Failure) {
                let path = try ResponsePath.resolve(parts, in: action.fields)
                return path.last.isList ? nil : Problem(message: "empty=\"true\" needs a list, and '\(path.text)' is not one")
            } catch {
                return Problem(message: error.message)
            }
        case .all(let parts, let values), .any(let parts, let values):
            do throws(ResponsePath.Failure) {
                let path = try ResponsePath.resolve(parts, in: action.fields)
                let value = path.last.value
                switch value.kind {
                case .object, .array:
                    return Problem(message: "'\(path.text)' holds objects; compare a field of them (e.g. '\(path.text).Status')")
                default:
                    break
                }
                for text in values where !isValue(text, of: value.kind) {
                    return Problem(message: "'\(text)' is not \(value.kindName == "integer" ? "an" : "a") \(value.kindName), the type of '\(path.text)'")
                }
                if !value.enumValues.isEmpty {
                    let documented = Set(value.enumValues.map(\.value))
                    if let unknown = values.first(where: { !documented.contains($0) }) {
                        return Problem(
                            message: "'\(unknown)' is not among the documented values of '\(path.text)' (\(value.enumValues.map(\.value).joined(separator: ", ")))",
                            hint: "values are case-sensitive; an undocumented value the service sends still matches", isWarning: true)
                    }
                }
                return nil
            } catch {
                return Problem(message: error.message)
            }
        }
    }

    private static func isValue(_ text: String, of kind: TypeSpec.Kind) -> Bool {
        switch kind {
        case .integer, .long: Int(text) != nil
        case .float, .double: Double(text) != nil
        case .boolean: text == "true" || text == "false"
        default: true
        }
    }
}
