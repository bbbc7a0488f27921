import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report

/// `repanalyze bench-grid`: how fast rate maps and gridness run on this machine.
struct BenchGridCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-grid",
        abstract: "Benchmark rate maps and gridness scoring on synthetic data (build with -c release).",
        discussion: """
        Reports, as the best and the median of --repeats runs:
          • rate maps: 112 units × 100 000 samples, 32×32 bins, one thread;
          • gridness (3 scores + spacing, orientation, ellipse), 32×32 and 44×44
            maps: units per second on one core and on all cores.

        The maps are noisy hexagonal grids with 10% NaN bins (fixed seed). Compare with the reference scorers \
        timed on the same machine by scripts/bench_grid_reference.py.

        Example:
          swift build -c release && .build/release/repanalyze bench-grid --json bench.json
        """)

    @Option(help: "Runs per measurement.") var repeats = 5
    @Option(help: "Maps scored per gridness run.") var units = 1000
    @Option(help: ArgumentHelp("Threads for the all-cores runs (default: all cores).", valueName: "N")) var jobs: Int?
    @Option(help: ArgumentHelp("Also write the figures as JSON.", valueName: "FILE")) var json: String?

    mutating func validate() throws {
        if repeats < 1 || units < 1 { throw ValidationError("--repeats and --units must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var rng = Xoshiro256(seed: 7)
        let cores = jobs ?? ParallelChunks.availableCores
        var doc: [String: JSONValue] = ["cores": .integer(Int64(cores)), "repeats": .integer(Int64(repeats))]
        #if DEBUG
        print("note: this is a debug build; build with `swift build -c release` for meaningful figures")
        doc["build"] = .string("debug")
        #else
        doc["build"] = .string("release")
        #endif

        // Rate maps: 112 units × 100 000 samples of a random walk in a 1 m box.
        let t = 100_000, n = 112
        var pos = [Double](repeating: 0, count: 2 * t), act = [Float](repeating: 0, count: t * n)
        var x = 0.5, y = 0.5
        for s in 0..<t {
            x = min(max(x + (rng.nextUnitDouble() - 0.5) * 0.04, 0), 1); y = min(max(y + (rng.nextUnitDouble() - 0.5) * 0.04, 0), 1)
            pos[2 * s] = x; pos[2 * s + 1] = y
        }
        for i in 0..<act.count { act[i] = Float(rng.nextUnitDouble()) }
        let binning = try SpatialBinning(box: ArenaBox(x0: 0, x1: 1, y0: 0, y1: 1), columns: 32, rows: 32)
        let rm = try measure {
            var acc = RateMapAccumulator(binning: binning, units: n)
            try acc.accumulate(positions: pos, activations: act)
            _ = acc.finish()
        }
        print(String(format: "rate maps, 112 units × 100 000 samples, 32×32: best %.4f s, median %.4f s", rm.best, rm.median))
        doc["ratemaps_112x100000_s"] = .object(["best": .finite(rm.best), "median": .finite(rm.median)])

        for nb in [32, 44] {
            let maps = Self.syntheticMaps(units: units, side: nb, rng: &rng)
            let scorer = GridScorer(height: nb, width: nb)
            var row: [String: JSONValue] = [:]
            for threads in Array(Set([1, cores])).sorted() {
                let r = try measure { _ = scorer.scoreAll(maps: maps, units: units, threads: threads) }
                let rate = Double(units) / r.best, medianRate = Double(units) / r.median
                print(String(format: "gridness %d×%d, %d thread(s): %.0f units/s (best), %.0f units/s (median)", nb, nb, threads, rate, medianRate))
                row["threads_\(threads)_units_per_s"] = .object(["best": .finite(rate), "median": .finite(medianRate)])
            }
            doc["gridness_\(nb)x\(nb)"] = .object(row)
        }
        if let json { try JSONDocument.write(doc, to: json) }
    }

    private func measure(_ body: () throws -> Void) throws -> (best: Double, median: Double) {
        try body()  // warm-up: plans, tables, caches
        var times: [Double] = []
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        times.sort()
        return (times[0], times[times.count / 2])
    }

    /// Noisy hexagonal grid maps with random period, orientation and phase, 10% NaN bins.
    static func syntheticMaps(units: Int, side nb: Int, rng: inout Xoshiro256) -> [Float] {
        var out = [Float](repeating: 0, count: units * nb * nb)
        for u in 0..<units {
            let period = 0.25 + 0.4 * rng.nextUnitDouble(), theta = 60 * rng.nextUnitDouble(), px = rng.nextUnitDouble(), py = rng.nextUnitDouble()
            let k = 4 * Double.pi / (3.0.squareRoot() * period)
            for i in 0..<nb { for j in 0..<nb {
                let x = (Double(j) + 0.5) / Double(nb) - px, y = (Double(i) + 0.5) / Double(nb) - py
                var s = 0.0
                for q in 0..<3 {
                    let a = (theta + 30 + 60 * Double(q)) * Double.pi / 180
                    s += cos(k * (cos(a) * x + sin(a) * y))
                }
                let v = rng.nextUnitDouble() < 0.1 ? Float.nan : Float(max(0, s) + 0.3 * (rng.nextUnitDouble() - 0.5))
                out[(u * nb + i) * nb + j] = v
            } }
        }
        return out
    }
}
