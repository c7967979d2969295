import Foundation
import Testing

@testable import APIGenRuntime

extension Signing {
    @Suite("Credentials")
    struct CredentialsTests {
        static let secret = "S3cr3tValue-Do-Not-Print"
        static let token = "STS.TokenValue-Do-Not-Print"

        static func everyRendering(of credentials: Credentials) -> [String] {
            var dumped = ""
            dump(credentials, to: &dumped)
            var dumpedInArray = ""
            dump([credentials], to: &dumpedInArray)
            return [
                credentials.description,
                credentials.debugDescription,
                "\(credentials)",
                String(describing: credentials),
                String(reflecting: credentials),
                "\([credentials])",
                "\(Optional(credentials) as Any)",
                dumped,
                dumpedInArray,
            ]
        }

        @Test("No rendering shows the secret or the token; the key ID shows its first 4 characters")
        func descriptionsHideSecrets() {
            let credentials = Credentials(accessKeyId: "LTAI5tExampleKeyId", accessKeySecret: Self.secret, securityToken: Self.token)
            for text in Self.everyRendering(of: credentials) {
                #expect(!text.contains(Self.secret), "\(text)")
                #expect(!text.contains("S3cr"), "\(text)")
                #expect(!text.contains(Self.token), "\(text)")
                #expect(!text.contains("STS."), "\(text)")
                #expect(!text.contains("LTAI5t"), "\(text)")
                #expect(text.contains("LTAI***"), "\(text)")
            }
            #expect(
                credentials.description
                    == "Credentials(accessKeyId: LTAI***, accessKeySecret: ***, securityToken: ***)"
            )
            let permanent = Credentials(accessKeyId: "LTAI5tExampleKeyId", accessKeySecret: Self.secret)
            #expect(
                permanent.description
                    == "Credentials(accessKeyId: LTAI***, accessKeySecret: ***, securityToken: nil)"
            )
        }

        @Test("Short key IDs are shown no further than they go")
        func shortKeyId() {
            #expect(Credentials(accessKeyId: "ab", accessKeySecret: "x").description.hasPrefix("Credentials(accessKeyId: ab***,"))
        }

        @Test("Environment: all variables read")
        func environment() throws {
            let credentials = try Credentials(environment: [
                "ALIBABA_CLOUD_ACCESS_KEY_ID": "id",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "secret",
                "ALIBABA_CLOUD_SECURITY_TOKEN": "token",
                "UNRELATED": "x",
            ])
            #expect(credentials == Credentials(accessKeyId: "id", accessKeySecret: "secret", securityToken: "token"))
        }

        @Test("Environment: the token is optional, and an empty token counts as none")
        func optionalToken() throws {
            let base = ["ALIBABA_CLOUD_ACCESS_KEY_ID": "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "secret"]
            #expect(try Credentials(environment: base).securityToken == nil)
            var withEmpty = base
            withEmpty["ALIBABA_CLOUD_SECURITY_TOKEN"] = ""
            #expect(try Credentials(environment: withEmpty).securityToken == nil)
        }

        @Test("Environment: a missing or empty variable is named, and no value is shown")
        func missingVariables() {
            let secretOnly = ["ALIBABA_CLOUD_ACCESS_KEY_SECRET": Self.secret]
            let missingId = #expect(throws: CredentialsError.self) { try Credentials(environment: secretOnly) }
            #expect(missingId == .missingEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_ID"))
            #expect(missingId?.description.contains("ALIBABA_CLOUD_ACCESS_KEY_ID") == true)
            #expect(missingId?.description.contains(Self.secret) == false)

            let idOnly = ["ALIBABA_CLOUD_ACCESS_KEY_ID": "id"]
            let missingSecret = #expect(throws: CredentialsError.self) { try Credentials(environment: idOnly) }
            #expect(missingSecret == .missingEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))
            #expect(missingSecret?.description == "Alibaba Cloud credentials: the environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set")

            let emptySecret = ["ALIBABA_CLOUD_ACCESS_KEY_ID": "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": ""]
            let empty = #expect(throws: CredentialsError.self) { try Credentials(environment: emptySecret) }
            #expect(empty == .emptyEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))
            #expect(empty?.description == "Alibaba Cloud credentials: the environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET is empty")
        }

        @Test("Providers: static, injected environment, and the error passed through")
        func providers() async throws {
            let fixed = Credentials(accessKeyId: "id", accessKeySecret: "secret")
            #expect(try await CredentialsProvider.static(fixed).credentials() == fixed)

            let injected = CredentialsProvider.environment([
                "ALIBABA_CLOUD_ACCESS_KEY_ID": "envid",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "envsecret",
            ])
            #expect(try await injected.credentials() == Credentials(accessKeyId: "envid", accessKeySecret: "envsecret"))

            let empty = CredentialsProvider.environment([:])
            await #expect(throws: CredentialsError.missingEnvironmentVariable("ALIBABA_CLOUD_ACCESS_KEY_ID")) {
                try await empty.credentials()
            }
        }

        @Test("Provider: the process environment is read when asked")
        func processEnvironment() async throws {
            let environment = ProcessInfo.processInfo.environment
            let provider = CredentialsProvider.environment
            if environment["ALIBABA_CLOUD_ACCESS_KEY_ID"].map({ !$0.isEmpty }) == true,
               environment["ALIBABA_CLOUD_ACCESS_KEY_SECRET"].map({ !$0.isEmpty }) == true {
                #expect(try await provider.credentials() == Credentials(environment: environment))
            } else {
                await #expect(throws: CredentialsError.self) { try await provider.credentials() }
            }
        }
    }
}
