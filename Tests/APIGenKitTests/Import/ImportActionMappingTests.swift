import Foundation
import Testing

@testable import APIGenKit

/// Action files: operation type, texts, deprecation; parameters with types, formats, nesting,
/// styles, enums, constraints, examples and defaults.
@Suite struct ImportActionMappingTests {
    // MARK: Action

    @Test(arguments: [(#""operationType": "read""#, "read"), (#""operationType": "write""#, "write"),
                      (#""operationType": "readAndWrite""#, "write"), ("\"title\": \"x\"", "write")])
    func operationTypeIsReadOnlyForRead(members: String, expected: String) throws {
        let result = try ImportFixture.action(#""summary": "s", "#  + members)
        #expect(try result.action().operationType.rawValue == expected)
        #expect(try result.file("Ping.xml").contains(#"name="Ping" operationType="\#(expected)">"#))
    }

    @Test func summaryFallsBackToTitleThenDescriptionThenName() throws {
        #expect(try ImportFixture.action(#""summary": "  Pings.\n", "title": "T""#).action().summary == "Pings.")
        #expect(try ImportFixture.action(#""summary": " ", "title": "The title""#).action().summary == "The title")
        // Only the action's name is no summary (58 ECS actions).
        #expect(try ImportFixture.action(#""summary": "Ping", "title": "The title""#).action().summary == "The title")
        #expect(try ImportFixture.action(#""summary": "Ping", "description": "> This operation has been upgraded. Use Pong.""#).action().summary
            == "This operation has been upgraded.")
        #expect(try ImportFixture.action(#""parameters": []"#).action().summary == "Calls `Ping`.")
        #expect(try ImportFixture.action(#""summary": "Ping", "description": "****""#).action().summary == "Calls `Ping`.")
    }

    @Test func keepsTheDescriptionAsApigenReadsIt() throws {
        let result = try ImportFixture.action(###""summary": "s", "description": "## Limits\n\n*   one\n    *   nested\n\nlast line  \n""###)
        let action = try result.action()
        #expect(action.description == "## Limits\n\n*   one\n    *   nested\n\nlast line")
        #expect(try result.file("Ping.xml").contains("""
              <description>
                ## Limits

                *   one
                    *   nested

                last line
              </description>
            """))
    }

    @Test func marksDeprecatedActionsWithWhatReplacesThem() throws {
        let plain = try ImportFixture.action(#""summary": "s", "deprecated": true"#)
        #expect(try plain.action().deprecation?.message == "Deprecated in Alibaba Cloud's API metadata.")
        #expect(try plain.file("Ping.xml").contains("  <deprecated>Deprecated in Alibaba Cloud's API metadata.</deprecated>\n  <request/>"))

        let replaced = try ImportFixture.action(#""summary": "s", "deprecated": true, "staticInfo": {"substitutions": ["Ecs::2014-05-26::Pong", "Vpc::2016-04-28::DescribeVpcs"]}"#)
        #expect(try replaced.action().deprecation?.message == "Deprecated in Alibaba Cloud's API metadata. Use Pong or DescribeVpcs (Vpc 2016-04-28) instead.")

        let reason = try ImportFixture.action(#""summary": "s", "deprecated": true, "staticInfo": {"noSubstitutionReason": "无替代API"}"#)
        #expect(try reason.action().deprecation?.message == "Deprecated in Alibaba Cloud's API metadata. No replacement: 无替代API")

        #expect(try ImportFixture.action(#""summary": "s", "deprecated": false"#).action().deprecation == nil)
        #expect(try ImportFixture.convert(ImportFixture.document([("A", #"{"deprecated": true}"#), ("B", "{}")])).report.deprecatedActionCount == 1)
    }

    // MARK: Types

    @Test func mapsTypesAndFormats() throws {
        let result = try ImportFixture.parameters([
            ImportFixture.parameter("S", #"{"type": "string", "format": "date-time"}"#),
            ImportFixture.parameter("I32", #"{"type": "integer", "format": "int32"}"#),
            ImportFixture.parameter("I64", #"{"type": "integer", "format": "int64"}"#),
            ImportFixture.parameter("I", #"{"type": "integer"}"#),
            ImportFixture.parameter("F", #"{"type": "number", "format": "float"}"#),
            ImportFixture.parameter("D", #"{"type": "number", "format": "double"}"#),
            ImportFixture.parameter("N", #"{"type": "number"}"#),
            ImportFixture.parameter("B", #"{"type": "boolean"}"#),
            ImportFixture.parameter("A", #"{"type": "array", "items": {"type": "integer", "format": "int32"}}"#),
            ImportFixture.parameter("Odd", #"{"type": "integer", "format": "uint128"}"#),
        ].joined(separator: ","))
        let action = try result.action()
        #expect(action.parameters.map(\.type.kindName) == ["string", "integer", "long", "long", "float", "double", "double", "boolean", "array", "long"])
        #expect(try action.parameter("A").items?.type.kind == .integer)
        #expect(result.issues(.unknownType).map(\.path) == ["request.Odd"])
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func nestsObjectsAndArraysToAnyDepth() throws {
        let schema = #"""
            {"type": "array", "items": {"type": "object", "description": "A rule.", "properties": {
              "Name": {"type": "string", "required": true},
              "Ports": {"type": "array", "items": {"type": "array", "items": {"type": "integer", "format": "int32"}}},
              "Target": {"type": "object", "properties": {"Id": {"type": "string"}, "Deep": {"type": "object", "properties": {"Flag": {"type": "boolean"}}}}}
            }}}
            """#
        let result = try ImportFixture.parameters(ImportFixture.parameter("Rule", schema, style: "repeatList"))
        let rule = try result.action().parameter("Rule")
        #expect(rule.style == .repeatList)
        #expect(rule.items?.description == "A rule.")
        #expect(rule.members.map(\.name) == ["Name", "Ports", "Target"])
        #expect(try rule.member("Name").isRequired)
        #expect(try rule.member("Ports").items?.type.kindName == "array")
        #expect(try rule.member("Target").member("Deep").member("Flag").type.kind == .boolean)
        #expect(try result.file("Ping.xml").contains("""
                <parameter name="Rule" type="array" required="false" style="repeatList">
                  <items type="object">
                    <description>A rule.</description>
                    <parameter name="Name" type="string" required="true"/>
                    <parameter name="Ports" type="array" required="false">
                      <items type="array">
                        <items type="integer"/>
                      </items>
                    </parameter>
            """))
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func followsReferencesIntoComponents() throws {
        let document = ImportFixture.document(
            [("Ping", ##"{"parameters": [{"name": "Tag", "in": "query", "style": "json", "schema": {"$ref": "#/components/schemas/Tag", "description": "Own text."}}],"##
                + ##""responses": {"200": {"schema": {"type": "object", "properties": {"Loop": {"$ref": "#/components/schemas/Loop"}, "Gone": {"$ref": "#/components/schemas/Missing"}}}}}}"##)],
            components: ##"""
                {"schemas": {"Tag": {"type": "object", "description": "Shared text.", "properties": {"Key": {"type": "string"}}},
                             "Loop": {"type": "object", "properties": {"Next": {"$ref": "#/components/schemas/Loop"}, "Id": {"type": "string"}}}}}
                """##
        )
        let result = try ImportFixture.convert(document)
        let action = try result.action()
        let tag = try action.parameter("Tag")
        #expect(tag.description == "Own text.")
        #expect(tag.members.map(\.name) == ["Key"])
        #expect(tag.style == .json)
        // A schema that contains itself stops at the second level; an unknown $ref is left out.
        #expect(try action.field("Loop").members.map(\.name) == ["Id"])
        #expect(action.fields.map(\.name) == ["Loop"])
        #expect(result.issues(.unknownType).count == 2)
    }

    @Test func undescribableValuesAreStringsInRequestsAndLeftOutOfResponses() throws {
        let result = try ImportFixture.action(#"""
            "parameters": [{"name": "Any", "in": "query", "schema": {"type": "any"}}],
            "responses": {"200": {"schema": {"type": "object", "properties": {
              "Any": {"type": "any"}, "List": {"type": "array", "items": {"type": "any"}}, "Kept": {"type": "string"}}}}}
            """#)
        let action = try result.action()
        #expect(try action.parameter("Any").type.kind == .string)
        #expect(action.fields.map(\.name) == ["Kept"])
        #expect(result.issues(.unknownType).count == 3)
    }

    @Test func freeFormObjectsBecomeJSONTextInRequestsAndEmptyObjectsInResponses() throws {
        let result = try ImportFixture.action(#"""
            "parameters": [{"name": "Parameters", "in": "query", "style": "json", "schema": {"type": "object", "example": "{\"name\":\"Jack\"}"}}],
            "responses": {"200": {"schema": {"type": "object", "properties": {"Labels": {"type": "object"}}}}}
            """#)
        let action = try result.action()
        let parameter = try action.parameter("Parameters")
        #expect(parameter.type.kind == .string)
        #expect(parameter.style == nil)
        #expect(parameter.example == #"{"name":"Jack"}"#)
        #expect(try action.field("Labels").type.kind == .object([]))
        #expect(result.issues(.freeFormObject).count == 2)
    }

    // MARK: Parameters

    @Test func keepsRequiredDescriptionExampleAndDefault() throws {
        let result = try ImportFixture.parameters([
            ImportFixture.parameter("RegionId", #"{"type": "string", "required": true, "description": "The region.\n", "example": "cn-hangzhou", "default": "cn-beijing"}"#),
            ImportFixture.parameter("PageSize", #"{"type": "integer", "format": "int32", "required": false, "example": "10", "default": "20"}"#),
            ImportFixture.parameter("DryRun", #"{"type": "boolean", "example": "False", "default": "true"}"#),
            ImportFixture.parameter("Count", #"{"type": "integer", "format": "int32", "example": "hide", "default": "99999999999"}"#),
        ].joined(separator: ","))
        let action = try result.action()
        let region = try action.parameter("RegionId")
        #expect(region.isRequired && region.description == "The region." && region.example == "cn-hangzhou" && region.defaultValue == nil)
        #expect(result.issues(.requiredDefault).map(\.path) == ["request.RegionId"])
        let pageSize = try action.parameter("PageSize")
        #expect(!pageSize.isRequired && pageSize.example == "10" && pageSize.defaultValue == "20")
        #expect(try action.parameter("DryRun").example == "false")
        #expect(try action.parameter("Count").example == nil)
        #expect(try action.parameter("Count").defaultValue == nil)
        #expect(result.issues(.invalidValue).count == 3)
        #expect(try result.file("Ping.xml").contains(#"<parameter name="PageSize" type="integer" required="false" default="20" example="10"/>"#))
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func importsOnlyRPCParametersOnceEach() throws {
        let result = try ImportFixture.parameters([
            ImportFixture.parameter("A", #"{"type": "string", "description": "x"}"#),
            ImportFixture.parameter("A", #"{"type": "string", "description": "x"}"#),
            ImportFixture.parameter("B", #"{"type": "string"}"#, location: "formData"),
            ImportFixture.parameter("B", #"{"type": "integer"}"#, location: "body"),
            ImportFixture.parameter("Token", #"{"type": "string"}"#, location: "header"),
            ImportFixture.parameter(" C\t", #"{"type": "string"}"#),
            ImportFixture.parameter("D E", #"{"type": "string"}"#),
        ].joined(separator: ","))
        #expect(try result.action().parameters.map(\.name) == ["A", "B", "C"])
        #expect(result.issues(.parameterLocation).map(\.path) == ["request.Token"])
        // The word-for-word repeat of A is not odd; the different B is.
        #expect(result.issues(.memberSkipped).map(\.path).sorted() == ["parameters[6]", "request.B"])
        #expect(result.issues(.whitespaceTrimmed).count == 1)
    }

    @Test func mapsStylesAndDropsOnesThatDoNotFit() throws {
        let result = try ImportFixture.parameters([
            ImportFixture.parameter("List", #"{"type": "array", "items": {"type": "string"}}"#, style: "repeatList"),
            ImportFixture.parameter("Flat", #"{"type": "object", "properties": {"A": {"type": "string"}}}"#, style: "flat"),
            ImportFixture.parameter("Tags", #"{"type": "array", "items": {"type": "object", "properties": {"Key": {"type": "string"}}}}"#, style: "flat"),
            ImportFixture.parameter("Json", #"{"type": "array", "items": {"type": "integer", "format": "int32"}}"#, style: "json"),
            ImportFixture.parameter("Wrong", #"{"type": "string"}"#, style: "repeatList"),
            ImportFixture.parameter("Joined", #"{"type": "array", "items": {"type": "string"}}"#, style: "simple"),
            ImportFixture.parameter("Plain", #"{"type": "string"}"#, style: "form"),
        ].joined(separator: ","))
        let action = try result.action()
        #expect(action.parameters.map(\.style) == [.repeatList, .flat, .flat, .json, nil, nil, nil])
        // `simple` sends the list joined by commas, which only a string says truthfully.
        #expect(try action.parameter("Joined").type.kind == .string)
        #expect(result.issues(.styleDropped).map(\.path) == ["request.Joined", "request.Plain", "request.Wrong"])
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func marksDeprecatedParametersAndFields() throws {
        let result = try ImportFixture.action(#"""
            "parameters": [{"name": "Old", "in": "query", "schema": {"type": "string", "deprecated": true}}],
            "responses": {"200": {"schema": {"type": "object", "properties": {"Gone": {"type": "string", "deprecated": true}}}}}
            """#)
        let action = try result.action()
        #expect(try action.parameter("Old").deprecation?.message == "Deprecated in Alibaba Cloud's API metadata.")
        #expect(try action.field("Gone").deprecation != nil)
    }

    // MARK: Enums

    @Test func importsEnumsWithTitlesAsDescriptions() throws {
        let result = try ImportFixture.parameters([
            ImportFixture.parameter("ChargeType", #"{"type": "string", "enum": ["PrePaid", "PostPaid", "PrePaid"], "enumValueTitles": {"PrePaid": "Subscription", "PostPaid": "PostPaid"}}"#),
            ImportFixture.parameter("Level", #"{"type": "integer", "format": "int32", "enum": ["1", "2", "x"]}"#),
            ImportFixture.parameter("Ratio", #"{"type": "number", "enum": ["0.5", 1]}"#),
            ImportFixture.parameter("Flag", #"{"type": "boolean", "enum": ["true", "false"]}"#),
            ImportFixture.parameter("Empty", #"{"type": "string", "enum": []}"#),
            ImportFixture.parameter("Titles", #"{"type": "string", "enumValueTitles": {"a": "A"}}"#),
            ImportFixture.parameter("Kinds", #"{"type": "array", "items": {"type": "string", "enum": ["x-y", "z"]}}"#),
        ].joined(separator: ","))
        let action = try result.action()
        let charge = try action.parameter("ChargeType").type.enumValues
        #expect(charge.map(\.value) == ["PrePaid", "PostPaid"])
        #expect(charge.map(\.description) == ["Subscription", nil])
        #expect(try action.parameter("Level").type.enumValues.map(\.value) == ["1", "2"])
        #expect(try action.parameter("Ratio").type.enumValues.map(\.value) == ["0.5", "1"])
        #expect(try action.parameter("Flag").type.enumValues.isEmpty)
        #expect(try action.parameter("Empty").type.enumValues.isEmpty)
        #expect(try action.parameter("Titles").type.enumValues.isEmpty)
        #expect(try action.parameter("Kinds").items?.type.enumValues.map(\.value) == ["x-y", "z"])
        #expect(result.issues(.enumDropped).map(\.path) == ["request.Empty", "request.Flag", "request.Titles"])
        #expect(result.issues(.invalidValue).count == 2)
        #expect(try result.file("Ping.xml").contains("""
                  <enum>
                    <value description="Subscription">PrePaid</value>
                    <value>PostPaid</value>
                  </enum>
            """))
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    // MARK: Constraints

    @Test func importsConstraintsAsDecimalTextAndDropsWhatDoesNotFit() throws {
        let result = try ImportFixture.parameters([
            ImportFixture.parameter("Size", #"{"type": "integer", "format": "int32", "minimum": "1", "maximum": "6.0"}"#),
            ImportFixture.parameter("Big", #"{"type": "integer", "format": "int64", "minimum": -9223372036854775808, "maximum": "9223372036854775807"}"#),
            ImportFixture.parameter("Ratio", #"{"type": "number", "minimum": "0.5", "maximum": 1e3}"#),
            ImportFixture.parameter("TooBig", #"{"type": "integer", "format": "int32", "maximum": "4294967296"}"#),
            ImportFixture.parameter("Word", #"{"type": "integer", "format": "int32", "minimum": "one"}"#),
            ImportFixture.parameter("Upside", #"{"type": "integer", "format": "int32", "minimum": "5", "maximum": "1"}"#),
            ImportFixture.parameter("Name", #"{"type": "string", "minLength": 2, "maxLength": "64", "pattern": "^[a-z]+$", "minimum": "1"}"#),
            ImportFixture.parameter("BadPattern", #"{"type": "string", "pattern": "(["}"#),
            ImportFixture.parameter("Ids", #"{"type": "array", "items": {"type": "string", "maxLength": 32}, "minItems": 1, "maxItems": "100"}"#),
            ImportFixture.parameter("Hour", #"{"type": "integer", "format": "int32", "maximum": "24", "exclusiveMaximum": true}"#),
            ImportFixture.parameter("Count", #"{"type": "integer", "format": "int32", "maxItems": 3}"#),
            ImportFixture.parameter("Len", #"{"type": "string", "maxLength": -1}"#),
        ].joined(separator: ","))
        let action = try result.action()
        func constraints(_ name: String) throws -> Constraints { try action.parameter(name).type.constraints }
        #expect(try constraints("Size") == Constraints(minimum: "1", maximum: "6"))
        #expect(try constraints("Big") == Constraints(minimum: "-9223372036854775808", maximum: "9223372036854775807"))
        #expect(try constraints("Ratio") == Constraints(minimum: "0.5", maximum: "1000"))
        #expect(try constraints("TooBig").isEmpty)
        #expect(try constraints("Word").isEmpty)
        #expect(try constraints("Upside").isEmpty)
        #expect(try constraints("Name") == Constraints(minLength: 2, maxLength: 64, pattern: "^[a-z]+$"))
        #expect(try constraints("BadPattern").isEmpty)
        #expect(try constraints("Ids") == Constraints(minItems: 1, maxItems: 100))
        #expect(try action.parameter("Ids").items?.type.constraints == Constraints(maxLength: 32))
        #expect(try constraints("Hour") == Constraints(maximum: "24"))
        #expect(try constraints("Count").isEmpty)
        #expect(try constraints("Len").isEmpty)
        #expect(result.issues(.invalidBound).map(\.path) == ["request.Len", "request.TooBig", "request.Word"])
        #expect(result.issues(.constraintDropped).map(\.path) == ["request.BadPattern", "request.Count", "request.Hour", "request.Name", "request.Upside"])
        #expect(try result.file("Ping.xml").contains(#"<parameter name="Size" type="integer" required="false" minimum="1" maximum="6"/>"#))
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test(arguments: [("6", "integer", "6"), ("+6", "integer", "6"), ("6.000", "long", "6"), ("-0.0", "integer", "0"), ("6.5", "integer", nil),
                      ("1e3", "double", "1000"), (".5", "double", "0.5"), ("7.", "float", "7"), ("abc", "double", nil), ("NaN", "double", nil), ("2147483648", "integer", nil)])
    func bounds(raw: String, kind: String, expected: String?) {
        let kinds: [String: TypeSpec.Kind] = ["integer": .integer, "long": .long, "float": .float, "double": .double]
        #expect(ActionConverter.bound(raw, for: kinds[kind]!) == expected)
    }
}
