import Foundation
import _CFFTW

/// How NaN (unvisited) bins enter the spatial autocorrelogram.
public enum NaNPolicy: String, Sendable, CaseIterable {
    /// NaN bins count as valid bins of value 0 — what DeepMind's scorer (and so the published numbers) do.
    case zeroFill = "zero"
    /// NaN bins carry no weight: each lag's Pearson correlation uses only pairs where both bins were visited.
    case exclude
}

/// The spatial autocorrelogram (SAC) of a rate map: the Pearson correlation of the map with itself shifted by
/// every lag (u, v), |u| < H, |v| < W, over the overlapping bins; (2H-1)×(2W-1) values, row-major, lag (0,0)
/// at the centre `[(H-1), (W-1)]`, rows are y lags.
///
/// Follows DeepMind grid-cells `scores.py` `calculate_sac` (Banino 2018), which opexebo also reproduces:
/// cov = P/n - S1·S2/n², v = Q/n - S²/n², R = cov / (√v1·√v2), and R = 0 where n = 0 or a variance is ≤ 0.
public struct Autocorrelogram: Sendable {
    /// Rows (2H-1).
    public let height: Int
    /// Columns (2W-1).
    public let width: Int
    /// The correlations, row-major, `values[(u + H - 1) * width + (v + W - 1)]` for lag (u, v).
    public var values: [Double]

    /// Computes the SAC of an H×W map (row-major, NaN = unvisited).
    public init(map: [Double], height h: Int, width w: Int, nan: NaNPolicy = .zeroFill) {
        let ws = AutocorrelogramWorkspace(height: h, width: w)
        var out = [Double](repeating: 0, count: ws.sacCount)
        map.withUnsafeBufferPointer { m in
            out.withUnsafeMutableBufferPointer { ws.compute(map: m, nan: nan, into: $0) }
        }
        self.height = ws.sacHeight
        self.width = ws.sacWidth
        self.values = out
    }
}

/// Reusable buffers for the autocorrelograms of many H×W maps on one thread (no allocation per map).
public final class AutocorrelogramWorkspace {
    /// Map rows and columns.
    public let h: Int, w: Int
    /// SAC rows (2H-1) and columns (2W-1).
    public let sacHeight: Int, sacWidth: Int
    /// SAC element count.
    public var sacCount: Int { sacHeight * sacWidth }

    private let z: FFTBuffers, z2: FFTBuffers, m: FFTBuffers, scratch: FFTBuffers
    // Corner-anchored cumulative sums of z and z² ((H+1)×(W+1) each): top-left, top-right, bottom-left,
    // bottom-right. Summing from each corner keeps the rim lags (few bins) as exact as a direct sum, so a
    // one-bin overlap gives variance exactly 0 as in the reference.
    private var tl: [Double], tr: [Double], bl: [Double], br: [Double]
    private var tl2: [Double], tr2: [Double], bl2: [Double], br2: [Double]

    /// Buffers for H×W maps.
    public init(height: Int, width: Int) {
        h = max(height, 1)
        w = max(width, 1)
        sacHeight = 2 * h - 1
        sacWidth = 2 * w - 1
        let p0 = FFTBuffers.goodSize(atLeast: sacHeight), p1 = FFTBuffers.goodSize(atLeast: sacWidth)
        z = FFTBuffers(rows: p0, columns: p1)
        z2 = FFTBuffers(rows: p0, columns: p1)
        m = FFTBuffers(rows: p0, columns: p1)
        scratch = FFTBuffers(rows: p0, columns: p1)
        let c = (h + 1) * (w + 1)
        tl = [Double](repeating: 0, count: c); tr = tl; bl = tl; br = tl
        tl2 = tl; tr2 = tl; bl2 = tl; br2 = tl
    }

    /// Writes the SAC of `map` (H×W, row-major) into `out` ((2H-1)×(2W-1)).
    public func compute(map: UnsafeBufferPointer<Double>, nan: NaNPolicy, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(map.count == h * w && out.count == sacCount, "AutocorrelogramWorkspace: size mismatch")
        let p0 = z.rows, p1 = z.columns
        // Zero-padded z, z² and validity mask.
        let zr = z.real, z2r = z2.real, mr = m.real
        zr.update(repeating: 0, count: p0 * p1)
        z2r.update(repeating: 0, count: p0 * p1)
        mr.update(repeating: 0, count: p0 * p1)
        var anyNaN = false
        for i in 0..<h {
            for j in 0..<w {
                let v = map[i &* w &+ j]
                if v.isNaN { anyNaN = true; continue }
                zr[i &* p1 &+ j] = v
                z2r[i &* p1 &+ j] = v * v
                mr[i &* p1 &+ j] = 1
            }
        }
        if nan == .exclude && anyNaN {
            computeExcluding(into: out)
        } else {
            computeZeroFilled(into: out)
        }
    }

    // MARK: zero-fill (reference)

    private func computeZeroFilled(into out: UnsafeMutableBufferPointer<Double>) {
        let p0 = z.rows, p1 = z.columns
        cornerSums()
        // P(u, v) = Σ z(x) z(x + (u, v)) for every lag: the circular autocorrelation of the zero-padded map.
        z.forward()
        let sp = z.spectrum, sc = scratch.spectrum
        for k in 0..<z.spectrumCount {
            let re = sp[k].0, im = sp[k].1
            sc[k] = (re * re + im * im, 0)
        }
        scratch.inverse()
        let pr = scratch.real
        let scale = 1.0 / Double(p0 * p1)
        let energy = pr[0] * scale
        let fftError = 8 * Double.ulpOfOne * log2(Double(p0 * p1)) * energy
        let W1 = w + 1
        tl.withUnsafeBufferPointer { tl in tr.withUnsafeBufferPointer { tr in
        bl.withUnsafeBufferPointer { bl in br.withUnsafeBufferPointer { br in
        tl2.withUnsafeBufferPointer { tl2 in tr2.withUnsafeBufferPointer { tr2 in
        bl2.withUnsafeBufferPointer { bl2 in br2.withUnsafeBufferPointer { br2 in
            for u in (1 - h)...(h - 1) {
                let ku = u >= 0 ? u : u + p0
                for v in (1 - w)...(w - 1) {
                    let kv = v >= 0 ? v : v + p1
                    let n = Double((h - abs(u)) * (w - abs(v)))
                    // Sums over the shifted part A (rows i+u) and the unshifted part B (rows i).
                    let a: Int, b: Int, sa: Double, sb: Double, qa: Double, qb: Double
                    switch (u >= 0, v >= 0) {
                    case (true, true):
                        a = u * W1 + v; b = (h - u) * W1 + (w - v)
                        sa = br[a]; qa = br2[a]; sb = tl[b]; qb = tl2[b]
                    case (true, false):
                        a = u * W1 + (w + v); b = (h - u) * W1 + (-v)
                        sa = bl[a]; qa = bl2[a]; sb = tr[b]; qb = tr2[b]
                    case (false, true):
                        a = (h + u) * W1 + v; b = (-u) * W1 + (w - v)
                        sa = tr[a]; qa = tr2[a]; sb = bl[b]; qb = bl2[b]
                    case (false, false):
                        a = (h + u) * W1 + (w + v); b = (-u) * W1 + (-v)
                        sa = tl[a]; qa = tl2[a]; sb = br[b]; qb = br2[b]
                    }
                    let o = (u + h - 1) * sacWidth + (v + w - 1)
                    // Multiplying by 1/n instead of dividing moves results by an ulp at most; a one-bin overlap
                    // still gives exactly 0 variance.
                    let invN = 1 / n, invN2 = invN * invN
                    let ma = qa * invN, mb = qb * invN
                    let va = ma - sa * sa * invN2, vb = mb - sb * sb * invN2
                    if !(va > 1e-12 * ma) || !(vb > 1e-12 * mb) { out[o] = 0; continue }
                    let root = (va * vb).squareRoot()
                    // The FFT's round-off in P is absolute (about ε·log N·Σz²); where the overlap's own spread is
                    // too small for it (rim lags of a few bins, near-constant tails) sum the products directly.
                    var p = pr[ku * p1 + kv] * scale
                    if fftError * invN > 1e-12 * root { p = directProduct(u: u, v: v) }
                    let cov = p * invN - sa * sb * invN2
                    out[o] = cov / root
                }
            }
        }}}}}}}}
    }

    /// Σ z[i, j]·z[i+u, j+v] over the overlap, summed directly.
    private func directProduct(u: Int, v: Int) -> Double {
        let p1 = z.columns, zr = z.real
        var acc = 0.0
        for i in max(0, -u)..<min(h, h - u) {
            let rowA = zr + ((i &+ u) &* p1 &+ v), rowB = zr + i &* p1
            for j in max(0, -v)..<min(w, w - v) { acc += rowB[j] * rowA[j] }
        }
        return acc
    }

    /// The four corner-anchored cumulative sums of z and z².
    private func cornerSums() {
        let p1 = z.columns, W1 = w + 1
        let zr = z.real, z2r = z2.real
        // Entry [a][b] of each table: TL = Σ_{i<a, j<b}, TR = Σ_{i<a, j≥b}, BL = Σ_{i≥a, j<b}, BR = Σ_{i≥a, j≥b}.
        func fill(_ t: inout [Double], _ src: UnsafeMutablePointer<Double>, top: Bool, left: Bool) {
            t.withUnsafeMutableBufferPointer { t in
                t.update(repeating: 0)
                for r in 0..<h {
                    let i = top ? r : h - 1 - r
                    let a = top ? i + 1 : i, aPrev = top ? i : i + 1
                    var rowSum = 0.0
                    for c in 0..<w {
                        let j = left ? c : w - 1 - c
                        let b = left ? j + 1 : j
                        rowSum += src[i * p1 + j]
                        t[a * W1 + b] = t[aPrev * W1 + b] + rowSum
                    }
                }
            }
        }
        fill(&tl, zr, top: true, left: true); fill(&tl2, z2r, top: true, left: true)
        fill(&tr, zr, top: true, left: false); fill(&tr2, z2r, top: true, left: false)
        fill(&bl, zr, top: false, left: true); fill(&bl2, z2r, top: false, left: true)
        fill(&br, zr, top: false, left: false); fill(&br2, z2r, top: false, left: false)
    }

    // MARK: NaN excluded

    private func computeExcluding(into out: UnsafeMutableBufferPointer<Double>) {
        let p0 = z.rows, p1 = z.columns
        z.forward(); z2.forward(); m.forward()
        let count = z.spectrumCount
        let scale = 1.0 / Double(p0 * p1)
        // Each correlation c(k) = Σ_x a(x) b(x+k) is IFFT(conj(A)·B); c2r destroys its input, so go via scratch.
        func correlate(_ a: FFTBuffers, _ b: FFTBuffers) -> [Double] {
            let sa = a.spectrum, sb = b.spectrum, sc = scratch.spectrum
            for k in 0..<count {
                let ar = sa[k].0, ai = -sa[k].1, br = sb[k].0, bi = sb[k].1
                sc[k] = (ar * br - ai * bi, ar * bi + ai * br)
            }
            scratch.inverse()
            return (0..<(p0 * p1)).map { scratch.real[$0] * scale }
        }
        let pp = correlate(z, z), nn = correlate(m, m), sA = correlate(m, z), qA = correlate(m, z2)
        var zmax2 = 0.0
        for k in 0..<(p0 * p1) { zmax2 = max(zmax2, z2.real[k]) }
        for u in (1 - h)...(h - 1) {
            let ku = u >= 0 ? u : u + p0, mu = u > 0 ? p0 - u : -u
            for v in (1 - w)...(w - 1) {
                let kv = v >= 0 ? v : v + p1, mv = v > 0 ? p1 - v : -v
                let k = ku * p1 + kv, km = mu * p1 + mv
                let n = nn[k].rounded()
                let o = (u + h - 1) * sacWidth + (v + w - 1)
                if n < 1 { out[o] = 0; continue }
                // FFT round-off is absolute (relative to the whole map), so variances below it count as 0.
                out[o] = pearson(p: pp[k], sa: sA[k], sb: sA[km], qa: qA[k], qb: qA[km], n: n,
                                 floor: 1e-12 * zmax2)
            }
        }
    }

    /// The reference's per-lag Pearson correlation from the overlap sums; 0 where a variance is not positive
    /// (beyond round-off: a constant overlap gives 0, not round-off divided by round-off).
    @inline(__always)
    private func pearson(p: Double, sa: Double, sb: Double, qa: Double, qb: Double, n: Double, floor: Double = 0) -> Double {
        let n2 = n * n
        let va = qa / n - sa * sa / n2
        let vb = qb / n - sb * sb / n2
        if !(va > 1e-12 * (qa / n) + floor) || !(vb > 1e-12 * (qb / n) + floor) { return 0 }
        let cov = p / n - sa * sb / n2
        return cov / (va.squareRoot() * vb.squareRoot())
    }
}
