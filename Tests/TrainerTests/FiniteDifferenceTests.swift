import Foundation
import RepIO
import Testing
@testable import Trainer

/// A deliberately naive float64 implementation of the objective, written from the paper's definitions
/// (no Gram blocks, no shared matrices, every ordered pair visited), used as an independent check.
func naiveLoss(_ p: [Double], units n: Int, width h: Int, batch: TrajectoryBatch, config c: TrainerConfig) -> Double {
    let prm = Parameters(units: n, width: h)
    func t(_ name: String) -> ArraySlice<Double> { let e = prm.entry(name)!; return p[e.offset..<(e.offset + e.count)] }
    let w0 = Array(t("W0")), b0 = Array(t("b0")), w1 = Array(t("W1")), b1 = Array(t("b1"))
    let w2 = Array(t("W2")), b2 = Array(t("b2")), g0raw = Array(t("g0_raw"))
    func normRelu(_ z: [Double]) -> [Double] {
        let a = z.map { max($0, 0) }
        let norm = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return a.map { $0 / max(norm, Double(c.eps)) }
    }
    func matrix(_ vx: Double, _ vy: Double) -> [Double] {
        var l1 = [Double](repeating: 0, count: h), l2 = [Double](repeating: 0, count: h)
        for j in 0..<h { l1[j] = max(vx * w0[j] + vy * w0[h + j] + b0[j], 0) }
        for j in 0..<h { var s = b1[j]; for i in 0..<h { s += l1[i] * w1[i * h + j] }; l2[j] = max(s, 0) }
        var y = [Double](repeating: 0, count: n * n)
        for k in 0..<(n * n) { var s = b2[k]; for i in 0..<h { s += l2[i] * w2[i * n * n + k] }; y[k] = s }
        return y
    }
    let g0 = normRelu(g0raw)
    var states: [[Double]] = [], pos: [(Double, Double)] = [], ratios: [Double] = []
    for b in 0..<batch.batch {
        var g = g0
        var x = 0.0, y = 0.0
        for s in 0..<batch.seq {
            let k = Int(batch.permutation[b * batch.seq + s])
            let vx = Double(batch.baseVelocity[2 * k]), vy = Double(batch.baseVelocity[2 * k + 1])
            let w = matrix(vx, vy)
            var z = [Double](repeating: 0, count: n)
            for i in 0..<n { for j in 0..<n { z[i] += w[i * n + j] * g[j] } }
            let next = normRelu(z)
            let speed = (vx * vx + vy * vy).squareRoot()
            if speed > 0, speed < Double(c.sigmaX) {
                let d = zip(next, g).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                ratios.append((d + 1e-20).squareRoot() / speed)
            }
            g = next
            x += vx; y += vy
            states.append(g); pos.append((x, y))
        }
    }
    var sep = 0.0, inv = 0.0, nSep = 0, nInv = 0
    let s2 = Double(c.sigmaX) * Double(c.sigmaX), sg2 = Double(c.sigmaG) * Double(c.sigmaG)
    // A pair subset (pair_fraction < 1): only its pairs, and the sums scaled by P(P − 1)/(P'(P' − 1)).
    let pairStates = batch.pairSubset.isEmpty ? Array(states.indices) : batch.pairSubset.map(Int.init)
    let sumScale = Double(states.count * (states.count - 1)) / Double(pairStates.count * (pairStates.count - 1))
    for i in pairStates { for j in pairStates where i != j {
        let dx = pos[i].0 - pos[j].0, dy = pos[i].1 - pos[j].1
        let d2 = dx * dx + dy * dy
        let dg = zip(states[i], states[j]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        if d2 > s2 { sep += exp(-dg / (2 * sg2)); nSep += 1 } else if d2 < s2 { inv += dg; nInv += 1 }
    } }
    if c.isMeanReduction { sep /= Double(max(nSep, 1)); inv /= Double(max(nInv, 1)) } else { sep *= sumScale; inv *= sumScale }
    var mean = [Double](repeating: 0, count: n)
    for g in states { for d in 0..<n { mean[d] += g[d] / Double(states.count) } }
    let cap = -mean.reduce(0) { $0 + $1 * $1 }
    var ci = 0.0
    if !ratios.isEmpty {
        let m = ratios.reduce(0, +) / Double(ratios.count)
        ci = ratios.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(ratios.count)
    }
    return Double(c.lSep) * sep + Double(c.lInv) * inv + Double(c.lCap) * cap + Double(c.lCI) * ci
}

@Suite struct FiniteDifferenceTests {
    /// Our float32 analytic gradient against central differences of the float64 naive objective, on a tiny
    /// randomly initialised network, for both reductions.
    @Test(arguments: ["mean", "sum"])
    func gradientMatchesFiniteDifferences(_ reduction: String) {
        var c = TrainerConfig()
        c.hidden = 6; c.mlpWidth = 8; c.batch = 3; c.seq = 7; c.sigmaX = 0.12; c.reduction = Reduction(rawValue: reduction)!; c.rowBlock = 5
        var rng = Xoshiro256(seed: 11)
        let params = Parameters.initial(c, rng: &rng)
        let batch = TrajectoryBatch.sample(c, rng: &rng)
        var grad: [Float] = []
        let terms = Objective.lossAndGradient(Workspace(c), params: params, batch: batch, config: c, gradient: &grad)
        #expect(terms.nSep > 0 && terms.nInv > 0 && terms.nCI > 0, "the test batch should exercise every term")

        let p64 = params.values.map(Double.init)
        let l0 = naiveLoss(p64, units: c.hidden, width: c.mlpWidth, batch: batch, config: c)
        #expect(relError(terms.total, l0) < 1e-5, "float32 loss \(terms.total) vs naive float64 \(l0)")

        // Every g0_raw, W0, b0 entry and a deterministic sample of the big tensors.
        var worst = 0.0
        let gradScale = grad.map { abs(Double($0)) }.max() ?? 1
        for e in params.entries {
            let stride = e.count > 40 ? e.count / 40 : 1
            for i in Swift.stride(from: 0, to: e.count, by: stride) {
                let k = e.offset + i
                let h = 1e-6 * max(1, abs(p64[k]))
                var plus = p64, minus = p64
                plus[k] += h; minus[k] -= h
                let fd = (naiveLoss(plus, units: c.hidden, width: c.mlpWidth, batch: batch, config: c)
                          - naiveLoss(minus, units: c.hidden, width: c.mlpWidth, batch: batch, config: c)) / (2 * h)
                let err = abs(fd - Double(grad[k])) / gradScale
                worst = max(worst, err)
                #expect(err < 1e-4, "\(reduction) \(e.name)[\(i)]: analytic \(grad[k]) vs finite difference \(fd)")
            }
        }
        print("[fd \(reduction)] worst |analytic − FD| / max|grad| = \(worst)")
    }
}
