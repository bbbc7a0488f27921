import Foundation
import RepAnalysis
import RepIO

/// `gridness --shuffles`: the dump in memory, the lags from the time base, the shuffle test, and its outputs.
public struct ShuffleRun {
    public var test: GridShuffleTest
    public var minShiftSamples: Int
    public var timeBase: String

    public static func run(path: String, layout: DumpLayout, input: MapInput, options: RateMapRequest, scores: [GridScores],
                    count k: Int, seed: UInt64, minShiftSeconds: Double, scorer: GridScorer, threads: Int) throws -> ShuffleRun {
        guard input.counts != nil else {
            throw InputError("\(path): --shuffles needs an activation dump (positions and activations over time); this input holds rate maps")
        }
        let d = try ActivationDump.load(path, layout: layout)
        let t = d.sampleCount
        let f = try HDF5File(path)
        var dt: Double? = nil
        if f.hasAttribute("dt_s"), let v = try f.attribute("dt_s").doubles?.first, v > 0, v.isFinite { dt = v }
        let minShift: Int, base: String
        if let dt {
            minShift = Int((minShiftSeconds / dt).rounded(.up)); base = String(format: "dt_s %.4g s: --min-shift %.4g s = %d samples", dt, minShiftSeconds, minShift)
        } else {
            minShift = t / 20; base = "no dt_s attribute: minimum lag T/20 = \(t / 20) samples"
        }
        guard t >= 2 * minShift + 2 else {
            throw InputError("\(path): \(t) samples are too few for shuffles with a minimum lag of \(minShift) samples (need at least \(2 * minShift + 2)); lower --min-shift")
        }
        let binning = try SpatialBinning(box: input.box, columns: input.columns, rows: input.rows)
        let shifts = GridShuffleTest.shifts(count: k, samples: t, minShift: minShift, seed: seed)
        let test = GridShuffleTest(positions: d.positions.values, activations: d.activations.values, units: d.unitCount,
                                   binning: binning, minOccupancy: options.minOccupancy, smoothingSigma: options.smooth,
                                   observed: scores.map(\.score60), shifts: shifts, scorer: scorer, threads: threads)
        return ShuffleRun(test: test, minShiftSamples: minShift, timeBase: base)
    }

    public var summary: GridnessDocument.ShuffleSummary {
        GridnessDocument.ShuffleSummary(count: test.shifts.count, minShiftSamples: minShiftSamples, timeBase: timeBase)
    }

    public func write(to f: HDF5File) throws {
        let n = test.thresholds.count, k = test.shifts.count
        try f.write(ShapedArray(shape: [n], values: test.thresholds), to: "shuffle_threshold")
        try f.write(ShapedArray(shape: [n], values: test.pValues), to: "p_value")
        try f.write(ShapedArray(shape: [k, n], values: test.shuffledScores), to: "shuffled_score_60")
        try f.write(ShapedArray(shape: [k], values: test.shifts.map { Int64($0) }), to: "shuffle_shifts")
    }

    public func line(_ scores: [GridScores]) -> String {
        let above = zip(scores, test.thresholds).filter { $0.score60.isFinite && $1.isFinite && $0.score60 > $1 }
        let both = above.filter { $0.0.score60 > GridCriteria.gridScoreThreshold }.count
        return "shuffles: \(test.shifts.count) (\(timeBase)); \(above.count) of \(scores.count) units above their own 95th-percentile threshold, \(both) of them also with score_60 > \(GridCriteria.gridScoreThreshold)"
    }
}
