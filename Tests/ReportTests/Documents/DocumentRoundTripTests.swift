import Foundation
import RepIO
import Report
import Testing
import TestSupport
import Trainer

/// Each document type decodes what today's binary wrote (Tests/Fixtures/documents, see its README) and encodes it
/// back to the same keys, nesting and values: users' scripts keep working.
@Suite struct DocumentRoundTripTests {
    static func fixture(_ name: String) -> String { Fixtures.project("documents/" + name) }

    /// The parsed JSON of `data`, for comparing documents regardless of key order and number spelling.
    static func tree(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    /// Integers and numbers of the same value compare equal (1 and 1.0 are the same JSON number).
    static func same(_ a: JSONValue, _ b: JSONValue, _ path: String = "") -> String? {
        switch (a, b) {
        case let (.object(x), .object(y)):
            if Set(x.keys) != Set(y.keys) { return "\(path): keys \(Set(x.keys).symmetricDifference(y.keys).sorted())" }
            for k in x.keys.sorted() { if let d = same(x[k]!, y[k]!, path + "." + k) { return d } }
            return nil
        case let (.array(x), .array(y)):
            if x.count != y.count { return "\(path): \(x.count) vs \(y.count) elements" }
            for (i, (p, q)) in zip(x, y).enumerated() { if let d = same(p, q, path + "[\(i)]") { return d } }
            return nil
        default:
            if let p = a.number, let q = b.number { return p == q ? nil : "\(path): \(p) vs \(q)" }
            return a == b ? nil : "\(path): \(a) vs \(b)"
        }
    }

    /// Decodes the fixture as `T`, encodes it with the shared encoder and compares both trees; the bytes must
    /// also be today's (same encoder settings), apart from nothing.
    func roundTrip<T: Codable>(_ type: T.Type, _ name: String) throws -> T {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixture(name)))
        let doc = try JSONDocument.decode(type, from: data, file: name)
        let again = try JSONDocument.data(doc)
        let difference = Self.same(try Self.tree(data), try Self.tree(again))
        #expect(difference == nil, "\(name): \(difference ?? "")")
        #expect(again == data, "\(name): the bytes differ from today's")
        return doc
    }

    @Test func gridness() throws {
        let d = try roundTrip(GridnessDocument.self, "gridness.json")
        #expect(d.units.count == 21 && d.units.allSatisfy { $0.mask60?.count == 2 })
        let s = try roundTrip(GridnessDocument.self, "gridness-shuffles.json")
        #expect(s.shuffles?.count == 3 && s.units.allSatisfy { $0.pValue != nil })
    }

    @Test func modules() throws {
        let d = try roundTrip(ModulesDocument.self, "modules.json")
        #expect(d.modules.count == 2 && d.units.contains { $0.module == nil } && d.modulePairs.count == 1)
    }

    @Test func barcode() throws {
        let b = try roundTrip(BarcodeDocument.self, "barcode.json")
        #expect(b.dgms[0].contains { $0.death == .infinity } && b.thresholdGiven?.isNaN == true)
        let c = try roundTrip(BarcodeDocument.self, "barcode-cocycles.json")
        #expect(c.cocycles != nil && c.idxPerm?.count == 40 && c.shuffles?.count == 2)
    }

    @Test func torusBatchLossInspect() throws {
        _ = try roundTrip(TorusSummary.self, "torus.json")
        let b = try roundTrip(BatchResults.self, "batch.json")
        #expect(b.files.count == 2 && b.files.filter(\.ok).count == 1 && b.files.contains { $0.error != nil })
        _ = try roundTrip(LossDocument.self, "loss.json")
        _ = try roundTrip(InspectDocument.self, "inspect.json")
    }

    @Test func sweep() throws {
        let m = try roundTrip(SweepManifest.self, "sweep-manifest.json")
        #expect(m.runs.count == 2 && m.evalEvery == 2)
        let s = try roundTrip(SweepSummaryDocument.self, "sweep-summary.json")
        #expect(s.rows.count == 2 && s.columns.first == "run")
    }

    @Test func trainingLogLines() throws {
        let text = try String(contentsOfFile: Self.fixture("log.jsonl"), encoding: .utf8)
        for line in text.split(separator: "\n") {
            let data = Data(line.utf8)
            let again: String
            if line.contains("\"kind\":\"eval\"") {
                again = try JSONDocument.line(try JSONDocument.decode(EvaluationLogLine.self, from: data, file: "log.jsonl"))
            } else {
                again = try JSONDocument.line(try JSONDocument.decode(TrainingLogLine.self, from: data, file: "log.jsonl"))
            }
            #expect(again == String(line))
        }
    }

    /// The HDF5 forms: what the command wrote reads back into the document and writes the same datasets again.
    @Test func hdf5Forms() throws {
        try withTemporaryDirectory("documents-hdf5") { dir in
            let units = try GridnessDocument.readUnits(from: HDF5File(Self.fixture("gridness.h5")), group: "/")
            let json = try JSONDocument.read(GridnessDocument.self, file: Self.fixture("gridness.json"))
            #expect(units == json.units)
            let g = dir.appendingPathComponent("g.h5").path
            do { let f = try HDF5File(g, mode: .create); try GridnessDocument.writeUnits(units, to: f, group: "/") }
            #expect(try GridnessDocument.readUnits(from: HDF5File(g), group: "/") == units)

            let bars = try BarcodeDocument(hdf5: HDF5File(Self.fixture("barcode.h5")))
            let barsJSON = try BarcodeDocument.read(Self.fixture("barcode.json"))
            #expect(bars.dgms == barsJSON.dgms && bars.betti == barsJSON.betti && bars.nEdges == barsJSON.nEdges && bars.summary == barsJSON.summary)
            let b = dir.appendingPathComponent("b.h5").path
            do { let f = try HDF5File(b, mode: .create); try bars.write(to: f) }
            #expect(try BarcodeDocument(hdf5: HDF5File(b)) == bars)

            // A shard's /shard/json holds one compact BatchResults.File per input.
            let lines = try HDF5File(Self.fixture("batch-shard.h5")).readStrings("/shard/json").values
            for l in lines {
                let file = try JSONDocument.decode(BatchResults.File.self, from: Data(l.utf8), file: "shard")
                let again = Data(try JSONDocument.line(file).utf8)
                #expect(Self.same(try Self.tree(Data(l.utf8)), try Self.tree(again)) == nil)
            }
        }
    }
}
