import Foundation

/// Paths of the repository the tests run in, found from this file's own path so that tests
/// work from any working directory.
enum TestPaths {
    /// The package root.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // APIGenKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let schema = repository.appendingPathComponent("Specs/apigen.xsd").path
    static let specs = repository.appendingPathComponent("Specs").path
    static let templates = repository.appendingPathComponent("Templates").path
    static let generated = repository.appendingPathComponent("Generated").path
    static let goldenSpecs = repository.appendingPathComponent("Tests/Golden/Specs").path
    static let goldenExpected = repository.appendingPathComponent("Tests/Golden/Expected").path

    /// A fresh, empty temporary folder; removed by the caller with `removeTemporaryFolder`.
    static func makeTemporaryFolder(_ label: String = "apigen") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func removeTemporaryFolder(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// Every regular file below `folder`, relative path → bytes; for "was anything touched?" checks.
    static func snapshot(of folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return result }
        for case let path as String in enumerator {
            let full = (folder as NSString).appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = FileManager.default.contents(atPath: full)
            }
        }
        return result
    }
}
