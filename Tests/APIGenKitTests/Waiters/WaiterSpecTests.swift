import Foundation
import Testing

@testable import APIGenKit

/// `waiters.xml`: read into the product, checked against the polled action (paths, value
/// types, error codes, names, delays), each problem at its element's line.
@Suite struct WaiterSpecTests {
    private let describe = """
        <?xml version="1.0" encoding="UTF-8"?>
        <action name="Describe" operationType="read">
          <summary>Describes.</summary>
          <request/>
          <response>
            <field name="RequestId" type="string" required="true"/>
            <field name="Things" type="object">
              <field name="Thing" type="array">
                <items type="object">
                  <field name="Status" type="string"><enum><value>Up</value><value>Down</value></enum></field>
                  <field name="Ready" type="boolean"/>
                  <field name="Size" type="integer"/>
                </items>
              </field>
            </field>
          </response>
          <errors>
            <error code="Thing.NotFound" httpStatus="404"><message>No such thing.</message></error>
          </errors>
        </action>
        """

    private func waiters(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <waiters product="P">
        \(body)
        </waiters>
        """
    }

    private func folder(_ body: String, extra: [String: String] = [:]) throws -> SpecFolder {
        try SpecFolder(["P/product.xml": SpecFixture.product, "P/Describe.xml": describe, "P/waiters.xml": waiters(body)].merging(extra) { $1 })
    }

    /// `line: severity: message` of every diagnostic of a run over the folder.
    private func problems(_ body: String, extra: [String: String] = [:]) throws -> [String] {
        let folder = try folder(body, extra: extra)
        defer { folder.remove() }
        do {
            let result = try folder.pipeline.generate()
            return result.diagnostics.map { "\($0.location?.line ?? 0): \($0.severity): \($0.message)" }
        } catch {
            return error.diagnostics.map { "\($0.location?.line ?? 0): \($0.severity): \($0.message)" }
        }
    }

    @Test func waitersAreReadInOrderWithTheirMatchers() throws {
        let folder = try folder("""
              <waiter name="ThingUp" action="Describe" minDelay="2" maxDelay="8" timeout="120">
                <description>Waits for "up".</description>
                <success path="Things.Thing.Status" all="Up"/>
                <failure path="Things.Thing.Status" any="Down Gone"/>
                <retry error="Thing.NotFound"/>
                <success path="Things" empty="true"/>
              </waiter>
              <waiter name="ThingReady" action="Describe">
                <success path="Things.Thing.Ready" all="true"/>
              </waiter>
            """)
        defer { folder.remove() }
        var diagnostics = DiagnosticCollector()
        let product = try #require(try folder.pipeline.loadAndValidate(diagnostics: &diagnostics).first)
        #expect(product.waiters.map(\.name) == ["ThingUp", "ThingReady"])
        let up = product.waiters[0]
        #expect(up.action == "Describe" && up.minimumDelay == 2 && up.maximumDelay == 8 && up.timeout == 120)
        #expect(up.description == "Waits for \"up\".")
        #expect(up.matchers.map(\.state) == [.success, .failure, .retry, .success])
        #expect(up.matchers.map(\.condition) == [
            .all(path: ["Things", "Thing", "Status"], values: ["Up"]),
            .any(path: ["Things", "Thing", "Status"], values: ["Down", "Gone"]),
            .errorCode("Thing.NotFound"),
            .empty(path: ["Things"]),
        ])
        #expect(up.matchers[0].location.line == 5)
        let ready = product.waiters[1]
        #expect(ready.minimumDelay == 5 && ready.maximumDelay == 30 && ready.timeout == 600)
        // `Gone` is not a documented status: a warning, since a service may send it anyway.
        #expect(diagnostics.diagnostics.map(\.message) == ["'Gone' is not among the documented values of 'Things.Thing.Status' (Up, Down)"])

        let generated = try folder.pipeline.generate()
        let code = try #require(generated.files.first { $0.relativePath == "P/PWaiters.swift" }).contents
        #expect(code.contains("public func waitUntilThingUp("))
        #expect(code.contains(#".values({ $0.things.compactMap(\.status) }, any: [.down, "Gone"], state: .failure),"#))
        #expect(code.contains(#".errorCode("Thing.NotFound", state: .retry),"#))
        #expect(code.contains(".empty({ $0.things }, state: .success),"))
        #expect(code.contains(#".values({ $0.things.compactMap(\.ready) }, all: [true], state: .success),"#))
        #expect(code.contains("delay: ClosedRange<Duration> = .seconds(2) ... .seconds(8)"))
    }

    @Test func everyMatcherMustFitTheAction() throws {
        do {
            let got = try problems("""
              <waiter name="A" action="Describe">
                <success path="Things.Thing" all="x"/>
                <success path="Things.Thing.Ready" any="maybe"/>
                <success path="Things.Thing.Size" all="ten"/>
                <success path="Things.Thing.Status" empty="true"/>
                <success path="Things.Missing" all="x"/>
                <failure error="Nope"/>
              </waiter>
            """)
            #expect(got == [
                "4: error: 'Things.Thing' holds objects; compare a field of them (e.g. 'Things.Thing.Status')",
                "5: error: 'maybe' is not a boolean, the type of 'Things.Thing.Ready'",
                "6: error: 'ten' is not an integer, the type of 'Things.Thing.Size'",
                "7: error: empty=\"true\" needs a list, and 'Things.Thing.Status' is not one",
                "8: error: 'Things' has no field 'Missing'",
                "9: warning: 'Describe' does not document the error code 'Nope'",
            ], "\(got)")
        }
    }

    @Test func waitersNameAGeneratedActionOnceWithSensibleDelays() throws {
        do {
            let got = try problems("""
              <waiter name="A" action="Gone"><success error="X"/></waiter>
              <waiter name="B" action="Describe" minDelay="9" maxDelay="3"><failure error="Thing.NotFound"/></waiter>
              <waiter name="B" action="Describe"><success error="Thing.NotFound"/></waiter>
              <waiter name="describe" action="Describe"><success error="Thing.NotFound"/></waiter>
            """)
            #expect(got == [
                "3: error: waiter 'A' polls 'Gone', which is not an action of this product",
                "4: error: minDelay (9 s) is longer than maxDelay (3 s)",
                "4: error: waiter 'B' has no <success>, so it can only fail or time out",
                "5: error: waiter 'B' is already declared at line 4",
            ], "\(got)")
        }
        // A selection that leaves the polled action out leaves the waiter out too (it is still
        // checked: a broken one is an error).
        let selected = SpecFixture.product.replacingOccurrences(
            of: "</product>", with: "  <generate><action name=\"Other\"/></generate>\n</product>")
        let other = describe.replacingOccurrences(of: "name=\"Describe\"", with: "name=\"Other\"")
        do {
            let got = try problems(#"<waiter name="A" action="Describe"><success error="Thing.NotFound"/></waiter>"#,
                             extra: ["P/product.xml": selected, "P/Other.xml": other])
            #expect(got.isEmpty, "\(got)")
            let folder = try folder(#"<waiter name="A" action="Describe"><success error="Thing.NotFound"/></waiter>"#,
                                    extra: ["P/product.xml": selected, "P/Other.xml": other])
            defer { folder.remove() }
            let written = try folder.pipeline.generate().files.map(\.relativePath)
            #expect(written.contains { $0.hasSuffix("Other.swift") } && !written.contains { $0.hasSuffix("Waiters.swift") }, "\(written)")
            let broken = try problems(#"<waiter name="A" action="Describe"><success error="X"/></waiter>"#,
                                extra: ["P/product.xml": selected, "P/Other.xml": other])
            #expect(!broken.isEmpty, "\(broken)")
        }
    }

    @Test func aMatcherIsAnErrorCodeOrAPathWithOneTest() throws {
        do {
            let got = try problems("""
              <waiter name="A" action="Describe">
                <success path="Things.Thing.Status" all="Up" any="Down"/>
                <success error="X" path="Things"/>
                <success path="Things"/>
                <success path="Things" empty="false"/>
              </waiter>
            """)
            #expect(got == [
                "3: error: waiter 'A' has no <success>, so it can only fail or time out",
                "4: error: a <success> is either error=\"Code\", or a path with exactly one of all, any or empty",
                "5: error: a <success> is either error=\"Code\", or a path with exactly one of all, any or empty",
                "6: error: a <success> is either error=\"Code\", or a path with exactly one of all, any or empty",
                "7: error: empty=\"false\" tests nothing",
            ], "\(got)")
        }
    }
}
