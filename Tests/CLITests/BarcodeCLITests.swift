import Foundation
import RepAnalysis
import RepIO
import Testing
import TestSupport

/// `repanalyze barcode` run as a user runs it: exit codes, the JSON layout (ripser.py's `dgms`), the HDF5 output
/// and the closing Betti line.
@Suite struct BarcodeCLITests {
    /// 60 points evenly on the unit circle: H1 is one bar [2 sin(π/60), √3) by geometry (the 60-gon's sides appear
    /// at its edge length; the cycle is filled when the inscribed equilateral triangles appear at √3).
    func circleFile(_ dir: URL, nan: Bool = false, count: Int = 60) throws -> String {
        let path = dir.appendingPathComponent("circle.h5").path
        var v = [Double]()
        for k in 0..<count { let a = 2 * Double.pi * Double(k) / Double(count); v += [cos(a), sin(a)] }
        if nan { v[7] = .nan }
        let f = try HDF5File(path, mode: .create)
        try f.write(ShapedArray(shape: [count, 2], values: v), to: "points")
        try f.close()
        return path
    }

    @Test func circleJSONAndHDF5() throws {
        try withTemporaryDirectory() { dir in
            let input = try circleFile(dir)
            let json = dir.appendingPathComponent("bars.json").path, h5 = dir.appendingPathComponent("bars.h5").path
            let r = try CLIRunner.run(["barcode", input, "--maxdim", "1", "--coeff", "47", "--json", json, "-o", h5, "--cocycles"])
            #expect(r.status == 0, "\(r.stderr)")
            let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
            #expect(last == "betti (1, 1) — consistent with a circle (a ring)")
            let doc = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
            #expect(doc["n_points"] as? Int == 60 && doc["coeff"] as? Int == 47 && doc["betti"] as? [Int] == [1, 1])
            #expect((doc["threshold"] as? Double).map { abs($0 - 2) < 1e-6 } == true, "enclosing radius of the circle is its diameter")
            let dgms = try #require(doc["dgms"] as? [[[Any]]])
            #expect(dgms.count == 2 && dgms[0].count == 60)
            #expect(dgms[0].filter { $0[1] is NSNull }.count == 1, "one infinite H0 bar, death null")
            #expect(dgms[1].count == 1)
            let bar = dgms[1][0].compactMap { ($0 as? NSNumber)?.doubleValue }
            #expect(bar.count == 2 && abs(bar[0] - 2 * sin(Double.pi / 60)) < 1e-6 && abs(bar[1] - 3.0.squareRoot()) < 1e-6)
            let cocycles = try #require(doc["cocycles"] as? [[[[Int]]]])
            #expect(cocycles.count == 2 && cocycles[0].isEmpty && cocycles[1].count == 1)
            // ripser.py's orientation: vertices decreasing (issue 12 item 6; the increasing order was the negative in Z/p).
            #expect(cocycles[1][0].allSatisfy { $0.count == 3 && $0[0] > $0[1] && $0[2] > 0 && $0[2] < 47 })
            let f = try HDF5File(h5)
            let d0: ShapedArray<Double> = try f.read("dgm_0"), d1: ShapedArray<Double> = try f.read("dgm_1")
            #expect(d0.shape == [60, 2] && d1.shape == [1, 2])
            #expect(d0.values.filter { $0 == .infinity }.count == 1)
        }
    }

    @Test func activationDumpWithUnitsPCAAndLandmarks() throws {
        // 12 units tuned to the heading of an animal running round a ring: one loop in population space.
        try withTemporaryDirectory() { dir in
            let path = dir.appendingPathComponent("dump.h5").path
            let t = 400, n = 14
            var pos = [Double](), act = [Float]()
            for s in 0..<t {
                let a = 2 * Double.pi * Double(s) / Double(t) * 3
                pos += [0.5 + 0.4 * cos(a), 0.5 + 0.4 * sin(a)]
                for u in 0..<n {
                    // Units 12 and 13 are unrelated noise-free ramps that --units leaves out.
                    act.append(u < 12 ? Float(exp(2 * cos(a - 2 * Double.pi * Double(u) / 12))) : Float(s % 7))
                }
            }
            let f = try HDF5File(path, mode: .create)
            try f.write(ShapedArray(shape: [t, 2], values: pos), to: "positions")
            try f.write(ShapedArray(shape: [t, n], values: act), to: "activations")
            try f.close()
            let r = try CLIRunner.run(["barcode", path, "--units", "0-11", "--zscore", "--pca", "4", "--every", "2", "--landmarks", "80", "--seed", "3"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("80 landmarks (seed 3)"))
            #expect(r.stdout.hasSuffix("betti (1, 1) — consistent with a circle (a ring)\n"), "\(r.stdout)")
            let modules = dir.appendingPathComponent("modules.json").path
            try Data(#"{"modules": [{"module": 0, "period_m": 0.3, "units": [12, 13]}, {"module": 1, "period_m": 0.42, "units": [0,1,2,3,4,5,6,7,8,9,10,11]}]}"#.utf8).write(to: URL(fileURLWithPath: modules))
            let m = try CLIRunner.run(["barcode", path, "--module", "1", "--modules", modules, "--landmarks", "80", "--json", "-"])
            #expect(m.status == 0, "\(m.stderr)")
            let doc = try TestJSON.object(with: Data(m.stdout.utf8)) as? [String: Any]
            #expect(doc?["betti"] as? [Int] == [1, 1] && doc?["n_points"] as? Int == 80)
            let bad = try CLIRunner.run(["barcode", path, "--module", "5", "--modules", modules])
            #expect(bad.status == 1 && bad.stderr.contains("module 5 does not exist"))
        }
    }

    @Test func sparseEdgeList() throws {
        // A hexagon's sides as an edge list: one loop that never dies (no filling edges given).
        try withTemporaryDirectory() { dir in
            let path = dir.appendingPathComponent("edges.h5").path
            var rows = [Double]()
            for k in 0..<6 { rows += [Double(k), Double((k + 1) % 6), 1] }
            let f = try HDF5File(path, mode: .create)
            try f.write(ShapedArray(shape: [6, 3], values: rows), to: "edges")
            try f.close()
            let r = try CLIRunner.run(["barcode", path, "--edge-list", "--json", "-"])
            #expect(r.status == 0, "\(r.stderr)")
            let doc = try TestJSON.object(with: Data(r.stdout.utf8)) as? [String: Any]
            let dgms = doc?["dgms"] as? [[[Any]]]
            #expect(dgms?[1].count == 1 && dgms?[1][0][1] is NSNull && doc?["betti"] as? [Int] == [1, 1])
            #expect(r.stderr.contains("betti (1, 1)"))
        }
    }

    @Test func badInputExitsOneWithOneLine() throws {
        try withTemporaryDirectory() { dir in
            func folder(_ name: String) throws -> URL {
                let u = dir.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: u, withIntermediateDirectories: false)
                return u
            }
            let nan = try circleFile(dir, nan: true)
            let cases: [([String], String)] = [
                ([nan], "point 3 has a NaN"),
                ([try circleFile(folder("five"), count: 5), "--n-perm", "6"], "n_perm 6 is larger than the number of points (5)"),
                ([dir.appendingPathComponent("missing.h5").path], "no such file"),
                ([try circleFile(folder("dataset")), "--dataset", "nope"], "no dataset 'nope'"),
                ([try circleFile(folder("units")), "--units", "0,5"], "unit 5 does not exist"),
            ]
            for (args, message) in cases {
                let r = try CLIRunner.run(["barcode"] + args)
                #expect(r.status == 1, "\(args): \(r.stderr)")
                #expect(r.stderr.hasPrefix("repanalyze: error: ") && r.stderr.contains(message), "\(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            }
        }
    }

    /// Without --threads, a process pinned to one CPU (`taskset -c 0`, as a one-CPU SLURM task is) runs one
    /// thread, not one per core of the machine.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset"), "needs taskset (util-linux)"))
    func defaultThreadsFollowTheAffinityMask() throws {
        try withTemporaryDirectory() { dir in
            let path = try circleFile(dir)
            let json = dir.appendingPathComponent("pinned.json").path
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
            p.arguments = ["-c", "0", CLIRunner.executable.path, "barcode", path, "--quiet", "--json", json]
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run(); p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            let doc = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
            #expect(doc["threads"] as? Int == 1)
        }
    }

    /// --threads 1 (the single-thread engine) and --threads 3 give the same diagrams; the JSON says how many ran.
    @Test func threadsGiveTheSameBars() throws {
        try withTemporaryDirectory() { dir in
            // A noisy circle of 150 points: enough edges and H1 columns for every threaded phase to run.
            let path = dir.appendingPathComponent("noisy.h5").path
            var v = [Double]()
            for k in 0..<150 {
                let a = 2 * Double.pi * Double(k) / 150
                let r = 1 + 0.15 * sin(Double(k) * 12.9898).truncatingRemainder(dividingBy: 1)
                v += [r * cos(a), r * sin(a)]
            }
            let f = try HDF5File(path, mode: .create)
            try f.write(ShapedArray(shape: [150, 2], values: v), to: "points")
            try f.close()
            var dgms = [String]()
            for threads in ["1", "3"] {
                let json = dir.appendingPathComponent("t\(threads).json").path
                let r = try CLIRunner.run(["barcode", path, "--maxdim", "2", "--coeff", "47", "--threads", threads, "--json", json])
                #expect(r.status == 0, "\(r.stderr)")
                let doc = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
                #expect(doc["threads"] as? Int == Int(threads))
                let d = try TestJSON.data(withJSONObject: try #require(doc["dgms"]))
                dgms.append(String(decoding: d, as: UTF8.self))
            }
            #expect(dgms[0] == dgms[1])
            #expect(dgms[0].count > 100)
        }
    }

    @Test func usageErrorsExitTwoAndHelpTeaches() throws {
        #expect(try CLIRunner.run(["barcode"]).status == 2)
        // Choices (metric, collapse): a usage error that lists them, with the values in --help.
        let metric = try CLIRunner.run(["barcode", "x.h5", "--metric", "manhattan"])
        #expect(metric.status == 2 && metric.stderr.contains("'euclidean', 'cosine' or 'correlation'"), "\(metric.stderr)")
        let collapse = try CLIRunner.run(["barcode", "x.h5", "--collapse", "sometimes"])
        #expect(collapse.status == 2 && collapse.stderr.contains("'auto', 'always' or 'never'"), "\(collapse.stderr)")
        #expect(try CLIRunner.run(["barcode", "x.h5", "--threads", "0"]).status == 2)
        let help = try CLIRunner.run(["barcode", "--help"])
        #expect(help.status == 0 && help.stdout.contains("Examples") && help.stdout.contains("--landmarks"))
        let wide = try CLIRunner.run(["barcode", "--help"], environment: ["COLUMNS": "400"])   // one line per option
        #expect(wide.stdout.contains("values: euclidean, cosine, correlation") && wide.stdout.contains("values: auto, always, never"))
    }
}
