import CLibXML2

/// The few process-wide libxml2 settings and the error plumbing that parser and schema
/// validator share.
enum LibXML2 {
    /// One error or warning as libxml2 reported it.
    struct ReportedError {
        var level: UInt32
        var message: String
        var line: Int
        var column: Int
        /// The element the error is about (schema validation), as an opaque address.
        var node: UnsafeMutableRawPointer?
    }

    /// Receives libxml2's structured errors.
    class ErrorSink {
        var errors: [ReportedError] = []

        func record(_ error: xmlErrorPtr) {
            var message = error.pointee.message.map { String(cString: $0) } ?? "unknown libxml2 error"
            while message.last?.isNewline == true || message.last == " " { message.removeLast() }
            errors.append(ReportedError(
                level: error.pointee.level.rawValue,
                message: message,
                line: Int(error.pointee.line),
                column: Int(error.pointee.int2),
                node: error.pointee.node
            ))
        }
    }

    /// The C callback: `userData` is an unretained `ErrorSink`.
    static let structuredErrorHandler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        Unmanaged<ErrorSink>.fromOpaque(userData).takeUnretainedValue().record(error)
    }

    /// Runs `body` with libxml2's (thread-local) structured error handler pointed at `sink`.
    static func collectingErrors<T>(into sink: ErrorSink, _ body: () -> T) -> T {
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        xmlSetStructuredErrorFunc(unmanaged.toOpaque(), structuredErrorHandler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return body()
    }

    /// Makes every attempt to load an external resource (DTD, entity, schema include) fail.
    static func refuseExternalLoads() {
        _ = installRefusingLoader
    }

    private static let installRefusingLoader: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()
}
