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
/// population variance of ‖g_t − g_{t−1}‖/‖v_t‖ over steps with 0 < ‖v_t‖ < σ_x.
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
            pairwise(ws, positions: pos.baseAddress!, config: c, gradient: gradient, terms: &terms)
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

    /// Ordered-pair counts (separation, invariance) of positions `xs`, `ys`; they fix the "mean" divisors.
    static func pairCounts(xs: UnsafePointer<Float>, ys: UnsafePointer<Float>, count p: Int, sigmaX: Float) -> (sep: Int, inv: Int) {
        let s2 = sigmaX * sigmaX
        var sep = 0, inv = 0
        for i in 0..<p {
            let xi = xs[i], yi = ys[i]
            var si: Int32 = 0, ii: Int32 = 0
            var j = i + 1
            while j < p {
                let dx = xi - xs[j], dy = yi - ys[j]
                let d2 = dx * dx + dy * dy
                si &+= d2 > s2 ? 1 : 0
                ii &+= d2 < s2 ? 1 : 0
                j &+= 1
            }
            sep &+= Int(si); inv &+= Int(ii)
        }
        return (2 * sep, 2 * inv)
    }

    private static func pairwise(_ ws: Workspace, positions x: UnsafePointer<Float>, config c: TrainerConfig,
                                 gradient: Bool, terms: inout LossTerms) {
        let n = ws.units, p = ws.stateCount, rb = ws.rowBlock
        let tc0 = PhaseTimers.now()
        for i in 0..<p { ws.px[i] = x[2 * i]; ws.py[i] = x[2 * i + 1] }
        let counts = pairCounts(xs: ws.px, ys: ws.py, count: p, sigmaX: c.sigmaX)
        ws.timers.pairCounts += PhaseTimers.now() - tc0
        terms.nSep = counts.sep; terms.nInv = counts.inv
        let mean = c.isMeanReduction
        let sepScale: Float = mean ? (counts.sep > 0 ? 1 / Float(counts.sep) : 0) : 1
        let invScale: Float = mean ? (counts.inv > 0 ? 1 / Float(counts.inv) : 0) : 1
        let s2 = c.sigmaX * c.sigmaX
        let k = -1 / (2 * c.sigmaG * c.sigmaG)
        // Coefficient c_ij of (g_i − g_j) in dL/dg_i for an unordered pair: 4·f'(d) with f the per-ordered-pair
        // weighted term (each unordered pair stands for two ordered ones).
        let cSep = 4 * c.lSep * sepScale * k
        let cInv = 4 * c.lInv * invScale
        // The isometry term is a mean over all P(P − 1) ordered pairs whatever the reduction (it is not the paper's).
        let isoScale: Float = p > 1 ? 1 / (Float(p) * Float(p - 1)) : 0
        let iso = IsometryConstants(on: c.lIso > 0, k: -1 / (2 * c.sigmaE * c.sigmaE), rho: c.rho, c: 4 * c.lIso * isoScale)
        let g = ws.states, q = ws.block, n1 = n + 1
        let gAug = ws.gAug, dAug = ws.dAug
        // G with a column of ones: the gradient products then also return the coefficient row sums r_i.
        for i in 0..<p {
            var s: Float = 0
            for d in 0..<n {
                let v = g[i * n + d]
                s += v * v
                gAug[i * n1 + d] = v
            }
            gAug[i * n1 + n] = 1
            ws.sq[i] = s
        }
        if gradient { dAug.update(repeating: 0, count: p * n1) }
        var sepSum = 0.0, invSum = 0.0, isoSum = 0.0
        let threads = ws.pairThreads
        var i0 = 0
        while i0 < p {
            let ib = min(rb, p - i0), cols = p - i0
            // Gram block: rows i0..<i0+ib against columns i0..<p. The diagonal square needs only its upper
            // triangle (ssyrk, half the work); the rest is one sgemm.
            let tg0 = PhaseTimers.now()
            ssyrkUpper(ib, n, 1, g + i0 * n, n, 0, q, cols)
            if cols > ib { sgemm(false, true, ib, cols - ib, n, 1, g + i0 * n, n, g + (i0 + ib) * n, n, 0, q + ib, cols) }
            let tg1 = PhaseTimers.now()
            ws.timers.pairGram += tg1 - tg0
            // Rows are independent: split them over threads; each row's sums land in its own slot and are added
            // up in row order afterwards, so the result does not depend on the scheduling.
            nonisolated(unsafe) let ctx = PairRowContext(
                q: q, cols: cols, i0: i0, px: ws.px, py: ws.py, sq: ws.sq, sepTerm: ws.sepTerm, invTerm: ws.invTerm, isoTerm: ws.isoTerm,
                termStride: p, rowSep: ws.rowSep, rowInv: ws.rowInv, rowIso: ws.rowIso, s2: s2, k: k, cSep: cSep, cInv: cInv,
                iso: iso, gradient: gradient)
            if threads > 1 && ib >= 64 {
                let chunk = (ib + threads - 1) / threads
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    let lo = t * chunk, hi = min(ib, lo + chunk)
                    if lo < hi { ctx.rows(lo..<hi, thread: t) }
                }
            } else {
                ctx.rows(0..<ib, thread: 0)
            }
            for ii in 0..<ib { sepSum += Double(ws.rowSep[ii]); invSum += Double(ws.rowInv[ii]); isoSum += Double(ws.rowIso[ii]) }
            let tg2 = PhaseTimers.now()
            ws.timers.pairTerms += tg2 - tg1
            if gradient {
                // dG_I −= C·G_J and dG_J −= Cᵀ·G_I; the last column collects −r_i = −Σ_j c_ij. On the diagonal
                // square C is strictly upper triangular, so both products are one symmetric product
                // (C + Cᵀ)·G_I (ssymm reads the upper triangle only): half the work there.
                ssymmLeftUpper(ib, n1, -1, q, cols, gAug + i0 * n1, n1, 1, dAug + i0 * n1, n1)
                if cols > ib {
                    let gJ = gAug + (i0 + ib) * n1, dJ = dAug + (i0 + ib) * n1
                    sgemm(false, false, ib, n1, cols - ib, -1, q + ib, cols, gJ, n1, 1, dAug + i0 * n1, n1)
                    sgemm(true, false, cols - ib, n1, ib, -1, q + ib, cols, gAug + i0 * n1, n1, 1, dJ, n1)
                }
            }
            ws.timers.pairBackward += PhaseTimers.now() - tg2
            i0 += ib
        }
        terms.sep = 2 * sepSum * Double(sepScale)
        terms.inv = 2 * invSum * Double(invScale)
        terms.iso = 2 * isoSum * Double(isoScale)
        if gradient {
            // dL/dg_i = r_i·g_i − Σ_j c_ij g_j.
            for i in 0..<p {
                let ri = -dAug[i * n1 + n]
                let dg = ws.dStates + i * n, da = dAug + i * n1, gi = g + i * n
                for d in 0..<n { dg[d] += da[d] + ri * gi[d] }
            }
        }
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

/// What the threads of the pairwise pass share: the Gram block (overwritten with the coefficients c_ij), the
/// positions, squared norms and constants, and per-thread scratch rows.
struct PairRowContext {
    let q: UnsafeMutablePointer<Float>, cols: Int, i0: Int
    let px: UnsafeMutablePointer<Float>, py: UnsafeMutablePointer<Float>, sq: UnsafeMutablePointer<Float>
    let sepTerm: UnsafeMutablePointer<Float>, invTerm: UnsafeMutablePointer<Float>, isoTerm: UnsafeMutablePointer<Float>
    let termStride: Int
    let rowSep: UnsafeMutablePointer<Float>, rowInv: UnsafeMutablePointer<Float>, rowIso: UnsafeMutablePointer<Float>
    let s2: Float, k: Float, cSep: Float, cInv: Float, iso: IsometryConstants, gradient: Bool

    /// Rows `rows` of the block (block-local indices), using scratch row `thread`.
    func rows(_ rows: Range<Int>, thread: Int) {
        let sepT = sepTerm + thread * termStride, invT = invTerm + thread * termStride
        for ii in rows {
            let gi = i0 + ii
            // Columns at or left of the diagonal belong to pairs visited elsewhere (or i = j).
            (q + ii * cols).update(repeating: 0, count: ii + 1)
            let m = cols - ii - 1
            guard m > 0 else { rowSep[ii] = 0; rowInv[ii] = 0; rowIso[ii] = 0; continue }
            let start = gi + 1
            let row = q + ii * cols + ii + 1
            let xs = px + start, ys = py + start, sqs = sq + start
            let xi = px[gi], yi = py[gi], si = sq[gi]
            let (s2, k, cSep, cInv) = (self.s2, self.k, self.cSep, self.cInv)
            rowIso[ii] = 0
            if iso.on {
                isometryRow(row: row, m: m, xi: xi, yi: yi, si: si, xs: xs, ys: ys, sqs: sqs, sepT: sepT, invT: invT,
                            isoT: isoTerm + thread * termStride)
                rowIso[ii] = blockSum(isoTerm + thread * termStride, m)
                rowSep[ii] = blockSum(sepT, m)
                rowInv[ii] = blockSum(invT, m)
                continue
            }
            // Branch-free and reduction-free so it vectorises: masks select the separation or invariance term;
            // the row sums are taken afterwards.
            for j in 0..<m {
                let d = max(si + sqs[j] - 2 * row[j], 0)
                let dx = xi - xs[j], dy = yi - ys[j]
                let d2 = dx * dx + dy * dy
                let sepMask: Float = d2 > s2 ? 1 : 0
                let invMask: Float = d2 < s2 ? 1 : 0
                let e = sepMask * fastExpNonPositive(k * d)
                sepT[j] = e
                invT[j] = invMask * d
                row[j] = cSep * e + cInv * invMask
            }
            rowSep[ii] = blockSum(sepT, m)
            rowInv[ii] = blockSum(invT, m)
        }
    }
}

extension PairRowContext {
    /// One row with the dense isometry term w·(‖Δg‖ − ρ‖Δx‖)², w = exp(−‖Δx‖²/(2σ_e²)), added to the paper's
    /// terms (a separate loop, so the paper's objective pays nothing for it). Its coefficient is
    /// 4·l_iso/(P(P − 1))·w·(‖Δg‖ − ρ‖Δx‖)/‖Δg‖, with ‖·‖ = sqrt(·² + 1e-12) as in the recipe probe.
    @inline(__always)
    func isometryRow(row: UnsafeMutablePointer<Float>, m: Int, xi: Float, yi: Float, si: Float,
                     xs: UnsafeMutablePointer<Float>, ys: UnsafeMutablePointer<Float>, sqs: UnsafeMutablePointer<Float>,
                     sepT: UnsafeMutablePointer<Float>, invT: UnsafeMutablePointer<Float>, isoT: UnsafeMutablePointer<Float>) {
        let (s2, k, cSep, cInv) = (self.s2, self.k, self.cSep, self.cInv)
        let (ke, rho, cIso) = (iso.k, iso.rho, iso.c)
        for j in 0..<m {
            let d = max(si + sqs[j] - 2 * row[j], 0)
            let dx = xi - xs[j], dy = yi - ys[j]
            let d2 = dx * dx + dy * dy
            let sepMask: Float = d2 > s2 ? 1 : 0
            let invMask: Float = d2 < s2 ? 1 : 0
            let e = sepMask * fastExpNonPositive(k * d)
            let w = fastExpNonPositive(ke * d2)
            let dg = (d + 1e-12).squareRoot(), r = dg - rho * (d2 + 1e-12).squareRoot()
            sepT[j] = e
            invT[j] = invMask * d
            isoT[j] = w * r * r
            row[j] = cSep * e + cInv * invMask + cIso * w * r / dg
        }
    }
}

/// The dense isometry term's constants: on/off, −1/(2σ_e²), ρ, and the coefficient factor 4·l_iso/(P(P − 1)).
struct IsometryConstants {
    let on: Bool, k: Float, rho: Float, c: Float
}
