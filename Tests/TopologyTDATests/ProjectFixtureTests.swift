import Foundation
import TestSupport
import Testing
@testable import TopologyTDA

/// The project's own small fixtures (Tests/Fixtures/tda, made by scripts/make_tda_fixtures.py with ripser.py):
/// cosine and correlation metrics, a distance-matrix input, Z/2 vs Z/3 on RP², a thresholded (sparse) torus, and
/// every complex variant (dense, sparse, edge-collapsed) on each.
@Suite struct ProjectFixtureTests {
    static let names = ["noisy_circle_80", "noisy_circle_80_p3", "torus_150", "torus_150_t1", "rp2_120_p2", "rp2_120_p3",
                        "ring_code_cosine", "ring_code_correlation", "random4d_40_matrix"]

    struct Fixture {
        var matrix: DistanceMatrix
        var maxDimension: Int
        var coefficient: Int
        var threshold: Double?
        var dgms: [Bars]
    }

    static func load(_ name: String) throws -> Fixture {
        let url = URL(fileURLWithPath: Fixtures.project("tda/\(name).json"))
        let doc = try TestJSON.object(with: Data(contentsOf: url)) as! [String: Any]
        let metric = doc["metric"] as! String
        let matrix: DistanceMatrix
        if metric == "precomputed" {
            let rows = (doc["distances"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
            matrix = try DistanceMatrix(dense: rows.flatMap { $0 }, count: rows.count)
        } else {
            let rows = (doc["points"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
            matrix = try DistanceMatrix(points: rows.flatMap { $0 }, dimension: rows[0].count, metric: Metric(rawValue: metric)!)
        }
        let dgms = (doc["dgms"] as! [[[Any]]]).map { $0.map { p in ((p[0] as! NSNumber).doubleValue, (p[1] as? NSNumber)?.doubleValue ?? .infinity) } }
        return Fixture(matrix: matrix, maxDimension: doc["maxdim"] as! Int, coefficient: doc["coeff"] as! Int,
                       threshold: (doc["threshold"] as? NSNumber)?.doubleValue, dgms: dgms)
    }

    @Test(arguments: names) func matchesRipserInEveryMode(_ name: String) throws {
        let f = try ProjectFixtureTests.load(name)
        for (label, sparse, collapse) in [("dense", false, CollapsePolicy.never), ("sparse", true, .never), ("collapsed", false, .always)] {
            let b = try PersistentCohomology.barcode(of: f.matrix, maxDimension: f.maxDimension, coefficient: f.coefficient,
                                                     threshold: f.threshold, sparse: sparse, collapse: collapse)
            expectSameDiagrams(b.bars, f.dgms, "\(name) \(label)")
        }
    }

    @Test(arguments: ["noisy_circle_80", "noisy_circle_80_p3"]) func cocyclesEqualRipsers(_ name: String) throws {
        let url = URL(fileURLWithPath: Fixtures.project("tda/\(name).json"))
        let doc = try #require(try TestJSON.object(with: Data(contentsOf: url)) as? [String: Any])
        let theirs = try #require(doc["cocycles"] as? [[[[Int]]]])
        let f = try ProjectFixtureTests.load(name)
        let b = try PersistentCohomology.barcode(of: f.matrix, maxDimension: 1, coefficient: f.coefficient, cocycles: true)
        let ours = try #require(b.diagrams[1].cocycles)
        #expect(ours.count == theirs[1].count)
        // Bars come out in the same order (same reduction); edges as (smaller, larger, coefficient).
        for (mine, ref) in zip(ours, theirs[1]) {
            let a = Set(zip(mine.simplices, mine.coefficients).map { [$0[0], $0[1], $1] })
            let r = Set(ref.map { [min($0[0], $0[1]), max($0[0], $0[1]), $0[2]] })
            #expect(a == r, "\(name): \(a.count) vs \(r.count) cocycle entries")
        }
    }

    @Test func coefficientFieldChangesRP2() throws {
        // RP² has H1 = H2 = Z/2 over Z/2 and nothing over Z/3: its H2 bar exists only in Z/2, and the longest H1
        // bar is longer in Z/2 (ripser: H2 0.437 vs 0.042, H1 0.858 vs 0.456).
        let p2 = try ProjectFixtureTests.load("rp2_120_p2"), p3 = try ProjectFixtureTests.load("rp2_120_p3")
        let longest = { (b: Barcode, k: Int) in b.diagrams[k].intervals.map(\.persistence).max() ?? 0 }
        let b2 = try PersistentCohomology.barcode(of: p2.matrix, maxDimension: 2, coefficient: 2)
        let b3 = try PersistentCohomology.barcode(of: p3.matrix, maxDimension: 2, coefficient: 3)
        #expect(longest(b2, 2) > 5 * longest(b3, 2))
        #expect(longest(b2, 1) > 1.5 * longest(b3, 1))
    }
}
