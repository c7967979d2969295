import Foundation
import Testing

/// The ECS actions that take an idempotency token (`ClientToken`), computed from `Specs/Ecs`,
/// must be the list the README gives (between its `client-token-actions` markers): 82 actions
/// whose calls the client fills with a token and may retry after a server error or a lost
/// connection once the templates emit `clientTokenParameter` for them.
@Suite struct ClientTokenActionsTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func actionsTakingClientToken() throws -> [String] {
        let folder = repository.appendingPathComponent("Specs/Ecs")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".xml") && $0 != "product.xml" }
            .filter { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8).contains(#"<parameter name="ClientToken""#) }
            .map { String($0.dropLast(4)) }
            .sorted()
    }

    @Test func theREADMEListsExactlyTheActionsWhoseSpecTakesAClientToken() throws {
        let actions = try Self.actionsTakingClientToken()
        #expect(actions.count == 82)
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- client-token-actions:start -->"))
        let end = try #require(readme.range(of: "<!-- client-token-actions:end -->"))
        let listed = readme[start.upperBound..<end.lowerBound]
            .components(separatedBy: CharacterSet(charactersIn: ", `\n"))
            .filter { !$0.isEmpty }
        #expect(listed == actions)
    }
}
