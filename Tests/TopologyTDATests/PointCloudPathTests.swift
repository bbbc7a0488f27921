import Foundation
import TestSupport
import Testing
@testable import TopologyTDA

/// `barcode(ofPoints:threshold:)` without a distance matrix (neighbour graph from the points, collapse on lists)
/// against the matrix path it replaces: the same `Barcode`, bit for bit, and the same on any number of threads;
/// and against ripser.py on the project's thresholded fixtures.
@Suite struct PointCloudPathTests {
    typealias SplitMix64 = ParallelReductionTests.SplitMix64

    static func matrixBarcode(_ p: [Double], _ d: Int, metric: Metric = .euclidean, maxDimension: Int, coefficient: Int,
                              threshold: Double, collapse: CollapsePolicy, cocycles: Bool = false) throws -> Barcode {
        let dm = try DistanceMatrix(points: p, dimension: d, metric: metric)
        return try PersistentCohomology.barcode(of: dm, maxDimension: maxDimension, coefficient: coefficient, threshold: threshold,
                                                collapse: collapse, cocycles: cocycles)
    }

    @Test func sameBarcodeAsTheMatrixPath() throws {
        for (k, c) in CollapseOnListsTests.clouds.prefix(36).enumerated() {
            let (maxDimension, coefficient) = k % 3 == 0 ? (1, 47) : (2, k % 2 == 0 ? 2 : 3)
            let collapse = [CollapsePolicy.never, .always, .automatic][k % 3]
            let metric = k % 7 == 3 && k % 2 == 1 ? Metric.cosine : .euclidean   // odd k: not rounded, no zero vector
            let t = metric == .euclidean ? Double(c.threshold) : 0.4
            let reference = try Self.matrixBarcode(c.points, c.d, metric: metric, maxDimension: maxDimension,
                                                   coefficient: coefficient, threshold: t, collapse: collapse)
            for threads in [1, 3] {
                let b = try PersistentCohomology.barcode(ofPoints: c.points, dimension: c.d, metric: metric, maxDimension: maxDimension,
                                                         coefficient: coefficient, threshold: t, collapse: collapse, threads: threads)
                let label = "cloud \(k) (\(c.points.count / c.d) points, \(metric), t \(t), \(collapse), \(threads) threads)"
                #expect(b.diagrams == reference.diagrams, "\(label)")
                #expect(b.threshold == reference.threshold && b.ripserEdgeCount == reference.ripserEdgeCount
                        && b.edgeCountBeforeCollapse == reference.edgeCountBeforeCollapse, "\(label)")
            }
        }
    }

    @Test func cocyclesAsOnTheMatrixPath() throws {
        var rng = SplitMix64(state: 5)
        let p = (0..<120).flatMap { _ -> [Double] in
            let a = Double.random(in: 0..<(2 * .pi), using: &rng)
            return [cos(a) + Double.random(in: -0.05...0.05, using: &rng), sin(a) + Double.random(in: -0.05...0.05, using: &rng)]
        }
        for coefficient in [2, 3] {
            let reference = try Self.matrixBarcode(p, 2, maxDimension: 1, coefficient: coefficient, threshold: 0.5, collapse: .never,
                                                   cocycles: true)
            let b = try PersistentCohomology.barcode(ofPoints: p, dimension: 2, maxDimension: 1, coefficient: coefficient,
                                                     threshold: 0.5, cocycles: true)
            #expect(b.diagrams == reference.diagrams, "Z/\(coefficient)")
        }
    }

    /// The project's thresholded point fixtures (ripser.py 0.6.15 with thresh): the point path matches ripser.py.
    @Test(arguments: ["torus_150_t1"]) func matchesRipserOnThresholdedFixtures(_ name: String) throws {
        let url = URL(fileURLWithPath: Fixtures.project("tda/\(name).json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let rows = try #require(doc["points"] as? [[NSNumber]]).map { $0.map(\.doubleValue) }
        let f = try ProjectFixtureTests.load(name)
        let threshold = try #require(f.threshold)
        for collapse in [CollapsePolicy.never, .always] {
            for threads in [1, 2] {
                let b = try PersistentCohomology.barcode(ofPoints: rows.flatMap { $0 }, dimension: rows[0].count,
                                                         maxDimension: f.maxDimension, coefficient: f.coefficient,
                                                         threshold: threshold, collapse: collapse, threads: threads)
                expectSameDiagrams(b.bars, f.dgms, "\(name) \(collapse) \(threads) threads")
            }
        }
    }

    /// A noisy torus in R^6 big enough for the automatic collapse (> 5000 edges) and for every phase to be split
    /// into many chunks: 1, 2 and 4 threads give the same bars, in the same order.
    @Test func collapsedTorusIsTheSameOnAnyThreadCount() throws {
        var rng = SplitMix64(state: 3)
        let p = (0..<700).flatMap { _ -> [Double] in
            let a = Double.random(in: 0..<(2 * .pi), using: &rng), b = Double.random(in: 0..<(2 * .pi), using: &rng)
            let torus = [(2 + cos(b)) * cos(a), (2 + cos(b)) * sin(a), sin(b), 0, 0, 0]
            return torus.map { $0 + 0.1 * Double.random(in: -1...1, using: &rng) }
        }
        let one = try PersistentCohomology.barcode(ofPoints: p, dimension: 6, maxDimension: 2, threshold: 1.0)
        #expect(one.edgeCount < one.edgeCountBeforeCollapse && one.edgeCountBeforeCollapse > EdgeCollapse.minimumEdges)
        for threads in [2, 4] {
            let many = try PersistentCohomology.barcode(ofPoints: p, dimension: 6, maxDimension: 2, threshold: 1.0, threads: threads)
            #expect(many.diagrams == one.diagrams && many.edgeCount == one.edgeCount, "\(threads) threads")
        }
        let never = try PersistentCohomology.barcode(ofPoints: p, dimension: 6, maxDimension: 2, threshold: 1.0, collapse: .never)
        expectSameDiagrams(one.bars, never.bars, "collapsed vs not")
    }
}
