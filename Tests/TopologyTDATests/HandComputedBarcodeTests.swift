import Foundation
import Testing
@testable import TopologyTDA

/// Small complexes whose barcodes follow from the geometry by hand.
@Suite struct HandComputedBarcodeTests {
    /// Sorted bars of dimension k.
    func bars(_ b: Barcode, _ k: Int) -> [(Double, Double)] {
        b.diagrams[k].intervals.map { ($0.birth, $0.death) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }

    func close(_ a: [(Double, Double)], _ b: [(Double, Double)], _ tol: Double = 1e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            abs(x.0 - y.0) <= tol && (x.1 == y.1 || abs(x.1 - y.1) <= tol)
        }
    }

    @Test func equilateralTriangleHasNoLoop() throws {
        let s3 = 3.0.squareRoot()
        let b = try PersistentCohomology.barcode(ofPoints: [0, 0, 1, 0, 0.5, s3 / 2], dimension: 2, maxDimension: 1)
        // Two edges of length 1 merge the three components; the filled triangle appears with its edges.
        #expect(close(bars(b, 0), [(0, 1), (0, 1), (0, .infinity)]))
        #expect(b.diagrams[1].intervals.isEmpty)
    }

    @Test func unitSquareHasOneLoopFromSideToDiagonal() throws {
        for p in [2, 3, 47] {
            let b = try PersistentCohomology.barcode(ofPoints: [0, 0, 1, 0, 1, 1, 0, 1], dimension: 2, maxDimension: 1, coefficient: p)
            #expect(close(bars(b, 0), [(0, 1), (0, 1), (0, 1), (0, .infinity)]))
            // The 4-cycle is born when the sides appear (1) and filled when the diagonals do (√2).
            #expect(close(bars(b, 1), [(1, 2.0.squareRoot())]), "Z/\(p)")
            #expect(abs(b.threshold - 2.0.squareRoot()) < 1e-6, "enclosing radius of the square")
        }
    }

    @Test func duplicatePointsAddNoBars() throws {
        // The square with two of its corners repeated: zero-length H0 bars are not reported (as ripser).
        let pts: [Double] = [0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1]
        let b = try PersistentCohomology.barcode(ofPoints: pts, dimension: 2, maxDimension: 2)
        #expect(close(bars(b, 0), [(0, 1), (0, 1), (0, 1), (0, .infinity)]))
        #expect(close(bars(b, 1), [(1, 2.0.squareRoot())]))
        #expect(b.diagrams[2].intervals.isEmpty)
        let all = try PersistentCohomology.barcode(ofPoints: [3, 3, 3, 3, 3, 3], dimension: 2, maxDimension: 1)
        #expect(close(bars(all, 0), [(0, .infinity)]))
        // One place is one connected component: b0 = 1 even though the threshold (enclosing radius) is 0.
        #expect(BettiSummary(all).betti == [1, 0])
    }

    @Test func regularTetrahedronIsContractible() throws {
        // Vertices of a regular tetrahedron of side √8.
        let pts: [Double] = [1, 1, 1, 1, -1, -1, -1, 1, -1, -1, -1, 1]
        let b = try PersistentCohomology.barcode(ofPoints: pts, dimension: 3, maxDimension: 3)
        let s = 8.0.squareRoot()
        #expect(close(bars(b, 0), [(0, s), (0, s), (0, s), (0, .infinity)]))
        #expect(b.diagrams[1].intervals.isEmpty && b.diagrams[2].intervals.isEmpty && b.diagrams[3].intervals.isEmpty)
    }

    @Test func octahedronEnclosesAVoid() throws {
        // ±e_i in R^3: edges √2 except the antipodal pairs (2); the 2-sphere of 8 triangles is filled at 2.
        var pts = [Double]()
        for i in 0..<3 { for s in [1.0, -1.0] { var p = [0.0, 0, 0]; p[i] = s; pts += p } }
        for p in [2, 47] {
            for collapse in CollapsePolicy.allCases {
                let b = try PersistentCohomology.barcode(ofPoints: pts, dimension: 3, maxDimension: 2, coefficient: p, collapse: collapse)
                #expect(close(bars(b, 0), Array(repeating: (0, 2.0.squareRoot()), count: 5) + [(0, .infinity)]))
                #expect(b.diagrams[1].intervals.isEmpty)
                #expect(close(bars(b, 2), [(2.0.squareRoot(), 2)]), "Z/\(p) collapse \(collapse)")
            }
        }
    }

    @Test func crossPolytopeInR4HasAThreeDimensionalVoid() throws {
        // ±e_i in R^4: the boundary of the 4-dimensional cross-polytope is a 3-sphere, born at √2, filled at 2.
        var pts = [Double]()
        for i in 0..<4 { for s in [1.0, -1.0] { var p = [0.0, 0, 0, 0]; p[i] = s; pts += p } }
        let b = try PersistentCohomology.barcode(ofPoints: pts, dimension: 4, maxDimension: 3)
        #expect(b.diagrams[1].intervals.isEmpty && b.diagrams[2].intervals.isEmpty)
        #expect(close(bars(b, 3), [(2.0.squareRoot(), 2)]))
    }

    @Test func regularHexagonLoopInSeveralFields() throws {
        var pts = [Double]()
        for k in 0..<6 { let a = Double(k) * .pi / 3; pts += [cos(a), sin(a)] }
        for p in [2, 3, 5, 47, 65521] {
            let b = try PersistentCohomology.barcode(ofPoints: pts, dimension: 2, maxDimension: 1, coefficient: p)
            #expect(close(bars(b, 0), Array(repeating: (0, 1), count: 5) + [(0, .infinity)]))
            #expect(close(bars(b, 1), [(1, 3.0.squareRoot())]), "Z/\(p)")
        }
    }

    @Test func twoClustersMergeAtTheirGap() throws {
        let b = try PersistentCohomology.barcode(ofPoints: [0, 0.1, 5, 5.1], dimension: 1, maxDimension: 1)
        #expect(close(bars(b, 0), [(0, 0.1), (0, 0.1), (0, 4.9), (0, .infinity)], 1e-5))
        #expect(b.diagrams[1].intervals.isEmpty)
        // Below the gap the clusters stay apart: two infinite bars.
        let t = try PersistentCohomology.barcode(ofPoints: [0, 0.1, 5, 5.1], dimension: 1, maxDimension: 1, threshold: 1)
        #expect(close(bars(t, 0), [(0, 0.1), (0, 0.1), (0, .infinity), (0, .infinity)], 1e-5))
    }

    @Test func distanceMatrixInputs() throws {
        // The unit square given as a dense matrix and as Ripser's lower-triangular text.
        let r = 2.0.squareRoot()
        let dense: [Double] = [0, 1, r, 1, 1, 0, 1, r, r, 1, 0, 1, 1, r, 1, 0]
        let a = try PersistentCohomology.barcode(of: DistanceMatrix(dense: dense, count: 4))
        let b = try PersistentCohomology.barcode(of: DistanceMatrix(ripserLowerDistanceText: "\n1\n\(r),1\n1,\(r),1\n"))
        #expect(close(bars(a, 1), [(1, r)]) && close(bars(b, 1), [(1, r)]))
        #expect(b.pointCount == 4)
    }

    @Test func sparseEdgeListInput() throws {
        let r = 2.0.squareRoot()
        // The square with its diagonals: the loop dies at √2; without them it never dies.
        let full = try PersistentCohomology.barcode(ofEdges: [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 0, 1), (0, 2, r), (1, 3, r)])
        #expect(close(bars(full, 1), [(1, r)]))
        let ring = try PersistentCohomology.barcode(ofEdges: [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 0, 1), (3, 0, 5), (2, 2, 0)])
        #expect(close(bars(ring, 1), [(1, .infinity)]))
        #expect(close(bars(ring, 0), [(0, 1), (0, 1), (0, 1), (0, .infinity)]))
        #expect(BettiSummary(ring).betti == [1, 1], "with no threshold, infinite bars count")
        // An isolated vertex named by vertexCount is a component of its own.
        let iso = try PersistentCohomology.barcode(ofEdges: [(0, 1, 1)], vertexCount: 3, maxDimension: 0)
        #expect(close(bars(iso, 0), [(0, 1), (0, .infinity), (0, .infinity)]))
        #expect(throws: TDAError.self) { try PersistentCohomology.barcode(ofEdges: [(0, 5, 1)], vertexCount: 3) }
        #expect(throws: TDAError.self) { try PersistentCohomology.barcode(ofEdges: [(0, 1, .nan)]) }
    }

    @Test func edgeListOfAThresholdedCloudEqualsTheCloud() throws {
        // 40 points on a noisy circle: the edges under 0.6 as a list give the same bars as the cloud at 0.6.
        var pts = [Double]()
        var g = SplitMix64(seed: 9)
        for k in 0..<40 {
            let a = 2 * Double.pi * Double(k) / 40, e = Double(g.next() % 1000) / 10_000
            pts += [cos(a) * (1 + e), sin(a) * (1 - e)]
        }
        let dm = try DistanceMatrix(points: pts, dimension: 2)
        var edges = [(Int, Int, Double)]()
        for i in 0..<40 { for j in 0..<i where dm[i, j] <= 0.6 { edges.append((i, j, Double(dm[i, j]))) } }
        for p in [2, 47] {   // Z/47: the edge list's rank keys (DiameterRanks) against the cloud's
            let a = try PersistentCohomology.barcode(of: dm, maxDimension: 2, coefficient: p, threshold: 0.6)
            let b = try PersistentCohomology.barcode(ofEdges: edges, vertexCount: 40, maxDimension: 2, coefficient: p)
            for k in 0...2 { #expect(close(bars(a, k), bars(b, k)), "H\(k) Z/\(p)") }
        }
    }

    @Test func cosineAndCorrelationMetrics() throws {
        // Cosine distance between (1,0) and (0,1) is 1; correlation distance of anti-correlated vectors is 2.
        let c = try DistanceMatrix(points: [1, 0, 0, 1], dimension: 2, metric: .cosine)
        #expect(abs(c[0, 1] - 1) < 1e-6)
        let k = try DistanceMatrix(points: [1, 2, 3, 3, 2, 1], dimension: 3, metric: .correlation)
        #expect(abs(k[1, 0] - 2) < 1e-6)
        #expect(throws: TDAError.degeneratePoint(point: 0, metric: "cosine")) {
            try DistanceMatrix(points: [0, 0, 1, 1], dimension: 2, metric: .cosine)
        }
    }
}
