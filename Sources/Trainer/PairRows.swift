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
            let isoT = isoTerm + thread * termStride
            if iso.on {
                termsRow(IsometryOn.self, row: row, m: m, xi: xi, yi: yi, si: si, xs: xs, ys: ys, sqs: sqs, sepT: sepT, invT: invT, isoT: isoT)
                rowIso[ii] = blockSum(isoT, m)
            } else {
                termsRow(IsometryOff.self, row: row, m: m, xi: xi, yi: yi, si: si, xs: xs, ys: ys, sqs: sqs, sepT: sepT, invT: invT, isoT: isoT)
                rowIso[ii] = 0
            }
            rowSep[ii] = blockSum(sepT, m)
            rowInv[ii] = blockSum(invT, m)
        }
    }

    /// One row's terms and coefficients. Branch-free and reduction-free so it vectorises: masks select the
    /// separation or invariance term; the row sums are taken afterwards. The dense isometry term
    /// w·(‖Δg‖ − ρ‖Δx‖)², w = exp(−‖Δx‖²/(2σ_e²)), with coefficient 4·l_iso/(P(P − 1))·w·(‖Δg‖ − ρ‖Δx‖)/‖Δg‖
    /// (‖·‖ = sqrt(·² + 1e-12) as in the recipe probe), is added when `Mode.on`: a static choice, so the loop is
    /// compiled twice and the paper's objective pays nothing for it.
    @inline(__always)
    func termsRow<Mode: IsometryMode>(_: Mode.Type, row: UnsafeMutablePointer<Float>, m: Int, xi: Float, yi: Float, si: Float,
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
            sepT[j] = e
            invT[j] = invMask * d
            var c = cSep * e + cInv * invMask
            if Mode.on {
                let w = fastExpNonPositive(ke * d2)
                let dg = (d + 1e-12).squareRoot(), r = dg - rho * (d2 + 1e-12).squareRoot()
                isoT[j] = w * r * r
                c += cIso * w * r / dg
            }
            row[j] = c
        }
    }
}

/// Whether the row loop includes the dense isometry term (a type, so each choice gets its own compiled loop).
protocol IsometryMode { static var on: Bool { get } }
enum IsometryOn: IsometryMode { static var on: Bool { true } }
enum IsometryOff: IsometryMode { static var on: Bool { false } }

/// The dense isometry term's constants: on/off, −1/(2σ_e²), ρ, and the coefficient factor 4·l_iso/(P(P − 1)).
struct IsometryConstants {
    let on: Bool, k: Float, rho: Float, c: Float
}
