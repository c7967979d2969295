import Foundation

/// The language of a metadata file's texts (Alibaba Cloud publishes `api-docs.json` in English
/// and in Chinese). It decides which documentation site `~~12345~~` links go to, and the
/// language of the few sentences the importer writes itself.
public enum DocumentationLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case chinese = "zh"

    /// A page of Alibaba Cloud's documentation by its numeric ID (what the metadata writes
    /// as `~~12345~~`), with an optional anchor: the international site for English,
    /// `help.aliyun.com` (the form Alibaba's own SDK generators write) for Chinese.
    func documentURL(id: String, fragment: String?) -> String {
        let page = switch self {
        case .english: "https://www.alibabacloud.com/help/en/doc-detail/\(id).html"
        case .chinese: "https://help.aliyun.com/document_detail/\(id).html"
        }
        guard let fragment, !fragment.isEmpty else { return page }
        return page + "#" + fragment
    }

    /// The summary of an action whose metadata has none (or only its name): "Calls `Name`."
    func summary(calling action: String) -> String {
        switch self {
        case .english: "Calls `\(action)`."
        case .chinese: "调用`\(action)`。"
        }
    }

    /// The message of an error whose documented message is only a placeholder (`%s`) and that
    /// has no description: the service writes it at run time.
    func filledInMessage(code: String) -> String {
        switch self {
        case .english: "The service fills in the message of error \(code)."
        case .chinese: "错误码\(code)的消息由服务填写。"
        }
    }

    /// Chinese when most actions' texts (each action's summary, else its title, else its
    /// description) hold Chinese characters (CJK unified ideographs, U+4E00 to U+9FFF); English
    /// otherwise, also without any text (actions without text are not counted). Stops as soon
    /// as one side has most actions.
    static func detect(in metadata: AlibabaMetadata) -> DocumentationLanguage {
        let total = metadata.apis.entries.count
        var chinese = 0
        var other = 0
        for (_, entry) in metadata.apis.entries {
            guard let api = entry.value,
                  let text = [api.summary?.text, api.title?.text, api.description?.text].lazy.compactMap({ $0 }).first(where: { !$0.isEmpty })
            else { continue }
            if containsChinese(text) { chinese += 1 } else { other += 1 }
            if chinese * 2 > total || other * 2 >= total { break }
        }
        return chinese > other ? .chinese : .english
    }

    /// Whether `text` holds a CJK unified ideograph: in UTF-8, a three-byte sequence whose
    /// lead byte is E4 to E9 (U+4000 to U+9FFF; below U+4E00 only rare extension-A ideographs).
    static func containsChinese(_ text: String) -> Bool {
        UTF8Bytes.scan(text) { bytes in bytes.contains { (0xE4...0xE9).contains($0) } }
    }
}
