import Foundation
import RepIO
import Testing
import RepAnalysis
import TestSupport

/// `ratemaps`, `gridness`, `modules`, `batch` and `bench-grid` run as a user runs them.
@Suite struct GridCLITests {
    static let small = "Tests/Fixtures/grid/scorer_small.h5"
    static let dump = "Tests/Fixtures/hdf5/dump_time_major.h5"

    static func json(_ path: URL) throws -> [String: Any] {
        try #require(try TestJSON.object(with: Data(contentsOf: path)) as? [String: Any])
    }

    @Test func ratemapsWritesMapsCountsAndBox() throws {
        try withTemporaryDirectory() { dir in
            let out = dir.appendingPathComponent("maps.h5").path
            let r = try CLIRunner.run(["ratemaps", Self.dump, "-o", out, "--bins", "8x6"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("5 rate maps of 6×8 bins"))
            let f = try HDF5File(out)
            let maps: ShapedArray<Float> = try f.read("ratemaps")
            let counts: ShapedArray<Int32> = try f.read("counts")
            #expect(maps.shape == [5, 6, 8] && counts.shape == [6, 8])
            #expect(counts.values.reduce(0, +) == 200)
            #expect(try f.attribute("box_m", of: "ratemaps").doubles == [0, 1, 0, 1])
            #expect(try f.attribute("x_edges_m", of: "ratemaps").doubles?.count == 9)
            // No stray temporary files beside the output.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["maps.h5"])
        }
    }

    @Test func unitMajorAndRenamedDumpGivesTheSameMaps() throws {
        try withTemporaryDirectory() { dir in
            let a = dir.appendingPathComponent("a.h5").path, b = dir.appendingPathComponent("b.h5").path
            let r1 = try CLIRunner.run(["ratemaps", Self.dump, "-o", a, "--bins", "7"])
            let r2 = try CLIRunner.run(["ratemaps", "Tests/Fixtures/hdf5/dump_renamed_unit_major.h5", "-o", b, "--bins", "7",
                                        "--positions", "pos", "--activations", "rnn/h", "--unit-major", "--box", "0,1,0,1"])
            #expect(r1.status == 0 && r2.status == 0, "\(r1.stderr) \(r2.stderr)")
            let m1: ShapedArray<Float> = try HDF5File(a).read("ratemaps"), m2: ShapedArray<Float> = try HDF5File(b).read("ratemaps")
            #expect(m1.shape == m2.shape)
            #expect(zip(m1.values, m2.values).allSatisfy { ($0.isNaN && $1.isNaN) || abs($0 - $1) < 1e-6 })
            // Without box attributes or --box, the box is the positions' extent (read in blocks).
            let r3 = try CLIRunner.run(["ratemaps", "Tests/Fixtures/hdf5/dump_renamed_unit_major.h5", "-o", b, "--positions", "pos",
                                        "--activations", "rnn/h", "--unit-major"])
            #expect(r3.status == 0 && r3.stdout.contains("box 0.00517886"), "\(r3.stdout)")
        }
    }

    @Test func gridnessJSONKeysAndReferenceValues() throws {
        try withTemporaryDirectory() { tmp in
            let out = tmp.appendingPathComponent("s.json")
            let r = try CLIRunner.run(["gridness", Self.small, "--dataset", "maps", "--json", out.path, "--jobs", "2"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("6 units;"))
            let units = try #require(try Self.json(out)["units"] as? [[String: Any]])
            #expect(units.count == 6)
            let want: ShapedArray<Double> = try HDF5File(Fixtures.project("grid/scorer_small.h5")).read("scores")
            for (i, u) in units.enumerated() {
                for key in ["unit", "score_60", "score_60_minmax", "score_90", "mask_60", "mask_90", "spacing_m", "orientation_deg"] {
                    #expect(u[key] != nil, "missing \(key)")
                }
                #expect(u["unit"] as? Int == i)
                #expect(abs((u["score_60"] as! Double) - want.values[3 * i]) < 1e-9)
                #expect(abs((u["score_90"] as! Double) - want.values[3 * i + 2]) < 1e-9)
                #expect((u["mask_60"] as? [Double])?.first == 0.2)
            }
        }
    }

    @Test func gridnessAndModulesOnADumpWithHDF5Output() throws {
        try withTemporaryDirectory() { dir in
            let h5 = dir.appendingPathComponent("g.h5").path, mj = dir.appendingPathComponent("m.json")
            let g = try CLIRunner.run(["gridness", Self.dump, "--bins", "10", "-o", h5, "--save-sac", "--nan", "exclude"])
            #expect(g.status == 0, "\(g.stderr)")
            let f = try HDF5File(h5)
            #expect(try f.datasetInfo("score_60").shape == [5])
            #expect(try f.datasetInfo("mask_90").shape == [5, 2])
            #expect(try f.datasetInfo("autocorrelograms").shape == [5, 19, 19])
            let m = try CLIRunner.run(["modules", Self.dump, "--bins", "10", "--json", mj.path])
            #expect(m.status == 0, "\(m.stderr)")
            let doc = try Self.json(mj)
            let units = try #require(doc["units"] as? [[String: Any]])
            #expect(units.count == 5)
            for key in ["unit", "period_m", "orientation_deg", "grid_like", "module"] { #expect(units[0][key] != nil, "missing \(key)") }
            #expect(doc["modules"] is [Any] && doc["period_ratios"] is [Any])
        }
    }

    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project")) func modulesFindsTheSharedPopulationModules() throws {
        guard let maps = Fixtures.shared("grid/ratemaps.h5") else { Issue.record("../shared/reference is there but a file is missing"); return }
        try withTemporaryDirectory() { tmp in
            let out = tmp.appendingPathComponent("m.json")
            let r = try CLIRunner.run(["modules", maps, "--dataset", "ratemaps_32", "--json", out.path])
            #expect(r.status == 0)
            #expect(r.stdout.contains("64 units, 48 grid-like, 3 module(s)"))
            let modules = try #require(try Self.json(out)["modules"] as? [[String: Any]])
            #expect(modules.map { ($0["units"] as? [Int])?.count } == [16, 16, 16])
        }
    }

    /// End to end: dump → rate maps → scores, against DeepMind's scores of the reference maps of the same dump.
    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project"), arguments: [32, 44])
    func dumpToScoresMatchesDeepMind(bins: Int) throws {
        guard let pop = Fixtures.shared("grid/population.h5"), let ref = Fixtures.shared("grid/ref/deepmind.json") else { Issue.record("../shared/reference is there but a file is missing"); return }
        try withTemporaryDirectory() { tmp in
            let out = tmp.appendingPathComponent("s.json")
            let r = try CLIRunner.run(["gridness", pop, "--bins", "\(bins)", "--json", out.path])
            #expect(r.status == 0, "\(r.stderr)")
            let units = try #require(try Self.json(out)["units"] as? [[String: Any]])
            let doc = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: ref))) as? [String: Any])
            let want = try #require((doc["results"] as? [String: Any])?["ratemaps_\(bins)"] as? [[String: Any]])
            #expect(units.count == want.count)
            var worst = 0.0
            for (u, w) in zip(units, want) {
                for key in ["score_60", "score_60_minmax", "score_90"] {
                    worst = max(worst, abs((u[key] as? Double ?? .nan) - (w[key] as? Double ?? .nan)))
                }
            }
            print("gridness --bins \(bins) end to end vs DeepMind: max |diff| \(worst)")
            // The bound Sources/RepAnalysis/Gridness/README.md states (the maps differ by float32 rounding).
            #expect(worst < 1e-10, "max |diff| \(worst)")
        }
    }

    @Test func batchSkipsBadFilesAndRecordsEveryInput() throws {
        try withTemporaryDirectory() { dir in
            let bad = dir.appendingPathComponent("bad.h5")
            try Data("not hdf5".utf8).write(to: bad)
            let res = dir.appendingPathComponent("res.h5").path, js = dir.appendingPathComponent("res.json")
            let r = try CLIRunner.run(["batch", Self.dump, bad.path, Self.small, "--dataset", "maps", "-o", res, "--json", js.path, "--bins", "10"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("skipped \(bad.path)"))
            #expect(r.stdout.contains("2 of 3 files analysed"))
            let f = try HDF5File(res)
            let status: ShapedArray<Int32> = try f.read("status")
            #expect(status.values == [1, 0, 1])
            #expect(try f.attribute("path", of: "/inputs/00001").stringValue == bad.path)
            #expect(try f.datasetInfo("/inputs/00002/score_60").shape == [6])
            let files = try #require(try Self.json(js)["files"] as? [[String: Any]])
            #expect(files.map { $0["ok"] as? Bool } == [true, false, true])
            // Nothing usable at all (one bad input): exit 1, that file's error as the one line, no results file.
            let none = try CLIRunner.run(["batch", bad.path, "-o", dir.appendingPathComponent("none.h5").path, "--no-progress"])
            #expect(none.status == 1)
            #expect(none.stderr.split(separator: "\n").count == 1 && none.stderr.hasPrefix("repanalyze: error: \(bad.path)"), "\(none.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none.h5").path))
        }
    }

    @Test func badInputExitsOneWithOneLine() throws {
        try withTemporaryDirectory("grid-bad") { dir in
            let never = dir.appendingPathComponent("x.h5").path
            let cases: [([String], String)] = [
                (["gridness", "Tests/Fixtures/grid/missing.h5"], "no such file"),
                (["gridness", Self.small, "--dataset", "nope"], "no dataset '/nope'"),
                (["gridness", Self.small, "--dataset", "names"], "expected floating-point rate maps"),
                (["gridness", Self.small, "--dataset", "rotation/angles"], "expected [N, H, W] rate maps"),
                (["modules", Self.small], "neither a maps dataset 'ratemaps' nor an activation dump"),
                (["ratemaps", Self.dump, "-o", "/nonexistent-dir/x.h5"], "does not exist"),
                (["ratemaps", Self.dump, "-o", never, "--box", "5,6,5,6"], "none of the 200 samples lies inside the box"),
                (["ratemaps", Self.dump, "-o", never, "--speed-min", "0.1", "--velocities", "nothing"], "--speed-min needs speeds"),
            ]
            for (args, fragment) in cases {
                let r = try CLIRunner.run(args)
                #expect(r.status == 1, "\(args): \(r.stderr)")
                #expect(r.stderr.hasPrefix("repanalyze: error: ") && r.stderr.contains(fragment), "\(args): \(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
            }
        }
    }

    @Test func usageErrorsExitTwo() throws {
        for args in [["gridness", Self.small, "--bins", "0"], ["gridness", Self.small, "--nan", "maybe"],
                     ["ratemaps", Self.dump], ["gridness", Self.small, "--bins", "8", "--bin-size", "0.1"],
                     ["batch", "-o", "x.h5"], ["bench-grid", "--repeats", "0"]] {
            #expect(try CLIRunner.run(args).status == 2, "\(args)")
        }
        for cmd in ["ratemaps", "gridness", "modules", "batch", "bench-grid"] {
            let h = try CLIRunner.run([cmd, "--help"])
            #expect(h.status == 0 && h.stdout.contains("Example"), "\(cmd)")
        }
    }
}
