import Mustache
import Testing

@testable import APIGenKit

/// Templates read view models through `MustacheParent.child(named:)`, written out by hand for
/// speed; this checks that every stored property of every view model answers there, with its
/// own value, so that a property added later cannot silently render as nothing.
@Suite struct ViewModelLookupTests {
    @Test func everyPropertyOfEveryViewModelIsReachable() throws {
        var diagnostics = DiagnosticCollector()
        let products = try GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: TestPaths.goldenSpecs, templatesFolder: TestPaths.templates, schemaPath: TestPaths.schema
        )).loadAndValidate(diagnostics: &diagnostics)
        var contexts: [Any] = []
        for product in products {
            let translator = Translator(product: product)
            contexts.append(translator.productContext())
            contexts.append(translator.clientContext())
            contexts.append(translator.paginatorsContext())
            contexts.append(translator.waitersContext())
            contexts += product.actions.map(translator.actionContext)
        }
        var checkedTypes: Set<String> = []
        var missing: [String] = []
        func walk(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .collection {
                mirror.children.forEach { walk($0.value) }
                return
            }
            if mirror.displayStyle == .optional {
                mirror.children.forEach { walk($0.value) }
                return
            }
            guard mirror.displayStyle == .struct, let parent = value as? MustacheParent else { return }
            checkedTypes.insert("\(type(of: value))")
            for child in mirror.children {
                guard let label = child.label else { continue }
                let expected = String(describing: child.value)
                // An optional without a value answers `AbsentValue`, which renders as nil does.
                let answer = parent.child(named: label)
                let actual = answer.map { $0 is AbsentValue ? "nil" : String(describing: $0) } ?? "nil"
                let expectedUnwrapped = Mirror(reflecting: child.value).displayStyle == .optional
                    ? (Mirror(reflecting: child.value).children.first.map { String(describing: $0.value) } ?? "nil")
                    : expected
                if actual != expectedUnwrapped { missing.append("\(type(of: value)).\(label)") }
                walk(child.value)
            }
        }
        contexts.forEach(walk)
        #expect(missing.isEmpty, "not answered by child(named:): \(Set(missing).sorted())")
        #expect(checkedTypes.count >= 14, "\(checkedTypes.sorted())")
    }
}
