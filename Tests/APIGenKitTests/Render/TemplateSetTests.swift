import Foundation
import Testing

@testable import APIGenKit

/// `TemplateSet`: loading a templates folder, and every way it can be unusable.
@Suite struct TemplateSetTests {
    /// A temporary folder with these templates (`name` without `.mustache` → text).
    private func folder(_ templates: [String: String]) throws -> URL {
        let url = try TestPaths.makeTemporaryFolder("apigen-templates")
        for (name, text) in templates {
            try Data(text.utf8).write(to: url.appendingPathComponent(name + ".mustache"))
        }
        return url
    }

    /// The required templates, each trivially valid.
    private let minimal = Dictionary(uniqueKeysWithValues: TemplateSet.required.map { ($0, "{{name}}\n") })

    private func diagnostics(loading path: String) -> [Diagnostic]? {
        do {
            _ = try TemplateSet(folder: path)
            return nil
        } catch {
            return error.diagnostics
        }
    }

    @Test func repositoryTemplatesLoad() throws {
        let templates = try TemplateSet(folder: TestPaths.templates)
        #expect(templates.folder == TestPaths.templates)
        for name in TemplateSet.required {
            #expect(templates.library.getTemplate(named: name) != nil)
        }
    }

    @Test func missingFolder() throws {
        let base = try TestPaths.makeTemporaryFolder("apigen-templates")
        defer { TestPaths.removeTemporaryFolder(base) }
        let path = base.appendingPathComponent("NoSuchFolder").path
        let diagnostic = try #require(diagnostics(loading: path)?.only)
        #expect(diagnostic.brief == "error: templates folder '\(path)' does not exist")
        #expect(diagnostic.location == nil)
        #expect(diagnostic.hint?.contains("--templates") == true)
    }

    @Test func folderThatIsAFile() throws {
        let base = try TestPaths.makeTemporaryFolder("apigen-templates")
        defer { TestPaths.removeTemporaryFolder(base) }
        let path = base.appendingPathComponent("file.mustache").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        #expect(diagnostics(loading: path)?.map(\.brief) == ["error: templates folder '\(path)' does not exist"])
    }

    /// Every missing template is named in one run, not only the first.
    @Test func missingRequiredTemplates() throws {
        let url = try folder(["product": "x", "notes": "y"])
        defer { TestPaths.removeTemporaryFolder(url) }
        let missing = TemplateSet.required.filter { $0 != "product" }.sorted()
        #expect(missing.contains("action") && missing.contains("objectType") && missing.contains("serverTypes"))
        #expect(diagnostics(loading: url.path)?.map(\.brief) == missing.map { "error: templates folder has no \($0).mustache" })
    }

    @Test func oneMissingRequiredTemplate() throws {
        var templates = minimal
        templates["action"] = nil
        let url = try folder(templates)
        defer { TestPaths.removeTemporaryFolder(url) }
        #expect(diagnostics(loading: url.path)?.map(\.brief) == ["error: templates folder has no action.mustache"])
    }

    @Test func otherFilesAreIgnored() throws {
        let url = try folder(minimal)
        defer { TestPaths.removeTemporaryFolder(url) }
        try Data("{{#broken".utf8).write(to: url.appendingPathComponent("README.md"))
        #expect(diagnostics(loading: url.path) == nil)
    }

    @Test func syntaxErrorIsReportedAtItsLineAndColumn() throws {
        var templates = minimal
        templates["action"] = "import X\n{{#request}}\n  x {{/response}}\n{{/request}}\n"
        let url = try folder(templates)
        defer { TestPaths.removeTemporaryFolder(url) }
        let diagnostic = try #require(diagnostics(loading: url.path)?.only)
        let path = url.appendingPathComponent("action.mustache").path
        // Line 3 of the file (not of the text apigen parses, which has a pragma line first),
        // at the section name that does not match.
        #expect(diagnostic.location?.description == "\(path):3:8")
        #expect(diagnostic.message.hasPrefix("template syntax error: "))
        #expect(diagnostic.description.hasPrefix("\(path):3:8: error: template syntax error: "))
    }

    /// The pragma apigen puts before each template must not shift line numbers, and columns
    /// count characters.
    @Test func syntaxErrorOnTheFirstLine() throws {
        var templates = minimal
        templates["product"] = "中文 {{/nothing}}\n"
        let url = try folder(templates)
        defer { TestPaths.removeTemporaryFolder(url) }
        let diagnostic = try #require(diagnostics(loading: url.path)?.only)
        #expect(diagnostic.location?.description == url.appendingPathComponent("product.mustache").path + ":1:7")
    }

    @Test func everyBrokenTemplateIsReportedSorted() throws {
        var templates = minimal
        templates["product"] = "{{#a}}\n"
        templates["action"] = "\n\n{{/b}}"
        let url = try folder(templates)
        defer { TestPaths.removeTemporaryFolder(url) }
        let found = try #require(diagnostics(loading: url.path))
        #expect(found.map { ($0.location?.file as NSString?)?.lastPathComponent } == ["action.mustache", "product.mustache"])
        #expect(found.allSatisfy { $0.message.hasPrefix("template syntax error: ") })
        #expect(found.first?.location?.line == 3)
    }

    @Test func templateThatIsNotUTF8() throws {
        let url = try folder(minimal)
        defer { TestPaths.removeTemporaryFolder(url) }
        let path = url.appendingPathComponent("extra.mustache").path
        try Data([0x66, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(diagnostics(loading: url.path)?.map(\.brief) == ["\(path):1:1: error: cannot read template (not UTF-8?)"])
    }

    /// Templates render plain text: view models already escaped what Swift needs, so no HTML
    /// escaping may happen on top.
    @Test func rendersWithoutHTMLEscaping() throws {
        var templates = minimal
        templates["plain"] = "let s = {{value}} // {{& value}}\n"
        let url = try folder(templates)
        defer { TestPaths.removeTemporaryFolder(url) }
        let set = try TemplateSet(folder: url.path)
        let value = "\"<a & 'b'>\""
        #expect(set.render(["value": value], template: "plain") == "let s = \(value) // \(value)\n")
    }

    @Test func partialsAreFoundByName() throws {
        var templates = minimal
        templates["outer"] = "[{{> inner}}]"
        templates["inner"] = "{{name}}"
        let url = try folder(templates)
        defer { TestPaths.removeTemporaryFolder(url) }
        let set = try TemplateSet(folder: url.path)
        #expect(set.render(["name": "x"], template: "outer") == "[x]")
    }
}
