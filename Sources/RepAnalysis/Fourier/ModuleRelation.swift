import Foundation

/// Whether two grid modules are independent codes or one lattice seen at two scales: the coarse lattice is a
/// superlattice of the fine one when its primitive vectors are integer combinations of the fine one's (period ratio
/// √3 at 30°, 2 at 0°, √7 at 19.1°, ...). A superlattice module's fields can only fall on the fine lattice's
/// vertices and it adds no positions the fine module cannot already tell apart, so it does not multiply capacity as
/// independent modules (incommensurate ratios such as ≈ 1.4 in animals) do.
public struct ModuleRelation: Sendable, Equatable {
    /// Indices of the finer and the coarser module.
    public var fine: Int, coarse: Int
    /// Period ratio coarse / fine.
    public var ratio: Double
    /// Difference of the lattices' orientations, degrees in [0, 30] (six-fold lattices: mod 60, folded).
    public var orientationDifference: Double
    /// The coarse primitive vectors (a1 at the coarse orientation, a2 at +60°) written in the fine ones, rounded to
    /// integers: row k holds the coefficients of coarse a_k.
    public var basis: [[Int]]
    /// |det basis|: how many fine unit cells one coarse cell holds (3 for √3 R30°, 4 for 2 R0°); 0 when degenerate.
    public var index: Int
    /// Largest distance of a coefficient from its integer, in fine periods (0 for an exact superlattice).
    public var residual: Double
    /// residual ≤ the tolerance and index ≥ 2: the coarse lattice is a superlattice of the fine one.
    public var isSuperlattice: Bool
    /// The phase test on the members' rate maps (nil when either module has no unit with a phase).
    public var phaseLocking: PhaseLocking? = nil

    /// The relation of a finer lattice (period `fine`, orientation `fineOrientation` in degrees) and a coarser one.
    /// `tolerance` is in fine periods: 0.12 allows about 2.5 % period and 2° orientation error at a ratio of 2.
    public init(fine i: Int, period pf: Double, orientation of: Double, coarse j: Int, period pc: Double,
                orientation oc: Double, tolerance: Double = 0.12) {
        fine = i; coarse = j
        ratio = pc / pf
        var d = (oc - of).truncatingRemainder(dividingBy: 60)
        if d < 0 { d += 60 }
        orientationDifference = min(d, 60 - d)
        var rows: [[Int]] = [], worst = 0.0
        for k in 0..<2 {
            let a = (oc + 60 * Double(k)) * .pi / 180
            let c = Self.fineCoordinates(x: pc * cos(a), y: pc * sin(a), period: pf, orientation: of)
            let r = [c.s.rounded(), c.t.rounded()]
            worst = max(worst, Self.hexNorm(c.s - r[0], c.t - r[1]))
            rows.append(r.map { Int($0) })
        }
        basis = rows
        index = abs(rows[0][0] * rows[1][1] - rows[0][1] * rows[1][0])
        residual = worst
        isSuperlattice = worst <= tolerance && index >= 2
    }

    /// Fractional coordinates (s, t) of the point (x, y) in the lattice with primitive vectors of length `period`
    /// at `orientation` and `orientation` + 60° (degrees).
    static func fineCoordinates(x: Double, y: Double, period: Double, orientation: Double) -> (s: Double, t: Double) {
        let o = orientation * .pi / 180
        let (ax, ay) = (period * cos(o), period * sin(o)), (bx, by) = (period * cos(o + .pi / 3), period * sin(o + .pi / 3))
        let det = ax * by - ay * bx
        return ((x * by - y * bx) / det, (ax * y - ay * x) / det)
    }

    /// Length, in periods, of s·a1 + t·a2 for unit primitive vectors 60° apart.
    static func hexNorm(_ s: Double, _ t: Double) -> Double { max(0, s * s + t * t + s * t).squareRoot() }

    /// Relations of every pair of modules (finer first), `modules` sorted or not.
    public static func all(_ modules: [GridModule], tolerance: Double = 0.12) -> [ModuleRelation] {
        var out: [ModuleRelation] = []
        for a in modules.indices {
            for b in modules.indices where b > a {
                let (f, c) = modules[a].period <= modules[b].period ? (modules[a], modules[b]) : (modules[b], modules[a])
                out.append(ModuleRelation(fine: f.index, period: f.period, orientation: f.orientation,
                                          coarse: c.index, period: c.period, orientation: c.orientation, tolerance: tolerance))
            }
        }
        return out
    }
}
