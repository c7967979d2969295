import Mustache
import Testing

@testable import APIGenKit

/// An optional a view model has no value for answers `AbsentValue`: it must render as nil
/// would, and must not let Mustache find the name in an enclosing context instead.
@Suite struct AbsentValueTests {
    private func property(availability: String?) -> PropertyContext {
        PropertyContext(
            name: "size", argumentLabel: "size", storage: "size", swiftType: "Int?", wrappedType: "Int",
            isOptional: true, defaultArgument: " = nil", docLines: [], availability: availability,
            decodeExpression: "wire.decodeIfPresent(\"Size\")", encodeStatement: "wire.encodeIfPresent(self.size, \"Size\")",
            wireNameLiteral: "\"Size\"",
            dottedWireNameLiteral: "\".Size\"", encodesAsJSON: false, decodeFunction: "decode"
        )
    }

    private let template = """
        {{% CONTENT_TYPE: TEXT}}
        {{#properties}}
        [{{availability}}]{{#availability}}section {{.}}{{/availability}}{{^availability}}inverted{{/availability}}
        {{/properties}}
        """

    @Test func aMissingValueRendersAsNothingAndCountsAsFalse() throws {
        let parent: [String: Any] = ["properties": [property(availability: nil)]]
        #expect(try MustacheTemplate(string: template).render(parent) == "[]inverted\n")
    }

    @Test func aMissingValueIsNotLookedUpInTheEnclosingContext() throws {
        // With nil, Mustache would go on to the parent and print its "availability".
        let parent: [String: Any] = ["availability": "PARENT", "properties": [property(availability: nil)]]
        #expect(try MustacheTemplate(string: template).render(parent) == "[]inverted\n")
    }

    @Test func aPresentValueRendersAsItself() throws {
        let parent: [String: Any] = ["availability": "PARENT", "properties": [property(availability: "@available(*, deprecated)")]]
        #expect(try MustacheTemplate(string: template).render(parent)
            == "[@available(*, deprecated)]section @available(*, deprecated)\n")
    }
}
