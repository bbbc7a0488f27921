import Foundation
import Testing
import TestSupport
@testable import TopologyTDA

/// `PrincipalComponents` (Jacobi eigen-solver on the covariance) against NumPy's SVD of the centred cloud
/// (Tests/Fixtures/preprocessing/pca_small.json, scripts/make_preprocessing_fixtures.py) and against clouds whose
/// components are known by hand.
@Suite struct PrincipalComponentsTests {
    struct Reference {
        var cloud: PointCloud
        var mean: [Double], variances: [Double], axes: [[Double]], projection: [[Double]]
    }

    static func reference() throws -> Reference {
        let url = URL(fileURLWithPath: Fixtures.project("preprocessing/pca_small.json"))
        let doc = try #require(try TestJSON.object(with: Data(contentsOf: url)) as? [String: Any])
        func vector(_ key: String) throws -> [Double] { try #require(doc[key] as? [NSNumber]).map(\.doubleValue) }
        func matrix(_ key: String) throws -> [[Double]] { try #require(doc[key] as? [[NSNumber]]).map { $0.map(\.doubleValue) } }
        let points = try matrix("points")
        return Reference(cloud: try PointCloud(values: points.flatMap { $0 }, dimension: points[0].count),
                         mean: try vector("mean"), variances: try vector("variances"), axes: try matrix("axes"),
                         projection: try matrix("projection"))
    }

    static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test func matchesNumPySVD() throws {
        let ref = try Self.reference()
        let d = ref.cloud.dimension
        let pca = try PrincipalComponents(ref.cloud, components: d)
        let dMean = Self.maxDifference(pca.mean, ref.mean)
        let dVar = Self.maxDifference(pca.variances, ref.variances)
        let dAxes = Self.maxDifference(pca.axes, ref.axes.flatMap { $0 })
        let dProj = Self.maxDifference(pca.project(ref.cloud).values, ref.projection.flatMap { $0 })
        print("PCA vs numpy.linalg.svd: max |diff| mean \(dMean), variances \(dVar), axes \(dAxes), projection \(dProj)")
        #expect(pca.variances.count == d && pca.axes.count == d * d)
        #expect(dMean < 1e-13 && dVar < 1e-13 && dAxes < 1e-13 && dProj < 1e-13)
    }

    @Test func fewerComponentsAreTheLeadingOnes() throws {
        let ref = try Self.reference()
        let pca = try PrincipalComponents(ref.cloud, components: 2)
        #expect(pca.componentCount == 2 && pca.axes.count == 2 * ref.cloud.dimension)
        #expect(pca.variances.count == ref.cloud.dimension)   // every eigenvalue, decreasing
        #expect(zip(pca.variances, pca.variances.dropFirst()).allSatisfy { $0 >= $1 })
        let projected = pca.project(ref.cloud)
        #expect(projected.count == ref.cloud.count && projected.dimension == 2)
        let want = ref.projection.flatMap { $0.prefix(2) }
        #expect(Self.maxDifference(projected.values, want) < 1e-13)
    }

    /// Four points (±3, 0), (0, ±1) shifted by (5, −2): mean (5, −2), covariance diag(18, 2)/3, axes x then y.
    @Test func axisAlignedCross() throws {
        let pts: [Double] = [8, -2, 2, -2, 5, -1, 5, -3]
        let pca = try PrincipalComponents(try PointCloud(values: pts, dimension: 2), components: 2)
        #expect(Self.maxDifference(pca.mean, [5, -2]) < 1e-15)
        #expect(Self.maxDifference(pca.variances, [6, 2.0 / 3]) < 1e-14)
        #expect(Self.maxDifference(pca.axes, [1, 0, 0, 1]) < 1e-15)
        let p = pca.project(try PointCloud(values: pts, dimension: 2)).values
        #expect(Self.maxDifference(p, [3, 0, -3, 0, 0, 1, 0, -1]) < 1e-14)
    }

    /// Points t·u + s·w, u = (1, 2, 2)/3 and w = (2, −1, 0)/√5 orthonormal, t = −2…2, s = ±0.1 or 0: t and s have
    /// mean 0 and Σ t·s = 0, so the axes are u and w with variances Σt²/(n − 1) = 2.5 and Σs²/(n − 1) = 0.01, and
    /// the third variance is 0.
    @Test func pointsNearALine() throws {
        let u = [1.0 / 3, 2.0 / 3, 2.0 / 3], w = [2 / 5.0.squareRoot(), -1 / 5.0.squareRoot(), 0]
        var pts: [Double] = []
        let ts: [Double] = [-2, -1, 0, 1, 2], ss: [Double] = [0.1, -0.1, 0, -0.1, 0.1]
        for (t, s) in zip(ts, ss) { for c in 0..<3 { pts.append(t * u[c] + s * w[c]) } }
        let pca = try PrincipalComponents(try PointCloud(values: pts, dimension: 3), components: 2)
        #expect(abs(pca.variances[0] - 10.0 / 4) < 1e-14)
        #expect(abs(pca.variances[1] - 0.04 / 4) < 1e-14)
        #expect(abs(pca.variances[2]) < 1e-14)
        #expect(Self.maxDifference(Array(pca.axes[0..<3]), u) < 1e-13)
        // w's largest-magnitude coordinate (2/√5) is positive, so the sign rule keeps w as it is.
        #expect(Self.maxDifference(Array(pca.axes[3..<6]), w) < 1e-12)
    }

    @Test func badComponentCountsAndTooFewPoints() throws {
        let cloud = try PointCloud(values: [0, 0, 1, 1, 2, 0], dimension: 2)
        #expect(throws: TDAError.self) { try PrincipalComponents(cloud, components: 0) }
        #expect(throws: TDAError.self) { try PrincipalComponents(cloud, components: 3) }
        #expect(throws: TDAError.tooFewPoints(1)) { try PrincipalComponents(try PointCloud(values: [1, 2], dimension: 2), components: 1) }
    }
}
