import Foundation
import Testing
import TestSupport
@testable import RepIO

/// Loading activation dumps in the layouts users' code writes (fixtures from scripts/make_hdf5_fixtures.py).
@Suite struct ActivationDumpTests {
    struct Expected: Decodable {
        struct Dump: Decodable { var positions_row_3: [Double]; var activations_row_3: [Double]; var T: Int; var N: Int }
        var dump: Dump
    }
    let exp = try! JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: Fixtures.project("hdf5/h5py_types.json")))).dump

    @Test func timeMajorWithBoxAndVelocities() throws {
        let d = try ActivationDump.load(Fixtures.project("hdf5/dump_time_major.h5"))
        #expect(d.sampleCount == exp.T && d.unitCount == exp.N)
        #expect(Array(d.positions.values[6..<8]) == exp.positions_row_3)
        #expect(Array(d.activations.values[15..<20]).map(Double.init) == exp.activations_row_3)
        #expect(d.velocities != nil)
        #expect(d.box == ArenaBox(x0: 0, x1: 1, y0: 0, y1: 1))
    }

    @Test func renamedUnitMajorDumpMatchesTimeMajor() throws {
        let ref = try ActivationDump.load(Fixtures.project("hdf5/dump_time_major.h5"))
        let d = try ActivationDump.load(Fixtures.project("hdf5/dump_renamed_unit_major.h5"),
                                        layout: DumpLayout(positions: "pos", activations: "rnn/h", unitMajor: true))
        #expect(d.activations == ref.activations)
        #expect(d.positions.values == ref.positions.values.map { Double(Float($0)) })
        #expect(d.box == nil && d.velocities == nil)
        // Without --unit-major the message suggests it.
        do {
            _ = try ActivationDump.load(Fixtures.project("hdf5/dump_renamed_unit_major.h5"),
                                        layout: DumpLayout(positions: "pos", activations: "rnn/h"))
            Issue.record("loaded a unit-major dump as time-major")
        } catch { #expect("\(error)".contains("--unit-major")) }
    }

    @Test func batchedDumpIsFlattenedBatchMajor() throws {
        let ref = try ActivationDump.load(Fixtures.project("hdf5/dump_time_major.h5"))
        let d = try ActivationDump.load(Fixtures.project("hdf5/dump_batched.h5"))
        #expect(d.activations == ref.activations && d.positions == ref.positions)
        // A block that spans batches 0 and 1.
        let block = try DumpReader(Fixtures.project("hdf5/dump_batched.h5")).readBlock(45..<60)
        #expect(block.activations.values == Array(ref.activations.values[(45 * 5)..<(60 * 5)]))
    }

    @Test func badDumpsNameTheFileDatasetAndProblem() {
        let cases: [(String, String)] = [
            ("dump_nan.h5", "1 NaN and 1 infinite value(s); the first at [17, 2]"),
            ("dump_wrong_rank.h5", "expected [T, 2] or [B, T, 2]"),
            ("dump_empty.h5", "is empty"),
            ("dump_mismatch.h5", "has 199 samples but positions '/positions' has 200"),
            ("h5py_types.h5", "no dataset '/positions'"),
        ]
        for (file, fragment) in cases {
            do {
                _ = try ActivationDump.load(Fixtures.project("hdf5/" + file))
                Issue.record("\(file) loaded")
            } catch {
                let text = "\(error)"
                #expect(text.contains(file) && text.contains(fragment), "\(text)")
            }
        }
    }
}
