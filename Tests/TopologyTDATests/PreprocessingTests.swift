import Foundation
import Testing
@testable import TopologyTDA

/// The preprocessing steps other than PCA (Sources/TopologyTDA/Preprocessing): furthest-point landmarks against a
/// brute-force restatement written here, the density filter against brute-force k-nearest-neighbour distances,
/// z-scores, every-K-th subsampling, row normalisation and SplitMix64 against hand-computed values.
@Suite struct PreprocessingTests {
    /// A deterministic cloud of n points in R^d (coordinates from a sine sequence, with repeats of distances).
    static func cloud(_ n: Int, _ d: Int, salt: Double = 0) throws -> PointCloud {
        let values: [Double] = (0..<(n * d)).map { (k: Int) -> Double in
            let scale = Double(1 + k % 3)
            return sin(Double(k) * 1.37 + salt) * scale
        }
        return try PointCloud(values: values, dimension: d)
    }

    static func distance(_ c: PointCloud, _ i: Int, _ j: Int) -> Double {
        var s = 0.0
        for k in 0..<c.dimension { let t = c.values[i * c.dimension + k] - c.values[j * c.dimension + k]; s += t * t }
        return s.squareRoot()
    }

    /// Furthest-point sampling from the definition: from `first`, each next landmark is the point whose distance to
    /// its nearest chosen landmark is largest (the lowest index on ties); the cover radius is the largest distance of
    /// a point to its nearest landmark.
    static func bruteForceLandmarks(_ c: PointCloud, _ m: Int, first: Int) -> (landmarks: [Int], radius: Double) {
        var chosen = [first]
        func nearest(_ i: Int) -> Double { chosen.map { distance(c, i, $0) }.min()! }
        while chosen.count < m {
            var best = 0
            for i in 0..<c.count where nearest(i) > nearest(best) { best = i }
            chosen.append(best)
        }
        return (chosen, (0..<c.count).map(nearest).max()!)
    }

    @Test(arguments: [(60, 3, 7), (45, 2, 12), (30, 5, 29), (25, 4, 1)])
    func landmarksMatchBruteForce(n: Int, d: Int, m: Int) throws {
        let c = try Self.cloud(n, d, salt: Double(m))
        for seed: UInt64 in [0, 1, 99] {
            let got = try c.furthestPointCover(m, seed: seed)
            let want = Self.bruteForceLandmarks(c, m, first: got.landmarks[0])
            #expect(got.landmarks == want.landmarks, "n \(n) d \(d) m \(m) seed \(seed)")
            // Both sum the same squares in the same order, and the square root is monotone: equal radii.
            #expect(got.coverRadius == want.radius)
            #expect(try c.furthestPointLandmarks(m, seed: seed) == got.landmarks)
        }
    }

    @Test func landmarkSeedPicksTheFirstPoint() throws {
        let c = try Self.cloud(50, 2)
        // SplitMix64 from state 0 gives 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4 (Vigna's splitmix64.c); the first
        // landmark is the first output mod n (0xE220A8397B1DCDAF mod 50 = 35).
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF && g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(try c.furthestPointLandmarks(5, seed: 0)[0] == 35)
        #expect(try c.furthestPointLandmarks(5, seed: 3) == c.furthestPointLandmarks(5, seed: 3))
    }

    /// Eleven points 0, 1, …, 10 on a line from the first landmark 0: then 10, then 5, then 2 (its distance 2 to
    /// {0, 5, 10} ties with 3, 7 and 8; the lowest index wins), and the cover radius of {0, 10, 5, 2} is 2 (7 and 8).
    @Test func landmarksOnALine() throws {
        let c = try PointCloud(values: (0...10).map(Double.init), dimension: 1)
        let want = Self.bruteForceLandmarks(c, 4, first: 0)
        #expect(want.landmarks == [0, 10, 5, 2] && want.radius == 2)
        var seed: UInt64 = 0
        while try c.furthestPointLandmarks(1, seed: seed) != [0] { seed += 1 }
        let got = try c.furthestPointCover(4, seed: seed)
        #expect(got.landmarks == [0, 10, 5, 2] && got.coverRadius == 2)
    }

    @Test func allPointsOrNone() throws {
        let c = try Self.cloud(6, 2)
        #expect(try c.furthestPointCover(6).landmarks == Array(0..<6) && c.furthestPointCover(9).coverRadius == 0)
        #expect(throws: TDAError.self) { try c.furthestPointLandmarks(0) }
    }

    /// The k-th nearest-neighbour distance of every point by sorting all distances.
    static func bruteForceKNN(_ c: PointCloud, _ k: Int) -> [Double] {
        (0..<c.count).map { i in (0..<c.count).filter { $0 != i }.map { distance(c, i, $0) }.sorted()[k - 1] }
    }

    @Test(arguments: [(0.1, 15), (0.25, 3), (0.5, 1), (0.05, 40)])
    func densityFilterKeepsTheDensestPoints(fraction: Double, k: Int) throws {
        let c = try Self.cloud(40, 3, salt: 0.5)
        let kept = try c.denseIndices(droppingFraction: fraction, neighbours: k)
        let knn = Self.bruteForceKNN(c, min(k, c.count - 1))
        let keep = c.count - Int(Double(c.count) * fraction)
        let want = (0..<c.count).sorted { (knn[$0], $0) < (knn[$1], $1) }.prefix(keep).sorted()
        #expect(kept == Array(want))
    }

    /// A tight cluster of 20 points and 2 far ones: dropping 10 % (2 of 22) removes exactly the far ones.
    @Test func densityFilterDropsOutliers() throws {
        var v: [Double] = []
        for i in 0..<20 { v += [0.01 * Double(i % 5), 0.01 * Double(i / 5)] }
        v += [5, 5, -4, 6]
        let c = try PointCloud(values: v, dimension: 2)
        #expect(try c.denseIndices(droppingFraction: 0.1, neighbours: 3) == Array(0..<20))
        #expect(try c.denseIndices(droppingFraction: 0) == Array(0..<22))
        #expect(throws: TDAError.self) { try c.denseIndices(droppingFraction: 1) }
        #expect(throws: TDAError.self) { try c.denseIndices(droppingFraction: -0.1) }
    }

    /// Column (1, 2, 3, 4, 5): mean 3, population standard deviation √2; a constant column becomes 0.
    @Test func zScoreByHand() throws {
        let c = try PointCloud(values: [1, 7, 2, 7, 3, 7, 4, 7, 5, 7], dimension: 2)
        let z = c.zScored().values
        let r = 2.0.squareRoot()
        let want = [-2 / r, 0, -1 / r, 0, 0, 0, 1 / r, 0, 2 / r, 0]
        #expect(zip(z, want).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test func zScoredColumnsHaveMeanZeroAndUnitVariance() throws {
        let c = try Self.cloud(33, 4, salt: 2)
        let z = c.zScored()
        for col in 0..<4 {
            let xs = (0..<33).map { z.values[$0 * 4 + col] }
            let mean = xs.reduce(0, +) / 33
            let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 33
            #expect(abs(mean) < 1e-15 && abs(variance - 1) < 1e-14)
        }
    }

    @Test func everyKthAndNormalisedRows() throws {
        let c = try PointCloud(values: [3, 4, 0, 0, 1, 0, 0, 2, 6, 8], dimension: 2)
        #expect(try c.every(2).values == [3, 4, 1, 0, 6, 8])
        #expect(try c.every(1) == c)
        #expect(throws: TDAError.self) { try c.every(0) }
        let unit = c.normalisedRows().values
        #expect(zip(unit, [0.6, 0.8, 0, 0, 1, 0, 0, 1, 0.6, 0.8]).allSatisfy { abs($0 - $1) < 1e-15 })
    }
}
