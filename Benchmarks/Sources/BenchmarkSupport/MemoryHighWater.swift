import Foundation

/// How much resident memory a piece of code adds at its peak, measured with Linux's
/// resettable high-water mark: free memory is handed back to the system (`malloc_trim`), the
/// peak is reset to the current resident set (`echo 5 > /proc/self/clear_refs`), the code
/// runs, and the peak (`VmHWM`) minus the resident set before is what it added. Unlike the
/// process's lifetime peak, this does not see what setup (building inputs, checking results)
/// used before, nor what earlier iterations left in malloc's free lists.
public enum MemoryHighWater {
    /// Whether the kernel lets the peak be reset (Linux ≥ 4.0).
    public static let isAvailable: Bool = {
        #if os(Linux)
        return FileManager.default.isWritableFile(atPath: "/proc/self/clear_refs")
        #else
        return false
        #endif
    }()

    /// Hands free memory back, resets the peak, and returns the resident set now, in bytes.
    public static func reset() -> Int {
        #if os(Linux)
        mallocTrim?(0)
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        if fd >= 0 {
            _ = write(fd, "5", 1)
            close(fd)
        }
        return status("VmRSS:")
        #else
        return 0
        #endif
    }

    /// glibc's `malloc_trim` (declared in <malloc.h>, which Swift's Glibc module leaves out).
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    /// The peak resident set since the last reset, in bytes.
    public static func peak() -> Int {
        status("VmHWM:")
    }

    private static func status(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
              let kilobytes = Int(line.dropFirst(field.count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }
}
