import Foundation
import RepIO
import Testing
@testable import Trainer

/// The pairwise terms of `g` (states, [P'][N]) at positions `x`, written from the definitions in float64: every
/// ordered pair i ≠ j, each term's derivative by hand. Returns the weighted, reduced terms and d(weighted
/// pairwise total)/dg_i. `scale` multiplies the "sum" reduction's separation and invariance sums.
func pairReference(_ g: [[Double]], _ x: [(Double, Double)], _ c: TrainerConfig, scale: Double)
    -> (sep: Double, inv: Double, iso: Double, grad: [[Double]]) {
    let p = g.count, n = g[0].count
    let s2 = Double(c.sigmaX * c.sigmaX), sg2 = Double(c.sigmaG * c.sigmaG), se2 = Double(c.sigmaE * c.sigmaE)
    var nSep = 0, nInv = 0
    for i in 0..<p { for j in 0..<p where i != j {
        let d2 = pow(x[i].0 - x[j].0, 2) + pow(x[i].1 - x[j].1, 2)
        if d2 > s2 { nSep += 1 } else if d2 < s2 { nInv += 1 }
    } }
    let mean = c.isMeanReduction
    let sepW = mean ? 1 / Double(max(nSep, 1)) : scale, invW = mean ? 1 / Double(max(nInv, 1)) : scale
    let isoW = 1 / Double(p * (p - 1))
    var sep = 0.0, inv = 0.0, iso = 0.0
    var grad = [[Double]](repeating: [Double](repeating: 0, count: n), count: p)
    for i in 0..<p { for j in 0..<p where i != j {
        let d2 = pow(x[i].0 - x[j].0, 2) + pow(x[i].1 - x[j].1, 2)
        let d = (0..<n).reduce(0.0) { $0 + pow(g[i][$1] - g[j][$1], 2) }
        // f(d) per ordered pair; (i, j) and (j, i) both depend on g_i, so d/dg_i gets 2·f'(d)·2(g_i − g_j).
        var fPrime = 0.0
        if d2 > s2 {
            let e = exp(-d / (2 * sg2))
            sep += e * sepW
            fPrime += Double(c.lSep) * sepW * e * (-1 / (2 * sg2))
        } else if d2 < s2 {
            inv += d * invW
            fPrime += Double(c.lInv) * invW
        }
        let w = exp(-d2 / (2 * se2)), dg = (d + 1e-12).squareRoot(), r = dg - Double(c.rho) * (d2 + 1e-12).squareRoot()
        iso += w * r * r * isoW
        fPrime += Double(c.lIso) * isoW * w * r / dg
        for k in 0..<n { grad[i][k] += 4 * fPrime * (g[i][k] - g[j][k]) }
    } }
    return (sep, inv, iso, grad)
}

/// A tiny config whose batches have both separation and invariance pairs, and several row blocks of 7.
func pairConfig(_ reduction: Reduction, fraction: Double = 0.5) -> TrainerConfig {
    var c = tinyConfig()
    c.sigmaX = 0.12; c.rowBlock = 7; c.reduction = reduction; c.pairFraction = fraction
    return c
}

@Suite struct PairFractionTests {
    /// pair_fraction 1 is the exact objective: the key decodes to the default config, a training step draws no
    /// extra random numbers, and a subset holding every state gives the exact loss and gradient bit for bit.
    @Test func fractionOneIsTheExactObjective() throws {
        let c = tinyConfig()
        #expect(try TrainerConfig.decode(Data(#"{"pair_fraction": 1}"#.utf8), file: "x") == TrainerConfig())
        let loop = TrainingLoop(state: TrainingState(config: c))
        var replay = loop.state.rng
        _ = try loop.step()
        var b = TrajectoryBatch.sample(c, rng: &replay)
        b.resample(vmax: c.vmax, permute: c.permute, rng: &replay)   // the step's two micro-batches, nothing else
        #expect(loop.state.rng == replay)

        var rng = Xoshiro256(seed: 3)
        let params = Parameters.initial(c, rng: &rng)
        var batch = TrajectoryBatch.sample(c, rng: &rng)
        var g1: [Float] = [], g2: [Float] = []
        let exact = Objective.lossAndGradient(Workspace(c), params: params, batch: batch, config: c, gradient: &g1)
        batch.drawPairSubset(count: c.batch * c.seq, rng: &rng)
        #expect(batch.pairSubset == (0..<Int32(c.batch * c.seq)).map { $0 })
        var all = c
        all.pairFraction = 0.999   // a workspace with room for a subset of every state
        let viaSubset = Objective.lossAndGradient(Workspace(all), params: params, batch: batch, config: c, gradient: &g2)
        #expect(exact == viaSubset)
        let sameGradient = g1 == g2   // (not inside #expect: it would print both arrays)
        #expect(sameGradient)
    }

    /// With f = 0.5 the terms and the state gradient equal a float64 evaluation of the definitions on the subset's
    /// states and positions (gathered here from the forward pass); states outside the subset get no pair gradient.
    @Test(arguments: [Reduction.mean, .sum])
    func subsetTermsMatchAnIndependentEvaluation(_ reduction: Reduction) {
        var c = pairConfig(reduction)
        c.lCap = 0; c.lCI = 0; c.lInv = 0.7; c.lIso = 0.3   // dStates holds the pairwise gradient alone
        var rng = Xoshiro256(seed: 21)
        let params = Parameters.initial(c, rng: &rng)
        var batch = TrajectoryBatch.sample(c, rng: &rng)
        batch.drawPairSubset(count: c.pairSubsetCount!, rng: &rng)
        let ws = Workspace(c)
        Objective.forward(ws, params: params, batch: batch, config: c)
        let t = SSLLoss.evaluate(ws, batch: batch, config: c, gradient: true)

        let n = c.hidden, p = c.batch * c.seq, sub = batch.pairSubset.map(Int.init)
        #expect(sub.count == 20 && Set(sub).count == 20)
        let states = ws.stateValues
        let g = sub.map { i in (0..<n).map { Double(states[i * n + $0]) } }
        let x = sub.map { (Double(batch.positions[2 * $0]), Double(batch.positions[2 * $0 + 1])) }
        let scale = Double(p * (p - 1)) / Double(sub.count * (sub.count - 1))   // 40·39/(20·19)
        let ref = pairReference(g, x, c, scale: scale)
        #expect(t.nSep > 0 && t.nInv > 0 && t.nSep + t.nInv <= 20 * 19, "the subset should have both kinds of pair")
        #expect(relError(t.sep, ref.sep) < 1e-5, "sep \(t.sep) vs \(ref.sep)")
        #expect(relError(t.inv, ref.inv) < 1e-5, "inv \(t.inv) vs \(ref.inv)")
        #expect(relError(t.iso, ref.iso) < 1e-5, "iso \(t.iso) vs \(ref.iso)")

        let dStates = Array(UnsafeBufferPointer(start: ws.dStates, count: p * n)).map(Double.init)
        let big = ref.grad.flatMap { $0 }.map(abs).max()!
        var worst = 0.0
        for i in 0..<p {
            let k = sub.firstIndex(of: i)
            for d in 0..<n { worst = max(worst, abs(dStates[i * n + d] - (k.map { ref.grad[$0][d] } ?? 0)) / big) }
        }
        #expect(worst < 1e-5, "\(reduction): worst |dL/dg − reference| / max = \(worst)")
    }
}
