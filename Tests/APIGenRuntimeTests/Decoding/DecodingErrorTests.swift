import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenRuntime
@testable import APIGenXML

extension ResponseDecoding {
    @Suite("Decoding errors")
    struct Errors {
        typealias Response = DescribeInstancesResponse

        @Test(arguments: [ResponseFormat.json, .xml])
        func malformedBodyCarriesStatusAndPrefix(format: ResponseFormat) {
            let body = format == .json ? #"{"RequestId": "abc""# : "<R><RequestId>abc</RequestId>"
            let error = failure(AttachClassicLinkVpcResponse.self, body, format, httpStatus: 502)
            #expect(error?.httpStatus == 502)
            #expect(error?.bodyPrefix == body)
            #expect(error?.reason.contains(format == .json ? "not valid JSON" : "not well-formed XML") == true)
            #expect(error?.description.hasPrefix("Could not decode the response (HTTP 502): ") == true)
        }

        @Test(arguments: [ResponseFormat.json, .xml])
        func emptyAndGarbageBodies(format: ResponseFormat) {
            for body in ["", "   ", "not a document", "<", "{", "\u{0}\u{1}\u{2}", "<a></b>", "[1,2"] {
                let error = failure(AttachClassicLinkVpcResponse.self, body, format, httpStatus: nil)
                #expect(error != nil, "\(body.debugDescription) should not decode")
                #expect(error?.httpStatus == nil)
            }
        }

        @Test func bodyPrefixIsCutAt256BytesOnACharacterBoundary() {
            let body = String(repeating: "a", count: 255) + "中" + String(repeating: "b", count: 100)
            let error = failure(AttachClassicLinkVpcResponse.self, body, .xml)
            #expect(error?.bodyPrefix == String(repeating: "a", count: 255))
            let ascii = String(repeating: "x", count: 1000)
            #expect(failure(AttachClassicLinkVpcResponse.self, ascii, .json)?.bodyPrefix == String(repeating: "x", count: 256))
            #expect(ResponseDecodingError.prefix(of: [0xFF, 0x41] as [UInt8]) == "\u{FFFD}A")
        }

        static func badCoreCountXML() -> String {
            var instances = ""
            for index in 0..<4 {
                let count = index == 3 ? "abc" : "2"
                instances += "<Instance><InstanceId>i-\(index)</InstanceId><CpuOptions><CoreCount>\(count)</CoreCount></CpuOptions></Instance>"
            }
            return "<R><RequestId>x</RequestId><TotalCount>4</TotalCount><Instances>\(instances)</Instances></R>"
        }

        @Test func wrongScalarNamesThePathInXML() {
            let error = failure(Response.self, Self.badCoreCountXML(), .xml)
            #expect(error?.reason == #"Instances.Instance[3].CpuOptions.CoreCount: expected Int32, found "abc""#)
        }

        @Test func wrongScalarNamesThePathInJSON() {
            let instances = (0..<4).map { index in
                #"{"InstanceId":"i-\#(index)","CpuOptions":{"CoreCount":\#(index == 3 ? #""abc""# : "2")}}"#
            }.joined(separator: ",")
            let json = #"{"RequestId":"x","TotalCount":4,"Instances":{"Instance":[\#(instances)]}}"#
            let error = failure(Response.self, json, .json)
            #expect(error?.reason == #"Instances.Instance[3].CpuOptions.CoreCount: expected Int32, found "abc""#)
        }

        @Test func otherMismatchesInJSON() {
            #expect(failure(Response.self, #"{"RequestId":"x","TotalCount":null}"#, .json)?.reason
                == "TotalCount: expected Int32, found null")
            #expect(failure(Response.self, #"{"RequestId":"x","TotalCount":1,"Instances":[]}"#, .json)?.reason
                == "Instances: expected an object, found a list")
            #expect(failure(Response.self, #"{"RequestId":7,"TotalCount":1}"#, .json)?.reason
                == "RequestId: expected String, found 7")
            #expect(failure(Response.self, #"[]"#, .json)?.reason == "expected an object, found a list")
        }

        @Test(arguments: [ResponseFormat.json, .xml])
        func missingRequiredValueNamesThePath(format: ResponseFormat) {
            let body = format == .json
                ? #"{"RequestId":"x","TotalCount":1,"Instances":{"Instance":[{"InstanceId":"a"},{"Status":"Running"}]}}"#
                : "<R><RequestId>x</RequestId><TotalCount>1</TotalCount><Instances><Instance><InstanceId>a</InstanceId></Instance><Instance><Status>Running</Status></Instance></Instances></R>"
            #expect(failure(Response.self, body, format)?.reason == "Instances.Instance[1].InstanceId: required value is missing")
            let noTotal = format == .json ? #"{"RequestId":"x"}"# : "<R><RequestId>x</RequestId></R>"
            #expect(failure(Response.self, noTotal, format)?.reason == "TotalCount: required value is missing")
        }

        @Test func xmlMismatchesAndBadEnums() {
            #expect(failure(Response.self, "<R><RequestId><X/></RequestId><TotalCount>1</TotalCount></R>", .xml)?.reason
                == "RequestId: expected String, found an element with child elements")
            #expect(failure(AllScalars.self, "<R><String/><Bool>yes</Bool></R>", .xml)?.reason
                == #"Bool: expected Bool, found "yes""#)
            #expect(failure(OptionalScalars.self, "<R><Int32>2147483648</Int32></R>", .xml)?.reason
                == #"Int32: expected Int32, found "2147483648""#)
            #expect(failure(OptionalScalars.self, "<R><Int64>1 2</Int64></R>", .xml)?.reason
                == #"Int64: expected Int64, found "1 2""#)
            let long = String(repeating: "9", count: 100)
            #expect(failure(OptionalScalars.self, "<R><Double>x\(long)</Double></R>", .xml)?.reason
                == "Double: expected Double, found \"x\(long.prefix(63))…\"")
            let badStatus = "<R><RequestId>x</RequestId><TotalCount>1</TotalCount><Instances><Instance><InstanceId>a</InstanceId><Status>Paused</Status></Instance></Instances></R>"
            #expect(failure(Response.self, badStatus, .xml)?.reason.hasPrefix("Instances.Instance[0].Status: ") == true)
        }

        // MARK: Hostile XML

        @Test func externalEntityIsRejectedWithoutReadingTheFile() throws {
            let bodies = [
                """
                <?xml version="1.0"?>
                <!DOCTYPE R [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <R><RequestId>&xxe;</RequestId></R>
                """,
                """
                <!DOCTYPE R [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><R><RequestId>x</RequestId></R>
                """,
                #"<!DOCTYPE R SYSTEM "file:///etc/passwd"><R><RequestId>x</RequestId></R>"#,
                #"<!DOCTYPE R PUBLIC "-//X//Y" "http://127.0.0.1:9/x.dtd"><R><RequestId>x</RequestId></R>"#,
                "<!DOCTYPE R><R><RequestId>x</RequestId></R>",
            ]
            let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? "root:x:0:0"
            let secret = String(passwd.prefix(while: { $0 != "\n" }))
            for body in bodies {
                let error = failure(AttachClassicLinkVpcResponse.self, body, .xml)
                #expect(error?.reason == "the body has a document type declaration (DOCTYPE), which is not allowed")
                #expect(error.map { !$0.description.contains(secret) } == true)
                #expect(error?.bodyPrefix == String(body.prefix(256)))
            }
        }

        @Test func undeclaredEntityIsRejected() {
            let error = failure(AttachClassicLinkVpcResponse.self, "<R><RequestId>&foo;</RequestId></R>", .xml)
            #expect(error?.reason.contains("not well-formed") == true || error?.reason.contains("entity") == true)
        }

        @Test(.timeLimit(.minutes(1)))
        func billionLaughsIsRejectedQuickly() {
            var body = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
            body += #"<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">"#
            for level in 2...9 {
                body += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
            }
            body += "]><lolz><RequestId>&lol9;</RequestId></lolz>"
            let clock = ContinuousClock()
            let start = clock.now
            let error = failure(AttachClassicLinkVpcResponse.self, body, .xml)
            #expect(clock.now - start < .seconds(1))
            #expect(error?.reason.contains("DOCTYPE") == true)
            #expect(error.map { $0.description.count < 1000 } == true)
        }

        @Test func deepXMLNestingIsRejected() {
            let depth = 100_000
            let body = String(repeating: "<A>", count: depth) + String(repeating: "</A>", count: depth)
            let error = failure(Nest.self, body, .xml)
            #expect(error?.reason == "elements are nested more than \(XMLTree.maximumDepth) deep")
            let justTooDeep = XMLTree.maximumDepth + 1
            #expect(failure(Nest.self, String(repeating: "<A>", count: justTooDeep) + String(repeating: "</A>", count: justTooDeep), .xml) != nil)
        }

        @Test func reasonableXMLNestingIsDecoded() throws {
            let depth = XMLTree.maximumDepth
            let body = String(repeating: "<A>", count: depth) + String(repeating: "</A>", count: depth)
            #expect(try decode(Nest.self, body, .xml).depth == depth)
        }

        @Test func deepJSONNestingIsRejected() {
            let depth = 100_000
            let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            #expect(failure([String].self, arrays, .json) != nil)
            let objects = String(repeating: #"{"A":["#, count: depth) + String(repeating: "]}", count: depth)
            #expect(failure(Nest.self, objects, .json) != nil)
        }

        /// Mangled bodies (bytes replaced, dropped, duplicated, cut) either decode or throw.
        @Test(arguments: [ResponseFormat.json, .xml])
        func mangledBodiesNeverCrash(format: ResponseFormat) {
            var generator = SeededGenerator(seed: format == .json ? 1 : 2)
            let original = Array((format == .json ? Bodies.nestedJSON : Bodies.nestedXML).utf8)
            let noise = Array(#"<>/&;"{}[]:,!?-x0 \#n"#.utf8) + [0x00, 0xC3, 0xFF]
            var outcomes = (decoded: 0, failed: 0)
            for _ in 0..<400 {
                var body = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let position = Int.random(in: 0..<body.count, using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: body[position] = noise.randomElement(using: &generator)!
                    case 1: body.remove(at: position)
                    case 2: body.insert(contentsOf: body[position..<min(position + 20, body.count)], at: position)
                    default: body.removeSubrange(position...)
                    }
                    if body.isEmpty { break }
                }
                do {
                    _ = try ResponseDecoder.decode(DescribeInstancesResponse.self, from: body, format: format, httpStatus: 200)
                    outcomes.decoded += 1
                } catch {
                    #expect(error.httpStatus == 200)
                    #expect(!error.reason.isEmpty)
                    outcomes.failed += 1
                }
            }
            #expect(outcomes.failed > 0)
        }

        @Test func nonUTF8AndOddEncodingsNeverCrash() throws {
            let latin1 = Data(#"<?xml version="1.0" encoding="ISO-8859-1"?><R><RequestId>caf"#.utf8) + Data([0xE9])
                + Data("</RequestId></R>".utf8)
            #expect(try ResponseDecoder.decode(AttachClassicLinkVpcResponse.self, from: latin1, format: .xml).requestId == "café")
            let invalid = Data("<R><RequestId>".utf8) + Data([0xFF, 0xFE]) + Data("</RequestId></R>".utf8)
            #expect(throws: ResponseDecodingError.self) {
                try ResponseDecoder.decode(AttachClassicLinkVpcResponse.self, from: invalid, format: .xml)
            }
            #expect(throws: ResponseDecodingError.self) {
                try ResponseDecoder.decode(AttachClassicLinkVpcResponse.self, from: invalid, format: .json)
            }
        }
    }
}
