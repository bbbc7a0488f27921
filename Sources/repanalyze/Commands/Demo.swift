import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report
import Simulation

/// `repanalyze demo`: the main job on built-in data, for a first look.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole path on simulated data: dump → rate maps → gridness → modules → torus → report.",
        discussion: """
        Simulates a population of 3 grid modules (periods 0.30, 0.42, 0.59 m; 32 cells each) plus place, band, \
        random-field and noise units along a rat-like walk, then runs every analysis this build has on it and \
        writes DIR/report.html. Each step prints what it found next to the simulated truth. Steps whose analysis is \
        not in this build say so; no numbers are made up.

        With --trained it runs the same path on the network trained by repanalyze's own trainer that ships in \
        examples/trained/ (two grid modules and a torus from about 4 minutes of one CPU core; see its README): \
        rollout on training-like walks → rate maps → gridness → modules (with the module-pair test) → torus → \
        report, in about a minute.

        Examples:
          repanalyze demo -o demo-output
          xdg-open demo-output/report.html
          repanalyze demo --trained -o demo-trained        (from the repository root)
        """)

    @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the demo's outputs (created if missing).", valueName: "DIR"))
    var output = "demo-output"

    @Option(help: "Samples along the simulated walk (fewer is faster, noisier maps).")
    var steps = 60_000

    @Option(help: "Random seed of the simulation.")
    var seed: UInt64 = 1

    @Option(help: "Landmarks for the torus check (fewer is faster).")
    var landmarks = 800

    @Flag(help: "Run on the trained network in examples/trained/ instead of a simulated population.")
    var trained = false

    @Option(help: ArgumentHelp("With --trained: the network's weights (default: examples/trained/checkpoint.h5 under the current folder).", valueName: "WEIGHTS.h5"))
    var weights: String?

    func run() throws {
        guard steps > 0, steps <= 10_000_000 else { throw ValidationError("--steps must be in 1...10000000, got \(steps)") }
        guard (10...20_000).contains(landmarks) else { throw ValidationError("--landmarks must be in 10...20000, got \(landmarks)") }
        do { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) } catch {
            throw ReportError.cannotWrite(path: output, reason: "cannot create the folder (\((error as NSError).localizedDescription))")
        }
        if trained { return try runTrained() }
        let dumpPath = (output as NSString).appendingPathComponent("simulated.h5")
        let reportPath = (output as NSString).appendingPathComponent("report.html")
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> String { String(format: "%.1f s", Double((clock.now - start).components.attoseconds) / 1e18 + Double((clock.now - start).components.seconds)) }

        // 1. Simulate.
        print("[1/4] simulate: 3 grid modules × 32 cells + 20 non-grid units, \(steps) samples (seed \(seed)) …")
        var tp = Trajectory.Parameters(steps: steps)
        tp.boxWidth = 1; tp.boxHeight = 1
        let pp = GridCellPopulation.Parameters()
        let dump = SimulatedDump.simulate(trajectory: tp, population: pp, seed: seed)
        try AtomicOutput.writeHDF5(to: dumpPath) { f in try dump.write(to: f) }
        let truth = dump.moduleTruth
        print("      wrote \(dumpPath): \(dump.sampleCount) samples × \(dump.unitCount) units (\(elapsed()))")
        print("      truth: periods " + truth.map { String(format: "%.2f m", $0.period) }.joined(separator: ", ")
              + "; ratios " + zip(truth, truth.dropFirst()).map { String(format: "%.2f", $1.period / $0.period) }.joined(separator: ", "))

        // 2. The analyses, as `repanalyze report` runs them (the report reuses the results).
        print("[2/4] rate maps → gridness → Fourier modules → torus of the largest module …")
        let content = try ReportAssembler(input: dumpPath, mapsDataset: nil, layout: DumpLayout(),
                                          mapOptions: RateMapRequest(), scoresJSON: nil, modulesJSON: nil,
                                          barcodeJSON: nil, runDirectory: nil, topology: TopologyPipeline(landmarks: landmarks),
                                          producer: "repanalyze \(RepAnalyze.configuration.version)", log: { print("      " + $0 + "  (\(elapsed()))") }).assemble()
        print("[3/4] against the truth …")
        for line in DemoComparison.lines(content) { print("      " + line) }

        // 4. Report.
        print("[4/4] report …")
        try ReportWriter.write(content, html: reportPath, pngDirectory: nil).print(html: reportPath, pngDirectory: nil)
        print("done in \(elapsed()). Open \(reportPath) in a browser.")
    }
}

/// What the demo prints about the analyses' results next to the simulated truth.
enum DemoComparison {
    static func lines(_ c: ReportContent) -> [String] {
        guard let t = c.truth else { return ["no truth in the input"] }
        var out: [String] = []
        if let g = c.gridness {
            func summary(_ kinds: Set<String>, _ label: String) -> String? {
                let s = g.filter { $0.unit < t.kinds.count && kinds.contains(t.kinds[$0.unit]) }.map(\.score60)
                guard !s.isEmpty else { return nil }
                let sorted = s.filter(\.isFinite).sorted()
                let median = sorted.isEmpty ? Double.nan : sorted[sorted.count / 2]
                return "\(label): \(s.filter { $0 > GridCriteria.gridScoreThreshold }.count) of \(s.count) have score_60 > \(GridCriteria.gridScoreThreshold) (median \(String(format: "%.2f", median)))"
            }
            if let l = summary(["grid"], "grid cells") { out.append(l) }
            if let l = summary(["place", "band", "random_field", "noise"], "non-grid units") { out.append(l) }
        }
        if let mods = c.modules {
            let found = mods.map(\.period).sorted()
            out.append("modules found: \(mods.count), true: \(t.modulePeriods.count)")
            for e in ModuleRecovery.periodErrors(truth: t.modulePeriods, found: found) {
                out.append(String(format: "true period %.3f m → found %.3f m (%+.1f %%)", e.truth, e.found, 100 * e.relativeError))
            }
            if found.count > 1 {
                out.append("found period ratios: " + zip(found, found.dropFirst()).map { String(format: "%.2f", $1 / $0) }.joined(separator: ", ")
                           + " (true: " + zip(t.modulePeriods, t.modulePeriods.dropFirst()).map { String(format: "%.2f", $1 / $0) }.joined(separator: ", ") + ")")
            }
            var assigned = [Int](repeating: -1, count: t.unitModules.count)
            for m in mods { for u in m.units where u < assigned.count { assigned[u] = m.id } }
            out.append(String(format: "module assignment: adjusted Rand index %.3f against the truth (1 = perfect)",
                              ModuleRecovery.adjustedRandIndex(t.unitModules, assigned)))
        }
        if let topo = c.topology {
            out.append("torus check: betti (" + topo.betti.map(String.init).joined(separator: ", ") + "), expected (1, 2, 1) for a grid module"
                       + (Array(topo.betti.prefix(3)) == [1, 2, 1] ? " — found" : " — NOT found"))
        } else if let why = c.unavailable["topology"] {
            out.append(why)
        }
        return out
    }
}
