import APIGenRuntime
import APIGenServer
import APIGenXML
import Foundation
import Testing

/// Reading flattened parameters back: the inverse of `QueryEncoder`.
@Suite struct QueryDecodingTests {
    static func parameters(_ pairs: KeyValuePairs<String, String>) -> RPCParameters {
        RPCParameters(pairs.map { QueryItem(name: $0.key, value: $0.value) })
    }

    @Test func scalarsReadTheirOneParameter() throws {
        let parameters = Self.parameters(["S": "a b", "B": "True", "I": "-7", "L": "9223372036854775807", "D": "0.1", "F": "2.5"])
        #expect(try parameters.decode(String.self, forKey: "S") == "a b")
        #expect(try parameters.decode(Bool.self, forKey: "B") == true)
        #expect(try parameters.decode(Int32.self, forKey: "I") == -7)
        #expect(try parameters.decode(Int64.self, forKey: "L") == Int64.max)
        #expect(try parameters.decode(Double.self, forKey: "D") == 0.1)
        #expect(try parameters.decode(Float.self, forKey: "F") == 2.5)
        #expect(try parameters.decode(String.self, forKey: "Absent") == nil)
    }

    @Test func everyScalarTheEncoderWritesReadsBack() throws {
        var encoder = QueryEncoder()
        let doubles: [Double] = [0.1, 1e22, -0.0, 123456789.125, 5e-324]
        let floats: [Float] = [0.1, 3.4028235e38, 1.0e-45]
        encoder.encode(doubles, forKey: "D")
        encoder.encode(floats, forKey: "F")
        encoder.encode([Int32.min, Int32.max], forKey: "I")
        encoder.encode([true, false], forKey: "B")
        let parameters = RPCParameters(encoder.items)
        #expect(try parameters.decode([Double].self, forKey: "D") == doubles)
        #expect(try parameters.decode([Float].self, forKey: "F") == floats)
        #expect(try parameters.decode([Int32].self, forKey: "I") == [Int32.min, Int32.max])
        #expect(try parameters.decode([Bool].self, forKey: "B") == [true, false])
    }

    @Test func wrongTextIsAnInvalidValueNamingTheParameter() {
        let parameters = Self.parameters(["I": "12x", "B": "yes", "Big": "2147483648"])
        for (key, type) in [("I", "Int32"), ("B", "Bool"), ("Big", "Int32")] {
            let error = #expect(throws: RequestDecodingError.self) {
                if type == "Bool" { _ = try parameters.decode(Bool.self, forKey: key) } else { _ = try parameters.decode(Int32.self, forKey: key) }
            }
            #expect(error?.parameter == key)
            #expect(error?.payload.code == "InvalidParameter")
            #expect(error?.payload.httpStatus == 400)
        }
    }

    @Test func requiredParametersMustBeThere() throws {
        let error = #expect(throws: RequestDecodingError.self) {
            try Self.parameters(["A": "1"]).require(String.self, forKey: "RegionId")
        }
        #expect(error?.problem == .missing)
        #expect(error?.payload.code == "MissingParameter")
        #expect(error?.description.contains("\"RegionId\"") == true)
    }

    @Test func listsAreNumberedFromOneWithoutGaps() throws {
        let parameters = Self.parameters(["L.2": "b", "L.1": "a", "L.10": "j", "L.3": "c", "L.4": "d", "L.5": "e", "L.6": "f", "L.7": "g", "L.8": "h", "L.9": "i"])
        #expect(try parameters.decode([String].self, forKey: "L") == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
        #expect(try parameters.decode([String].self, forKey: "Absent") == nil)

        let gap = #expect(throws: RequestDecodingError.self) { try Self.parameters(["L.1": "a", "L.3": "c"]).decode([String].self, forKey: "L") }
        #expect(gap?.parameter == "L.2")
        #expect(gap?.problem == .missingListItem)
        for bad in ["0", "01", "x", "-1"] {
            let error = #expect(throws: RequestDecodingError.self) { try RPCParameters([QueryItem(name: "L." + bad, value: "v")]).decode([String].self, forKey: "L") }
            #expect(error?.problem == .invalidListIndex, "L.\(bad)")
        }
    }

    @Test func enumerationsKeepUndocumentedValues() throws {
        // Generated server modules declare `QueryDecodable` for the enumerations requests hold.
        struct Color: StringEnumeration, QueryDecodable {
            var rawValue: String
            init(rawValue: String) { self.rawValue = rawValue }
            static let red: Color = "red"
            static var documentedValues: [Color] { [.red] }
        }
        let parameters = Self.parameters(["C.1": "red", "C.2": "ultraviolet"])
        #expect(try parameters.decode([Color].self, forKey: "C") == [.red, "ultraviolet"])
    }

    @Test func jsonStyleParametersDecodeTheirJSONText() throws {
        struct Config: Codable, Hashable { var name: String; var size: Int }
        let parameters = Self.parameters(["Config": #"{"name":"名","size":3}"#, "Broken": "{", "Wrong": #"{"name":1}"#])
        #expect(try parameters.decodeJSON(Config.self, forKey: "Config") == Config(name: "名", size: 3))
        #expect(try parameters.decodeJSON(Config.self, forKey: "Absent") == nil)
        for key in ["Broken", "Wrong"] {
            let error = #expect(throws: RequestDecodingError.self) { try parameters.decodeJSON(Config.self, forKey: key) }
            #expect(error?.problem == .invalidJSON)
            #expect(error?.payload.code == "InvalidParameter")
        }
        #expect(throws: RequestDecodingError.self) { try parameters.requireJSON(Config.self, forKey: "Absent") }
    }

    @Test func prefixesAreFoundAtDotsOnly() {
        let parameters = Self.parameters(["Tag.1.Key": "k", "TagX": "v", "First": "1", "First": "2"])
        #expect(parameters.containsValues(under: "Tag"))
        #expect(parameters.containsValues(under: "Tag.1"))
        #expect(!parameters.containsValues(under: "Ta"))
        #expect(parameters.childSegments(of: "Tag") == ["1"])
        #expect(parameters.childSegments(of: "Tag.1") == ["Key"])
        #expect(parameters["First"] == "1", "the first of repeated names counts")
        #expect(parameters.items.count == 4)
    }
}
