import Foundation
import Testing

@testable import APIGenKit

/// product.xml: code, version, Swift names, title, endpoints.
@Suite struct ImportProductMappingTests {
    private let ping = [("Ping", #"{"summary": "Ping."}"#)]

    @Test func writesTheProductWithEveryEndpointSortedAndHangzhouAsDefault() throws {
        let result = try ImportFixture.convert(ImportFixture.document(ping, endpoints: """
            [{"regionId": "cn-qingdao", "endpoint": "ecs.cn-qingdao.aliyuncs.com"},
             {"regionId": "ap-south-1", "endpoint": "ecs.ap-south-1.aliyuncs.com"},
             {"regionId": "cn-hangzhou", "endpoint": "ecs.cn-hangzhou.aliyuncs.com"}]
            """))
        let text = try result.file("product.xml")
        #expect(text.contains(#"name="Ecs" version="2014-05-26" style="RPC" swiftModule="ECS" swiftPrefix="ECS">"#))
        #expect(text.contains("""
              <title>Ecs</title>
              <endpoints default="ecs.cn-hangzhou.aliyuncs.com">
                <endpoint region="ap-south-1" host="ecs.ap-south-1.aliyuncs.com"/>
                <endpoint region="cn-hangzhou" host="ecs.cn-hangzhou.aliyuncs.com"/>
                <endpoint region="cn-qingdao" host="ecs.cn-qingdao.aliyuncs.com"/>
              </endpoints>
            """))
        let product = try result.readBack()
        #expect(product.endpoints.map(\.region) == ["ap-south-1", "cn-hangzhou", "cn-qingdao"])
        #expect(result.report.endpointCount == 3)
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func defaultHostIsTheProductsAliyunHostWithoutHangzhou() throws {
        let result = try ImportFixture.convert(ImportFixture.document(ping, product: "ResourceManager", version: "2020-03-31", endpoints: """
            [{"regionId": "cn-beijing", "endpoint": "resourcemanager.cn-beijing.aliyuncs.com"},
             {"regionId": "cn-beijing", "endpoint": "other.example.com"}, {"regionId": "", "endpoint": "x"}]
            """))
        let product = try result.readBack()
        #expect(product.defaultEndpoint == "resourcemanager.aliyuncs.com")
        #expect(product.swiftModule == "ResourceManager")
        #expect(product.endpoints.map(\.host) == ["resourcemanager.cn-beijing.aliyuncs.com"])
        #expect(result.issues(.product).count == 2)
    }

    @Test(arguments: [("Ecs", "ECS"), ("cs", "CS"), ("Vpc", "VPC"), ("ResourceManager", "ResourceManager"), ("r-kvstore", "RKvstore"), ("Dysmsapi", "Dysmsapi")])
    func derivesTheSwiftModule(product: String, module: String) {
        #expect(MetadataImporter.defaultSwiftModule(for: product) == module)
    }

    @Test func takesTheSwiftModuleAndPrefixFromOptions() throws {
        let result = try ImportFixture.convert(ImportFixture.document(ping), options: ImportOptions(swiftModule: "ElasticCompute", swiftPrefix: "EC"))
        let product = try result.readBack()
        #expect(product.swiftModule == "ElasticCompute")
        #expect(product.swiftPrefix == "EC")
        #expect(throws: ImportError.self) {
            try ImportFixture.convert(ImportFixture.document(ping), options: ImportOptions(swiftModule: "not-valid"))
        }
    }

    @Test func refusesWhatCannotBeAnRPCProductFile() {
        #expect(throws: ImportError.self) {
            try ImportFixture.convert(#"{"info": {"style": "ROA", "product": "CS", "version": "2015-12-15"}, "apis": {}}"#)
        }
        #expect(throws: ImportError.self) {
            try ImportFixture.convert(#"{"info": {"style": "RPC", "product": "Ecs", "version": "latest"}, "apis": {}}"#)
        }
        #expect(throws: ImportError.self) {
            try ImportFixture.convert(#"{"info": {"style": "RPC", "version": "2014-05-26"}, "apis": {}}"#)
        }
    }

    @Test func importsOnlyTheActionsAskedFor() throws {
        let document = ImportFixture.document([("B", #"{"summary": "B."}"#), ("A", #"{"summary": "A."}"#), ("C", #"{"summary": "C."}"#)])
        let result = try ImportFixture.convert(document, options: ImportOptions(actions: ["C", "A"]))
        #expect(result.files.keys.sorted() == ["A.xml", "C.xml", "product.xml"])
        #expect(throws: ImportError.self) { try ImportFixture.convert(document, options: ImportOptions(actions: ["Nope"])) }
    }

    @Test func skipsActionsWhoseNamesCannotBeFileNames() throws {
        let result = try ImportFixture.convert(ImportFixture.document([
            ("../Escape", #"{"summary": "x"}"#), ("product", #"{"summary": "x"}"#), ("Ping", #"{"summary": "x"}"#),
            ("ping", #"{"summary": "x"}"#), ("Broken", #"{"parameters": "not a list"}"#),
        ]))
        #expect(result.files.keys.sorted() == ["Ping.xml", "product.xml"])
        #expect(result.issues(.actionSkipped).map { $0.action ?? "" }.sorted() == ["../Escape", "Broken", "ping", "product"])
    }
}
