import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenKit

/// The committed specs and generated code carry none of the upstream documentation site's
/// markup: no `~~` links, no empty anchors, no message that is only `%s`, no example on several
/// lines, no summary that is only the action's name, nothing `DocumentationMarkup` would still
/// rewrite, and "an" before a name read with a vowel sound. The same holds for a fresh import of
/// the Chinese ECS metadata, and both imports rewrite what they rewrote when the specs were
/// committed.
@Suite struct ImportCleanDocsTests {
    // MARK: Specs

    /// Every text of a product's specs, with where it is.
    static func texts(of product: ProductSpec) -> [(place: String, text: String)] {
        var texts: [(String, String)] = [("\(product.name): title", product.title)]
        if let description = product.description { texts.append(("\(product.name): description", description)) }
        func errors(_ errors: [ErrorSpec], _ place: String) {
            for error in errors {
                texts.append(("\(place): error \(error.code) message", error.message))
                if let description = error.description { texts.append(("\(place): error \(error.code) description", description)) }
            }
        }
        func addMembers(_ members: [MemberSpec], _ place: String) {
            for member in members {
                let here = place + "." + member.name
                if let description = member.description { texts.append((here, description)) }
                if let deprecation = member.deprecation { texts.append((here + " deprecation", deprecation.message)) }
                addType(member.type, here)
            }
        }
        func addType(_ type: TypeSpec, _ place: String) {
            for value in type.enumValues {
                if let description = value.description { texts.append(("\(place) enum \(value.value)", description)) }
            }
            switch type.kind {
            case .object(let children): addMembers(children, place)
            case .array(let items):
                if let description = items.description { texts.append((place + "[]", description)) }
                addType(items.type, place + "[]")
            default: break
            }
        }
        errors(product.commonErrors, product.name)
        for action in product.actions {
            texts.append(("\(action.name): summary", action.summary))
            for text in [action.description, action.responseDescription, action.deprecation?.message].compactMap({ $0 }) + action.conditions {
                texts.append((action.name, text))
            }
            addMembers(action.parameters, action.name + ": request")
            addMembers(action.fields, action.name + ": response")
            errors(action.errors, action.name)
        }
        return texts
    }

    /// Every example of a product's members.
    static func examples(of product: ProductSpec) -> [(place: String, example: String)] {
        var result: [(String, String)] = []
        func addMembers(_ members: [MemberSpec], _ place: String) {
            for member in members {
                if let example = member.example { result.append((place + "." + member.name, example)) }
                switch member.type.kind {
                case .object(let children): addMembers(children, place + "." + member.name)
                case .array(let items): if case .object(let children) = items.type.kind { addMembers(children, place + "." + member.name) }
                default: break
                }
            }
        }
        for action in product.actions {
            addMembers(action.parameters, action.name)
            addMembers(action.fields, action.name)
        }
        return result
    }

    /// What is still unclean in a product's specs, one line each.
    static func problems(in product: ProductSpec) -> [String] {
        var problems: [String] = []
        for (place, text) in texts(of: product) {
            if text.contains("~~") { problems.append("\(place): ~~ in \(text.debugDescription)") }
            if text.contains("[](#") { problems.append("\(place): empty anchor in \(text.debugDescription)") }
            var rewrites = DocumentationRewrites()
            if let rewritten = DocumentationMarkup.rewritten(text, language: .english, rewrites: &rewrites) {
                problems.append("\(place): would still be rewritten (\(rewrites)): \(text.debugDescription) → \(rewritten.debugDescription)")
            }
        }
        for action in product.actions {
            if action.summary == action.name { problems.append("\(action.name): the summary is the action's name") }
        }
        for error in product.commonErrors + product.actions.flatMap(\.errors) where DocumentationMarkup.isPlaceholderOnly(error.message) {
            problems.append("error \(error.code): the message is \(error.message.debugDescription)")
        }
        for (place, example) in examples(of: product) where example.contains("\n") || example.contains("\r") {
            problems.append("\(place): an example on several lines: \(example.debugDescription)")
        }
        return problems
    }

    @Test func committedSpecsAreClean() throws {
        var diagnostics = DiagnosticCollector()
        let products = try GeneratorPipeline(configuration: GeneratorConfiguration(specsFolder: TestPaths.specs)).loadAndValidate(diagnostics: &diagnostics)
        #expect(products.map(\.name).sorted() == ["Ecs", "Sts"])
        let problems = products.flatMap(Self.problems)
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(10).joined(separator: "\n"))")
    }

    // MARK: Generated code

    /// What is still unclean in the generated Swift files of a folder, one line each.
    static func problems(inGenerated folder: String) throws -> [String] {
        let files = TestPaths.snapshot(of: folder).filter { $0.key.hasSuffix(".swift") }
        #expect(!files.isEmpty)
        return problems(inGenerated: files.map { (path: $0.key, text: String(decoding: $0.value, as: UTF8.self)) })
    }

    /// What is still unclean in generated Swift files (path, text), one line each.
    static func problems(inGenerated files: [(path: String, text: String)]) -> [String] {
        var problems: [String] = []
        for (path, text) in files.sorted(by: { $0.path < $1.path }) {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let place = "\(path):\(number + 1)"
                if line.contains("~~") { problems.append("\(place): ~~") }
                if line.contains("[](#") { problems.append("\(place): empty anchor") }
                // The error catalogue (`"message": "%s"`) and the docs listing codes (`…: %s`).
                if let range = line.range(of: #""message": ""#) {
                    let message = line[range.upperBound...].prefix { $0 != "\"" }
                    if DocumentationMarkup.isPlaceholderOnly(String(message)) { problems.append("\(place): message \(message)") }
                }
                if line.contains("HTTP "), line.drop(while: { $0 == " " }).hasPrefix("///"),
                   let match = line.firstMatch(of: /HTTP [0-9, ]+\)?: (.*)$/),
                   DocumentationMarkup.isPlaceholderOnly(String(match.output.1)) {
                    problems.append("\(place): message \(match.output.1)")
                }
                // "a ``AcceptInquiredSystemEventError``"
                for match in line.contains(" ``") ? line.matches(of: /\b([Aa]n?) ``([A-Za-z_][A-Za-z0-9_]*)/) : [] {
                    let name = String(match.output.2)
                    let expected = Articles.startsWithVowelSound(name) ? "an" : "a"
                    if match.output.1.lowercased() != expected { problems.append("\(place): '\(match.output.0)'") }
                }
            }
        }
        return problems
    }

    @Test(.cpuHeavy) func committedGeneratedCodeIsClean() throws {
        let problems = try Self.problems(inGenerated: TestPaths.generated)
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(10).joined(separator: "\n"))")
    }

    @Test func theCheckFindsWhatItLooksFor() throws {
        let folder = try TestPaths.makeTemporaryFolder("apigen-clean-docs")
        defer { TestPaths.removeTemporaryFolder(folder) }
        try """
            /// See [Limits](~~25412~~).
            /// ### [](#)Limits
            /// - ``PingError/bad`` (`Bad`), here HTTP 400: %s
            /// - ``PingError/bad``: `Bad` (HTTP 400, 403): %s.
            /// - Throws: a ``AcceptInquiredSystemEventError``, and an ``DescribeInstancesError``.
            let table = #"{"code": "Bad", "statuses": [400], "message": "%s"}"#
            """.write(to: folder.appendingPathComponent("Ping.swift"), atomically: true, encoding: .utf8)
        let problems = try Self.problems(inGenerated: folder.path)
        #expect(problems.count == 7, "\(problems)")
    }

    // MARK: Fresh imports

    static let upstream = TestPaths.repository.appendingPathComponent("../shared/specs-upstream").standardizedFileURL

    static func metadata(_ name: String) -> URL? {
        let url = upstream.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            if ProcessInfo.processInfo.environment["APIGEN_REQUIRE_UPSTREAM"] == "1" {
                Issue.record("APIGEN_REQUIRE_UPSTREAM=1 but \(url.path) is missing")
            }
            return nil
        }
        return url
    }

    /// Imports into a temporary folder and generates (in memory); the report and what is unclean.
    static func importAndCheck(_ metadata: URL) throws -> (ImportReport, [String]) {
        let base = try TestPaths.makeTemporaryFolder("apigen-clean-import")
        defer { TestPaths.removeTemporaryFolder(base) }
        let specs = base.appendingPathComponent("Specs")
        let report = try MetadataImport(configuration: ImportConfiguration(
            metadataPath: metadata.path, outputFolder: specs.appendingPathComponent("Ecs").path
        )).run()
        var diagnostics = DiagnosticCollector()
        let pipeline = GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: specs.path, templatesFolder: TestPaths.templates, schemaPath: TestPaths.schema
        ))
        let products = try pipeline.loadAndValidate(diagnostics: &diagnostics)
        let generated = try pipeline.generate()
        #expect(generated.actionCount == 358)
        let problems = products.flatMap(Self.problems) + Self.problems(inGenerated: generated.files.map { ($0.relativePath, $0.contents) })
        return (report, problems)
    }

    /// The counts `apigen import --verbose` gives for ECS (in the README).
    @Test(.cpuHeavy) func englishECSRewrites() throws {
        guard let metadata = Self.metadata("ecs-2014-05-26.en_us.api-docs.json") else { return }
        let (report, problems) = try Self.importAndCheck(metadata)
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(10).joined(separator: "\n"))")
        #expect(report.documentationLanguage == .english)
        var expected = DocumentationRewrites()
        expected.linksRewritten = 1232
        expected.linksUnwrapped = 1
        expected.anchorsRemoved = 91
        expected.placeholderMessagesReplaced = 982
        expected.codeSpansJoined = 0
        expected.examplesJoined = 24
        expected.strayBackticksRemoved = 8
        expected.summariesFromDescription = 1
        expected.summariesFromName = 57
        #expect(report.documentationRewrites == expected)
    }

    @Test(.cpuHeavy) func chineseECSRewrites() throws {
        guard let metadata = Self.metadata("ecs-2014-05-26.zh_cn.api-docs.json") else { return }
        let (report, problems) = try Self.importAndCheck(metadata)
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(10).joined(separator: "\n"))")
        #expect(report.documentationLanguage == .chinese)
        var expected = DocumentationRewrites()
        expected.linksRewritten = 1300
        expected.anchorsRemoved = 0
        expected.placeholderMessagesReplaced = 982
        expected.examplesJoined = 22
        expected.summariesFromName = 57
        #expect(report.documentationRewrites == expected)
    }
}
