/// Waiters as client methods, thin over the runtime's `RPCClient.wait`: each matcher one line,
/// reading the response through a closure the compiler checks.
extension Translator {
    /// The product's waiters whose action is generated: `<generate>` leaves out the waiters of
    /// the actions it leaves out, as it does their paginators.
    var generatedWaiters: [WaiterSpec] {
        let names = Set(actions.map(\.name))
        return product.waiters.filter { names.contains($0.action) }
    }

    func waitersContext() -> WaitersContext {
        let waiters = generatedWaiters.compactMap(waiterContext)
        return WaitersContext(clientTypeName: SwiftNames.clientType(product), waiters: waiters, exampleMethodName: waiters.first?.methodName ?? "")
    }

    private func waiterContext(_ waiter: WaiterSpec) -> WaiterContext? {
        guard let action = actions.first(where: { $0.name == waiter.action }) else { return nil }
        let responseType = SwiftNames.responseType(action) ?? "_"
        var matchers: [String] = []
        var described: [String] = []
        for matcher in waiter.matchers {
            guard let (expression, text) = matcherExpression(matcher, in: action) else { return nil }
            matchers.append(expression)
            described.append("- \(matcher.state.rawValue): \(text)")
        }
        return WaiterContext(
            methodName: SwiftNaming.escaped(SwiftNames.waiterMethod(waiter)),
            requestTypeName: SwiftNames.requestType(action) ?? "_",
            timeoutSeconds: waiter.timeout,
            minimumDelaySeconds: waiter.minimumDelay,
            maximumDelaySeconds: waiter.maximumDelay,
            matchers: matchers,
            docLines: SwiftText.docLines(SwiftText.paragraphs([
                waiter.description ?? "Waits for `\(waiter.name)`.",
                "Calls `\(action.name)` with `request` until a matcher below decides (the first that matches, in this order), waiting `delay` between calls (from its lower bound, doubling up to its upper bound, jittered); a ``\(responseType)`` nothing matches means: call again.",
                described.joined(separator: "\n"),
                "- Returns: The ``RPCWaiterOutcome``: how many calls it took, and the last response (or the error that meant success).",
                "- Throws: ``RPCWaiterError``: `.failureState` when a failure matcher matched, `.timedOut` after `timeout`, `.error` when a call failed with an error no matcher expects, `.cancelled`.",
            ])),
            availability: availability(action.deprecation)
        )
    }

    /// The matcher's Swift expression and how the documentation says it.
    private func matcherExpression(_ matcher: WaiterSpec.Matcher, in action: ActionSpec) -> (String, String)? {
        let state = ".\(matcher.state.rawValue)"
        switch matcher.condition {
        case .errorCode(let code):
            return (".errorCode(\(SwiftText.literal(code)), state: \(state))", "the call fails with `\(code)`")
        case .empty(let parts):
            guard let path = responsePath(parts, in: action) else { return nil }
            return (".empty({ \(Self.valuesExpression(path)) }, state: \(state))", "`\(path.text)` is empty")
        case .all(let parts, let values), .any(let parts, let values):
            guard let path = responsePath(parts, in: action) else { return nil }
            let isAll = if case .all = matcher.condition { true } else { false }
            let literals = values.map { Self.literal($0, of: path.last.value) }.joined(separator: ", ")
            let listed = values.map { "`\($0)`" }.joined(separator: " or ")
            return (
                ".values({ \(Self.valuesExpression(path)) }, \(isAll ? "all" : "any"): [\(literals)], state: \(state))",
                isAll ? "every `\(path.text)` is \(listed)" : "some `\(path.text)` is \(listed)"
            )
        }
    }

    /// The values at `path` as an array, from the response `$0`: lists are flattened, missing
    /// values left out (`$0.instances.compactMap(\.status)`).
    static func valuesExpression(_ path: ResponsePath) -> String {
        enum Form {
            case value(isOptional: Bool)
            case list
        }
        var expression = "$0"
        var form = Form.value(isOptional: false)
        for step in path.steps {
            let name = step.property
            switch form {
            case .value(let isOptional):
                let access = expression + (isOptional ? "?." : ".") + name
                if step.isList {
                    expression = isOptional || step.isOptional ? "(\(access) ?? [])" : access
                    form = .list
                } else {
                    expression = access
                    form = .value(isOptional: isOptional || step.isOptional)
                }
            case .list:
                if step.isList {
                    expression += step.isOptional ? ".flatMap { $0.\(name) ?? [] }" : ".flatMap(\\.\(name))"
                } else {
                    expression += step.isOptional ? ".compactMap(\\.\(name))" : ".map(\\.\(name))"
                }
            }
        }
        switch form {
        case .list:
            // `($0.page?.items ?? [])` alone needs no parentheses.
            if expression.hasPrefix("("), expression.hasSuffix(")"), !expression.dropFirst().contains("(") { return String(expression.dropFirst().dropLast()) }
            return expression
        case .value(isOptional: true): return expression + ".map { [$0] } ?? []"
        case .value(isOptional: false): return "[" + expression + "]"
        }
    }

    /// A value in Swift: `.running` for a documented value of an enumeration, else a literal.
    private static func literal(_ value: String, of type: TypeSpec) -> String {
        switch type.kind {
        case .integer, .long, .float, .double, .boolean:
            return value
        default:
            if let documented = type.enumValues.first(where: { $0.value == value }), let name = SwiftNames.enumCase(documented) {
                return "." + SwiftNaming.escaped(name)
            }
            return SwiftText.literal(value)
        }
    }
}
