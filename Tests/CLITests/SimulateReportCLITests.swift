import Foundation
import RepIO
import Report
import Simulation
import Testing
import TestSupport
import RepAnalysis

/// `repanalyze simulate`, `report` and `demo` run as a user runs them: outputs, exit codes, one-line errors.
@Suite struct SimulateReportCLITests {
    /// One directory per test (a suite instance lives for one test), removed after it.
    let tmp: TemporaryDirectory
    var dir: URL { tmp.url }

    init() throws { tmp = try TemporaryDirectory("cli-report") }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    @Test func simulateWritesADumpWithTruth() throws {
        let out = path("sim.h5")
        let r = try CLIRunner.run(["simulate", "-o", out, "--steps", "3000", "--modules", "2", "--cells-per-module", "5",
                                   "--orientations", "10,70", "--box", "1.5,1", "--seed", "9"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("3000 samples × 30 units") && r.stdout.contains("module 1 period 0.42 m, orientation 10.0°"))
        let f = try HDF5File(out)
        #expect(try f.datasetInfo("positions").shape == [3000, 2])
        #expect(try f.datasetInfo("activations").shape == [3000, 30] && f.datasetInfo("activations").dataType == .float32)
        #expect(try f.datasetInfo("velocities").shape == [3000, 2])
        #expect(try f.attribute("box_size_m").doubles == [1.5, 1])
        #expect(try f.attribute("box_origin_m").doubles == [0, 0])
        let mp: ShapedArray<Double> = try f.read("/truth/module_period_m")
        let mo: ShapedArray<Double> = try f.read("/truth/module_orientation_deg")
        #expect(mp.values == [0.3, 0.3 * 1.4] && mo.values.map { ($0 * 1e9).rounded() / 1e9 } == [10, 10])
        // The dump is a valid activation dump for every other command.
        let d = try ActivationDump.load(out)
        #expect(d.sampleCount == 3000 && d.unitCount == 30)
        // Same seed, same file contents; other seed, other activations.
        let again = path("sim2.h5"), other = path("sim3.h5")
        #expect(try CLIRunner.run(["simulate", "-o", again, "--steps", "3000", "--modules", "2", "--cells-per-module", "5",
                                   "--orientations", "10,70", "--box", "1.5,1", "--seed", "9"]).status == 0)
        #expect(try CLIRunner.run(["simulate", "-o", other, "--steps", "3000", "--modules", "2", "--cells-per-module", "5",
                                   "--orientations", "10,70", "--box", "1.5,1", "--seed", "10"]).status == 0)
        let a: ShapedArray<Float> = try f.read("activations")
        #expect(try HDF5File(again).read("activations") == a)
        #expect(try HDF5File(other).read("activations") as ShapedArray<Float> != a)
    }

    @Test func simulateRejectsBadOptions() throws {
        for args in [["--steps", "0"], ["--box", "1,-2"], ["--periods", "0.3,abc"], ["--modules", "2", "--periods", "0.3"],
                     ["--dt", "nan"], ["--noise", "-1"], ["--orientations", "5"]] {
            let r = try CLIRunner.run(["simulate", "-o", path("x.h5")] + args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path("x.h5")))
        }
        let r = try CLIRunner.run(["simulate", "-o", "/nonexistent-dir/x.h5", "--steps", "10"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("repanalyze: error: /nonexistent-dir/x.h5") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    @Test func reportOnASimulatedDumpRunsTheAnalyses() throws {
        let sim = path("r.h5"), html = path("r.html")
        #expect(try CLIRunner.run(["simulate", "-o", sim, "--steps", "12000", "--cells-per-module", "6", "--periods", "0.3,0.5",
                                   "--place-cells", "2", "--band-cells", "1", "--random-fields", "1", "--noise-units", "1"]).status == 0)
        let r = try CLIRunner.run(["report", sim, "-o", html, "--bins", "24", "--landmarks", "120"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("modules: 12 grid-like units in 2 module(s)"), "\(r.stdout)")
        #expect(r.stdout.contains("topology: betti ("), "\(r.stdout)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        for id in ["provenance", "ratemaps", "gridness", "fourier", "topology", "training", "truth"] {
            #expect(page.contains("<section id=\"\(id)\">"), "\(id)")
        }
        #expect(page.contains("positions [12000, 2], activations [12000, 17]") && page.contains("24 × 24 (x × y)"))
        #expect(page.contains("adjusted Rand index 1.000"))
        #expect(page.contains("No training run given"))
        #expect(!page.contains("http://") && !page.contains("https://"))
        // Rate maps only: no activity over time, so the torus check says why it cannot run.
        let noTopo = try CLIRunner.run(["report", sim, "-o", path("r2.html"), "--no-topology"])
        let page2 = try String(contentsOfFile: path("r2.html"), encoding: .utf8)
        #expect(noTopo.status == 0 && page2.contains("Topology was skipped"))
    }

    @Test func reportWithPrecomputedResultsAndPNGs() throws {
        let maps = path("maps.h5"), html = path("full.html"), pngDir = path("figs")
        do {
            let f = try HDF5File(maps, mode: .create)
            let g = GridCell(period: 0.4, orientation: 0.2, phaseX: 0.1, phaseY: 0.1)
            var v: [Float] = []
            for u in 0..<4 { for i in 0..<(20 * 20) { v.append(Float(g.rate(x: Double(i % 20) / 20 + 0.01 * Double(u), y: Double(i / 20) / 20))) } }
            try f.write(ShapedArray(shape: [4, 20, 20], values: v), to: "ratemaps")
        }
        let scores = path("s.json"), modules = path("m.json"), bars = path("b.json")
        try Data(#"{"units": [{"unit": 0, "score_60": 1.1, "score_90": 0.1}, {"unit": 1, "score_60": 0.9, "score_90": null}, {"unit": 2, "score_60": 0.2, "score_90": 0.4}, {"unit": 3, "score_60": 1.3, "score_90": -0.2}]}"#.utf8).write(to: URL(fileURLWithPath: scores))
        try Data(#"{"units": [], "modules": [{"module": 0, "period_m": 0.4, "orientation_deg": 11.5, "units": [0, 1, 3]}], "period_ratios": []}"#.utf8).write(to: URL(fileURLWithPath: modules))
        try Data(#"{"dgms": [[[0, 0.1], [0, null]], [[0.2, 1.0], [0.3, 1.1], [0.4, 0.45]], [[0.9, 1.4]]], "betti": [1, 2, 1]}"#.utf8).write(to: URL(fileURLWithPath: bars))
        let r = try CLIRunner.run(["report", maps, "--scores", scores, "--modules", modules, "--barcode", bars, "-o", html, "--png", pngDir, "--box", "0,1,0,1"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("alt=\"module 0 (period 0.400 m, 3 units): rate maps\""))
        #expect(page.contains("Betti numbers (1, 2, 1) — consistent with a torus"))
        let pngs = try FileManager.default.contentsOfDirectory(atPath: pngDir).filter { $0.hasSuffix(".png") }
        #expect(pngs.count >= 5 && pngs.contains("score_60_hexagonal.png"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pngDir + "/score_60_hexagonal.png"))
        #expect(Array(bytes.prefix(8)) == PNGEncoder.signature)
    }

    @Test func reportBadInputExitsOneWithOneLine() throws {
        let notH5 = path("notes.txt")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: notH5))
        let badJSON = path("bad.json")
        try Data("{".utf8).write(to: URL(fileURLWithPath: badJSON))
        let sim = path("b.h5")
        #expect(try CLIRunner.run(["simulate", "-o", sim, "--steps", "500", "--cells-per-module", "2"]).status == 0)
        let cases: [([String], String)] = [
            (["report", path("missing.h5"), "-o", path("o.html")], path("missing.h5")),
            (["report", notH5, "-o", path("o.html")], notH5),
            (["report", sim, "--scores", badJSON, "-o", path("o.html")], badJSON),
            (["report", sim, "--run", path("norun"), "-o", path("o.html")], path("norun")),
            (["report", sim, "--dataset", "nope", "-o", path("o.html")], sim),
            (["report", sim, "-o", "/nonexistent-dir/o.html"], "/nonexistent-dir/o.html"),
        ]
        for (args, named) in cases {
            let r = try CLIRunner.run(args)
            #expect(r.status == 1, "\(args): \(r.stderr)")
            #expect(r.stderr.hasPrefix("repanalyze: error: \(named)"), "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: path("o.html")))
        #expect(try CLIRunner.run(["report", sim]).status == 2)  // -o is required
    }

    @Test func demoRunsAndWritesTheReport() throws {
        let out = path("demo")
        let r = try CLIRunner.run(["demo", "-o", out, "--steps", "8000", "--landmarks", "100"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("[1/4] simulate") && r.stdout.contains("[4/4] report"))
        #expect(r.stdout.contains("truth: periods 0.30 m, 0.42 m, 0.59 m"))
        #expect(r.stdout.contains("modules found: 3, true: 3") && r.stdout.contains("torus check: betti ("), "\(r.stdout)")
        #expect(FileManager.default.fileExists(atPath: out + "/report.html") && FileManager.default.fileExists(atPath: out + "/simulated.h5"))
    }
}
