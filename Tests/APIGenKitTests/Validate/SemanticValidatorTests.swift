import Foundation
import Testing

@testable import APIGenKit

/// `SemanticValidator`: what the schema cannot check. Each spec here passes the schema; each
/// problem is reported at the element it is about (`P/<file>:line:column`).
@Suite struct SemanticValidatorTests {
    /// An action `Ping` in `P/Ping.xml` whose `<request>` holds `request` (first line: 5).
    private func request(_ request: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <action name="Ping" operationType="read">
          <summary>S</summary>
          <request>
        \(request)
          </request>
          <response/>
        </action>
        """
    }

    /// An action `Ping` whose `<response>` holds `response` (first line: 6).
    private func response(_ response: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <action name="Ping" operationType="read">
          <summary>S</summary>
          <request/>
          <response>
        \(response)
          </response>
        </action>
        """
    }

    /// An action `Ping` whose `<errors>` holds `errors` (first line: 7).
    private func errors(_ errors: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <action name="Ping" operationType="read">
          <summary>S</summary>
          <request/>
          <response/>
          <errors>
        \(errors)
          </errors>
        </action>
        """
    }

    private func check(_ text: String) throws -> [String] {
        try SpecFixture.semanticDiagnostics(action: text)
    }

    // MARK: Clean input

    @Test func cleanActionHasNoDiagnostics() throws {
        #expect(try check(request("""
                <parameter name="RegionId" type="string" required="true"/>
                <parameter name="Filter.1.Key" type="string" pattern="^[a-z]+$" minLength="1" maxLength="3"/>
                <parameter name="Count" type="integer" minimum="1" maximum="1" default="1"/>
                <parameter name="Ids" type="array" style="repeatList" minItems="0" maxItems="5"><items type="string"/></parameter>
                <parameter name="Tag" type="array" style="flat"><items type="object"><parameter name="Key" type="string"/></items></parameter>
                <parameter name="Config" type="object" style="json"><parameter name="Name" type="string"/></parameter>
                <parameter name="Flag" type="boolean" example="false"/>
            """)) == [])
    }

    @Test func repositorySpecsHaveNoSemanticDiagnostics() throws {
        var diagnostics = DiagnosticCollector()
        let products = SpecLoader(root: TestPaths.specs, schema: try SpecFixture.schema()).loadProducts(diagnostics: &diagnostics)
        var validator = SemanticValidator()
        validator.validate(products)
        #expect(diagnostics.diagnostics.isEmpty)
        #expect(validator.diagnostics.diagnostics.isEmpty)
    }

    // MARK: Duplicates

    @Test func duplicateParameter() throws {
        #expect(try check(request("""
                <parameter name="RegionId" type="string"/>
                <parameter name="RegionId" type="string"/>
            """)) == ["P/Ping.xml:6:5: error: parameter 'RegionId' is already defined at line 5"])
    }

    @Test func duplicateFieldInNestedObject() throws {
        #expect(try check(response("""
                <field name="Instance" type="object">
                  <field name="Id" type="string"/>
                  <field name="Id" type="long"/>
                </field>
            """)) == ["P/Ping.xml:8:7: error: field 'Id' is already defined at line 7"])
    }

    @Test func duplicateMemberInArrayItemObject() throws {
        #expect(try check(request("""
                <parameter name="Tag" type="array">
                  <items type="object">
                    <parameter name="Key" type="string"/>
                    <parameter name="Key" type="string"/>
                  </items>
                </parameter>
            """)) == ["P/Ping.xml:8:9: error: parameter 'Key' is already defined at line 7"])
    }

    @Test func duplicateErrorCode() throws {
        #expect(try check(errors("""
                <error code="Throttling" httpStatus="400"><message>m</message></error>
                <error code="Throttling" httpStatus="429"><message>m</message></error>
            """)) == ["P/Ping.xml:8:5: error: error code 'Throttling' is already listed at line 7"])
    }

    @Test func httpStatusListedTwice() throws {
        #expect(try check(errors("""
                <error code="Throttling" httpStatus="400 429 400"><message>m</message></error>
            """)) == ["P/Ping.xml:7:5: error: error code 'Throttling' lists an HTTP status twice"])
    }

    @Test func duplicateAllowedValue() throws {
        #expect(try check(request("""
                <parameter name="Mode" type="string">
                  <enum><value>a</value><value>b</value><value>a</value></enum>
                </parameter>
            """)) == ["P/Ping.xml:6:45: error: allowed value 'a' of 'Mode' is listed twice"])
    }

    @Test func duplicateActionAcrossFiles() throws {
        let ping = request("    <parameter name=\"A\" type=\"string\"/>")
        let diagnostics = try SpecFixture.semanticDiagnostics(actions: [("Ping.xml", ping), ("Ping2.xml", ping)])
        #expect(diagnostics == ["P/Ping2.xml:2:1: error: action 'Ping' is already defined in P/Ping.xml"])
    }

    @Test func duplicateRegion() throws {
        let product = """
            <?xml version="1.0" encoding="UTF-8"?>
            <product name="P" version="2020-01-01" style="RPC" swiftModule="PKit" swiftPrefix="P">
              <title>P</title>
              <endpoints default="p.example.com">
                <endpoint region="cn-hangzhou" host="a.example.com"/>
                <endpoint region="cn-hangzhou" host="b.example.com"/>
              </endpoints>
            </product>
            """
        #expect(try SpecFixture.semanticDiagnostics(product, actions: []) == [
            "P/product.xml:6:5: error: region 'cn-hangzhou' is listed twice (first at line 5)",
        ])
    }

    // MARK: Swift names

    @Test func twoWireNamesOneSwiftName() throws {
        #expect(try check(request("""
                <parameter name="Filter.Key" type="string"/>
                <parameter name="FilterKey" type="string"/>
            """)) == ["P/Ping.xml:6:5: error: parameters 'Filter.Key' and 'FilterKey' both become the Swift name 'filterKey'"])
    }

    @Test func swiftNameOverrideResolvesACollision() throws {
        #expect(try check(request("""
                <parameter name="Filter.Key" type="string"/>
                <parameter name="FilterKey" type="string" swiftName="plainFilterKey"/>
            """)) == [])
    }

    @Test func swiftNameOverrideCanCauseACollision() throws {
        #expect(try check(response("""
                <field name="RequestId" type="string"/>
                <field name="Id" type="string" swiftName="requestId"/>
            """)) == ["P/Ping.xml:7:5: error: fields 'RequestId' and 'Id' both become the Swift name 'requestId'"])
    }

    @Test func twoErrorCodesOneSwiftCase() throws {
        #expect(try check(errors("""
                <error code="Invalid.Param" httpStatus="400"><message>m</message></error>
                <error code="Invalid-Param" httpStatus="400"><message>m</message></error>
            """)) == ["P/Ping.xml:8:5: error: error codes 'Invalid.Param' (P/Ping.xml:7) and 'Invalid-Param' both become the member 'invalidParam'"])
    }

    /// Every code of a product is one member for all its actions: codes of different actions
    /// may not share a name, and a code has one name wherever it is listed.
    @Test func errorCodesAreNamedProductWide() throws {
        let first = """
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="A" operationType="read">
              <summary>S</summary>
              <request/>
              <response/>
              <errors>
                <error code="Invalid.Param" httpStatus="400"><message>m</message></error>
                <error code="Quota" httpStatus="400" swiftName="quotaLimit"><message>m</message></error>
              </errors>
            </action>
            """
        let second = """
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="B" operationType="read">
              <summary>S</summary>
              <request/>
              <response/>
              <errors>
                <error code="InvalidParam" httpStatus="400"><message>m</message></error>
                <error code="Quota" httpStatus="400"><message>m</message></error>
              </errors>
            </action>
            """
        let diagnostics = try SpecFixture.semanticDiagnostics(actions: [("A.xml", first), ("B.xml", second)])
        #expect(diagnostics == [
            "P/B.xml:7:5: error: error codes 'Invalid.Param' (P/A.xml:7) and 'InvalidParam' both become the member 'invalidParam'",
            "P/B.xml:8:5: error: error code 'Quota' becomes 'quota' here but 'quotaLimit' in P/A.xml:8",
        ])
    }

    /// Codes that differ only in case are different codes, and stay different cases.
    @Test func errorCodesDifferingInCaseAreDistinct() throws {
        #expect(try check(errors("""
                <error code="InvalidRegionId.Malformed" httpStatus="400"><message>m</message></error>
                <error code="InvalidRegionId.MalFormed" httpStatus="400"><message>m</message></error>
            """)) == [])
    }

    @Test func noSwiftNameDerivable() throws {
        #expect(try check(request("""
                <parameter name="名称" type="string"/>
                <parameter name="名称2" type="string"/>
            """)) == ["P/Ping.xml:5:5: error: cannot derive a Swift name from parameter '名称'"])
    }

    @Test func noSwiftNameDerivableForErrorCode() throws {
        #expect(try check(errors("""
                <error code="配额.超限" httpStatus="403"><message>m</message></error>
                <error code="配额.不足" httpStatus="403" swiftName="quotaLow"><message>m</message></error>
            """)) == ["P/Ping.xml:7:5: error: cannot derive a Swift name from error code '配额.超限'"])
    }

    @Test func noSwiftTypeNameDerivableForObject() throws {
        #expect(try check(response("""
                <field name="名称" type="object">
                  <field name="Id" type="string"/>
                </field>
            """)) == [
            "P/Ping.xml:6:5: error: cannot derive a Swift name from field '名称'",
            "P/Ping.xml:6:5: error: cannot derive a Swift type name from '名称'",
        ])
    }

    @Test func swiftNameMakesNonASCIINamesUsable() throws {
        #expect(try check(request("""
                <parameter name="选项" type="object" swiftName="options">
                  <parameter name="Mode" type="string"/>
                </parameter>
                <parameter name="列表" type="array" swiftName="list">
                  <items type="object"><parameter name="Id" type="string"/></items>
                </parameter>
            """)) == [])
    }

    @Test func reservedParameterNames() throws {
        #expect(try check(request("""
                <parameter name="Validate" type="string"/>
                <parameter name="Action" type="string"/>
                <parameter name="Options" type="object">
                  <parameter name="Validate" type="string"/>
                  <parameter name="Action" type="string"/>
                </parameter>
            """)) == [
            "P/Ping.xml:5:5: error: parameter 'Validate' would become 'validate', which the generated type already declares",
            "P/Ping.xml:6:5: error: parameter 'Action' would become 'action', which the generated type already declares",
            "P/Ping.xml:8:7: error: parameter 'Validate' would become 'validate', which the generated type already declares",
        ])
    }

    /// The request's reserved names are members of the request type only; fields may use them.
    @Test func reservedRequestNamesAreFineInTheResponse() throws {
        #expect(try check(response("""
                <field name="Validate" type="string"/>
                <field name="Action" type="string"/>
            """)) == [])
    }

    @Test func reservedErrorCodes() throws {
        #expect(try check(errors("""
                <error code="Payload" httpStatus="500"><message>m</message></error>
                <error code="Code" httpStatus="500"><message>m</message></error>
                <error code="Unknown" httpStatus="500"><message>m</message></error>
            """)) == [
            "P/Ping.xml:7:5: error: error code 'Payload' would become the member 'payload', which the error type already declares",
            "P/Ping.xml:8:5: error: error code 'Code' would become the member 'code', which the error type already declares",
        ])
    }

    @Test func productCommonErrorsAreCheckedToo() throws {
        let product = """
            <?xml version="1.0" encoding="UTF-8"?>
            <product name="P" version="2020-01-01" style="RPC" swiftModule="PKit" swiftPrefix="P">
              <title>P</title>
              <endpoints default="p.example.com"/>
              <errors>
                <error code="Throttling.User" httpStatus="400"><message>m</message></error>
                <error code="ThrottlingUser" httpStatus="400"><message>m</message></error>
                <error code="Description" httpStatus="400"><message>m</message></error>
              </errors>
            </product>
            """
        #expect(try SpecFixture.semanticDiagnostics(product, actions: []) == [
            "P/product.xml:7:5: error: error codes 'Throttling.User' (P/product.xml:6) and 'ThrottlingUser' both become the member 'throttlingUser'",
            "P/product.xml:8:5: error: error code 'Description' would become the member 'description', which the error type already declares",
        ])
    }

    @Test func nestedTypeThatWouldShadow() throws {
        #expect(try check(response("""
                <field name="String" type="object">
                  <field name="Value" type="string"/>
                </field>
                <field name="Data" type="array">
                  <items type="object" swiftName="Error"><field name="Id" type="string"/></items>
                </field>
            """)) == [
            "P/Ping.xml:6:5: error: 'String' would declare the nested type 'String', which would hide a type the generated code uses",
            "P/Ping.xml:9:5: error: 'Data' would declare the nested type 'Error', which would hide a type the generated code uses",
        ])
    }

    @Test func nestedTypeNamedLikeItsEnclosingType() throws {
        #expect(try check(request("""
                <parameter name="Outer" type="object">
                  <parameter name="Outer" type="object">
                    <parameter name="X" type="string"/>
                  </parameter>
                </parameter>
            """)) == [
            "P/Ping.xml:6:7: error: 'Outer' would declare the nested type 'Outer', which would hide a type the generated code uses",
        ])
    }

    @Test func twoMembersDeclaringOneNestedType() throws {
        #expect(try check(response("""
                <field name="Tag" type="object"><field name="K" type="string"/></field>
                <field name="Tags" type="array">
                  <items type="object" swiftName="Tag"><field name="K" type="string"/></items>
                </field>
            """)) == ["P/Ping.xml:7:5: error: 'Tag' and 'Tags' both declare the nested type 'Tag'"])
    }

    private func bareAction(_ name: String, swiftName: String? = nil) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <action name="\(name)" operationType="read"\(swiftName.map { " swiftName=\"\($0)\"" } ?? "")>
          <summary>S</summary>
          <request/>
          <response/>
        </action>
        """
    }

    @Test func twoActionsOneClientMethod() throws {
        // Types XFooRequest and xFooRequest differ; the methods do not.
        let diagnostics = try SpecFixture.semanticDiagnostics(actions: [
            ("XFoo.xml", bareAction("XFoo")),
            ("YFoo.xml", bareAction("YFoo", swiftName: "xFoo")),
        ])
        #expect(diagnostics == ["P/YFoo.xml:2:1: error: actions 'XFoo' and 'YFoo' both become the client method 'xFoo'"])
    }

    @Test func clientMethodTakenByTheClient() throws {
        #expect(try SpecFixture.semanticDiagnostics(actions: [("Client.xml", bareAction("Client"))]) == [
            "P/Client.xml:2:1: error: action 'Client' would become the client method 'client', which the client already declares",
        ])
    }

    @Test func twoActionsOneSwiftType() throws {
        let diagnostics = try SpecFixture.semanticDiagnostics(actions: [
            ("Describe-Instances.xml", bareAction("Describe-Instances")),
            ("DescribeInstances.xml", bareAction("DescribeInstances")),
        ])
        #expect(diagnostics == [
            "P/DescribeInstances.xml:2:1: error: Swift type 'DescribeInstancesError' of action 'DescribeInstances' is also generated for action 'Describe-Instances'",
            "P/DescribeInstances.xml:2:1: error: Swift type 'DescribeInstancesRequest' of action 'DescribeInstances' is also generated for action 'Describe-Instances'",
            "P/DescribeInstances.xml:2:1: error: Swift type 'DescribeInstancesResponse' of action 'DescribeInstances' is also generated for action 'Describe-Instances'",
            "P/DescribeInstances.xml:2:1: error: actions 'Describe-Instances' and 'DescribeInstances' both become the client method 'describeInstances'",
        ])
    }

    @Test func noSwiftNameDerivableForAction() throws {
        #expect(try SpecFixture.semanticDiagnostics(actions: [("名称.xml", bareAction("名称"))]) == [
            "P/名称.xml:2:1: error: cannot derive a Swift name from action '名称'",
        ])
    }

    /// Generated code names the runtime's protocols unqualified (`struct XRequest: RPCRequest`),
    /// so an action whose types would take one of those names cannot compile.
    @Test(arguments: [
        ("RPC", "RPCRequest"),
        ("Service", "ServiceError"),
        ("RequestValidation", "RequestValidationError"),
    ])
    func actionTypeNameThatWouldShadowARuntimeType(action: String, typeName: String) throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="\(action)" operationType="read">
              <summary>S</summary>
              <request/>
              <response/>
            </action>
            """
        let diagnostics = try SpecFixture.semanticDiagnostics(actions: [("\(action).xml", text)])
        #expect(diagnostics.contains { $0.hasPrefix("P/\(action).xml:2:1: error: ") && $0.contains("'\(typeName)'") }, "\(diagnostics)")
    }

    @Test func productPrefixThatWouldShadowARuntimeType() throws {
        let product = """
            <?xml version="1.0" encoding="UTF-8"?>
            <product name="P" version="2020-01-01" style="RPC" swiftModule="PKit" swiftPrefix="RPC">
              <title>P</title>
              <endpoints default="p.example.com"/>
            </product>
            """
        let diagnostics = try SpecFixture.semanticDiagnostics(product, actions: [])
        #expect(diagnostics.contains { $0.hasPrefix("P/product.xml:2:1: error: ") && $0.contains("'RPCProduct'") }, "\(diagnostics)")
    }

    // MARK: Values and constraints

    @Test func requiredParameterWithDefault() throws {
        #expect(try check(request("""
                <parameter name="PageSize" type="integer" required="true" default="10"/>
            """)) == ["P/Ping.xml:5:5: error: required parameter 'PageSize' has a default"])
    }

    @Test func styleThatDoesNotFitTheType() throws {
        #expect(try check(request("""
                <parameter name="A" type="string" style="repeatList"/>
                <parameter name="B" type="object" style="repeatList"><parameter name="X" type="string"/></parameter>
                <parameter name="C" type="integer" style="flat"/>
                <parameter name="D" type="array" style="json"><items type="string"/></parameter>
                <parameter name="E" type="boolean" style="json"/>
            """)) == [
            "P/Ping.xml:5:5: error: style 'repeatList' does not fit a parameter of type string",
            "P/Ping.xml:6:5: error: style 'repeatList' does not fit a parameter of type object",
            "P/Ping.xml:7:5: error: style 'flat' does not fit a parameter of type integer",
        ])
    }

    @Test func minimumAboveMaximum() throws {
        let diagnostics = try check(request("""
                <parameter name="Count" type="integer" minimum="10" maximum="1"/>
                <parameter name="Name" type="string" minLength="5" maxLength="2"/>
                <parameter name="Ids" type="array" minItems="3" maxItems="1"><items type="string"/></parameter>
            """))
        #expect(diagnostics.count == 3)
        #expect(diagnostics.first?.hasPrefix("P/Ping.xml:5:5: error: minimum 10") == true)
        #expect(diagnostics.first?.contains("of 'Count' is above its maximum 1") == true)
        #expect(diagnostics.dropFirst().first == "P/Ping.xml:6:5: error: minLength 5 of 'Name' is above its maxLength 2")
        #expect(diagnostics.last == "P/Ping.xml:7:5: error: minItems 3 of 'Ids' is above its maxItems 1")
    }

    /// Bounds are kept as text so that 64-bit limits survive exactly; comparing them must be
    /// exact too (2^53 + 1 and 2^53 are the same `Double`).
    @Test func minimumAboveMaximumBeyondDoublePrecision() throws {
        let diagnostics = try check(request("""
                <parameter name="Big" type="long" minimum="9007199254740993" maximum="9007199254740992"/>
            """))
        try #require(diagnostics.count == 1, "2^53 + 1 > 2^53 should be reported: \(diagnostics)")
        #expect(diagnostics.first?.hasPrefix("P/Ping.xml:5:5: error: minimum 9007199254740993") == true, "\(diagnostics)")
        #expect(diagnostics.first?.contains("of 'Big' is above its maximum") == true)
    }

    @Test func equalBoundsAreFine() throws {
        #expect(try check(request("""
                <parameter name="Big" type="long" minimum="9223372036854775807" maximum="9223372036854775807"/>
                <parameter name="Ratio" type="double" minimum="0.5" maximum="0.5"/>
            """)) == [])
    }

    @Test func constraintsOnTheWrongType() throws {
        let diagnostics = try check(request("""
                <parameter name="Count" type="integer" minLength="1"/>
                <parameter name="Name" type="string" minimum="1"/>
                <parameter name="Flag" type="boolean" minItems="1"/>
                <parameter name="Ids" type="array" pattern="^a$"><items type="string"/></parameter>
            """))
        try #require(diagnostics.count == 4, "\(diagnostics)")
        #expect(diagnostics[0].hasPrefix("P/Ping.xml:5:5: error: minLength, maxLength and pattern on 'Count' ("))
        #expect(diagnostics[0].hasSuffix("integer) apply only to strings"))
        #expect(diagnostics[1] == "P/Ping.xml:6:5: error: minimum and maximum on 'Name' (a string) apply only to numbers")
        #expect(diagnostics[2] == "P/Ping.xml:7:5: error: minItems and maxItems on 'Flag' (a boolean) apply only to arrays")
        #expect(diagnostics[3].hasPrefix("P/Ping.xml:8:5: error: minLength, maxLength and pattern on 'Ids' ("))
        #expect(diagnostics[3].hasSuffix("array) apply only to strings"))
    }

    @Test func constraintOnArrayItemsIsReportedAtTheItems() throws {
        #expect(try check(request("""
                <parameter name="Ids" type="array">
                  <items type="integer" maxLength="3"/>
                </parameter>
            """)).map { String($0.prefix(while: { $0 != " " })) } == ["P/Ping.xml:6:7:"])
    }

    @Test func invalidPattern() throws {
        #expect(try check(request("""
                <parameter name="Name" type="string" pattern="[a-"/>
            """)) == ["P/Ping.xml:5:5: error: pattern of 'Name' is not a valid regular expression: [a-"])
    }

    /// The runtime checks a pattern as `\A(?:pattern)\z` and skips patterns that do not compile
    /// that way, so the generator must reject them: `\Q…` (quote to the end) compiles alone
    /// but swallows the closing `)` of the wrapper.
    @Test func patternThatDoesNotCompileTheWayTheRuntimeUsesIt() throws {
        let diagnostics = try check(request("""
                <parameter name="Name" type="string" pattern="\\Qa.b"/>
            """))
        try #require(diagnostics.count == 1, "should be rejected: \(diagnostics)")
        #expect(diagnostics.first?.hasPrefix("P/Ping.xml:5:5: error: pattern of 'Name' is not a valid regular expression") == true, "\(diagnostics)")
    }

    @Test func defaultAndExampleNotValidForTheType() throws {
        #expect(try check(request("""
                <parameter name="Count" type="integer" default="abc"/>
                <parameter name="Small" type="integer" default="2147483648"/>
                <parameter name="Big" type="long" example="1.5"/>
                <parameter name="Flag" type="boolean" default="yes"/>
                <parameter name="Ratio" type="double" example="half"/>
                <parameter name="Fine" type="long" default="-9223372036854775808" example="7"/>
            """)) == [
            "P/Ping.xml:5:5: error: default 'abc' of 'Count' is not a valid integer",
            "P/Ping.xml:6:5: error: default '2147483648' of 'Small' is not a valid integer",
            "P/Ping.xml:7:5: error: example '1.5' of 'Big' is not a valid long",
            "P/Ping.xml:8:5: error: default 'yes' of 'Flag' is not a valid boolean",
            "P/Ping.xml:9:5: error: example 'half' of 'Ratio' is not a valid double",
        ])
    }

    @Test func boundNotValidForTheType() throws {
        #expect(try check(request("""
                <parameter name="Count" type="integer" minimum="0.5" maximum="4294967296"/>
            """)) == [
            "P/Ping.xml:5:5: error: maximum '4294967296' of 'Count' is not a valid integer",
            "P/Ping.xml:5:5: error: minimum '0.5' of 'Count' is not a valid integer",
        ])
    }

    @Test func allowedValuesOnNumbersMustBeNumbers() throws {
        #expect(try check(request("""
                <parameter name="Count" type="integer">
                  <enum><value>1</value><value>2</value></enum>
                </parameter>
            """)).isEmpty)
        #expect(try check(request("""
                <parameter name="Count" type="integer">
                  <enum><value>1</value><value>two</value></enum>
                </parameter>
            """)) == ["P/Ping.xml:6:29: error: allowed value 'two' of 'Count' is not a valid integer"])
    }

    @Test func allowedValuesOnABoolean() throws {
        let diagnostics = try check(request("""
                <parameter name="Flag" type="boolean">
                  <enum><value>true</value></enum>
                </parameter>
            """))
        #expect(diagnostics == ["P/Ping.xml:6:13: error: allowed values fit strings and numbers only; 'Flag' is a boolean"])
    }

    @Test func allowedValuesThatCollideOrNameNothing() throws {
        #expect(try check(request("""
                <parameter name="Mode" type="string">
                  <enum><value>cloud_essd</value><value>CloudEssd</value><value>云盘</value><value>rawValue</value></enum>
                </parameter>
            """)) == [
            "P/Ping.xml:6:38: error: allowed values 'cloud_essd' and 'CloudEssd' of 'Mode' both become 'cloudEssd'",
            "P/Ping.xml:6:62: error: cannot derive a Swift name from the allowed value '云盘' of 'Mode'",
            "P/Ping.xml:6:79: error: allowed value 'rawValue' of 'Mode' would become 'rawValue', which the type already declares",
        ])
    }

    // MARK: Files and modules

    @Test func actionFileNamedDifferentlyIsAWarning() throws {
        let diagnostics = try SpecFixture.semanticDiagnostics(actions: [("Pong.xml", request("    <parameter name=\"A\" type=\"string\"/>"))])
        #expect(diagnostics == ["P/Pong.xml:2:1: warning: action 'Ping' is in a file not named Ping.xml"])
    }

    @Test func twoProductsOneSwiftModule() throws {
        let (first, _) = try SpecFixture.product(actions: [])
        var second = first
        second.name = "Q"
        second.location = APIGenKit.SourceLocation(file: "Q/product.xml", line: 2, column: 1)
        var validator = SemanticValidator()
        validator.validate([first, second])
        #expect(validator.diagnostics.sorted.map(\.brief) == [
            "Q/product.xml:2:1: error: Swift module 'PKit' is already generated from P/product.xml",
        ])
    }

    /// Everything wrong in a file is reported, not only the first problem.
    @Test func allProblemsOfAnActionAreReported() throws {
        let diagnostics = try check(request("""
                <parameter name="A" type="string" style="flat"/>
                <parameter name="A" type="string"/>
                <parameter name="Validate" type="integer" default="x"/>
            """))
        #expect(diagnostics == [
            "P/Ping.xml:5:5: error: style 'flat' does not fit a parameter of type string",
            "P/Ping.xml:6:5: error: parameter 'A' is already defined at line 5",
            "P/Ping.xml:7:5: error: default 'x' of 'Validate' is not a valid integer",
            "P/Ping.xml:7:5: error: parameter 'Validate' would become 'validate', which the generated type already declares",
        ])
    }
}
