import Testing

@testable import APIGenKit

/// "an ``AcceptInquiredSystemEventError``", not "a ``AcceptInquiredSystemEventError``".
@Suite struct ArticlesTests {
    @Test(arguments: [
        // Vowels.
        ("``AcceptInquiredSystemEventError``", "an"), ("``EndTerminalSessionError``", "an"), ("``ImportImageError``", "an"),
        ("``OpenSnapshotServiceError``", "an"), ("``UntagResourcesError``", "an"), ("``UnassignIpv6AddressesError``", "an"),
        ("``UpdateThingError``", "an"), ("AssumeRoleWithOIDCError", "an"),
        // Consonants, and vowels that sound like one.
        ("``DescribeInstancesError``", "a"), ("``RunInstancesError``", "a"), ("``ServiceError``", "a"),
        ("``UserDataError``", "a"), ("``UniqueThingError``", "a"), ("``EuropeError``", "a"), ("``OneTimeError``", "a"),
        // A silent h.
        ("``HourlyError``", "an"), ("``HostError``", "a"),
        // Initialisms, read letter by letter.
        ("``ECSService``", "an"), ("``STSService``", "an"), ("``RAMRoleError``", "an"), ("``VSwitchError``", "a"),
        ("``URLError``", "a"), ("``HTTPError``", "an"), ("``OSSError``", "an"), ("``KMSKeyError``", "a"),
    ])
    func articleByHowTheNameIsRead(name: String, article: String) {
        #expect(Articles.indefinite(name) == "\(article) \(name)")
    }

    /// Generated docs (the client's and the service's methods) use the article.
    @Test func clientMethodDocsSayAn() throws {
        let action = """
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="AcceptInquiredSystemEvent" operationType="write">
              <summary>Accepts an inquired system event.</summary>
              <request/>
              <response/>
            </action>
            """
        let (product, diagnostics) = try SpecFixture.product(actions: [(file: "AcceptInquiredSystemEvent.xml", text: action)])
        #expect(diagnostics.isEmpty)
        let translator = Translator(product: product)
        let docs = translator.methodContexts.flatMap { $0.docLines + $0.serviceDocLines }.joined(separator: "\n")
        #expect(docs.contains("holds an ``AcceptInquiredSystemEventError``."))
        #expect(docs.contains("- Throws: an ``AcceptInquiredSystemEventError``, answered"))
        #expect(!docs.contains(" a ``A"))
    }
}
