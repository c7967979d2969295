import Foundation
import Testing

@testable import APIGenKit

/// `SpecReader`: schema-valid XML → model values, with every piece's place.
@Suite struct SpecReaderTests {
    @Test func readsProduct() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <product name="Ecs" version="2014-05-26" style="RPC" swiftModule="ECS" swiftPrefix="ECS">
              <title>
                Elastic Compute
              </title>
              <endpoints default="ecs.aliyuncs.com">
                <endpoint region="cn-hangzhou" host="ecs.cn-hangzhou.aliyuncs.com"/>
                <endpoint region="us-west-1" host="ecs.us-west-1.aliyuncs.com"/>
              </endpoints>
              <errors>
                <error code="Throttling" httpStatus="400 403  429">
                  <message>Denied.</message>
                </error>
              </errors>
            </product>
            """
        var diagnostics = DiagnosticCollector()
        let root = try #require(try SpecFixture.element(text, path: "S/Ecs/product.xml", diagnostics: &diagnostics))
        #expect(diagnostics.diagnostics.isEmpty)
        var reader = SpecReader()
        let product = reader.product(from: root, folderName: "Ecs")
        #expect(reader.diagnostics.diagnostics.isEmpty)
        #expect(product.name == "Ecs")
        #expect(product.version == "2014-05-26")
        #expect(product.swiftModule == "ECS")
        #expect(product.swiftPrefix == "ECS")
        #expect(product.title == "Elastic Compute")
        #expect(product.description == nil)
        #expect(product.defaultEndpoint == "ecs.aliyuncs.com")
        #expect(product.endpoints.map(\.region) == ["cn-hangzhou", "us-west-1"])
        #expect(product.endpoints.map(\.host) == ["ecs.cn-hangzhou.aliyuncs.com", "ecs.us-west-1.aliyuncs.com"])
        #expect(product.endpoints.map(\.location.description) == ["S/Ecs/product.xml:7:5", "S/Ecs/product.xml:8:5"])
        #expect(product.commonErrors.map(\.code) == ["Throttling"])
        #expect(product.commonErrors.first?.httpStatuses == [400, 403, 429])
        #expect(product.commonErrors.first?.message == "Denied.")
        #expect(product.commonErrors.first?.location.description == "S/Ecs/product.xml:11:5")
        #expect(product.actions.isEmpty)
        #expect(product.folderName == "Ecs")
        #expect(product.location.description == "S/Ecs/product.xml:2:1")
    }

    @Test func readsActionHeaderAndTexts() throws {
        let action = try SpecFixture.action("""
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="Ping" operationType="write" swiftName="PingIt">
              <summary>
                Answers.
              </summary>
              <description>Long text.</description>
              <conditions>
                <condition>First.</condition>
                <condition>
                  Second,
                  over two lines.
                </condition>
              </conditions>
              <deprecated>Use Pong.</deprecated>
              <request/>
              <response>
                <description>All fields.</description>
                <example format="xml"><![CDATA[<R/>]]></example>
                <example format="json">{}</example>
              </response>
            </action>
            """)
        #expect(action.name == "Ping")
        #expect(action.swiftName == "PingIt")
        #expect(action.operationType == .write)
        #expect(action.summary == "Answers.")
        #expect(action.description == "Long text.")
        #expect(action.conditions == ["First.", "Second,\nover two lines."])
        #expect(action.deprecation == Deprecation(message: "Use Pong."))
        #expect(action.parameters.isEmpty)
        #expect(action.responseDescription == "All fields.")
        #expect(action.responseExamples.map(\.format) == [.xml, .json])
        #expect(action.responseExamples.map(\.body) == ["<R/>", "{}"])
        #expect(action.responseExamples.first?.location.description == "P/Ping.xml:18:5")
        #expect(action.errors.isEmpty)
        #expect(action.location.description == "P/Ping.xml:2:1")
    }

    @Test func readsParametersOfEveryType() throws {
        let action = try SpecFixture.action("""
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="Ping" operationType="read">
              <summary>S</summary>
              <request>
                <parameter name="Name" type="string" required="true" minLength="1" maxLength=" 8 " pattern="^a+$" example="aa">
                  <description>The name.</description>
                  <enum><value swiftName="first" description="One">a</value><value>aa</value></enum>
                </parameter>
                <parameter name="Count" type="integer" required="1" minimum="-5" maximum="5"/>
                <parameter name="Big" type="long" default="9223372036854775807"/>
                <parameter name="F" type="float" required="false"/>
                <parameter name="D" type="double" required="0"/>
                <parameter name="B" type="boolean">
                  <deprecated>Gone.</deprecated>
                </parameter>
                <parameter name="Ids" type="array" style="repeatList" minItems="1" maxItems="3">
                  <items type="string" pattern="^i-">
                    <description>An ID.</description>
                  </items>
                </parameter>
                <parameter name="Tag" type="array" style="flat">
                  <items type="object" swiftName="TagItem">
                    <parameter name="Key" type="string"/>
                  </items>
                </parameter>
                <parameter name="Options" type="object" style="json" swiftName="opts">
                  <parameter name="Mode" type="string"/>
                  <parameter name="Inner" type="object">
                    <parameter name="Depth" type="integer"/>
                  </parameter>
                </parameter>
              </request>
              <response/>
            </action>
            """)
        let p = Dictionary(uniqueKeysWithValues: action.parameters.map { ($0.name, $0) })
        #expect(action.parameters.map(\.name) == ["Name", "Count", "Big", "F", "D", "B", "Ids", "Tag", "Options"])

        let name = try #require(p["Name"])
        #expect(name.type.kind == .string)
        #expect(name.isRequired)
        #expect(name.description == "The name.")
        #expect(name.example == "aa")
        #expect(name.type.constraints == Constraints(minLength: 1, maxLength: 8, pattern: "^a+$"))
        #expect(name.type.enumValues.map(\.value) == ["a", "aa"])
        #expect(name.type.enumValues.map(\.swiftName) == ["first", nil])
        #expect(name.type.enumValues.map(\.description) == ["One", nil])
        #expect(name.location.description == "P/Ping.xml:5:5")

        #expect(p["Count"]?.type.kind == .integer)
        #expect(p["Count"]?.isRequired == true)
        #expect(p["Count"]?.type.constraints == Constraints(minimum: "-5", maximum: "5"))
        #expect(p["Big"]?.type.kind == .long)
        #expect(p["Big"]?.defaultValue == "9223372036854775807")
        #expect(p["Big"]?.isRequired == false)
        #expect(p["F"]?.type.kind == .float)
        #expect(p["F"]?.isRequired == false)
        #expect(p["D"]?.type.kind == .double)
        #expect(p["D"]?.isRequired == false)
        #expect(p["B"]?.type.kind == .boolean)
        #expect(p["B"]?.deprecation == Deprecation(message: "Gone."))

        let ids = try #require(p["Ids"])
        #expect(ids.style == .repeatList)
        #expect(ids.type.constraints == Constraints(minItems: 1, maxItems: 3))
        guard case .array(let idItems) = ids.type.kind else {
            Issue.record("Ids should be an array: \(ids.type.kind)")
            return
        }
        #expect(idItems.type.kind == .string)
        #expect(idItems.type.constraints.pattern == "^i-")
        #expect(idItems.description == "An ID.")
        #expect(idItems.swiftName == nil)
        #expect(idItems.location.description == "P/Ping.xml:17:7")

        guard case .array(let tagItems) = p["Tag"]?.type.kind, case .object(let tagMembers) = tagItems.type.kind else {
            Issue.record("Tag should be an array of objects")
            return
        }
        #expect(p["Tag"]?.style == .flat)
        #expect(tagItems.swiftName == "TagItem")
        #expect(tagMembers.map(\.name) == ["Key"])
        #expect(tagMembers.first?.location.description == "P/Ping.xml:23:9")

        let options = try #require(p["Options"])
        #expect(options.style == .json)
        #expect(options.swiftName == "opts")
        guard case .object(let members) = options.type.kind else {
            Issue.record("Options should be an object")
            return
        }
        #expect(members.map(\.name) == ["Mode", "Inner"])
        guard case .object(let inner) = members.last?.type.kind else {
            Issue.record("Inner should be an object")
            return
        }
        #expect(inner.map(\.name) == ["Depth"])
        #expect(inner.first?.type.kind == .integer)
        #expect(inner.first?.location.description == "P/Ping.xml:29:9")
    }

    @Test func readsFieldsAndErrors() throws {
        let action = try SpecFixture.action("""
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="Ping" operationType="read">
              <summary>S</summary>
              <request/>
              <response>
                <field name="RequestId" type="string" required="true" example="R-1"/>
                <field name="Items" type="object">
                  <field name="Item" type="array">
                    <items type="object">
                      <field name="Id" type="long"/>
                    </items>
                  </field>
                </field>
              </response>
              <errors>
                <error code="Invalid.Param" httpStatus="400 403" swiftName="invalid">
                  <message>  Bad.  </message>
                  <description>
                    Really bad.
                  </description>
                </error>
                <error code="Gone" httpStatus="404"><message/></error>
              </errors>
            </action>
            """)
        #expect(action.fields.map(\.name) == ["RequestId", "Items"])
        #expect(action.fields.first?.isRequired == true)
        #expect(action.fields.first?.example == "R-1")
        guard case .object(let items) = action.fields.last?.type.kind,
              case .array(let item) = items.first?.type.kind,
              case .object(let itemMembers) = item.type.kind
        else {
            Issue.record("Items.Item should be an array of objects")
            return
        }
        #expect(itemMembers.map(\.name) == ["Id"])
        #expect(itemMembers.first?.type.kind == .long)
        #expect(itemMembers.first?.location.description == "P/Ping.xml:10:11")

        #expect(action.errors.map(\.code) == ["Invalid.Param", "Gone"])
        #expect(action.errors.map(\.httpStatuses) == [[400, 403], [404]])
        #expect(action.errors.map(\.swiftName) == ["invalid", nil])
        #expect(action.errors.map(\.message) == ["Bad.", ""])
        #expect(action.errors.map(\.description) == ["Really bad.", nil])
        #expect(action.errors.map(\.location.description) == ["P/Ping.xml:16:5", "P/Ping.xml:22:5"])
    }

    @Test func arrayWithoutItemsIsReportedAtTheMember() throws {
        let (_, diagnostics) = try SpecFixture.product(actions: [("Ping.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="Ping" operationType="read">
              <summary>S</summary>
              <request>
                <parameter name="Ids" type="array"/>
              </request>
              <response/>
            </action>
            """)])
        #expect(diagnostics.map(\.brief) == ["P/Ping.xml:5:5: error: 'Ids' is an array but has no <items>"])
    }

    /// The schema accepts any non-negative integer; the model needs one that fits `Int`.
    @Test func lengthThatDoesNotFit64BitsIsReportedAtTheAttribute() throws {
        let (product, diagnostics) = try SpecFixture.product(actions: [("Ping.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="Ping" operationType="read">
              <summary>S</summary>
              <request>
                <parameter name="Name" type="string" maxLength="99999999999999999999"/>
              </request>
              <response/>
            </action>
            """)])
        #expect(diagnostics.map(\.brief) == [
            "P/Ping.xml:5:42: error: 'maxLength' must be a whole number that fits 64 bits, not '99999999999999999999'",
        ])
        #expect(product.actions.first?.parameters.first?.type.constraints.maxLength == nil)
    }

    @Test(arguments: [("", nil), ("idempotent=\"true\"", true), ("idempotent=\"1\"", true), ("idempotent=\"false\"", false), ("idempotent=\"0\"", false)])
    func readsIdempotent(attribute: String, idempotent: Bool?) throws {
        let action = try SpecFixture.action("""
            <action name="Ping" operationType="write" \(attribute)><summary>S</summary><request/><response/></action>
            """)
        #expect(action.idempotent == idempotent)
    }

    /// `required` and `idempotent` are `xs:boolean`s, whose whitespace the schema collapses:
    /// `" true "` passes the schema, so the reader must read it as true too (not silently as false).
    @Test func booleansAreReadAsTheSchemaReadsThem() throws {
        let action = try SpecFixture.action("""
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="Ping" operationType="write" idempotent=" true ">
              <summary>S</summary>
              <request>
                <parameter name="A" type="string" required=" true "/>
                <parameter name="B" type="string" required=" 1"/>
              </request>
              <response/>
            </action>
            """)
        #expect(action.parameters.map(\.isRequired) == [true, true])
        #expect(action.idempotent == true)
    }

    @Test func repositorySpecsReadWithoutDiagnostics() throws {
        var diagnostics = DiagnosticCollector()
        let products = SpecLoader(root: TestPaths.specs, schema: try SpecFixture.schema()).loadProducts(diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.isEmpty)
        #expect(products.map(\.name) == ["Ecs", "Sts"])
        let ecs = try #require(products.first { $0.name == "Ecs" })
        #expect(ecs.actions.count == 358)
        #expect(ecs.actions.map(\.name) == ecs.actions.map(\.name).sorted())
        let seed = try #require(ecs.actions.first { $0.name == "AttachClassicLinkVpc" })
        #expect(seed.parameters.map(\.name) == ["RegionId", "InstanceId", "VpcId"])
        #expect(seed.errors.count == 10)
        #expect(ecs.commonErrors.first?.httpStatuses == [400, 403, 429])
    }
}
