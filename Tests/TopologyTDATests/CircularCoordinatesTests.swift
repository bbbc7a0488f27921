import Foundation
import Testing
@testable import TopologyTDA

/// Circular and toroidal coordinates on clouds whose angles are known.
@Suite struct CircularCoordinatesTests {
    /// Circular distance in turns.
    static func turnError(_ a: Double, _ b: Double) -> Double { let d = abs(a - b).truncatingRemainder(dividingBy: 1); return min(d, 1 - d) }

    /// The best fit of decoded angles to true ones up to a symmetry of the torus: an integer matrix with determinant
    /// ±1 (entries −1…1), then a shift per coordinate; returns the median and 95th-percentile errors in turns.
    static func torusFit(decoded: [Double], truth: [Double]) -> (median: Double, p95: Double) {
        var best = (median: 1.0, p95: 1.0)
        let n = truth.count / 2
        for a in -1...1 { for b in -1...1 { for c in -1...1 { for d in -1...1 where abs(a * d - b * c) == 1 {
            var errs: [Double] = []
            var shift = [0.0, 0.0]
            for k in 0..<2 {
                let (p, q) = k == 0 ? (a, b) : (c, d)
                var sx = 0.0, sy = 0.0
                for i in 0..<n where decoded[2 * i].isFinite {
                    let r = decoded[2 * i + k] - (Double(p) * truth[2 * i] + Double(q) * truth[2 * i + 1])
                    sx += cos(2 * .pi * r); sy += sin(2 * .pi * r)
                }
                shift[k] = atan2(sy, sx) / (2 * .pi)
            }
            for i in 0..<n where decoded[2 * i].isFinite {
                let e0 = turnError(decoded[2 * i], Double(a) * truth[2 * i] + Double(b) * truth[2 * i + 1] + shift[0])
                let e1 = turnError(decoded[2 * i + 1], Double(c) * truth[2 * i] + Double(d) * truth[2 * i + 1] + shift[1])
                errs.append(max(e0, e1))
            }
            errs.sort()
            guard !errs.isEmpty else { continue }
            let m = (median: errs[errs.count / 2], p95: errs[errs.count * 95 / 100])
            if m.median < best.median { best = m }
        } } } }
        return best
    }

    @Test func circleCoordinateFollowsTheAngle() throws {
        let n = 200
        var values: [Double] = []
        for i in 0..<n { let t = 2 * Double.pi * Double(i) / Double(n); values += [cos(t), sin(t)] }
        let dm = try DistanceMatrix(points: values, dimension: 2)
        let bc = try PersistentCohomology.barcode(of: dm, maxDimension: 1, coefficient: 47, cocycles: true)
        let k = try #require(bc.diagrams[1].intervals.indices.max { bc.diagrams[1].intervals[$0].persistence < bc.diagrams[1].intervals[$1].persistence })
        let bar = bc.diagrams[1].intervals[k]
        let cc = try CircularCoordinates(distances: dm, cocycle: try #require(bc.diagrams[1].cocycles?[k]), prime: 47,
                                         scale: (bar.birth + bar.death) / 2)
        #expect(cc.solverResidual < 1e-8)
        // Up to orientation and shift, landmark i sits at i/n turns.
        let c = cc.landmarkCoordinates
        let sign = Self.turnError(c[1] - c[0], 1.0 / Double(n)) < Self.turnError(c[0] - c[1], 1.0 / Double(n)) ? 1.0 : -1.0
        let worst = (0..<n).map { Self.turnError(c[$0] - c[0], sign * Double($0) / Double(n)) }.max() ?? 1
        #expect(worst < 1e-6, "worst error \(worst) turns")
    }

    /// A flat torus in R⁴ (two circles' product): the decoded angles are the true ones up to a torus symmetry. Measured:
    /// median error 2.2°, 95th percentile 5.5° (with unit edge weights, before the density normalisation: 5.6° and
    /// 12°) — harmonic coordinates on uneven random landmarks are not exactly linear in the angle.
    @Test func flatTorusAnglesAreRecovered() throws {
        var rng = SplitMix64(seed: 3)
        var values: [Double] = [], truth: [Double] = []
        for _ in 0..<1500 {
            let u = Double(rng.next() % 1_000_000) / 1e6, v = Double(rng.next() % 1_000_000) / 1e6
            truth += [u, v]
            values += [cos(2 * .pi * u), sin(2 * .pi * u), cos(2 * .pi * v), sin(2 * .pi * v)]
        }
        let t = try ToroidalCoordinates(cloud: try PointCloud(values: values, dimension: 4), landmarkCount: 300)
        #expect(t.bars.count == 2 && t.residuals.allSatisfy { $0 < 1e-8 })
        let covered = stride(from: 0, to: t.coordinates.count, by: 2).filter { t.coordinates[$0].isFinite }.count
        #expect(covered == 1500)
        let fit = Self.torusFit(decoded: t.coordinates, truth: truth)
        print(String(format: "flat torus: median error %.2f°, 95th percentile %.2f°", 360 * fit.median, 360 * fit.p95))
        #expect(fit.median < 3.0 / 360 && fit.p95 < 7.0 / 360, "median \(360 * fit.median)° p95 \(360 * fit.p95)°")
    }

    /// Gauss reduction of a hexagonal lattice given by the skewed basis (a, b + 2a), |a| = |b| = 1 at 60°: the
    /// result is unimodular and its two vectors are shortest (norm 1), whatever the multiple of a added to b.
    @Test func basisReductionFindsTheShortestWindings() {
        for k in -3...3 {
            // Gram of (a, b + k·a) with a·a = b·b = 1, a·b = 1/2.
            let g = [1.0, 0.5 + Double(k), 1 + Double(k * k) + Double(k)]
            let u = ToroidalCoordinates.reducedBasis(gram: g)
            #expect(abs(u[0] * u[3] - u[1] * u[2]) == 1, "k \(k): \(u)")
            func norm(_ p: Int, _ q: Int) -> Double { Double(p * p) * g[0] + 2 * Double(p * q) * g[1] + Double(q * q) * g[2] }
            #expect(abs(norm(u[0], u[1]) - 1) < 1e-12 && abs(norm(u[2], u[3]) - 1) < 1e-12, "k \(k): \(u)")
        }
    }

    @Test func aCircleIsNotATorus() throws {
        var values: [Double] = []
        for i in 0..<300 { let t = 2 * Double.pi * Double(i) / 300; values += [cos(t), sin(t)] }
        #expect(throws: TDAError.self) { try ToroidalCoordinates(cloud: try PointCloud(values: values, dimension: 2), landmarkCount: 100) }
    }
}
