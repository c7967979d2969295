import Crypto
import Foundation

/// Lets a run skip parsing, validation and rendering when nothing it depends on has changed
/// since the last run that wrote (or checked) the same output folder.
///
/// An entry records a fingerprint of everything that goes into the output — the generator
/// binary itself, the spec folder, the templates and the schema, byte for byte — and a digest
/// of every file the run left in the output folder. A later run may use it only if the
/// fingerprint is the same *and* every one of those files still has its digest *and* no other
/// generated file has appeared: a hand-edited, deleted or stray file always gets a full run.
/// Entries live outside the repository (`~/.cache/apigen` by default), one per output folder,
/// and are written atomically; a cache that cannot be read or written only costs a full run.
struct GenerationCache {
    /// What one entry holds.
    struct Entry: Codable, Equatable {
        var fingerprint: String
        var productCount: Int
        var actionCount: Int
        /// Path relative to the output folder → SHA-256 of its contents, hex.
        var files: [String: String]
    }

    let folder: String
    let configuration: GeneratorConfiguration
    private let fileManager = FileManager.default

    /// The fingerprint of everything this run's output depends on, or `nil` when part of it
    /// cannot be read (the full run then reports the problem).
    func fingerprint() -> String? {
        guard let generator = Self.generatorIdentity() else { return nil }
        var hasher = SHA256()
        func add(_ text: String) {
            hasher.update(data: Data(text.utf8))
            hasher.update(data: [0])
        }
        func addFile(_ path: String, as name: String) -> Bool {
            guard let data = fileManager.contents(atPath: path) else { return false }
            add(name)
            add(String(data.count))
            hasher.update(data: data)
            return true
        }
        add("apigen-cache-1")
        add(generator)
        for path in [configuration.specsFolder, configuration.outputFolder, configuration.templatesFolder, configuration.schemaPath] {
            add(absolute(path))
        }
        guard addFile(configuration.schemaPath, as: "schema") else { return nil }
        for folder in [configuration.templatesFolder, configuration.specsFolder] {
            guard let enumerator = fileManager.enumerator(atPath: folder) else { return nil }
            var files: [String] = []
            for case let relativePath as String in enumerator {
                var isFolder: ObjCBool = false
                let path = (folder as NSString).appendingPathComponent(relativePath)
                if fileManager.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                    files.append(relativePath)
                }
            }
            add("folder " + folder)
            for relativePath in files.sorted() {
                guard addFile((folder as NSString).appendingPathComponent(relativePath), as: relativePath) else { return nil }
            }
        }
        return ContentHash.hex(of: hasher.finalize())
    }

    /// The entry for this output folder, if it has `fingerprint` and the folder still holds
    /// exactly the files it lists, unchanged.
    func upToDateEntry(fingerprint: String) -> Entry? {
        guard let data = fileManager.contents(atPath: entryPath),
              let entry = try? JSONDecoder().decode(Entry.self, from: data),
              entry.fingerprint == fingerprint
        else { return nil }
        for (relativePath, digest) in entry.files {
            guard let contents = fileManager.contents(atPath: outputPath(relativePath)),
                  ContentHash.hex(contents) == digest
            else { return nil }
        }
        // A generated file the entry doesn't list would be removed (or reported) by a full run.
        if let enumerator = fileManager.enumerator(atPath: configuration.outputFolder) {
            for case let relativePath as String in enumerator
            where relativePath.hasSuffix(".swift") && entry.files[relativePath] == nil {
                if OutputWriter.isGenerated(outputPath(relativePath)) { return nil }
            }
        }
        return entry
    }

    /// Records that the output folder now holds exactly the files `digests` lists (path →
    /// ``digest(_:)`` of the contents), made from `fingerprint`.
    func store(fingerprint: String, productCount: Int, actionCount: Int, digests: [String: String]) {
        let entry = Entry(fingerprint: fingerprint, productCount: productCount, actionCount: actionCount, files: digests)
        guard let data = try? JSONEncoder().encode(entry) else { return }
        let temporary = entryPath + ".\(UUID().uuidString).tmp"
        do {
            try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, entryPath) != 0 { try? fileManager.removeItem(atPath: temporary) }
        } catch {
            try? fileManager.removeItem(atPath: temporary)
        }
    }

    /// The cache folder a command-line run uses: `$XDG_CACHE_HOME/apigen`, else
    /// `~/.cache/apigen`.
    static var defaultFolder: String {
        let environment = ProcessInfo.processInfo.environment
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return (base as NSString).appendingPathComponent("apigen")
        }
        return (NSHomeDirectory() as NSString).appendingPathComponent(".cache/apigen")
    }

    // MARK: Helpers

    /// One entry file per output folder, named by the digest of its absolute path.
    private var entryPath: String {
        (folder as NSString).appendingPathComponent(ContentHash.hex(Data(absolute(configuration.outputFolder).utf8)) + ".json")
    }

    private func outputPath(_ relativePath: String) -> String {
        (configuration.outputFolder as NSString).appendingPathComponent(relativePath)
    }

    private func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : (fileManager.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (full as NSString).standardizingPath
    }

    /// The running executable's path, size and modification time: a rebuilt apigen (or a
    /// rebuilt test or benchmark binary that links APIGenKit) never reuses an old entry.
    private static func generatorIdentity() -> String? {
        #if os(Linux)
        let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #else
        let path = Bundle.main.executablePath
        #endif
        guard let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? NSNumber,
              let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return "\(path) \(size) \(modified.timeIntervalSince1970)"
    }

    /// SHA-256 of a generated file's contents, hex.
    static func digest(_ contents: String) -> String {
        ContentHash.hex(Data(contents.utf8))
    }
}
