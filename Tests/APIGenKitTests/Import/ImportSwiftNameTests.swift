import Foundation
import Testing

@testable import APIGenKit

/// Wire names that apigen could not name, or would name alike, get a `swiftName`, by a fixed
/// scheme (see `SwiftNameResolver`), so that every import passes apigen's validation.
@Suite struct ImportSwiftNameTests {
    private func swiftNames(_ members: [MemberSpec]) -> [String: String?] {
        Dictionary(uniqueKeysWithValues: members.map { ($0.name, $0.swiftName) })
    }

    @Test func namesThatDifferOnlyInCaseOrSeparators() throws {
        let result = try ImportFixture.response(#"""
            "key": {"type": "string"}, "Key": {"type": "string"}, "KEY": {"type": "string"},
            "Filter.Key": {"type": "string"}, "FilterKey": {"type": "string"}, "filter_key": {"type": "string"}
            """#)
        let names = swiftNames(try result.action().fields)
        // `Key` keeps `key` although `key` comes first; the others say how they differ.
        #expect(names["Key"] == .some(nil))
        #expect(names["key"] == "keyLowercase")
        #expect(names["KEY"] == "keyUppercase")
        #expect(names["FilterKey"] == .some(nil))
        #expect(names["Filter.Key"] == "filterKeyDotted")
        #expect(names["filter_key"] == "filterKeyUnderscored")
        #expect(result.issues(.swiftNameAdded).count == 4)
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func reservedAndUnderivableNames() throws {
        let result = try ImportFixture.action(#"""
            "parameters": [{"name": "Action", "in": "query", "schema": {"type": "string"}},
                           {"name": "OperationType", "in": "query", "schema": {"type": "string"}},
                           {"name": "名称", "in": "query", "schema": {"type": "string"}},
                           {"name": "self", "in": "query", "schema": {"type": "string"}},
                           {"name": "Options", "in": "query", "style": "flat", "schema": {"type": "object", "properties": {"Validate": {"type": "boolean"}, "Action": {"type": "string"}}}}],
            "responses": {"200": {"schema": {"type": "object", "properties": {"值": {"type": "string"}}}}},
            "errorCodes": {"400": [{"errorCode": "Code", "errorMessage": "x"}, {"errorCode": "unknown", "errorMessage": "y"}, {"errorCode": "错误", "errorMessage": "z"}]}
            """#)
        let action = try result.action()
        let names = swiftNames(action.parameters)
        #expect(names["Action"] == "actionValue")
        #expect(names["OperationType"] == "operationTypeValue")
        #expect(names["名称"] == "parameter3")
        // `self` is made declarable by apigen itself (`self_`).
        #expect(names["self"] == .some(nil))
        let options = try action.parameter("Options")
        let expected: [String: String?] = ["Validate": "validateValue", "Action": nil]
        #expect(swiftNames(options.members) == expected)
        #expect(try action.field("值").swiftName == "field1")
        // `code` is what every error answers with; `unknown` is free (there is no such case any more).
        #expect(action.errors.map(\.swiftName) == ["codeError", nil, "error3"])
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func nestedTypesThatWouldHideOthers() throws {
        let result = try ImportFixture.response(#"""
            "Response": {"type": "object", "properties": {"A": {"type": "string"}}},
            "Error": {"type": "array", "items": {"type": "object", "properties": {"B": {"type": "string"}}}},
            "Instances": {"type": "object", "properties": {"Instances": {"type": "array", "items": {"type": "object", "properties": {"Id": {"type": "string"}}}}}},
            "Code": {"type": "string", "enum": ["A", "B"]},
            "PingResponse": {"type": "object", "properties": {"C": {"type": "string"}}}
            """#)
        let action = try result.action()
        #expect(try action.field("Response").swiftName == "responseInfo")
        #expect(try action.field("Error").items?.swiftName == "ErrorItem")
        #expect(try action.field("Instances").member("Instances").items?.swiftName == "InstancesItem")
        // There is no generated `Code` type any more for a nested `Code` to hide.
        #expect(try action.field("Code").swiftName == nil)
        #expect(try action.field("PingResponse").swiftName == "pingResponseInfo")
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func siblingNestedTypesThatCollide() throws {
        // Both would declare the nested type `TagKey`; renaming the property renames its type.
        let result = try ImportFixture.response(#"""
            "TagKey": {"type": "object", "properties": {"A": {"type": "string"}}},
            "tag_key": {"type": "object", "properties": {"B": {"type": "string"}}}
            """#)
        let action = try result.action()
        #expect(try action.field("tag_key").swiftName == "tagKeyUnderscored")
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func allowedValuesThatCollideOrGiveNoName() throws {
        let result = try ImportFixture.parameters(ImportFixture.parameter(
            "Severity", #"{"type": "string", "enum": ["critical", "Critical", "description", "中文", "cloud_essd", "cloudEssd"]}"#
        ))
        let values = try result.action().parameter("Severity").type.enumValues
        #expect(values.map(\.swiftName) == ["criticalLowercase", nil, "descriptionValue", "value4", "cloudEssdUnderscored", nil])
        #expect(try result.semanticDiagnostics().isEmpty)

        // Values of numbers are documented only: no names needed.
        let numbers = try ImportFixture.parameters(ImportFixture.parameter("Level", #"{"type": "integer", "format": "int32", "enum": ["1", "2"]}"#))
        #expect(try numbers.action().parameter("Level").type.enumValues.map(\.swiftName) == [nil, nil])
    }

    @Test func actionsWhoseTypesOrMethodsCollide() throws {
        let result = try ImportFixture.convert(ImportFixture.document([
            ("DescribeFoo", "{}"), ("Describe.Foo", "{}"), ("describe-foo", "{}"), ("RPC", "{}"), ("Client", "{}"), ("Ecs", "{}"),
        ]))
        let product = try result.readBack()
        let names = Dictionary(uniqueKeysWithValues: product.actions.map { ($0.name, $0.swiftName) })
        #expect(names["DescribeFoo"] == .some(nil))
        #expect(names["Describe.Foo"] == "DescribeFooDotted")
        #expect(names["describe-foo"] == "DescribeFooDashed")
        // RPCRequest, RPCResponse and RPCError are runtime types; `client` is the client's own member.
        #expect(names["RPC"] == "RPCAction")
        #expect(names["Client"] == "ClientAction")
        #expect(names["Ecs"] == .some(nil))
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func productTypesAreReservedForActions() throws {
        let result = try ImportFixture.convert(ImportFixture.document([
            ("ECSProduct", "{}"), ("ECSErrors", "{}"), ("ECSService", "{}"), ("ECSCommon", "{}"),
        ]))
        let product = try result.readBack()
        // An action's file is named after it: ECSProduct.swift and ECSErrors.swift are the client
        // module's own. ECSService.swift is the server module's, where the action's file is
        // ECSService+Server.swift: no clash.
        #expect(product.actions.first { $0.name == "ECSProduct" }?.swiftName == "ECSProductAction")
        #expect(product.actions.first { $0.name == "ECSErrors" }?.swiftName == "ECSErrorsAction")
        #expect(product.actions.first { $0.name == "ECSService" }?.swiftName == nil)
        // There is no ECSCommonError any more for ECSCommon to collide with.
        #expect(product.actions.first { $0.name == "ECSCommon" }?.swiftName == nil)
        #expect(try result.semanticDiagnostics().isEmpty)
    }
}
