import Foundation

/// The lines of UTF-8 text as ranges of its bytes.
///
/// Spec text and rendered files pass through line-by-line rewrites (tidying a description,
/// making doc comment lines, indenting a nested type). Splitting on `String.UTF8View` builds a
/// collection of views per line and checks every index; these passes instead walk the
/// contiguous bytes once. Spaces, tabs and `\n` are ASCII, so every range starts and ends at
/// a character boundary and slices can be copied without decoding.
enum UTF8Lines {
    /// The lines of `bytes`, split at `\n`, each without its trailing spaces and tabs. Text that
    /// ends with `\n` has an empty last line; empty text is one empty line.
    static func trimmedRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while true {
            let end = firstIndex(of: newline, in: bytes, from: start)
            var trimmedEnd = end
            while trimmedEnd > start, bytes[trimmedEnd - 1] == space || bytes[trimmedEnd - 1] == tab { trimmedEnd -= 1 }
            ranges.append(start..<trimmedEnd)
            if end == bytes.count { return ranges }
            start = end + 1
        }
    }

    /// The index of the first `byte` at or after `start`, or `bytes.count`. `memchr` reads
    /// a word at a time; every rendered file is searched for newlines several times.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    static let newline = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
}
