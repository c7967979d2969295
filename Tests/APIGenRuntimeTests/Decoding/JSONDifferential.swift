import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenRuntime

/// Decodes the same bytes with Foundation's `JSONDecoder` and with apigen's JSON decoder
/// (``JSONDocumentDecoder``) and says how they differ, if they do.
///
/// They agree when both decode equal values, or both fail with the same kind of
/// `DecodingError` at the same coding path (and for the same type). One documented difference
/// is allowed: where `JSONDecoder` says the whole body is not valid JSON (`dataCorrupted` with
/// an empty coding path), apigen's decoder must fail with `dataCorrupted` too, but may name the
/// value's coding path (a number that does not fit its type).
enum JSONDifferential {
    static func apigen<T: Decodable>(_ type: T.Type, _ body: [UInt8]) throws -> T {
        try body.withUnsafeBytes { try JSONDocumentDecoder.decode(type, from: $0) }
    }

    static func foundation<T: Decodable>(_ type: T.Type, _ body: [UInt8]) throws -> T {
        try JSONDecoder().decode(type, from: Data(body))
    }

    /// nil if the decoders agree, else what each did.
    ///
    /// For a Dictionary, whose members are decoded in the order of `allKeys` (JSONDecoder's is
    /// its hash order, different in every process), `anyOrder` compares failures without their
    /// coding paths: with several bad members, each decoder may stop at a different one.
    static func difference<T: Decodable & Equatable>(_ type: T.Type, _ body: [UInt8], anyOrder: Bool = false) -> String? {
        let theirs = Result { try foundation(type, body) }
        let ours = Result { try apigen(type, body) }
        switch (theirs, ours) {
        case let (.success(a), .success(b)) where a == b:
            return nil
        case let (.failure(a), .failure(b)):
            let (x, y) = anyOrder ? (kind(a), kind(b)) : (outline(a), outline(b))
            if x == y || (x == "dataCorrupted()" && y.hasPrefix("dataCorrupted(")) { return nil }
            if anyOrder, x.hasPrefix("dataCorrupted("), y.hasPrefix("dataCorrupted(") { return nil }
        default:
            break
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        return "\(T.self) from \(text.debugDescription): JSONDecoder \(show(theirs)), apigen \(show(ours))"
    }

    static func difference<T: Decodable & Equatable>(_ type: T.Type, _ body: String, anyOrder: Bool = false) -> String? {
        difference(type, Array(body.utf8), anyOrder: anyOrder)
    }

    /// The outline without the coding path: `typeMismatch(Int)`.
    static func kind(_ error: any Error) -> String {
        let text = outline(error)
        guard let comma = text.firstIndex(of: ",") else { return text }
        return text[..<comma] + ")"
    }

    /// A line of a container probe's log with `JSONDecoder`'s internal `JSONError` (what it
    /// throws inside `init(from:)` for a number that does not fit or a malformed string or
    /// number, before turning it into "not valid JSON" at the top) and apigen's
    /// `dataCorrupted(…)` for the same problems both written `invalid`.
    static func normalizedLogLine(_ line: String) -> String {
        var text = line.replacingOccurrences(of: "JSONError", with: "invalid")
        while let start = text.range(of: "dataCorrupted("), let end = text[start.upperBound...].firstIndex(of: ")") {
            text.replaceSubrange(start.lowerBound...end, with: "invalid")
        }
        return text
    }

    private static func show<T>(_ result: Result<T, any Error>) -> String {
        switch result {
        case .success(let value): "decoded \(value)"
        case .failure(let error): "threw \(outline(error))"
        }
    }

    /// `typeMismatch(Int, Instances.Instance[3].CpuOptions.CoreCount)`: the kind, the type and
    /// the coding path, without the wording.
    static func outline(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(type(of: error))" }
        switch error {
        case let .dataCorrupted(context): return "dataCorrupted(\(ResponseDecoder.pathString(context.codingPath)))"
        case let .keyNotFound(key, context): return "keyNotFound(\(ResponseDecoder.pathString(context.codingPath + [key])))"
        case let .typeMismatch(type, context): return "typeMismatch(\(type), \(ResponseDecoder.pathString(context.codingPath)))"
        case let .valueNotFound(type, context): return "valueNotFound(\(type), \(ResponseDecoder.pathString(context.codingPath)))"
        @unknown default: return "\(error)"
        }
    }


    /// Bytes worth putting into JSON to break it in interesting ways.
    static let noise = Array(#"{}[]:,"\/-+.0123456789eEtfnulx u"#.utf8) + [0x00, 0x09, 0x0A, 0x1F, 0x7F, 0xC3, 0xE4, 0xED, 0xF0, 0xFF]

    /// `body` with one to three random edits: a byte replaced, dropped or duplicated, a run
    /// repeated, or the rest cut off.
    static func mutated(_ body: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var body = body
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            guard !body.isEmpty else { break }
            let position = Int.random(in: 0..<body.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0, 1: body[position] = noise.randomElement(using: &generator)!
            case 2: body.remove(at: position)
            case 3: body.insert(body[position], at: position)
            case 4: body.insert(contentsOf: body[position..<min(position + 24, body.count)], at: position)
            default: body.removeSubrange(position...)
            }
        }
        return body
    }
}
