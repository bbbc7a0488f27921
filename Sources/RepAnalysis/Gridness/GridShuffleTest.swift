import Foundation
import RepIO

/// The shuffle null of gridness (as the Moser lab and opexebo users compute it): the activity is shifted circularly
/// against the positions by at least a minimum lag, rate maps and score_60 are recomputed for every unit, and each
/// unit's own threshold is the 95th percentile of its shuffled scores.
///
/// The samples' bins and the occupancy depend only on the positions, so they are computed once; each shuffle is one
/// pass adding the shifted activations into the per-bin sums, then the maps are scored on `threads` threads with
/// the scorer's cached FFT plans.
public struct GridShuffleTest: Sendable {
    /// The circular shifts used, in samples.
    public let shifts: [Int]
    /// Per unit: the 95th percentile of its shuffled score_60 (NaN when no shuffled map could be scored).
    public let thresholds: [Double]
    /// Per unit: (1 + #{shuffled ≥ observed}) / (K + 1).
    public let pValues: [Double]
    /// Shuffled score_60, [shuffle, unit].
    public let shuffledScores: [Double]

    /// - Parameters:
    ///   - positions: [T, 2] interleaved; `activations`: [T, units] time-major.
    ///   - observed: each unit's unshuffled score_60.
    ///   - minOccupancy, smoothingSigma: as for the unshuffled maps (`RateMapAccumulator.finish`).
    public init(positions: [Double], activations: [Float], units n: Int, binning: SpatialBinning, minOccupancy: Int = 1,
                smoothingSigma: Double? = nil, observed: [Double], shifts: [Int], scorer: GridScorer, threads: Int = 1) {
        let t = positions.count / 2
        precondition(activations.count == t * n && observed.count == n, "GridShuffleTest: shapes differ")
        let nb = binning.count
        var binOf = [Int32](repeating: -1, count: t), occupancy = [Int](repeating: 0, count: nb)
        for s in 0..<t {
            if let b = binning.bin(x: positions[2 * s], y: positions[2 * s + 1]) { binOf[s] = Int32(b); occupancy[b] += 1 }
        }
        let minOcc = max(1, minOccupancy)
        let smoother = smoothingSigma.flatMap { $0 > 0 ? GaussianSmoothing(sigma: $0) : nil }
        var all = [Double](repeating: .nan, count: shifts.count * n)
        var sums = [Double](repeating: 0, count: nb * n), maps = [Float](repeating: .nan, count: nb * n)
        for (k, shift) in shifts.enumerated() {
            sums.withUnsafeMutableBufferPointer { sum in
                sum.update(repeating: 0)
                activations.withUnsafeBufferPointer { act in
                    for s in 0..<t where binOf[s] >= 0 {
                        let src = act.baseAddress! + ((s + shift) % t) * n, dst = sum.baseAddress! + Int(binOf[s]) * n
                        for u in 0..<n { dst[u] += Double(src[u]) }
                    }
                }
            }
            for bin in 0..<nb {
                let ok = occupancy[bin] >= minOcc, inv = ok ? 1 / Double(occupancy[bin]) : 0
                for u in 0..<n { maps[u * nb + bin] = ok ? Float(sums[bin * n + u] * inv) : .nan }
            }
            if let smoother {
                for u in 0..<n {
                    let sm = smoother.apply(Array(maps[(u * nb)..<((u + 1) * nb)]), rows: binning.rows, columns: binning.columns)
                    maps.replaceSubrange((u * nb)..<((u + 1) * nb), with: sm)
                }
            }
            let scores = scorer.scoreAll(maps: maps, units: n, threads: threads)
            for u in 0..<n { all[k * n + u] = scores[u].score60 }
        }
        self.shifts = shifts
        shuffledScores = all
        var th = [Double](repeating: .nan, count: n), pv = [Double](repeating: .nan, count: n)
        for u in 0..<n {
            let null = (0..<shifts.count).map { all[$0 * n + u] }.filter(\.isFinite).sorted()
            th[u] = Self.percentile(null, 95)
            if observed[u].isFinite { pv[u] = Double(1 + null.filter { $0 >= observed[u] }.count) / Double(shifts.count + 1) }
        }
        thresholds = th
        pValues = pv
    }

    /// The q-th percentile of sorted values with linear interpolation between ranks (NumPy's default); NaN if empty.
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let pos = q / 100 * Double(sorted.count - 1)
        let lo = Int(pos.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (pos - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// K shifts drawn uniformly from [minShift, T − minShift] with xoshiro256** seeded by `seed`.
    public static func shifts(count k: Int, samples t: Int, minShift: Int, seed: UInt64) -> [Int] {
        var rng = Xoshiro256(seed: seed)
        let span = t - 2 * minShift + 1
        return (0..<k).map { _ in minShift + rng.nextInt(below: span) }
    }
}
