import Foundation

/// Converts one action of the metadata into an `ActionSpec` (parameters, response, examples,
/// errors; the schemas themselves in `ActionConverter+Schema.swift`), collecting what was odd.
struct ActionConverter {
    let actionName: String
    let product: String
    let version: String
    let file: SourceLocation
    /// `#/components/schemas/<Name>` → schema, for `$ref`s.
    var components: [String: AlibabaMetadata.Schema] = [:]
    var log = IssueLog()
    /// The `$ref`s being followed, innermost last (a schema that contains itself stops there).
    var resolving: [String] = []
    var dottedParameters = 0
    var groupedDottedParameters = 0
    var dottedGroups = 0
    /// The language of the metadata's texts, and what was rewritten in them.
    var language = DocumentationLanguage.english
    var rewrites = DocumentationRewrites()

    enum Side {
        case request
        case response
    }

    private static let rpcLocations: Set<String> = ["query", "formdata", "body"]

    mutating func convert(_ api: AlibabaMetadata.API) -> ActionSpec {
        var description = prose(api.description, path: "description")
        let summary = summary(api, description: description)
        if let extra = prose(api.requestParamsDescription, path: "requestParamsDescription") {
            description = [description, extra].compactMap { $0 }.joined(separator: "\n\n")
        }
        let (fields, schemaDescription) = response(api)
        var responseDescription = schemaDescription
        if let extra = prose(api.responseParamsDescription, path: "responseParamsDescription") {
            responseDescription = [responseDescription, extra].compactMap { $0 }.joined(separator: "\n\n")
        }
        if let invalid = api.deprecated, case .invalid(let text) = invalid {
            log.add(.invalidValue, action: actionName, path: "deprecated", "deprecated is \(text), not a boolean; read as false")
        }
        return ActionSpec(
            name: actionName,
            swiftName: nil,
            operationType: Self.operationType(of: api),
            summary: summary,
            description: description,
            conditions: [],
            deprecation: api.deprecated?.isTrue == true ? deprecation(api.staticInfo) : nil,
            parameters: parameters(api),
            responseDescription: responseDescription,
            fields: fields,
            responseExamples: examples(api.responseDemo),
            errors: errors(api),
            location: file
        )
    }

    /// The summary, else the title, unless it is missing or only the action's name (58 ECS
    /// actions): then the description's first sentence, else "Calls `Name`.".
    mutating func summary(_ api: AlibabaMetadata.API, description: String?) -> String {
        for (text, path) in [(api.summary, "summary"), (api.title, "title")] {
            if let summary = prose(text, path: path), summary != actionName { return summary }
        }
        if let description, let sentence = DocumentationMarkup.firstSentence(of: description) {
            rewrites.summariesFromDescription += 1
            return sentence
        }
        rewrites.summariesFromName += 1
        return language.summary(calling: actionName)
    }

    /// "Deprecated in Alibaba Cloud's API metadata." and, when the metadata says, what replaces it.
    mutating func deprecation(_ info: AlibabaMetadata.StaticInfo?) -> Deprecation {
        var text = MetadataImporter.deprecationText
        let replacements = (info?.substitutions ?? []).compactMap(\.text).compactMap { substitution -> String? in
            let parts = substitution.components(separatedBy: "::")
            guard parts.count == 3 else { return substitution.isEmpty ? nil : substitution }
            return parts[0] == product && parts[1] == version ? parts[2] : "\(parts[2]) (\(parts[0]) \(parts[1]))"
        }
        if !replacements.isEmpty {
            let list = replacements.count == 1
                ? replacements[0]
                : replacements.dropLast().joined(separator: ", ") + " or " + replacements.last!
            text += " Use \(list) instead."
        }
        if let reason = prose(info?.noSubstitutionReason, path: "staticInfo.noSubstitutionReason") {
            text += " No replacement: \(reason)"
        }
        return Deprecation(message: text)
    }

    // MARK: Parameters

    mutating func parameters(_ api: AlibabaMetadata.API) -> [MemberSpec] {
        var members: [MemberSpec] = []
        var seen: Set<String> = []
        for (offset, entry) in (api.parameters ?? []).enumerated() {
            guard let parameter = entry.value else {
                if case .invalid(let reason) = entry {
                    log.add(.memberSkipped, action: actionName, path: "parameters[\(offset)]", "could not be read (\(reason)); skipped")
                }
                continue
            }
            guard let name = parameter.name?.string.map({ trimmed($0, path: "parameters[\(offset)]") }), MetadataImporter.isUsableWireName(name) else {
                log.add(.memberSkipped, action: actionName, path: "parameters[\(offset)]", "no usable name ('\(parameter.name?.text ?? "")'); skipped")
                continue
            }
            let path = "request." + name
            let location = parameter.in?.text ?? "query"
            guard Self.rpcLocations.contains(location.lowercased()) else {
                log.add(.parameterLocation, action: actionName, path: path, "sent in '\(location)', not as an RPC parameter; not imported")
                continue
            }
            guard let converted = member(name: name, schema: parameter.schema, path: path, side: .request, style: parameter.style, topLevel: true) else {
                continue
            }
            guard seen.insert(name).inserted else {
                // The metadata repeats some parameters word for word; only a different repeat is odd.
                if members.first(where: { $0.name == name }) != converted {
                    log.add(.memberSkipped, action: actionName, path: path, "listed twice, differently; kept the first")
                }
                continue
            }
            members.append(converted)
        }
        var grouping = DottedParameterGrouping(actionName: actionName)
        let grouped = grouping.group(members)
        log.append(contentsOf: grouping.log)
        dottedParameters = grouping.dottedCount
        groupedDottedParameters = grouping.groupedCount
        dottedGroups = grouping.groupCount
        return grouped
    }

    // MARK: Response

    mutating func response(_ api: AlibabaMetadata.API) -> (fields: [MemberSpec], description: String?) {
        let responses = api.responses?.entries ?? []
        let chosen = responses.first { $0.key == "200" }
            ?? responses.first { Int($0.key).map { (200..<300).contains($0) } ?? false }
        guard let chosen else {
            log.add(.responseStatus, action: actionName, path: "responses",
                    responses.isEmpty ? "no response described; the response has no fields" : "no 2xx response (only \(responses.map(\.key).joined(separator: ", "))); the response has no fields")
            return ([], nil)
        }
        if chosen.key != "200" {
            log.add(.responseStatus, action: actionName, path: "responses", "no 200 response; imported the \(chosen.key) response")
        }
        for other in responses where other.key != chosen.key {
            log.add(.responseStatus, action: actionName, path: "responses.\(other.key)", "only one response is imported (\(chosen.key)); this one is left out")
        }
        guard let response = chosen.value.value else {
            log.add(.responseStatus, action: actionName, path: "responses.\(chosen.key)", "could not be read; the response has no fields")
            return ([], nil)
        }
        guard let schema = response.schema else { return ([], nil) }
        let description = prose(schema.description, path: "responses.\(chosen.key).description")
        let typeName = schema.type?.string?.lowercased()
        if let typeName, typeName != "object" {
            log.add(.unknownType, action: actionName, path: "response", "the response is \(typeName.withArticle), not an object; it has no fields")
            return ([], description)
        }
        return (members(of: schema, path: "response", side: .response, topLevel: true), description)
    }

    /// `responseDemo`: a JSON array, as a string, of `{"type": "json"|"xml", "example": "…"}`.
    mutating func examples(_ demo: FlexibleText?) -> [ResponseExample] {
        guard let text = demo?.text, !text.allSatisfy(\.isWhitespace) else { return [] }
        guard let tree = try? JSONReader.parse(Array(text.utf8)), case .array(let entries) = tree else {
            log.add(.responseExample, action: actionName, path: "responseDemo", "not a JSON array of examples; no examples imported")
            return []
        }
        var examples: [ResponseExample] = []
        for (offset, entry) in entries.enumerated() {
            guard case .object(let fields) = entry,
                  case .string(let type)? = fields.last(where: { $0.key == "type" })?.value,
                  case .string(let body)? = fields.last(where: { $0.key == "example" })?.value
            else {
                log.add(.responseExample, action: actionName, path: "responseDemo[\(offset)]", "not a {type, example} entry; skipped")
                continue
            }
            guard let format = ResponseExample.Format(rawValue: type.lowercased()) else {
                log.add(.responseExample, action: actionName, path: "responseDemo[\(offset)]", "example type '\(type)' is neither json nor xml; skipped")
                continue
            }
            let cleaned = data(body, path: "responseDemo[\(offset)]")
            guard !cleaned.allSatisfy(\.isWhitespace) else { continue }
            examples.append(ResponseExample(format: format, body: cleaned, location: file))
        }
        return examples
    }

    // MARK: Errors

    mutating func errors(_ api: AlibabaMetadata.API) -> [ErrorSpec] {
        struct Collected {
            var statuses: [Int] = []
            var messages: [(status: Int, message: String)] = []
            var description: String?
        }
        var order: [String] = []
        var collected: [String: Collected] = [:]
        for (statusKey, entry) in api.errorCodes?.entries ?? [] {
            let path = "errorCodes.\(statusKey)"
            guard let status = Int(statusKey), (100...9999).contains(status), String(status) == statusKey else {
                log.add(.errorStatus, action: actionName, path: path, "'\(statusKey)' is not an HTTP status the format can hold (100 to 9999); its codes are left out")
                continue
            }
            if !(100...599).contains(status) {
                log.add(.errorStatus, action: actionName, path: path, "'\(statusKey)' is not an HTTP status; kept as written")
            }
            guard let list = entry.value else {
                log.add(.errorSkipped, action: actionName, path: path, "not a list of error codes; left out")
                continue
            }
            for (offset, item) in list.enumerated() {
                guard let error = item.value, let code = error.errorCode?.text.map({ trimmed($0, path: "\(path)[\(offset)]") }),
                      MetadataImporter.isUsableWireName(code)
                else {
                    log.add(.errorSkipped, action: actionName, path: "\(path)[\(offset)]", "no usable error code ('\(item.value?.errorCode?.text ?? "")'); left out")
                    continue
                }
                let message = prose(error.errorMessage, path: "\(path).\(code)") ?? ""
                if collected[code] == nil {
                    order.append(code)
                    collected[code] = Collected()
                }
                if !collected[code]!.statuses.contains(status) { collected[code]!.statuses.append(status) }
                collected[code]!.messages.append((status, message))
                if collected[code]!.description == nil {
                    collected[code]!.description = prose(error.description, path: "\(path).\(code).description")
                }
            }
        }
        return order.map { code in
            let entry = collected[code]!
            // A message that is only `%s` is what the service fills in, not a message: the
            // first real one is the message; with none, the description is, or else a
            // sentence saying that the service fills it in.
            var messages = entry.messages
            if messages.contains(where: { DocumentationMarkup.isPlaceholderOnly($0.message) }) {
                if DocumentationMarkup.isPlaceholderOnly(messages[0].message) { rewrites.placeholderMessagesReplaced += 1 }
                messages.removeAll { DocumentationMarkup.isPlaceholderOnly($0.message) }
            }
            var ownDescription = entry.description
            let first: String
            if let message = messages.first?.message {
                first = message
            } else {
                if let description = ownDescription {
                    first = description
                    ownDescription = nil
                } else {
                    first = language.filledInMessage(code: code)
                }
            }
            var lines: [String] = []
            for (status, message) in messages.dropFirst() where message != first {
                let line = "HTTP \(status): \(message)"
                if !lines.contains(line) { lines.append(line) }
            }
            let description = ([ownDescription].compactMap { $0 } + lines).joined(separator: "\n")
            return ErrorSpec(
                code: code, swiftName: nil, httpStatuses: entry.statuses, message: first,
                description: description.isEmpty ? nil : description, location: file
            )
        }
    }

    // MARK: Text

    // Paths (`request.Filter.description`) name where something odd was found; they are only
    // built when something is.

    /// A name without the spaces, tabs or line breaks around it (reported when there were any).
    mutating func trimmed(_ name: String, path: @autoclosure () -> String) -> String {
        if Self.hasNoBlankEnds(name) { return name }
        guard name.first?.isWhitespace == true || name.last?.isWhitespace == true else { return name }
        let result = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if !result.isEmpty {
            log.add(.whitespaceTrimmed, action: actionName, path: path(), "'\(name.debugDescription.dropFirst().dropLast())' has white space around it; imported as '\(result)'")
        }
        return result
    }

    /// True when the first and last bytes are ASCII but not white space (nor may the first and
    /// last characters then be: a character is white space by its first scalar, and no ASCII
    /// scalar continues a character that starts with another). False says nothing.
    static func hasNoBlankEnds(_ text: String) -> Bool {
        func isPlain(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte)
        }
        return isPlain(text.utf8.first) && isPlain(text.utf8.last)
    }

    /// Prose: characters XML cannot hold removed (and reported), normalized as apigen reads it; nil if empty.
    mutating func prose(_ value: FlexibleText?, path: @autoclosure () -> String) -> String? {
        guard let text = value?.text else { return nil }
        return MetadataImporter.normalized(data(text, path: path()), language: language, rewrites: &rewrites)
    }

    /// Data kept as it is, but for characters XML 1.0 cannot hold (removed and reported).
    mutating func data(_ text: String, path: @autoclosure () -> String) -> String {
        guard !Self.isAllowedInXML(text) else { return text }
        var cleaned = String.UnicodeScalarView()
        var removed: [String] = []
        for scalar in text.unicodeScalars {
            if XMLEscaping.isAllowed(scalar) {
                cleaned.append(scalar)
            } else {
                removed.append(String(format: "U+%04X", scalar.value))
            }
        }
        log.add(.textCleaned, action: actionName, path: path(), "removed characters XML cannot hold: \(removed.joined(separator: ", "))")
        return String(cleaned)
    }

    /// Whether XML 1.0 can hold every character of `text`: byte by byte, where only controls
    /// and sequences starting with EF (U+FFFE, U+FFFF) need a look at the scalars.
    static func isAllowedInXML(_ text: String) -> Bool {
        let plain = UTF8Bytes.scan(text) { bytes in
            bytes.allSatisfy { $0 >= 0x20 ? $0 != 0xEF : ($0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        }
        return plain || text.unicodeScalars.allSatisfy(XMLEscaping.isAllowed)
    }
}


extension ActionConverter {
    /// `read` when the metadata says so; when it says nothing (120 ECS actions), a
    /// `systemTags.operationType` of `get` or `list` marks a read too. Anything else is a write,
    /// which the client never retries after a server error.
    static func operationType(of api: AlibabaMetadata.API) -> ActionSpec.OperationType {
        if let declared = api.operationType?.string {
            return declared == "read" ? .read : .write
        }
        switch api.systemTags?.operationType?.string {
        case "get", "list": return .read
        default: return .write
        }
    }
}
