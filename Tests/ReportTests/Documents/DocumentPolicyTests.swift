import Foundation
import RepIO
import Report
import Testing

/// The NaN policy, the error messages and the leniency of the readers.
@Suite struct DocumentPolicyTests {
    struct Sample: Codable, Equatable {
        @NaNAsNull var x: Double = .nan
        @NaNAsNull var xs: [Double] = []
        @NaNAsNull var maybe: Double? = nil
    }

    @Test func nonFiniteIsNullAndNullIsNaN() throws {
        let s = Sample(x: .infinity, xs: [1, .nan], maybe: .nan)
        let text = try JSONDocument.line(s)
        #expect(text == #"{"maybe":null,"x":null,"xs":[1,null]}"#)
        let back = try JSONDocument.decode(Sample.self, from: Data(text.utf8), file: "t")
        #expect(back.x.isNaN && back.xs[1].isNaN && back.maybe?.isNaN == true)
        #expect(try JSONDocument.line(Sample(x: 1, xs: [], maybe: nil)) == #"{"x":1,"xs":[]}"#)
        // A missing number reads as NaN, a missing optional as nil.
        let sparse = try JSONDocument.decode(Sample.self, from: Data(#"{"xs": []}"#.utf8), file: "t")
        #expect(sparse.x.isNaN && sparse.maybe == nil)
    }

    @Test func sharedEncoderSettings() throws {
        let d = try JSONDocument.data(["b/c": JSONValue.string("x/y"), "a": .integer(1)])
        #expect(String(decoding: d, as: UTF8.self) == "{\n  \"a\" : 1,\n  \"b/c\" : \"x/y\"\n}\n")
    }

    @Test func jsonValueKeepsKinds() throws {
        let v = try JSONDecoder().decode(JSONValue.self, from: Data(#"[true, 1, 18446744073709551615, 0.5, "s", null, {"k": []}]"#.utf8))
        #expect(v == .array([.bool(true), .integer(1), .unsigned(.max), .number(0.5), .string("s"), .null, .object(["k": .array([])])]))
        #expect(JSONValue.bool(true).number == nil && JSONValue.number(0.001).text == "0.001" && JSONValue.string("sum").text == "sum")
    }

    @Test func errorsNameTheFileAndTheKey() throws {
        func message<T: Decodable>(_ t: T.Type, _ text: String) -> String {
            do { _ = try JSONDocument.decode(t, from: Data(text.utf8), file: "f.json"); return "" } catch { return "\(error)" }
        }
        #expect(message(GridnessDocument.self, #"{"units": [{"unit": 0, "score_60": "high"}]}"#) == "f.json: key 'units[0].score_60': expected a number")
        #expect(message(GridnessDocument.self, #"{"units": [{"unit": 0, "score_60": true}]}"#) == "f.json: key 'units[0].score_60': expected a number")
        #expect(message(GridnessDocument.self, #"{"units": [{"score_60": 1}]}"#) == "f.json: key 'units[0].unit': missing")
        #expect(message(GridnessDocument.self, #"{"units": [{"unit": -1}]}"#) == "f.json: key 'units[0].unit': must be 0 or more")
        #expect(message(GridnessDocument.self, "[1]") == "f.json: expected an object")
        #expect(message(GridnessDocument.self, "{units") == "f.json: not valid JSON")
        #expect(message(BarcodeDocument.self, #"{"dgms": [[[0, 1, 2]]]}"#) == "f.json: key 'dgms[0][0]': is not a [birth, death] pair")
        #expect(message(ModulesDocument.self, #"{"modules": [{"module": 0, "units": ["a"]}]}"#).hasPrefix("f.json: key 'modules[0].units[0]': expected an integer"))
        #expect(message(ModulesDocument.self, #"{"labels": [0, 5]}"#).contains("key 'labels': holds module 5 for 2 units"))
        #expect(message(ModulesDocument.self, "{}").contains("no \"modules\" or \"labels\" key"))
    }

    @Test func modulesLayouts() throws {
        func modules(_ text: String) throws -> [ModulesDocument.Module] {
            try JSONDocument.decode(ModulesDocument.self, from: Data(text.utf8), file: "m").modules
        }
        #expect(try modules(#"{"modules": [[1, 2], [3]]}"#).map(\.module) == [0, 1])
        #expect(try modules(#"{"modules": [{"units": [4]}, {"module": 7, "units": [5]}]}"#).map(\.module) == [0, 7])
        #expect(try modules(#"{"labels": [1, -1, 0, 1]}"#).map(\.units) == [[2], [0, 3]])
    }
}
