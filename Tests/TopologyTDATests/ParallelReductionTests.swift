import Foundation
import RepIO
import TestSupport
import Testing
@testable import TopologyTDA

/// The multi-threaded reduction (`threads` > 1, `ParallelReduction`) against the single-thread engine: the bars must
/// be bit-identical and in the same order. The single-thread engine is itself checked against ripser.py
/// (RipserReferenceTests, ProjectFixtureTests); here the reference clouds are also compared with ripser.py's
/// diagrams directly. Every dimension is forced onto the threads (`parallelMinimumColumns: 1`), and more threads
/// than cores are used so that the threads interleave even on 2 cores; and with the columns handed out last first
/// nearly every column takes its pivot over from a later one, so that path is reached deterministically.
@Suite struct ParallelReductionTests {
    static let forceParallel = ReductionTuning(parallelMinimumColumns: 1)
    /// Columns handed out last first: nearly every column takes its pivot over from a later one.
    static let lastFirst = ReductionTuning(parallelMinimumColumns: 1, parallelLastColumnFirst: true)

    /// The same cases as the reference tests: a cloud and ripser.py's diagrams for it.
    typealias Case = RipserReferenceTests.Case

    static let cases: [Case] = [
        Case(cloud: "circle_300", diagrams: "circle_300.dim1.p2.ripser.json", maxDimension: 1, coefficient: 2),
        Case(cloud: "circle_300", diagrams: "circle_300.dim1.p3.ripser.json", maxDimension: 1, coefficient: 3),
        Case(cloud: "o3_512", diagrams: "o3_512.dim2.p47.t1.8.ripser.json", maxDimension: 2, coefficient: 47, threshold: 1.8),
        Case(cloud: "flattorus4_600", diagrams: "flattorus4_600.dim2.p2.t1.2.ripser.json", maxDimension: 2, coefficient: 2, threshold: 1.2),
        Case(cloud: "torus3_400", diagrams: "torus3_400.dim2.p2.ripser.json", maxDimension: 2, coefficient: 2, collapse: .automatic),
    ]

    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project"), arguments: cases) func referenceCloudsSameAsOneThread(_ c: Case) throws {
        guard let cloudPath = Fixtures.shared("tda/\(c.cloud).h5"), let refPath = Fixtures.shared("tda/\(c.diagrams)") else {
            Issue.record("\(c): ../shared/reference is there but a file is missing")
            return
        }
        let (points, d) = try loadCloud(cloudPath)
        let dm = try DistanceMatrix(points: points, dimension: d)
        let one = try PersistentCohomology.barcode(of: dm, maxDimension: c.maxDimension, coefficient: c.coefficient,
                                                   threshold: c.threshold, collapse: c.collapse)
        for (threads, tuning) in [(2, Self.forceParallel), (4, Self.forceParallel), (2, Self.lastFirst)] {
            let many = try PersistentCohomology.tunedBarcode(of: dm, maxDimension: c.maxDimension, coefficient: c.coefficient,
                                                             threshold: c.threshold, collapse: c.collapse, threads: threads,
                                                             tuning: tuning)
            #expect(many.diagrams == one.diagrams, "\(c), \(threads) threads, last first \(tuning.parallelLastColumnFirst)")
        }
        expectSameDiagrams(one.bars, try loadRipserDiagrams(refPath).dgms, c.description)
    }

    /// SplitMix64: a small seeded generator, so the random clouds are the same on every run.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Small random clouds, many with ties (coordinates rounded to a coarse grid, duplicates), with and without a
    /// threshold, dense, sparse and collapsed, H1 and H2, in Z/2 and Z/47: 2, 3 and 5 threads give the one-thread bars.
    @Test(arguments: [2, 47]) func randomCloudsSameAsOneThread(_ p: Int) throws {
        var rng = SplitMix64(state: UInt64(p))
        for trial in 0..<24 {
            let n = Int.random(in: 12...45, using: &rng), d = Int.random(in: 2...4, using: &rng)
            let rounded = trial % 3 == 0
            var xs = (0..<(n * d)).map { _ in Double.random(in: -1...1, using: &rng) }
            if rounded { xs = xs.map { ($0 * 4).rounded() / 4 } }
            if trial % 4 == 1 { xs += xs.prefix(d * (n / 4)) }
            let dm = try DistanceMatrix(points: xs, dimension: d)
            let maxDimension = trial % 2 == 0 ? 1 : 2
            let threshold: Double? = trial % 3 == 1 ? Double(dm.enclosingRadius) * 0.6 : nil
            let collapse: CollapsePolicy = [.never, .always, .automatic][trial % 3]
            let sparse: Bool? = trial % 5 == 0 ? true : nil
            let one = try PersistentCohomology.barcode(of: dm, maxDimension: maxDimension, coefficient: p,
                                                       threshold: threshold, sparse: sparse, collapse: collapse)
            for (threads, tuning) in [(2, Self.forceParallel), (3, Self.forceParallel), (5, Self.forceParallel), (2, Self.lastFirst)] {
                let many = try PersistentCohomology.tunedBarcode(of: dm, maxDimension: maxDimension, coefficient: p,
                                                                 threshold: threshold, sparse: sparse, collapse: collapse,
                                                                 threads: threads, tuning: tuning)
                #expect(many.diagrams == one.diagrams, "trial \(trial) n=\(n) d=\(d) p=\(p) maxdim=\(maxDimension) threads=\(threads) last first \(tuning.parallelLastColumnFirst)")
            }
        }
    }

    /// An edge-list input (sparse complex, no collapse) on threads.
    @Test func edgeListSameAsOneThread() throws {
        var rng = SplitMix64(state: 7)
        var edges = [(Int, Int, Double)]()
        for i in 0..<40 { for j in 0..<i where Double.random(in: 0...1, using: &rng) < 0.5 { edges.append((i, j, Double(Int.random(in: 1...30, using: &rng)))) } }
        let one = try PersistentCohomology.barcode(ofEdges: edges, maxDimension: 2, coefficient: 3)
        let many = try PersistentCohomology.barcode(ofEdges: edges, maxDimension: 2, coefficient: 3, threads: 3)
        #expect(many.diagrams == one.diagrams)
        #expect(one.diagrams[1].intervals.count > 0)
    }

    @Test func rejectsZeroThreads() {
        #expect(throws: TDAError.self) { try PersistentCohomology.barcode(ofPoints: [0, 0, 1, 1], dimension: 2, threads: 0) }
    }
}
