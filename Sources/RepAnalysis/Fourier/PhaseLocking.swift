import Foundation
import RepIO

/// The phase test of a module pair: do the coarse units' fields sit on the vertices of fine units' lattices?
///
/// Each unit's phase is a field centre p in its own module's unit cell (`GridPhase`). A coarse unit's fields lie on
/// fine unit f's vertices when p_coarse ≡ p_f modulo the fine lattice. The statistic is the mean, over coarse units,
/// of the distance (in fine periods, on the hexagonal torus) from p_coarse to the nearest fine unit's phase; the null
/// is the same mean for coarse phases drawn uniformly over the fine cell (fixed seed), so a small p-value says the
/// coarse fields are locked to the fine lattice. With many fine units covering the cell densely the test has little
/// power: `nullMean` says how small the distances are by chance.
public struct PhaseLocking: Sendable, Equatable {
    /// Mean nearest distance of the coarse units' phases to the fine units' (fine periods).
    public var observedMean: Double
    /// The same for uniformly random coarse phases (mean of the null draws).
    public var nullMean: Double
    /// Fraction of null draws with a mean ≤ the observed one (one-sided; 1/(draws + 1) at best).
    public var pValue: Double
    /// Coarse units with a phase (units whose map has no power at the lattice are left out).
    public var coarseUnits: Int

    /// Phases are (u, v) fractional coordinates in each module's own cell (a1 at the orientation, a2 at +60°).
    public init?(fine: (period: Double, orientation: Double), finePhases: [(u: Double, v: Double)],
                 coarse: (period: Double, orientation: Double), coarsePhases: [(u: Double, v: Double)],
                 draws: Int = 999, seed: UInt64 = 0) {
        guard !finePhases.isEmpty, !coarsePhases.isEmpty, draws > 0 else { return nil }
        let oc = coarse.orientation * .pi / 180
        let mapped = coarsePhases.map { p -> (Double, Double) in
            let x = coarse.period * (p.u * cos(oc) + p.v * cos(oc + .pi / 3))
            let y = coarse.period * (p.u * sin(oc) + p.v * sin(oc + .pi / 3))
            let c = ModuleRelation.fineCoordinates(x: x, y: y, period: fine.period, orientation: fine.orientation)
            return (c.s, c.t)
        }
        func nearest(_ s: Double, _ t: Double) -> Double {
            var best = Double.infinity
            for f in finePhases { best = min(best, Self.torusDistance(s - f.u, t - f.v)) }
            return best
        }
        func mean(_ pts: [(Double, Double)]) -> Double { pts.map { nearest($0.0, $0.1) }.reduce(0, +) / Double(pts.count) }
        observedMean = mean(mapped)
        var rng = Xoshiro256(seed: seed)
        var atMost = 0, sum = 0.0
        for _ in 0..<draws {
            let m = mean(mapped.map { _ in (rng.nextUnitDouble(), rng.nextUnitDouble()) })
            sum += m
            if m <= observedMean { atMost += 1 }
        }
        nullMean = sum / Double(draws)
        pValue = Double(atMost + 1) / Double(draws + 1)
        coarseUnits = mapped.count
    }

    /// Shortest length, in periods, of (s + i)·a1 + (t + j)·a2 over integers i, j (unit vectors 60° apart).
    static func torusDistance(_ s: Double, _ t: Double) -> Double {
        let s0 = s - s.rounded(), t0 = t - t.rounded()
        var best = Double.infinity
        for i in -1...1 { for j in -1...1 { best = min(best, ModuleRelation.hexNorm(s0 + Double(i), t0 + Double(j))) } }
        return best
    }
}
