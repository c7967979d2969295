import Foundation
import Testing

@testable import APIGenKit

/// Small api-docs.json documents written inline, imported in memory, and read back the way
/// apigen reads specs (schema, then `SpecReader`), so that tests can look at both the XML text
/// and what the generator will see.
enum ImportFixture {
    /// A whole `api-docs.json` around `apis` (action name → the action's JSON object).
    static func document(
        _ apis: [(name: String, json: String)],
        product: String = "Ecs",
        version: String = "2014-05-26",
        endpoints: String = "[]",
        components: String? = nil
    ) -> String {
        let body = apis.map { "\(jsonString($0.name)): \($0.json)" }.joined(separator: ",\n")
        var text = """
            {"version": "1.0", "info": {"style": "RPC", "product": \(jsonString(product)), "version": \(jsonString(version))},
             "endpoints": \(endpoints),
            """
        if let components { text += "\"components\": \(components),\n" }
        return text + "\"apis\": {\n\(body)\n}}"
    }

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    struct Result {
        /// File name → text.
        var files: [String: String]
        var report: ImportReport

        func file(_ name: String) throws -> String {
            try #require(files[name], "no \(name) among \(files.keys.sorted())")
        }

        func issues(_ kind: ImportIssue.Kind) -> [ImportIssue] { report.issues.filter { $0.kind == kind } }

        /// The product and every action as apigen reads them back; fails the test if a file
        /// does not pass the schema or reading reports anything.
        func readBack() throws -> ProductSpec {
            let actions = files.filter { $0.key != "product.xml" }.sorted { $0.key < $1.key }.map { (file: $0.key, text: $0.value) }
            let (product, diagnostics) = try SpecFixture.product(try file("product.xml"), actions: actions)
            #expect(diagnostics.isEmpty, "imported specs should read cleanly: \(diagnostics)")
            return product
        }

        /// One action read back.
        func action(_ name: String = "Ping") throws -> ActionSpec {
            try #require(try readBack().actions.first { $0.name == name })
        }

        /// What apigen's semantic validator says about the imported specs (empty when they generate).
        func semanticDiagnostics() throws -> [String] {
            let actions = files.filter { $0.key != "product.xml" }.sorted { $0.key < $1.key }.map { (file: $0.key, text: $0.value) }
            return try SpecFixture.semanticDiagnostics(try file("product.xml"), actions: actions)
        }
    }

    static func convert(_ json: String, options: ImportOptions = ImportOptions(), folderName: String = "P") throws -> Result {
        let (files, report) = try MetadataImport.convert(data: Data(json.utf8), folderName: folderName, options: options)
        return Result(files: Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) }), report: report)
    }

    /// Imports one action `Ping` given as the JSON object's members (without braces).
    static func action(_ members: String, name: String = "Ping") throws -> Result {
        try convert(document([(name, "{" + members + "}")]))
    }

    /// Imports one action whose request has these parameters (JSON array elements).
    static func parameters(_ parameters: String) throws -> Result {
        try action(#""summary": "Ping.", "parameters": [\#(parameters)]"#)
    }

    /// Imports one action whose 200 response has these properties (JSON object members).
    static func response(_ properties: String) throws -> Result {
        try action(#""summary": "Ping.", "parameters": [], "responses": {"200": {"schema": {"type": "object", "properties": {\#(properties)}}}}"#)
    }

    /// A parameter's JSON: `{"name": …, "in": "query", "schema": …}`.
    static func parameter(_ name: String, _ schema: String, style: String? = nil, location: String = "query") -> String {
        let styleText = style.map { #", "style": "\#($0)""# } ?? ""
        return #"{"name": \#(jsonString(name)), "in": "\#(location)"\#(styleText), "schema": \#(schema)}"#
    }
}

extension ActionSpec {
    func parameter(_ name: String) throws -> MemberSpec {
        try #require(parameters.first { $0.name == name }, "no parameter \(name) among \(parameters.map(\.name))")
    }

    func field(_ name: String) throws -> MemberSpec {
        try #require(fields.first { $0.name == name }, "no field \(name) among \(fields.map(\.name))")
    }
}

extension MemberSpec {
    var members: [MemberSpec] {
        switch type.kind {
        case .object(let members): members
        case .array(let items): if case .object(let members) = items.type.kind { members } else { [] }
        default: []
        }
    }

    func member(_ name: String) throws -> MemberSpec {
        try #require(members.first { $0.name == name }, "no member \(name) among \(members.map(\.name))")
    }

    var items: ItemSpec? {
        if case .array(let items) = type.kind { return items }
        return nil
    }
}
