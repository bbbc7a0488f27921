import Foundation
import RepIO
import Testing
import TestSupport
@testable import Trainer

/// max |ours − ref| / max |ref|: the error relative to the tensor's scale (elementwise ratios blow up on the
/// gradient entries that are zero up to rounding).
func scaledError(_ ours: [Float], _ ref: [Double]) -> Double {
    var num = 0.0, den = 0.0
    for (a, b) in zip(ours, ref) { num = max(num, abs(Double(a) - b)); den = max(den, abs(b)) }
    return den > 0 ? num / den : num
}

func relError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-30) }

/// Our forward pass, losses and gradient on the JAX reference dumps (../shared/reference/trainer).
@Suite struct ReferenceDumpTests {
    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project"), arguments: ["tiny", "small"])
    func matchesJAXReference(_ name: String) throws {
        guard let path = Fixtures.shared("trainer/\(name).h5") else { Issue.record("../shared/reference is there but a file is missing"); return }  // shared data absent: skip
        let dump = try ReferenceDump(path: path)
        let f = try HDF5File(path)
        let ws = Workspace(dump.config)
        var grad: [Float] = []
        let terms = Objective.lossAndGradient(ws, params: dump.params, batch: dump.batch, config: dump.config, gradient: &grad)

        // W(v) for v = vel[0,0] (base velocity perm[0,0]): checks the MLP and the [i·N + j] reshape.
        let wRef: ShapedArray<Double> = try f.read("/check/W_of_vel_0_0")
        let w = ws.recurrentMatrix(Int(dump.batch.permutation[0]))
        #expect(scaledError(w, wRef.values) < 1e-5, "W(v) \(name): \(scaledError(w, wRef.values))")

        let g0Ref: ShapedArray<Double> = try f.read("/f64/g0")
        #expect(scaledError(ws.g0Values, g0Ref.values) < 1e-6)
        let statesRef: ShapedArray<Double> = try f.read("/f64/states")
        #expect(scaledError(ws.stateValues, statesRef.values) < 1e-4, "states \(name): \(scaledError(ws.stateValues, statesRef.values))")

        for (key, ours) in [("total", terms.total), ("sep", terms.sep), ("inv", terms.inv), ("cap", terms.cap), ("ci", terms.ci)] {
            let ref32: ShapedArray<Float> = try f.read("/f32/loss/\(key)")
            let ref64: ShapedArray<Double> = try f.read("/f64/loss/\(key)")
            #expect(relError(ours, Double(ref32.values[0])) < 1e-4, "\(name) loss \(key): ours \(ours) JAX f32 \(ref32.values[0])")
            #expect(relError(ours, ref64.values[0]) < 1e-4, "\(name) loss \(key): ours \(ours) JAX f64 \(ref64.values[0])")
        }
        for (key, ours) in [("n_sep", terms.nSep), ("n_inv", terms.nInv), ("n_ci", terms.nCI)] {
            let ref: ShapedArray<Int64> = try f.read("/f32/loss/\(key)")
            #expect(Int64(ours) == ref.values[0], "\(name) \(key)")
        }
        var report: [String] = []
        for e in dump.params.entries {
            let ours = Array(grad[e.offset..<(e.offset + e.count)])
            let r32: ShapedArray<Float> = try f.read("/f32/grads/\(e.name)")
            let r64: ShapedArray<Double> = try f.read("/f64/grads/\(e.name)")
            let e32 = scaledError(ours, r32.values.map(Double.init)), e64 = scaledError(ours, r64.values)
            report.append("\(e.name): \(e32) (f32) \(e64) (f64)")
            #expect(e32 < 1e-4, "\(name) grad \(e.name) vs JAX f32: \(e32)")
            #expect(e64 < 1e-4, "\(name) grad \(e.name) vs JAX f64: \(e64)")
        }
        print("[\(name)] gradient max error / max |ref|: " + report.joined(separator: "; "))
    }

    /// The same numbers with row blocks smaller than B·T (exercises the block bookkeeping).
    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project")) func blockSizeDoesNotChangeTheResult() throws {
        guard let path = Fixtures.shared("trainer/small.h5") else { Issue.record("../shared/reference is there but a file is missing"); return }
        var dump = try ReferenceDump(path: path)
        var g1: [Float] = [], g2: [Float] = []
        dump.config.rowBlock = 1 << 20
        let t1 = Objective.lossAndGradient(Workspace(dump.config), params: dump.params, batch: dump.batch, config: dump.config, gradient: &g1)
        dump.config.rowBlock = 37
        let t2 = Objective.lossAndGradient(Workspace(dump.config), params: dump.params, batch: dump.batch, config: dump.config, gradient: &g2)
        #expect(relError(t1.total, t2.total) < 1e-5)
        #expect(scaledError(g2, g1.map(Double.init)) < 1e-5)
    }
}

/// The project's own JAX float64 fixtures (scripts/make_trainer_fixtures.py): reduction "sum" with other σ's and
/// weights, the no-permutation ablation, and the dense isometry term with a near-identity W(v).
@Suite struct OwnFixtureTests {
    @Test(arguments: ["sum_reduction", "no_permutation", "isometry"])
    func matchesJAXFloat64(_ name: String) throws {
        let path = Fixtures.project("trainer/\(name).h5")
        let dump = try ReferenceDump(path: path)
        let f = try HDF5File(path)
        var grad: [Float] = []
        let t = Objective.lossAndGradient(Workspace(dump.config), params: dump.params, batch: dump.batch, config: dump.config, gradient: &grad)
        var keys = [("total", t.total), ("sep", t.sep), ("inv", t.inv), ("cap", t.cap), ("ci", t.ci)]
        if dump.config.lIso > 0 { keys.append(("iso", t.iso)) }
        for (key, ours) in keys {
            let ref: ShapedArray<Double> = try f.read("/f64/loss/\(key)")
            #expect(relError(ours, ref.values[0]) < 1e-4, "\(name) \(key): ours \(ours) JAX \(ref.values[0])")
        }
        for e in dump.params.entries {
            let ref: ShapedArray<Double> = try f.read("/f64/grads/\(e.name)")
            let err = scaledError(Array(grad[e.offset..<(e.offset + e.count)]), ref.values)
            #expect(err < 1e-4, "\(name) grad \(e.name): \(err)")
        }
    }
}
