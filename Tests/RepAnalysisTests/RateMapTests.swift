import Foundation
import RepIO
import Testing
@testable import RepAnalysis
import TestSupport

@Suite struct RateMapTests {
    /// The shared reference rate maps (h5py/NumPy, from population.h5) are reproduced bin for bin.
    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project"), arguments: [("ratemaps_32", "counts_32", 32, 40_000), ("ratemaps_44", "counts_44", 44, 40_000),
                      ("ratemaps_32_partial", "counts_32_partial", 32, 15_000)])
    func matchesReferenceRateMaps(set: String, countsName: String, bins: Int, samples: Int) throws {
        guard let pop = Fixtures.shared("grid/population.h5"), let ref = Fixtures.shared("grid/ratemaps.h5") else { Issue.record("../shared/reference is there but a file is missing"); return }
        let dump = try ActivationDump.load(pop)
        let box = try #require(dump.box)
        let binning = try SpatialBinning(box: box, columns: bins, rows: bins)
        var acc = RateMapAccumulator(binning: binning, units: dump.unitCount)
        // Two blocks, to exercise block accumulation.
        let n = dump.unitCount, half = samples / 2
        for r in [0..<half, half..<samples] {
            try acc.accumulate(positions: Array(dump.positions.values[(2 * r.lowerBound)..<(2 * r.upperBound)]),
                               activations: Array(dump.activations.values[(n * r.lowerBound)..<(n * r.upperBound)]))
        }
        let maps = acc.finish()
        let f = try HDF5File(ref)
        let want: ShapedArray<Float> = try f.read(set)
        let counts: ShapedArray<Int32> = try f.read(countsName)
        #expect(want.shape == [n, bins, bins])
        #expect(maps.counts == counts.values)
        var worst: Float = 0, nanMismatch = 0
        for i in 0..<want.count {
            let a = maps.values[i], b = want.values[i]
            if a.isNaN != b.isNaN { nanMismatch += 1 } else if !a.isNaN { worst = max(worst, abs(a - b)) }
        }
        print("rate maps \(set): max |diff| \(worst), NaN mismatches \(nanMismatch)")
        #expect(nanMismatch == 0)
        #expect(worst < 2e-9)   // float32 rounding of the same means (Sources/RepAnalysis/RateMaps/README.md)
    }

    @Test func binningRuleEdgesAndOutside() throws {
        let b = try SpatialBinning(box: ArenaBox(x0: 0, x1: 1, y0: 0, y1: 2), columns: 4, rows: 2)
        #expect(b.bin(x: 0, y: 0) == 0)
        #expect(b.bin(x: 1, y: 2) == 1 * 4 + 3)          // x == x1, y == y1: last bins
        #expect(b.bin(x: 0.25, y: 1) == 1 * 4 + 1)       // on an inner edge: the upper bin
        #expect(b.bin(x: 0.2499, y: 0.999) == 0 * 4 + 0)
        #expect(b.bin(x: -0.001, y: 1) == nil)
        #expect(b.bin(x: 0.5, y: 2.001) == nil)
        #expect(b.bin(x: .nan, y: 1) == nil)
        let sized = try SpatialBinning(box: ArenaBox(x0: 0, x1: 1, y0: 0, y1: 0.5), binSize: 0.025)
        #expect(sized.columns == 40 && sized.rows == 20)
        #expect(SpatialBinning.parseBins("32")! == (32, 32))
        #expect(SpatialBinning.parseBins("32x44")! == (32, 44))
        #expect(SpatialBinning.parseBins("0") == nil && SpatialBinning.parseBins("3x") == nil && SpatialBinning.parseBins("a") == nil)
        #expect(throws: RateMapError.self) { try SpatialBinning(box: ArenaBox(x0: 0, x1: 1, y0: 0, y1: 1), columns: 0, rows: 3) }
    }

    @Test func meansMinOccupancyAndSpeedFilter() throws {
        let b = try SpatialBinning(box: ArenaBox(x0: 0, x1: 2, y0: 0, y1: 1), columns: 2, rows: 1)
        // Bin 0 gets samples with activations (1, 10) and (3, 30); bin 1 one sample (5, 50); one sample outside.
        let pos = [0.5, 0.5, 0.7, 0.2, 1.5, 0.5, 3.0, 0.5]
        let act: [Float] = [1, 10, 3, 30, 5, 50, 7, 70]
        var acc = RateMapAccumulator(binning: b, units: 2)
        try acc.accumulate(positions: pos, activations: act)
        let m = acc.finish()
        #expect(m.values == [2, 5, 20, 50])               // [unit, y, x]
        #expect(m.counts == [2, 1])
        #expect(acc.samplesOutside == 1 && acc.samplesUsed == 3)
        let m2 = acc.finish(minOccupancy: 2)
        #expect(m2.values[0] == 2 && m2.values[1].isNaN && m2.values[3].isNaN)
        // Speed filter: the second sample is too slow.
        var slow = RateMapAccumulator(binning: b, units: 2, speedMin: 0.05)
        try slow.accumulate(positions: pos, activations: act, speeds: [0.1, 0.01, 0.2, 0.2])
        #expect(slow.finish().values == [1, 5, 10, 50])
        #expect(slow.samplesTooSlow == 1)
        #expect(throws: RateMapError.self) { try acc.accumulate(positions: pos, activations: [1, 2, 3]) }
    }

    @Test func unvisitedBinsAreNaN() throws {
        let b = try SpatialBinning(box: ArenaBox(x0: 0, x1: 1, y0: 0, y1: 1), columns: 3, rows: 3)
        var acc = RateMapAccumulator(binning: b, units: 1)
        try acc.accumulate(positions: [0.1, 0.1], activations: [4])
        let m = acc.finish()
        #expect(m.values[0] == 4)
        #expect(m.values[1...].allSatisfy { $0.isNaN })
    }

    @Test func smoothingIsNaNAware() {
        let g = GaussianSmoothing(sigma: 1.5)
        // A constant map with holes stays constant (normalised convolution), holes stay NaN.
        var map = [Float](repeating: 2, count: 64)
        map[10] = .nan; map[33] = .nan
        let s = g.apply(map, rows: 8, columns: 8)
        #expect(s[10].isNaN && s[33].isNaN)
        #expect(s.enumerated().allSatisfy { $0.offset == 10 || $0.offset == 33 || abs($0.element - 2) < 1e-6 })
        // A delta spreads symmetrically and keeps its total weight near the centre.
        var delta = [Float](repeating: 0, count: 81)
        delta[40] = 1
        let d = g.apply(delta, rows: 9, columns: 9)
        #expect(abs(d[39] - d[41]) < 1e-7 && abs(d[31] - d[49]) < 1e-7 && d[40] > d[39])
    }

    @Test func speedsFromPositions() {
        var e = SpeedEstimator(dt: 0.5, batchLength: 3)
        // Batch 1: 0 → 1 → 1 (speeds 2, 2, 0); batch 2 restarts: 5 → 5.5 (1, 1).
        let a = e.speeds(positions: [0, 0, 1, 0, 1, 0])
        let b = e.speeds(positions: [5, 0, 5.5, 0])
        #expect(a == [2, 2, 0])
        #expect(b == [1, 1])
        #expect(SpeedEstimator.speeds(velocities: [3, 4]) == [5])
    }
}
