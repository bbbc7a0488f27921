/// What the chunks of the pairwise pass share: the Gram block (overwritten with the coefficients c_ij), the
/// positions, squared norms and constants, and one scratch row per row chunk.
struct PairRowContext {
    let q: UnsafeMutablePointer<Float>, cols: Int, i0: Int
    let px: UnsafeMutablePointer<Float>, py: UnsafeMutablePointer<Float>, sq: UnsafeMutablePointer<Float>
    let sepTerm: UnsafeMutablePointer<Float>, invTerm: UnsafeMutablePointer<Float>, isoTerm: UnsafeMutablePointer<Float>
    let termStride: Int
    let rowSep: UnsafeMutablePointer<Float>, rowInv: UnsafeMutablePointer<Float>, rowIso: UnsafeMutablePointer<Float>
    let s2: Float, k: Float, cSep: Float, cInv: Float, iso: IsometryConstants, gradient: Bool

    /// Rows `rows` of the block (block-local indices), using scratch row `thread` (the row chunk).
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
