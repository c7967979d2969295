import Foundation
import Testing

@testable import APIGenKit

/// `DocumentationMarkup`: the upstream documentation site's markup, cleaned out of prose. The
/// examples are real texts of Alibaba Cloud's metadata (ECS unless said otherwise), cut short.
@Suite struct DocumentationMarkupTests {
    /// `text` normalized, and what was counted.
    private func clean(_ text: String, _ language: DocumentationLanguage = .english) -> (String, DocumentationRewrites) {
        var rewrites = DocumentationRewrites()
        let result = DocumentationMarkup.normalize(text, language: language, rewrites: &rewrites)
        return (result, rewrites)
    }

    private func cleaned(_ text: String, _ language: DocumentationLanguage = .english) -> String { clean(text, language).0 }

    private static let en = "https://www.alibabacloud.com/help/en/doc-detail/"
    private static let zh = "https://help.aliyun.com/document_detail/"

    // MARK: Links to documents

    @Test func documentLinksPointToAlibabaCloudsDocumentation() {
        let (text, rewrites) = clean("For more information, see [Billing overview](~~25398~~).\n Valid values:")
        #expect(text == "For more information, see [Billing overview](\(Self.en)25398.html).\n Valid values:")
        #expect(rewrites.linksRewritten == 1)
        #expect(cleaned("You can call the [DescribeRegions](~~25609~~) operation and [DescribeZones](~~25610~~).")
            == "You can call the [DescribeRegions](\(Self.en)25609.html) operation and [DescribeZones](\(Self.en)25610.html).")
    }

    @Test func chineseMetadataLinksToHelpAliyunCom() {
        // Chinese punctuation right after the link stays outside it.
        let (text, rewrites) = clean("实例的计费方式，更多信息，请参见[计费概述](~~25398~~)。取值范围：", .chinese)
        #expect(text == "实例的计费方式，更多信息，请参见[计费概述](\(Self.zh)25398.html)。取值范围：")
        #expect(rewrites.linksRewritten == 1)
        #expect(cleaned("请参见~~25398~~。", .chinese) == "请参见<\(Self.zh)25398.html>。")
        #expect(cleaned("（~~25398~~）", .chinese) == "（<\(Self.zh)25398.html>）")
    }

    @Test func anchorsOfDocumentsAreKept() {
        #expect(cleaned("see [Security group limits](~~25412#SecurityGroupQuota1~~).")
            == "see [Security group limits](\(Self.en)25412.html#SecurityGroupQuota1).")
        // Markdown escapes in the anchor are not part of it.
        #expect(cleaned(#"see [Local disks](~~63138#section_n2w\_8yc\_5u1~~)."#)
            == "see [Local disks](\(Self.en)63138.html#section_n2w_8yc_5u1).")
        // dysmsapi: the anchor after the tildes.
        #expect(cleaned("see [Domain name registration](~~302325~~#title-mau-zdh-hd0).")
            == "see [Domain name registration](\(Self.en)302325.html#title-mau-zdh-hd0).")
    }

    @Test func linkTextsWithSpacesBracketsAndCodeAreLeftAsTheyAre() {
        #expect(cleaned("see [Create an instance [by using the wizard]](~~87190~~).")
            == "see [Create an instance [by using the wizard]](\(Self.en)87190.html).")
        #expect(cleaned("call [`DescribeInstances`](~~25506~~)") == "call [`DescribeInstances`](\(Self.en)25506.html)")
        // A link title (adb, cloudfw) stays.
        #expect(cleaned(#"see [What is Resource Management?](~~94475#concept-zyn-3p1-dhb~~ "Resource Management")."#)
            == #"see [What is Resource Management?](\#(Self.en)94475.html#concept-zyn-3p1-dhb "Resource Management")."#)
        // Blanks inside the tildes.
        #expect(cleaned("see [Limits](~~ 25412 ~~).") == "see [Limits](\(Self.en)25412.html).")
    }

    @Test func upstreamsMangledLinksAreLinksToo() {
        // DescribeHpcClusters' summary (en): brackets escaped as `\\[` … `]\\(`.
        #expect(cleaned(#"For more information, see \\[How to ensure idempotence]\\(~~25693~~)."#)
            == "For more information, see [How to ensure idempotence](\(Self.en)25693.html).")
        #expect(cleaned(#"see \[Error codes\]\(~~196974~~)."#) == "see [Error codes](\(Self.en)196974.html).")
        // adb, cms, live: three tildes, one tilde too many, a stray letter.
        #expect(cleaned("call the [DescribeDBClusters](~~~612397~~~) operation") == "call the [DescribeDBClusters](\(Self.en)612397.html) operation")
        #expect(cleaned("see [CreateMonitoringAgentProcess](~~114951~~~).") == "see [CreateMonitoringAgentProcess](\(Self.en)114951.html).")
        #expect(cleaned("call [DescribeLivePullStreamConfig](~~2847818~~l) operation") == "call [DescribeLivePullStreamConfig](\(Self.en)2847818.html) operation")
        // A link without text is an autolink.
        #expect(cleaned("the available region list.[](~~612393~~)") == "the available region list.<\(Self.en)612393.html>")
    }

    @Test func bareReferencesBecomeAutolinks() {
        let (text, rewrites) = clean("See ~~25398~~ for details (~~25412#BandwidthQuota~~).")
        #expect(text == "See <\(Self.en)25398.html> for details (<\(Self.en)25412.html#BandwidthQuota>).")
        #expect(rewrites.linksRewritten == 2)
    }

    @Test func linksToNoDocumentKeepTheirText() {
        // StartInstances (en): a name where the document ID belongs.
        let (text, rewrites) = clean("You can call the [DescribeRegions](~~DescribeRegions~~) operation to query")
        #expect(text == "You can call the DescribeRegions operation to query")
        #expect(rewrites.linksUnwrapped == 1)
        #expect(rewrites.linksRewritten == 0)
        // DescribeRenewalPrice (zh): no target at all.
        #expect(cleaned("请参见[统一实例到期日]()。", .chinese) == "请参见统一实例到期日。")
        // adb: empty tildes; dyplsapi: a name and an anchor.
        #expect(cleaned("call the [DescribeDBClusters](~~) operation") == "call the DescribeDBClusters operation")
        #expect(cleaned("call the [DescribeDiagnosisDimensions](~~~~) operation") == "call the DescribeDiagnosisDimensions operation")
        #expect(cleaned("by the [CreatePickUpWaybillPreQuery](~~CreatePickUpWaybillPreQuery~~#resultMapping) operation")
            == "by the CreatePickUpWaybillPreQuery operation")
        // A bare `~~word~~` (strikethrough, or a name) is the word.
        #expect(cleaned("an ~~old~~ value") == "an old value")
    }

    @Test func charactersListedAsTextAreNotLinks() {
        // quickbi-public, dataworks-public: `[]()` lists characters; images keep their targets.
        for text in [
            #"Chinese, English, numbers, and /\|[]() symbols are allowed"#,
            "following characters: `-@#*<>|[]()+=&%$!~`. It cannot",
            "the states of the ENI.\n![](https://static-aliyun-doc.oss-cn-hangzhou.aliyuncs.com/DeleteNetworkInterface.png)",
            "see [RFC 7231](https://tools.ietf.org/html/rfc7231). Valid values:",
            "查询某类资源在指定地域下的使用配额，N的取值范围为1~8。",
            "取值范围：1~100。\n\n默认值：1~5。",
        ] {
            let (result, rewrites) = clean(text)
            #expect(result == text)
            #expect(rewrites == DocumentationRewrites())
        }
    }

    // MARK: Code is code

    @Test func tildesInCodeAreCode() {
        // A `~~` inside a code span or a fenced block is left alone (it is code, or shows the markup).
        for text in [
            "Links are written `[text](~~12345~~)` upstream.",
            "Example:\n\n```\nsee ~~12345~~\n```\n\nDone.",
            "Example:\n\n~~~\nimport java.nio.charset.Charset;\n[x](~~1~~)\n~~~",
            // AuthorizeSecurityGroup (zh): a fence inside a list item, indented with it.
            "- 示例：\n\n    ```\n    \"RegionId\":\"cn-hangzhou\", //设置地域\n    ```\n\n- 下一项",
            "The kernel is `Linux_#38~18.04.1-Ubuntu`.",
        ] {
            #expect(cleaned(text) == text)
        }
        // ExportImage (zh): a fence in a list item that is never closed ends with the item.
        #expect(cleaned("- 角色策略：\n  ```\n     {\"Version\": \"1\"}\n- 请参见[文件](~~31912~~)。", .chinese)
            == "- 角色策略：\n  ```\n     {\"Version\": \"1\"}\n- 请参见[文件](\(Self.zh)31912.html)。")
        // A code span holding nothing but a reference is no code (mse): it is a link.
        #expect(cleaned(#"see \[Pricing] (`~~1806469~~`)."#) == #"see \[Pricing] (<\#(Self.en)1806469.html>)."#)
        // Outside the span, the link is rewritten.
        #expect(cleaned("`x ~~1~~` and [doc](~~2~~)") == "`x ~~1~~` and [doc](\(Self.en)2.html)")
    }

    // MARK: Anchors

    @Test func emptyAnchorsGo() {
        let (text, rewrites) = clean("## [](#)Usage notes\n\nWhen you call this operation, note that:\n\n### [](#-1)Example 1: Query")
        #expect(text == "## Usage notes\n\nWhen you call this operation, note that:\n\n### Example 1: Query")
        #expect(rewrites.anchorsRemoved == 2)
        // vpc, sas: two in a row, and one inside a quote.
        #expect(cleaned("### [](#prerequisite)[](#)Prerequisite") == "### Prerequisite")
        #expect(cleaned(">  [](#-describecloudvendoraccountaklist--authid)You can call") == ">  You can call")
    }

    @Test func aHeadingLeftEmptyGoesWithItsBlankLine() {
        // adb: `### [](#)` alone.
        #expect(cleaned("Before.\n\n### [](#)\n\n*   During a scaling") == "Before.\n\n*   During a scaling")
        #expect(cleaned("### [](#)\n\n*   You can delete") == "*   You can delete")
    }

    // MARK: Code spans

    @Test func codeSpansAcrossLinesAreJoined() {
        let (text, rewrites) = clean("Set `Instance\n  Type` to a value, or ``a\nb``.")
        #expect(text == "Set `Instance Type` to a value, or ``a b``.")
        #expect(rewrites.codeSpansJoined == 2)
        // CRLF was a line break too (prose reaches here with LF only; a CR stays where it is).
        #expect(cleaned("Set `a\r\nb` now") == "Set `a\r b` now")
    }

    @Test func codeSpansDoNotCrossBlocks() {
        // A list item, a heading, a blank line or a fence ends the paragraph: nothing pairs across.
        for text in [
            "Valid values:\n\n*   `a\n*   b`",
            "Text `a\n\nb` more",
            "Text `a\n## b` heading",
            "Text `a\n```\ncode`\n```",
            "Special characters include:\n\n    ()`~!@#$%^&*-_+=|{}[]:;'<>,.?/\n\nFor Windows instances",
            #"Special characters include **( ) \` ~ ! @ # $ % ^ & \* - \_ + = | { } \[ ] : ; ' < > , . ? /** The password"#,
        ] {
            #expect(cleaned(text) == text)
        }
    }

    @Test func strayBackticksAfterAFullStopGo() {
        // RunInstances.CpuOptions.TopologyType (en).
        let (text, rewrites) = clean("""
            The CPU topology type of the instance. Valid values:

            *   ContinuousCoreToHTMapping: The HT technology allows continuous threads to run on the same core.``
            *   DiscreteCoreToHTMapping: The HT technology allows discrete threads to run on the same core.``

            This parameter is empty by default.
            """)
        #expect(text == """
            The CPU topology type of the instance. Valid values:

            *   ContinuousCoreToHTMapping: The HT technology allows continuous threads to run on the same core.
            *   DiscreteCoreToHTMapping: The HT technology allows discrete threads to run on the same core.

            This parameter is empty by default.
            """)
        #expect(rewrites.strayBackticksRemoved == 2)
        // CreateAutoProvisioningGroup (en): a lone backtick at the end; alidns: four; Chinese full stop.
        #expect(cleaned("LaunchTemplateId takes precedence. `") == "LaunchTemplateId takes precedence.")
        #expect(cleaned("data is returned on a daily basis.````\nNext") == "data is returned on a daily basis.\nNext")
        #expect(cleaned("默认值为`KeepCharging`。``") == "默认值为`KeepCharging`。")
        // A span that closes at the end of a line is no stray, nor is a fence (dms-enterprise).
        #expect(cleaned("Set `a.`\nNext") == "Set `a.`\nNext")
        #expect(cleaned("Run `foo\nbar.`") == "Run `foo bar.`")
        #expect(cleaned("- Example of NodeOutput:```") == "- Example of NodeOutput:```")
        #expect(cleaned("A list: ( ) `") == "A list: ( ) `")
    }

    // MARK: Examples

    @Test func examplesGoOnOneLine() {
        #expect(DocumentationMarkup.exampleOnOneLine("lt-bp1apo0bbbkuy0rj****\n") == "lt-bp1apo0bbbkuy0rj****")
        #expect(DocumentationMarkup.exampleOnOneLine("cn-hangzhou-b\ncn-hangzhou-j") == "cn-hangzhou-b cn-hangzhou-j")
        #expect(DocumentationMarkup.exampleOnOneLine("{\n    \"OfflineDiagReportStatus\":\"CONFIRMED\"\n}") == "{ \"OfflineDiagReportStatus\":\"CONFIRMED\" }")
        #expect(DocumentationMarkup.exampleOnOneLine("[\r\n\"02:00-03:00\",\r\n\"05:00-06:00\"\r\n]") == "[ \"02:00-03:00\", \"05:00-06:00\" ]")
        // Without a line break an example is kept as it is, blanks and all.
        #expect(DocumentationMarkup.exampleOnOneLine("optimized\t") == nil)
        #expect(DocumentationMarkup.exampleOnOneLine(" 473469C7-AA6F ") == nil)
    }

    // MARK: Messages and summaries

    @Test func placeholderMessages() {
        for message in ["%s", " %s ", "%s.", "%s %s", "%d", "%s: %s"] { #expect(DocumentationMarkup.isPlaceholderOnly(message), "\(message)") }
        for message in ["", ".", "The specified %s is invalid.", "100%s", "%", "%x"] { #expect(!DocumentationMarkup.isPlaceholderOnly(message), "\(message)") }
    }

    @Test func firstSentences() {
        // AllocateEipAddress, in English and Chinese: the quote marker goes.
        #expect(DocumentationMarkup.firstSentence(of: "> This operation has been upgraded. We recommend that you do not use it.")
            == "This operation has been upgraded.")
        #expect(DocumentationMarkup.firstSentence(of: "> 该接口已升级，不建议继续使用。新版接口的使用说明") == "该接口已升级，不建议继续使用。")
        // Headings and lists (cms, ecd); a version number is no full stop; a sentence gets its stop.
        #expect(DocumentationMarkup.firstSentence(of: "## Prerequisites\n\nThe Cloud Assistant client is installed. More.") == "The Cloud Assistant client is installed.")
        #expect(DocumentationMarkup.firstSentence(of: "*   After you run a command, it may not succeed. You can") == "After you run a command, it may not succeed.")
        #expect(DocumentationMarkup.firstSentence(of: "1. Use version 2.0 or later") == "Use version 2.0 or later.")
        #expect(DocumentationMarkup.firstSentence(of: "调用该接口时，您需要注意") == "调用该接口时，您需要注意。")
        // Nothing readable (baas: `****`): none.
        #expect(DocumentationMarkup.firstSentence(of: "****") == nil)
        #expect(DocumentationMarkup.firstSentence(of: "```\ncode\n```") == nil)
    }

    // MARK: Cost

    /// `mayNeedWork` spares the rewriter most texts; it must never spare one the rewriter
    /// changes: checked on every string of both ECS metadata files and on the cases above.
    @Test func theQuickCheckMissesNothing() throws {
        var texts: Set<String> = [
            "a `b\nc` d", "a.``\nb", "x. `", "[](#)", "[a]()", "[a]\\(~~1~~)", "~~1~~", "`a`", "```\ncode\n```",
            "\\`a\nb`", "`` ` ``\n", "[a](~~1~~ \"t\")", "no markup at all",
        ]
        let folder = TestPaths.repository.appendingPathComponent("../shared/specs-upstream").standardizedFileURL
        for name in ["ecs-2014-05-26.en_us.api-docs.json", "ecs-2014-05-26.zh_cn.api-docs.json"] {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            func collect(_ value: JSONValue) {
                switch value {
                case .string(let text): texts.insert(ImportText.normalize(text))
                case .array(let values): values.forEach(collect)
                case .object(let entries): entries.forEach { collect($0.value) }
                default: break
                }
            }
            collect(try JSONReader.parse(Array(data)))
        }
        var missed: [String] = []
        var spared = 0
        for text in texts where !UTF8Bytes.scan(text, DocumentationMarkup.mayNeedWork) {
            spared += 1
            var rewrites = DocumentationRewrites()
            if DocumentationMarkup.rewriteWithoutQuickCheck(text, language: .english, rewrites: &rewrites) != nil { missed.append(text) }
        }
        #expect(missed.isEmpty, "\(missed.prefix(5))")
        #expect(spared > 0)
        // A rewrite that says it needs no normalizing leaves a normalized text normalized.
        var unnormalized: [String] = []
        for text in texts {
            var rewrites = DocumentationRewrites()
            if let rewritten = DocumentationMarkup.rewrite(text, language: .english, rewrites: &rewrites), !rewritten.mayNeedNormalizing,
               SpecText.normalize(rewritten.text) != rewritten.text, SpecText.normalize(text) == text {
                unnormalized.append(text)
            }
        }
        #expect(unnormalized.isEmpty, "\(unnormalized.prefix(5))")
    }

    @Test func textsWithoutMarkupAreReturnedAsTheyAre() {
        var rewrites = DocumentationRewrites()
        for text in ["The ID of the instance.", "Valid values:\n\n*   `a`\n*   `b`", "", "取值范围：1~100。"] {
            #expect(DocumentationMarkup.rewritten(text, language: .english, rewrites: &rewrites) == nil)
        }
        #expect(rewrites == DocumentationRewrites())
    }
}
