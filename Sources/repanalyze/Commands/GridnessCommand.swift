import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report

/// `repanalyze gridness INPUT.h5`: DeepMind grid scores, spacing and orientation per unit.
struct GridnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gridness",
        abstract: "Grid scores (score_60, score_60_minmax, score_90), spacing and orientation for every unit.",
        discussion: """
        The score is DeepMind's (Banino 2018; what Sorscher 2019 and Schaeffer 2023 report), identical to its \
        scores.py to 1e-13: spatial autocorrelogram, rotations by 30…150° with SciPy's cubic spline, Pearson \
        correlation inside ten ring masks 0.2·nb < r ≤ e·nb, the best mask per score. NaN bins count as zeros \
        in the autocorrelogram, as in the reference; --nan exclude leaves them out instead.

        INPUT is a file of rate maps [N, H, W] (--dataset names the dataset; default `ratemaps`) or an activation \
        dump, whose rate maps are computed first with the rate-map options. Non-square maps: the rings are \
        measured in units of the shorter side. Spacing is in metres (bin size from the box; a 1 m box when the \
        file has none); orientation is degrees counter-clockwise from +x, in [0, 60).

        --shuffles K (dumps only) adds each unit's own significance threshold: K times the activity is shifted \
        circularly against the positions by a lag drawn uniformly from [--min-shift, T − --min-shift] (seconds, \
        from the file's dt_s attribute or time_s dataset; without either, T/20 samples), the rate maps and score_60 \
        are recomputed, and `shuffle_threshold` (the 95th percentile of the unit's shuffled score_60) and `p_value` \
        ((1 + #shuffled ≥ observed)/(K + 1)) join the JSON and HDF5 outputs (HDF5 also `shuffled_score_60` \
        [K, N] and `shuffle_shifts`); the summary counts the units above their own threshold.

        Examples:
          repanalyze gridness run.h5 --json scores.json --shuffles 100
          repanalyze gridness maps.h5 --dataset ratemaps_44 -o scores.h5 --jobs 4
        """)

    @Argument(help: "Rate maps [N,H,W] or an activation dump (HDF5).")
    var input: String

    @Option(help: ArgumentHelp("Dataset of rate maps in INPUT (default: 'ratemaps' when present, else INPUT is read as a dump).", valueName: "PATH"))
    var dataset: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the scores to this HDF5 file.", valueName: "SCORES.h5"))
    var output: String?

    @Option(help: ArgumentHelp("Write the scores as JSON to this file ('-' for stdout).", valueName: "SCORES.json"))
    var json: String?

    @Option(name: .customLong("nan"), help: ArgumentHelp("NaN bins in the autocorrelogram: 'zero' (the reference) or 'exclude'.", valueName: "POLICY"))
    var nanPolicy: NaNPolicy = .zeroFill
    /// --nan's spelling, as the outputs record it.
    var nan: String { nanPolicy.rawValue }

    @Option(help: ArgumentHelp("Threads for scoring (default: the cores this process may use: all, or its taskset/SLURM CPUs).", valueName: "N"))
    var jobs: Int?

    @Flag(name: .customLong("save-sac"), help: "Also write the autocorrelograms [N, 2H-1, 2W-1] to the -o file.")
    var saveSAC = false

    @Option(help: ArgumentHelp("Shuffle null: K circular shifts of the activity against the positions (dumps only).", valueName: "K"))
    var shuffles: Int?

    @Option(name: .customLong("shuffle-seed"), help: ArgumentHelp("Seed of the shuffles' lags.", valueName: "S"))
    var shuffleSeed: UInt64 = 0

    @Option(name: .customLong("min-shift"), help: ArgumentHelp("Smallest lag of a shuffle, in seconds.", valueName: "SECONDS"))
    var minShift: Double = 20

    @OptionGroup(title: "Activation dump") var dumpOptions: DumpOptions
    @OptionGroup(title: "Rate maps (for dumps)") var mapOptions: RateMapOptions

    mutating func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if saveSAC && output == nil { throw ValidationError("--save-sac needs -o SCORES.h5") }
        if let shuffles, !(1...100_000).contains(shuffles) { throw ValidationError("--shuffles must be between 1 and 100000, got \(shuffles)") }
        guard minShift.isFinite, minShift >= 0 else { throw ValidationError("--min-shift must be a number of seconds ≥ 0") }
        if shuffles != nil, mapOptions.speedMin != nil { throw ValidationError("--shuffles with --speed-min is not supported yet") }
    }

    func run() throws {
        let input = try MapInput.load(self.input, dataset: dataset, dump: dumpOptions.layout, options: mapOptions.request)
        let scorer = GridScorer(height: input.rows, width: input.columns, nanPolicy: nanPolicy, binSize: input.binSize)
        let threads = jobs ?? ParallelChunks.availableCores
        let scores = scorer.scoreAll(maps: input.maps, units: input.units, threads: threads)
        let shuffle = try shuffles.map { k in
            try ShuffleRun.run(path: self.input, layout: dumpOptions.layout, input: input, options: mapOptions.request, scores: scores,
                               count: k, seed: shuffleSeed, minShiftSeconds: minShift, scorer: scorer, threads: threads)
        }
        let outputs = OutputSet()    // -o and --json land together, or neither
        if let output {
            try outputs.stageHDF5(to: output) { f in
                try GridOutputs.writeGridness(scores, masks: scorer.masks, to: f, group: "/")
                if let shuffle { try shuffle.write(to: f) }
                try f.setAttribute("source", .string(self.input))
                try f.setAttribute("maps", .string(input.origin))
                try f.setAttribute("nan_policy", .string(nan))
                try f.setAttribute("box_m", .floats([input.box.x0, input.box.x1, input.box.y0, input.box.y1]))
                try f.setAttribute("orientation_convention", .string("degrees counter-clockwise from +x (x = column, y = row), modulo 60, in [0, 60)"))
                if saveSAC {
                    let ws = AutocorrelogramWorkspace(height: input.rows, width: input.columns)
                    let s = input.rows * input.columns
                    var sacs = [Double](repeating: 0, count: input.units * ws.sacCount)
                    let policy = nanPolicy
                    for u in 0..<input.units {
                        let m = Array(input.maps[(u * s)..<((u + 1) * s)])
                        m.withUnsafeBufferPointer { mp in
                            sacs.withUnsafeMutableBufferPointer { out in
                                ws.compute(map: mp, nan: policy, into: UnsafeMutableBufferPointer(rebasing: out[(u * ws.sacCount)..<((u + 1) * ws.sacCount)]))
                            }
                        }
                    }
                    try f.write(ShapedArray(shape: [input.units, ws.sacHeight, ws.sacWidth], values: sacs), to: "autocorrelograms", gzip: 4)
                }
            }
        }
        if let json {
            var units = GridnessDocument.units(scores, masks: scorer.masks)
            if let shuffle {
                for u in units.indices {
                    units[u].shuffleThreshold = shuffle.test.thresholds[u]
                    units[u].pValue = shuffle.test.pValues[u]
                }
            }
            let doc = GridnessDocument(source: self.input, nanPolicy: nan, shuffles: shuffle?.summary, units: units)
            try JSONDocument.stage(doc, to: json, in: outputs)
        }
        try outputs.commit()
        if json != "-" {
            print("\(self.input): \(input.origin)" + (input.boxKnown ? "" : "; no box in the file: spacing assumes a 1 m box (give --box)"))
            print(GridOutputs.gridnessSummary(scores))
            if let shuffle { print(shuffle.line(scores)) }
        }
    }
}
