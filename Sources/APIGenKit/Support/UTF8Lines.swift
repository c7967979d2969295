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
            var end = start
            while end < bytes.count, bytes[end] != newline { end += 1 }
            var trimmedEnd = end
            while trimmedEnd > start, bytes[trimmedEnd - 1] == space || bytes[trimmedEnd - 1] == tab { trimmedEnd -= 1 }
            ranges.append(start..<trimmedEnd)
            if end == bytes.count { return ranges }
            start = end + 1
        }
    }

    static let newline = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
}
