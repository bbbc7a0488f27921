import RepIO

/// The fixed cuts of the pairwise pass. They never depend on the core count, and every chunk writes only its own
/// rows, so the loss and its gradient are bit-identical for any number of workers.
enum PairChunks {
    /// Rows per chunk of the elementwise terms pass (no products: small chunks share out evenly).
    static let rows = 64
    /// Rows per chunk of dG_I −= C·G: each chunk packs the large G_J again, so few and large.
    static let gradientRows = 256
    /// Columns per chunk of the Gram rectangle, and rows per chunk of dG_J −= Cᵀ·G_I (each packs the small G_I).
    static let columns = 1024
    /// Chunks of the pair-count pass.
    static let countChunks = 16

    static func rowChunks(_ rowBlock: Int) -> Int { (rowBlock + rows - 1) / rows }
}

/// The separation, invariance and (optional) dense isometry terms over all pairs of states, and their gradient,
/// one row block of Gram products at a time (see `SSLLoss`).
enum PairwiseLoss {
    /// Ordered-pair counts (separation, invariance) of positions `xs`, `ys`; they fix the "mean" divisors.
    static func pairCounts(xs: UnsafePointer<Float>, ys: UnsafePointer<Float>, count p: Int, sigmaX: Float,
                           workers: ParallelChunks = ParallelChunks(workers: 1),
                           scratch: UnsafeMutablePointer<Int>? = nil) -> (sep: Int, inv: Int) {
        let s2 = sigmaX * sigmaX
        let chunks = PairChunks.countChunks
        let own = scratch == nil ? UnsafeMutablePointer<Int>.allocate(capacity: 2 * chunks) : nil
        defer { own?.deallocate() }
        nonisolated(unsafe) let out = scratch ?? own!
        nonisolated(unsafe) let (xs, ys) = (xs, ys)
        // Row i pairs with the p − i − 1 rows after it: cut the rows so each chunk has about the same pairs.
        func firstRow(_ k: Int) -> Int {
            let left = Double(p) * Double(p) * Double(chunks - k) / Double(chunks)
            return k == 0 ? 0 : k == chunks ? p : max(0, min(p, p - Int(left.squareRoot())))
        }
        workers.run(chunks) { k in
            var sep = 0, inv = 0
            for i in firstRow(k)..<firstRow(k + 1) {
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
            out[2 * k] = sep; out[2 * k + 1] = inv
        }
        var sep = 0, inv = 0
        for k in 0..<chunks { sep += out[2 * k]; inv += out[2 * k + 1] }
        return (2 * sep, 2 * inv)
    }

    /// The terms over the pairs of `p` states `g` [p, N] at positions `x` [p, 2]; adds their gradient to `dStates`.
    /// `sumScale` multiplies the "sum" reduction's separation and invariance sums (a pair subset's
    /// P(P − 1)/(P'(P' − 1)); 1 for all states).
    static func evaluate(_ ws: Workspace, states g: UnsafeMutablePointer<Float>, count p: Int, positions x: UnsafePointer<Float>,
                         dStates: UnsafeMutablePointer<Float>, sumScale: Float = 1, config c: TrainerConfig,
                         gradient: Bool, terms: inout LossTerms) {
        let n = ws.units, rb = ws.rowBlock
        let tc0 = PhaseTimers.now()
        for i in 0..<p { ws.px[i] = x[2 * i]; ws.py[i] = x[2 * i + 1] }
        let counts = pairCounts(xs: ws.px, ys: ws.py, count: p, sigmaX: c.sigmaX, workers: ws.workers, scratch: ws.chunkCounts)
        ws.timers.pairCounts += PhaseTimers.now() - tc0
        terms.nSep = counts.sep; terms.nInv = counts.inv
        let mean = c.isMeanReduction
        let sepScale: Float = mean ? (counts.sep > 0 ? 1 / Float(counts.sep) : 0) : sumScale
        let invScale: Float = mean ? (counts.inv > 0 ? 1 / Float(counts.inv) : 0) : sumScale
        let k = -1 / (2 * c.sigmaG * c.sigmaG)
        // Coefficient c_ij of (g_i − g_j) in dL/dg_i for an unordered pair: 4·f'(d) with f the per-ordered-pair
        // weighted term (each unordered pair stands for two ordered ones).
        let cSep = 4 * c.lSep * sepScale * k
        let cInv = 4 * c.lInv * invScale
        // The isometry term is a mean over all P(P − 1) ordered pairs whatever the reduction (it is not the paper's).
        let isoScale: Float = p > 1 ? 1 / (Float(p) * Float(p - 1)) : 0
        let iso = IsometryConstants(on: c.lIso > 0, k: -1 / (2 * c.sigmaE * c.sigmaE), rho: c.rho, c: 4 * c.lIso * isoScale)
        let n1 = n + 1
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
        var i0 = 0
        while i0 < p {
            let ib = min(rb, p - i0)
            let ctx = PairRowContext(
                q: ws.block, cols: p - i0, i0: i0, px: ws.px, py: ws.py, sq: ws.sq, sepTerm: ws.sepTerm, invTerm: ws.invTerm,
                isoTerm: ws.isoTerm, termStride: p, rowSep: ws.rowSep, rowInv: ws.rowInv, rowIso: ws.rowIso,
                s2: c.sigmaX * c.sigmaX, k: k, cSep: cSep, cInv: cInv, iso: iso, gradient: gradient)
            let tg0 = PhaseTimers.now()
            PairBlock.gram(ctx, rows: ib, states: g, units: n, workers: ws.workers)
            let tg1 = PhaseTimers.now()
            ws.timers.pairGram += tg1 - tg0
            PairBlock.terms(ctx, rows: ib, workers: ws.workers)
            // Each row's sums land in its own slot and are added up in row order: independent of the scheduling.
            for ii in 0..<ib { sepSum += Double(ws.rowSep[ii]); invSum += Double(ws.rowInv[ii]); isoSum += Double(ws.rowIso[ii]) }
            let tg2 = PhaseTimers.now()
            ws.timers.pairTerms += tg2 - tg1
            if gradient { PairBlock.gradient(ctx, rows: ib, gAug: gAug, dAug: dAug, width: n1, workers: ws.workers) }
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
                let dg = dStates + i * n, da = dAug + i * n1, gi = g + i * n
                for d in 0..<n { dg[d] += da[d] + ri * gi[d] }
            }
        }
    }
}
