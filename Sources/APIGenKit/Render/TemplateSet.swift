import Foundation
import Mustache

/// The Mustache templates apigen renders, loaded from a folder the user may have edited.
///
/// Every template is rendered as plain text (no HTML escaping): the view models already
/// escaped what needs escaping for Swift.
struct TemplateSet: Sendable {
    /// The templates the pipeline renders directly; partials they include are found by name.
    static let required = [
        "product", "errors", "shapes", "client", "paginators", "waiters", "action", "objectType", "enumType", "service", "serverTypes",
    ]

    let library: MustacheLibrary
    let folder: String

    /// Loads every `*.mustache` file in `folder`; syntax errors point at the template's line and column.
    init(folder: String) throws(DiagnosticsError) {
        self.folder = folder
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticsError(diagnostics: [.error(
                "templates folder '\(folder)' does not exist",
                at: nil,
                hint: "pass --templates with the folder that holds action.mustache and product.mustache"
            )])
        }
        let names = ((try? fileManager.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".mustache") }
            .sorted()
        var library = MustacheLibrary()
        var diagnostics = DiagnosticCollector()
        for file in names {
            let path = (folder as NSString).appendingPathComponent(file)
            guard let data = fileManager.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.error("cannot read template (not UTF-8?)", at: SourceLocation(file: path, line: 1, column: 1))
                continue
            }
            do {
                // The pragma stands on a line of its own before the template's first line.
                let template = try MustacheTemplate(string: Self.pragma + "\n" + text)
                library.register(template, named: String(file.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                let line = max(error.context.lineNumber - 1, 1)
                let column = max(error.context.columnNumber, 1)
                diagnostics.error(
                    "template syntax error: \(error.error)",
                    at: SourceLocation(file: path, line: line, column: column),
                    hint: "check that every {{#section}} has its {{/section}}"
                )
            } catch {
                diagnostics.error("template error: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
            }
        }
        let templatesParsed = !diagnostics.hasErrors
        for name in Self.required where templatesParsed && library.getTemplate(named: name) == nil {
            diagnostics.error(
                "templates folder has no \(name).mustache",
                at: nil,
                hint: "copy it from the apigen repository's Templates/ folder into '\(folder)'"
            )
        }
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics: diagnostics.sorted) }
        self.library = library
    }

    private static let pragma = "{{% CONTENT_TYPE: TEXT}}"

    /// Renders one template; continuation lines (`{{#docComment}}`) get their indentation.
    func render(_ context: Any, template name: String) -> String {
        String(decoding: renderBytes(context, template: name), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes, for the renderer's passes that follow.
    func renderBytes(_ context: Any, template name: String) -> [UInt8] {
        ContinuationLines.resolvedBytes(library.render(context, withTemplate: name) ?? "")
    }
}
