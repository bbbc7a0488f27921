import Foundation

/// The loss terms of one batch (unweighted), their weighted total, and how many pairs or steps each averaged.
public struct LossTerms: Equatable, Sendable, Codable {
    /// The weighted total and the unweighted terms.
    public var total = 0.0, sep = 0.0, inv = 0.0, cap = 0.0, ci = 0.0
    /// The dense isometry term (0 unless `l_iso` > 0).
    public var iso = 0.0
    /// Ordered separation pairs, ordered invariance pairs, conformal-isometry steps.
    public var nSep = 0, nInv = 0, nCI = 0
    /// Fraction of states with no active unit.
    public var dead = 0.0
    /// All zero.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case total, sep, inv, cap, ci, iso, nSep = "n_sep", nInv = "n_inv", nCI = "n_ci", dead
    }
}

/// The self-supervised objective over the B·T states g_1..g_T (g_0 excluded) with their positions x:
/// separation  Σ_{‖Δx‖² > σ_x²} exp(−‖Δg‖²/(2σ_g²)), invariance Σ_{‖Δx‖² < σ_x²} ‖Δg‖² (over ordered pairs
/// i ≠ j; divided by the pair counts with reduction "mean"), capacity −‖mean g‖², and conformal isometry, the
/// population variance of ‖g_t − g_{t−1}‖/‖v_t‖ over steps with 0 < ‖v_t‖ < σ_x. When the batch carries a pair
/// subset (`pair_fraction` < 1) the pairwise terms use only its pairs (`PairSubset`).
///
/// The pairwise terms come from Gram blocks G_I·G_Jᵀ (J ≥ I, one row block at a time), so the B·T × B·T matrix
/// never exists in full; each unordered pair is visited once and its gradient applied to both states with two
/// more products (on the diagonal square of a block: ssyrk for the Gram part and one ssymm for both gradient
/// products, since there the coefficient matrix is strictly upper triangular and C·G + Cᵀ·G = (C + Cᵀ)·G).
enum SSLLoss {
    /// Computes the terms; when `gradient` is true, writes dTotal/dg into `ws.dStates` and `ws.dg0`.
    static func evaluate(_ ws: Workspace, batch: TrajectoryBatch, config c: TrainerConfig, gradient: Bool) -> LossTerms {
        let n = ws.units, p = ws.stateCount
        var terms = LossTerms()
        if gradient {
            ws.dStates.update(repeating: 0, count: p * n)
            ws.dg0.update(repeating: 0, count: n)
        }
        var t0 = PhaseTimers.now()
        batch.positions.withUnsafeBufferPointer { pos in
            if batch.pairSubset.isEmpty {
                PairwiseLoss.evaluate(ws, states: ws.states, count: p, positions: pos.baseAddress!, dStates: ws.dStates,
                                      config: c, gradient: gradient, terms: &terms)
            } else {
                batch.pairSubset.withUnsafeBufferPointer { s in
                    PairSubset.evaluate(ws, subset: s, positions: pos.baseAddress!, config: c, gradient: gradient, terms: &terms)
                }
            }
        }
        var t1 = PhaseTimers.now()
        ws.timers.pairwise += t1 - t0
        t0 = t1
        capacity(ws, weight: c.lCap, gradient: gradient, terms: &terms)
        batch.baseVelocity.withUnsafeBufferPointer { v in
            batch.permutation.withUnsafeBufferPointer { perm in
                conformalIsometry(ws, velocities: v.baseAddress!, permutation: perm.baseAddress!, config: c,
                                  gradient: gradient, terms: &terms)
            }
        }
        var dead = 0
        for i in 0..<p where ws.norms[i] == 0 { dead += 1 }
        terms.dead = Double(dead) / Double(p)
        terms.total = Double(c.lSep) * terms.sep + Double(c.lInv) * terms.inv + Double(c.lCap) * terms.cap + Double(c.lCI) * terms.ci
            + Double(c.lIso) * terms.iso
        t1 = PhaseTimers.now()
        ws.timers.otherLosses += t1 - t0
        return terms
    }

    private static func capacity(_ ws: Workspace, weight: Float, gradient: Bool, terms: inout LossTerms) {
        let n = ws.units, p = ws.stateCount
        let m = ws.capMean, step = ws.capStep
        m.update(repeating: 0, count: n)
        for i in 0..<p { for d in 0..<n { m[d] += Double(ws.states[i * n + d]) } }
        var cap = 0.0
        for d in 0..<n { m[d] /= Double(p); cap -= m[d] * m[d] }
        terms.cap = cap
        guard gradient, weight != 0 else { return }
        for d in 0..<n { step[d] = Float(-2 * Double(weight) * m[d] / Double(p)) }
        for i in 0..<p { for d in 0..<n { ws.dStates[i * n + d] += step[d] } }
    }

    private static func conformalIsometry(_ ws: Workspace, velocities v: UnsafePointer<Float>,
                                          permutation perm: UnsafePointer<Int32>, config c: TrainerConfig,
                                          gradient: Bool, terms: inout LossTerms) {
        let n = ws.units, tCount = ws.seq, p = ws.stateCount
        var count = 0
        var sum = 0.0
        for idx in 0..<p {
            let k = Int(perm[idx])
            let vx = v[2 * k], vy = v[2 * k + 1]
            let speed = (vx * vx + vy * vy).squareRoot()
            guard speed > 0, speed < c.sigmaX else { continue }
            let g = ws.states + idx * n
            let prev = idx % tCount == 0 ? ws.g0 : ws.states + (idx - 1) * n
            var s: Float = 0
            for d in 0..<n { let e = g[d] - prev[d]; s += e * e }
            let qd = (s + 1e-20).squareRoot()
            ws.ciIndex[count] = Int32(idx)
            ws.ciRatio[count] = qd / speed
            ws.ciScale[count] = 1 / (qd * speed)
            sum += Double(qd / speed)
            count += 1
        }
        terms.nCI = count
        guard count > 0 else { terms.ci = 0; return }
        let mean = sum / Double(count)
        var variance = 0.0
        for i in 0..<count { let e = Double(ws.ciRatio[i]) - mean; variance += e * e }
        terms.ci = variance / Double(count)
        guard gradient, c.lCI != 0 else { return }
        // dVar/dr_k = 2(r_k − r̄)/n (the r̄ term's derivative sums to zero); dr/dg_t = (g_t − g_{t−1})/(‖Δg‖·‖v‖).
        for i in 0..<count {
            let idx = Int(ws.ciIndex[i])
            let w = Float(Double(c.lCI) * 2 * (Double(ws.ciRatio[i]) - mean) / Double(count)) * ws.ciScale[i]
            let g = ws.states + idx * n
            let isFirst = idx % tCount == 0
            let prev = isFirst ? ws.g0 : ws.states + (idx - 1) * n
            let dPrev = isFirst ? ws.dg0 : ws.dStates + (idx - 1) * n
            let dg = ws.dStates + idx * n
            for d in 0..<n {
                let e = w * (g[d] - prev[d])
                dg[d] += e
                dPrev[d] -= e
            }
        }
    }
}
