import Foundation
import Testing
@testable import RepAnalysis
import TestSupport

/// Maps whose answer is known from geometry: lattices of known period and orientation, bands, constants, and
/// maps built to break a scorer.
@Suite struct GridAnalyticTests {
    /// Sum of plane waves on an n×n map of a 1 m box (rows = y): hexagonal (3 waves at θ+30°+60°j, fields on a
    /// lattice with vectors at θ), square (2 waves at θ, θ+90°) or band (1 wave at θ).
    static func lattice(_ n: Int, period: Double, orientation: Double, kind: String) -> [Double] {
        let (k, dirs): (Double, [Double])
        switch kind {
        case "hex": (k, dirs) = (4 * .pi / (3.0.squareRoot() * period), (0..<3).map { orientation + 30 + 60 * Double($0) })
        case "square": (k, dirs) = (2 * .pi / period, [orientation, orientation + 90])
        default: (k, dirs) = (2 * .pi / period, [orientation])
        }
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                let x = (Double(j) + 0.5) / Double(n), y = (Double(i) + 0.5) / Double(n)
                m[i * n + j] = dirs.reduce(0) { $0 + cos(k * (cos($1 * .pi / 180) * x + sin($1 * .pi / 180) * y)) }
            }
        }
        return m
    }

    static func angleDiff60(_ a: Double, _ b: Double) -> Double {
        let d = (a - b).truncatingRemainder(dividingBy: 60)
        return min(abs(d), 60 - abs(d))
    }

    @Test(arguments: [(0.3, 10.0), (0.42, 47.0), (0.25, 0.0), (0.5, 29.0)])
    func hexagonalLatticeGivesSpacingAndOrientation(period: Double, orientation: Double) {
        let n = 40
        let s = GridScorer(height: n, width: n).score(Self.lattice(n, period: period, orientation: orientation, kind: "hex"))
        #expect(s.score60 > 1.0)
        #expect(s.score60MinMax > 0.8)
        #expect(s.score90 < 0.5)
        #expect(abs(s.spacing - period) < 0.03 * period, "spacing \(s.spacing) vs \(period)")
        #expect(Self.angleDiff60(s.orientation, orientation) < 2, "orientation \(s.orientation) vs \(orientation)")
        #expect(s.orientation >= 0 && s.orientation < 60)
        #expect(abs(s.ellipseAspectRatio - 1) < 0.08, "aspect \(s.ellipseAspectRatio)")
    }

    @Test func squareLatticeScoresNinetyNotSixty() {
        let s = GridScorer(height: 32, width: 32).score(Self.lattice(32, period: 0.3, orientation: 15, kind: "square"))
        #expect(s.score90 > 1.0)
        #expect(s.score60 < 0)
    }

    @Test func bandIsNotAGrid() {
        let band = GridScorer(height: 32, width: 32).score(Self.lattice(32, period: 0.35, orientation: 25, kind: "band"))
        let hex = GridScorer(height: 32, width: 32).score(Self.lattice(32, period: 0.35, orientation: 25, kind: "hex"))
        #expect(band.score60 < 0.5 && band.score60 < hex.score60 - 0.8)
    }

    @Test func stretchedLatticeHasAspectRatio() {
        // Compress a hexagonal lattice along y by 1.3: the SAC peaks lie on an ellipse with axis ratio 1.3.
        let n = 44, period = 0.3
        let k = 4 * Double.pi / (3.0.squareRoot() * period)
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n {
            let x = (Double(j) + 0.5) / Double(n), y = 1.3 * (Double(i) + 0.5) / Double(n)
            m[i * n + j] = (0..<3).reduce(0.0) { acc, q in
                let d = (30 + 60 * Double(q)) * .pi / 180
                return acc + cos(k * (cos(d) * x + sin(d) * y))
            }
        } }
        let s = GridScorer(height: n, width: n).score(m)
        #expect(abs(s.ellipseAspectRatio - 1.3) < 0.1, "aspect \(s.ellipseAspectRatio)")
    }

    @Test func degenerateMapsScoreExactlyZero() {
        let scorer = GridScorer(height: 16, width: 16)
        for value in [0.0, 3.0, 0.1, -7.25, 1e-30] {
            let s = scorer.score([Double](repeating: value, count: 256))
            #expect(s.score60 == 0 && s.score60MinMax == 0 && s.score90 == 0, "constant \(value)")
        }
        let allNaN = scorer.score([Double](repeating: .nan, count: 256))
        #expect(allNaN.score60 == 0 && allNaN.score90 == 0 && allNaN.score60MinMax == 0)
        #expect(allNaN.spacing.isNaN)
    }

    @Test func adversarialMapsGiveFiniteScoresWithoutCrashing() {
        let scorer = GridScorer(height: 16, width: 16)
        var one = [Double](repeating: .nan, count: 256)
        one[77] = 5
        let negative = Self.lattice(16, period: 0.3, orientation: 5, kind: "hex").map { $0 - 10 }
        let huge = Self.lattice(16, period: 5, orientation: 5, kind: "hex")
        let spiky = (0..<256).map { $0 == 3 ? 1e30 : 0.0 }
        for (name, m) in [("one valid bin", one), ("negative", negative), ("huge period", huge), ("spike", spiky)] {
            for policy in NaNPolicy.allCases {
                let s = GridScorer(height: 16, width: 16, nanPolicy: policy).score(m)
                #expect(s.score60.isFinite && s.score90.isFinite && s.score60MinMax.isFinite, "\(name) \(policy)")
            }
        }
        // A negative offset does not change a Pearson-based score.
        let pos = scorer.score(Self.lattice(16, period: 0.3, orientation: 5, kind: "hex"))
        #expect(abs(scorer.score(negative).score60 - pos.score60) < 1e-9)
    }

    @Test(arguments: [(1, 1), (2, 2), (3, 3), (2, 5), (1, 7)])
    func tinyMapsDoNotCrash(rows: Int, columns: Int) {
        let m = (0..<(rows * columns)).map { Double($0 % 3) }
        let s = GridScorer(height: rows, width: columns).score(m)
        #expect(s.score60.isFinite && s.score90.isFinite)
        _ = GridScorer(height: rows, width: columns, nanPolicy: .exclude).score(m.map { _ in .nan })
    }

    @Test func nonSquareMapsUseTheShorterSideForRings() {
        let rows = 30, cols = 44
        var m = [Double](repeating: 0, count: rows * cols)
        let big = Self.lattice(44, period: 0.3, orientation: 8, kind: "hex")
        for i in 0..<rows { for j in 0..<cols { m[i * cols + j] = big[i * 44 + j] } }
        let scorer = GridScorer(height: rows, width: cols, binSize: (1.0 / 44, 1.0 / 44))
        #expect(scorer.masks.unit == 30)
        let s = scorer.score(m)
        #expect(s.score60 > 1)
        #expect(abs(s.spacing - 0.3) < 0.01)
    }
}
