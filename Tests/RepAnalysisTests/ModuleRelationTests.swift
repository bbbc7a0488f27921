import Foundation
import RepIO
import Testing
@testable import RepAnalysis

/// Commensurate and independent module pairs (ModuleRelation, PhaseLocking) on analytic populations: hexagonal maps
/// Σ_j cos(k_j·(x − p)) with wave vectors at orientation + 30° + 60°·j, so the truth (lattice, phase p) is known.
@Suite struct ModuleRelationTests {
    static let bins = 40, box = 2.0

    /// A hexagonal map of period λ, orientation o (degrees), one field centre at p (metres), over a 2 m box.
    static func map(period: Double, orientation: Double, phase p: (Double, Double)) -> [Float] {
        let k = 4 * Double.pi / (3.0.squareRoot() * period)
        var m = [Float](repeating: 0, count: bins * bins)
        for i in 0..<bins {
            for j in 0..<bins {
                let x = (Double(j) + 0.5) * box / Double(bins) - p.0, y = (Double(i) + 0.5) * box / Double(bins) - p.1
                var v = 0.0
                for d in 0..<3 {
                    let a = (orientation + 30 + 60 * Double(d)) * .pi / 180
                    v += cos(k * (cos(a) * x + sin(a) * y))
                }
                m[i * bins + j] = Float(max(v, 0))
            }
        }
        return m
    }

    /// Two modules of `count` units; the coarse units' phases are the fine units' own (`locked`) or drawn apart.
    static func detect(fine: (Double, Double), coarse: (Double, Double), count: Int, locked: Bool) -> ModuleDetection {
        var rng = Xoshiro256(seed: 7)
        var maps: [Float] = []
        var finePhases: [(Double, Double)] = []
        for _ in 0..<count {
            let p = (rng.nextUniform(0, 1), rng.nextUniform(0, 1))
            finePhases.append(p)
            maps += map(period: fine.0, orientation: fine.1, phase: p)
        }
        for u in 0..<count {
            let p = locked ? finePhases[u] : (rng.nextUniform(0, 1), rng.nextUniform(0, 1))
            maps += map(period: coarse.0, orientation: coarse.1, phase: p)
        }
        let bin = box / Double(bins)
        return ModuleDetection(maps: maps, units: 2 * count, rows: bins, columns: bins, binSize: (bin, bin))
    }

    @Test func sqrt3At30DegreesIsASuperlatticeOfIndex3() throws {
        let d = Self.detect(fine: (0.4, 10), coarse: (0.4 * 3.0.squareRoot(), 40), count: 6, locked: true)
        #expect(d.modules.count == 2)
        let r = try #require(d.relations.first)
        #expect(r.isSuperlattice && r.index == 3, "\(r)")
        #expect(abs(r.orientationDifference - 30) < 2)
        // Coarse fields placed on fine units' vertices: the phase test finds them locked.
        let p = try #require(r.phaseLocking)
        #expect(p.pValue < 0.01 && p.observedMean < 0.05, "\(p)")
    }

    @Test func ratio2At0DegreesIsASuperlatticeOfIndex4() throws {
        let d = Self.detect(fine: (0.3, 20), coarse: (0.6, 20), count: 6, locked: false)
        let r = try #require(d.relations.first)
        #expect(d.modules.count == 2)
        #expect(r.isSuperlattice && r.index == 4, "\(r)")
        // Phases drawn independently: no locking.
        let p = try #require(r.phaseLocking)
        #expect(p.pValue > 0.05, "\(p)")
    }

    @Test func ratio1Point4IsIndependent() throws {
        let d = Self.detect(fine: (0.4, 10), coarse: (0.56, 27), count: 6, locked: false)
        #expect(d.modules.count == 2)
        let r = try #require(d.relations.first)
        #expect(!r.isSuperlattice, "\(r)")
        #expect(abs(r.ratio - 1.4) < 0.05)
    }

    /// The geometry alone, from exact lattices: √7 at 19.1° is index 7; a small rotation off 30° breaks √3.
    @Test func exactLattices() {
        let s7 = ModuleRelation(fine: 0, period: 1, orientation: 0, coarse: 1, period: 7.0.squareRoot(),
                                orientation: atan(3.0.squareRoot() / 5) * 180 / .pi)
        #expect(s7.isSuperlattice && s7.index == 7, "\(s7)")
        let off = ModuleRelation(fine: 0, period: 1, orientation: 0, coarse: 1, period: 3.0.squareRoot(), orientation: 38)
        #expect(!off.isSuperlattice, "\(off)")
        let same = ModuleRelation(fine: 0, period: 1, orientation: 5, coarse: 1, period: 1.01, orientation: 5)
        #expect(!same.isSuperlattice && same.index == 1)
    }
}
