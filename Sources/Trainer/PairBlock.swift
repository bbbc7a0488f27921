import RepIO

/// The three passes over one row block I = rows i0..<i0+ib against the columns J = i0..<P, each cut into fixed
/// row chunks (`PairChunks`) that write disjoint outputs, so any number of workers gives the same bits.
///
/// The Gram block Q = G_I·G_{i0..}ᵀ is needed on and right of the diagonal only: the diagonal square with ssyrk
/// (upper triangle, half the work), the rest with sgemm in column chunks. The terms
/// pass turns Q into the coefficients C in place. The gradient products then add −(C + Cᵀ)·G over the square and
/// −C·G_J to the rows of I, and −Cᵀ·G_I to the rows of J; the last column of G (ones) collects the row sums.
enum PairBlock {
    /// Q's upper part, rows 0..<ib of the block: the diagonal square with one ssyrk, the rectangle right of it in
    /// column chunks (each packs the small G_I again, not the large G_J: row chunks made the Gram products 30 %
    /// slower, measured with bench-train on the loaded machine).
    static func gram(_ ctx: PairRowContext, rows ib: Int, states g: UnsafeMutablePointer<Float>, units n: Int,
                     workers: ParallelChunks) {
        nonisolated(unsafe) let g = g
        let (q, cols, i0) = (ctx.q, ctx.cols, ctx.i0)
        let gI = g + i0 * n
        let chunks = (cols - ib + PairChunks.columns - 1) / PairChunks.columns
        workers.run(1 + chunks) { k in
            if k == 0 { ssyrkUpper(ib, n, 1, gI, n, 0, q, cols); return }
            let c0 = ib + (k - 1) * PairChunks.columns, c1 = min(cols, c0 + PairChunks.columns)
            sgemm(false, true, ib, c1 - c0, n, 1, gI, n, g + (i0 + c0) * n, n, 0, q + c0, cols)
        }
    }

    /// The elementwise pass: Q → C, each row's term sums into its slot.
    static func terms(_ ctx: PairRowContext, rows ib: Int, workers: ParallelChunks) {
        let chunks = (ib + PairChunks.rows - 1) / PairChunks.rows
        workers.run(chunks) { k in
            let a = k * PairChunks.rows, b = min(ib, a + PairChunks.rows)
            ctx.rows(a..<b, thread: k)
        }
    }

    /// dG_I −= (C + Cᵀ on the square, C right of it)·G, and dG_J −= Cᵀ·G_I, on the augmented width `w` = N + 1.
    static func gradient(_ ctx: PairRowContext, rows ib: Int, gAug: UnsafeMutablePointer<Float>,
                         dAug: UnsafeMutablePointer<Float>, width w: Int, workers: ParallelChunks) {
        nonisolated(unsafe) let (gAug, dAug) = (gAug, dAug)
        let (q, cols, i0) = (ctx.q, ctx.cols, ctx.i0)
        let rest = cols - ib
        let iChunks = (ib + PairChunks.gradientRows - 1) / PairChunks.gradientRows
        let jChunks = (rest + PairChunks.columns - 1) / PairChunks.columns
        let gI = gAug + i0 * w, gJ = gAug + (i0 + ib) * w
        workers.run(iChunks + jChunks) { k in
            if k < iChunks {
                // Rows a..<b of I: the square's symmetric S = C + Cᵀ is C[a..<b, a..<b] (ssymm on its upper
                // triangle), C[a..<b, b..<ib] right of it, and C[0..<a, a..<b]ᵀ left of it; then C against J.
                let a = k * PairChunks.gradientRows, b = min(ib, a + PairChunks.gradientRows), m = b - a
                let out = dAug + (i0 + a) * w
                ssymmLeftUpper(m, w, -1, q + a * cols + a, cols, gI + a * w, w, 1, out, w)
                if b < ib { sgemm(false, false, m, w, ib - b, -1, q + a * cols + b, cols, gI + b * w, w, 1, out, w) }
                if a > 0 { sgemm(true, false, m, w, a, -1, q + a, cols, gI, w, 1, out, w) }
                if rest > 0 { sgemm(false, false, m, w, rest, -1, q + a * cols + ib, cols, gJ, w, 1, out, w) }
            } else {
                let j = k - iChunks
                let a = j * PairChunks.columns, b = min(rest, a + PairChunks.columns)
                sgemm(true, false, b - a, w, ib, -1, q + ib + a, cols, gI, w, 1, dAug + (i0 + ib + a) * w, w)
            }
        }
    }
}
