/// DeepMind's grid scorer (grid-cells `scores.py`, Banino 2018; the score Sorscher 2019 and Schaeffer 2023
/// report) for rate maps of one size: SAC → rotations at 30…150° (SciPy's cubic spline) → Pearson correlation
/// inside each of ten ring masks → score_60, score_60_minmax, score_90; plus spacing, orientation, ellipse.
///
/// Build one scorer per map size (it precomputes the rings and every rotation's sample coordinates) and share
/// it between threads; each thread scores with its own `GridScorer.Workspace`.
public struct GridScorer: Sendable {
    /// Map rows (y bins) and columns (x bins).
    public let height: Int, width: Int
    /// The ring masks.
    public let masks: RingMasks
    /// How NaN bins enter the autocorrelogram (the reference: `.zeroFill`).
    public let nanPolicy: NaNPolicy
    /// Bin size in metres along x (columns) and y (rows), for spacing.
    public let binSize: (x: Double, y: Double)

    let sacHeight: Int, sacWidth: Int
    /// Ring lags of one half-plane (the SAC is point-symmetric, so each mask sum is twice a half-plane sum and
    /// the factor cancels in every ratio), ordered by the first mask containing them.
    let ringIndex: [Int32]
    /// For each mask k, the end of its pixels in `ringIndex` (nested masks: mask k = ringIndex[0..<shellEnd[k]]).
    let shellEnd: [Int]
    /// Per angle, per ring lag: the 4×4 spline window's first element in the padded coefficient array (−1:
    /// the source lies outside the SAC, value 0) and the fractional offsets (ty, tx) interleaved.
    let sourceBase: [[Int32]], sourceFraction: [[Double]]
    /// SAC row / column that each row / column of the mirror-padded coefficient array copies.
    let padRows: [Int32], padColumns: [Int32]

    /// A scorer for height×width maps; `binSize` converts spacing to metres (default: a 1 m box).
    public init(height: Int, width: Int, nanPolicy: NaNPolicy = .zeroFill, binSize: (x: Double, y: Double)? = nil) {
        self.height = max(height, 1)
        self.width = max(width, 1)
        self.nanPolicy = nanPolicy
        self.binSize = binSize ?? (1 / Double(max(width, 1)), 1 / Double(max(height, 1)))
        masks = RingMasks(height: self.height, width: self.width)
        sacHeight = 2 * self.height - 1
        sacWidth = 2 * self.width - 1
        var lags: [(k: Int, index: Int, u: Int, v: Int)] = []
        for u in 0..<self.height {
            for v in (1 - self.width)..<self.width where u > 0 || v > 0 {
                let r = Double(u * u + v * v).squareRoot()
                if let k = masks.firstMask(containing: r) {
                    lags.append((k, (u + self.height - 1) * sacWidth + (v + self.width - 1), u, v))
                }
            }
        }
        lags.sort { ($0.k, $0.index) < ($1.k, $1.index) }
        ringIndex = lags.map { Int32($0.index) }
        shellEnd = (0..<masks.parameters.count).map { k in lags.firstIndex { $0.k > k } ?? lags.count }
        var bases: [[Int32]] = [], fractions: [[Double]] = []
        let sh = sacHeight, sw = sacWidth
        for a in gridCorrelationAngles {
            let (c, s) = SplineRotation.cosSinDegrees(a)
            var base = [Int32](), frac = [Double]()
            base.reserveCapacity(lags.count); frac.reserveCapacity(2 * lags.count)
            for l in lags {
                let (sy, sx) = SplineRotation.sourceCoordinate(row: l.u + self.height - 1, column: l.v + self.width - 1,
                                                               rows: sh, columns: sw, cos: c, sin: s)
                if sy >= 0 && sy <= Double(sh - 1) && sx >= 0 && sx <= Double(sw - 1) {
                    let fy = sy.rounded(.down), fx = sx.rounded(.down)
                    // Window rows fy-1 ... fy+2 are padded rows fy+1 ... fy+4 (two mirrored samples on each side).
                    base.append(Int32((Int(fy) + 1) * (sw + 4) + Int(fx) + 1))
                    frac.append(sy - fy); frac.append(sx - fx)
                } else {
                    base.append(-1)
                    frac.append(0); frac.append(0)
                }
            }
            bases.append(base); fractions.append(frac)
        }
        sourceBase = bases
        sourceFraction = fractions
        padRows = (0..<(sh + 4)).map { Int32(SplineRotation.mirrorIndex($0 - 2, sh)) }
        padColumns = (0..<(sw + 4)).map { Int32(SplineRotation.mirrorIndex($0 - 2, sw)) }
    }

    /// Per-thread buffers for scoring many maps without allocating.
    public final class Workspace {
        let sac: AutocorrelogramWorkspace
        var sacValues: [Double]
        var coefficients: [Double]
        var padded: [Double]
        var map: [Double]

        /// Buffers for the scorer's map size.
        public init(for scorer: GridScorer) {
            sac = AutocorrelogramWorkspace(height: scorer.height, width: scorer.width)
            sacValues = [Double](repeating: 0, count: scorer.sacHeight * scorer.sacWidth)
            coefficients = sacValues
            padded = [Double](repeating: 0, count: (scorer.sacHeight + 4) * (scorer.sacWidth + 4))
            map = [Double](repeating: 0, count: scorer.height * scorer.width)
        }

        /// The autocorrelogram of the last map scored, (2H-1)×(2W-1).
        public var lastAutocorrelogram: [Double] { sacValues }
    }

    /// Scores one map (height×width, row-major, NaN = unvisited).
    public func score(_ map: [Double], workspace: Workspace? = nil) -> GridScores {
        let ws = workspace ?? Workspace(for: self)
        precondition(map.count == height * width, "GridScorer: map has \(map.count) values, expected \(height * width)")
        map.withUnsafeBufferPointer { m in
            ws.sacValues.withUnsafeMutableBufferPointer { ws.sac.compute(map: m, nan: nanPolicy, into: $0) }
        }
        return scoreAutocorrelogram(workspace: ws)
    }

    /// Scores one map given as a slice of a larger Float or Double buffer (one unit of an [N,H,W] array).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func score<T: BinaryFloatingPoint>(_ map: UnsafeBufferPointer<T>, workspace ws: Workspace) -> GridScores {
        precondition(map.count == height * width, "GridScorer: map has \(map.count) values, expected \(height * width)")
        for i in 0..<map.count { ws.map[i] = Double(map[i]) }
        ws.map.withUnsafeBufferPointer { m in
            ws.sacValues.withUnsafeMutableBufferPointer { ws.sac.compute(map: m, nan: nanPolicy, into: $0) }
        }
        return scoreAutocorrelogram(workspace: ws)
    }

    /// Scores the autocorrelogram already in `ws.sacValues`.
    func scoreAutocorrelogram(workspace ws: Workspace) -> GridScores {
        let sh = sacHeight, sw = sacWidth, pc = sw + 4
        let nMasks = masks.parameters.count, nAngles = gridCorrelationAngles.count
        // Spline coefficients of the SAC, mirror-padded by two on each side.
        for i in 0..<ws.sacValues.count { ws.coefficients[i] = ws.sacValues[i] }
        SplineRotation.prefilter(&ws.coefficients, rows: sh, columns: sw)
        ws.coefficients.withUnsafeBufferPointer { c in
            ws.padded.withUnsafeMutableBufferPointer { p in
                padRows.withUnsafeBufferPointer { rows in
                    padColumns.withUnsafeBufferPointer { cols in
                        for i in 0..<(sh + 4) {
                            let si = Int(rows[i]) &* sw
                            for j in 0..<pc { p[i &* pc &+ j] = c[si &+ Int(cols[j])] }
                        }
                    }
                }
            }
        }
        // Per shell (lags first contained in mask k): count, ΣS, ΣS², and per angle ΣR, ΣS·R.
        var cnt = [Double](repeating: 0, count: nMasks), sumS = cnt, sumS2 = cnt
        var sumR = [Double](repeating: 0, count: nMasks * nAngles), sumSR = sumR
        ws.sacValues.withUnsafeBufferPointer { sac in
            ws.padded.withUnsafeBufferPointer { p in
                let pp = p.baseAddress!
                ringIndex.withUnsafeBufferPointer { ring in
                    var start = 0
                    for k in 0..<nMasks {
                        let end = shellEnd[k]
                        var s1 = 0.0, s2 = 0.0
                        for q in start..<end {
                            let s = sac[Int(ring[q])]
                            s1 += s; s2 += s * s
                        }
                        cnt[k] = Double(end - start); sumS[k] = s1; sumS2[k] = s2
                        for a in 0..<nAngles {
                            var r1 = 0.0, r2 = 0.0
                            sourceBase[a].withUnsafeBufferPointer { bases in
                                sourceFraction[a].withUnsafeBufferPointer { fr in
                                    for q in start..<end {
                                        let b = Int(bases[q])
                                        if b < 0 { continue }
                                        let r = SplineRotation.window(pp + b, pc: pc, ty: fr[2 &* q], tx: fr[2 &* q &+ 1])
                                        r1 += r; r2 += sac[Int(ring[q])] * r
                                    }
                                }
                            }
                            sumR[a * nMasks + k] = r1; sumSR[a * nMasks + k] = r2
                        }
                        start = end
                    }
                }
            }
        }
        // Nested masks: cumulate the shells, then the reference's per-mask correlation
        // c_a = [Σ M(S−μ)(R_a−μ)/A] / (Σ M(S−μ)²/A + 1e-5) = [(ΣSR − μΣR)/A] / (ΣS²/A − μ² + 1e-5).
        var s60 = [Double](repeating: 0, count: nMasks), s60mm = s60, s90 = s60
        var corrs = [[Double]](repeating: [Double](repeating: 0, count: nAngles), count: nMasks)
        var A = 0.0, S = 0.0, S2 = 0.0
        var R = [Double](repeating: 0, count: nAngles), SR = R
        for k in 0..<nMasks {
            A += cnt[k]; S += sumS[k]; S2 += sumS2[k]
            for a in 0..<nAngles { R[a] += sumR[a * nMasks + k]; SR[a] += sumSR[a * nMasks + k] }
            let c: [Double]
            if A > 0 {
                let mu = S / A
                let variance = max(S2 / A - mu * mu, 0) + 1e-5
                c = (0..<nAngles).map { ((SR[$0] - mu * R[$0]) / A) / variance }
            } else {
                c = [Double](repeating: 0, count: nAngles)
            }
            corrs[k] = c
            // Angles: 0:30 1:45 2:60 3:90 4:120 5:135 6:150.
            s60[k] = (c[2] + c[4]) / 2 - (c[0] + c[3] + c[6]) / 3
            s60mm[k] = min(c[2], c[4]) - max(c[0], max(c[3], c[6]))
            s90[k] = c[3] - (c[1] + c[5]) / 2
        }
        let best60 = GridScorer.argmax(s60), best60mm = GridScorer.argmax(s60mm), best90 = GridScorer.argmax(s90)
        let geometry = GridGeometry(autocorrelogram: ws.sacValues, height: sh, width: sw, binSize: binSize)
        return GridScores(score60: s60[best60], score60MinMax: s60mm[best60mm], score90: s90[best90],
                          mask60: best60, mask60MinMax: best60mm, mask90: best90,
                          scores60PerMask: s60, scores90PerMask: s90, correlationsBestMask60: corrs[best60],
                          spacing: geometry.spacing, orientation: geometry.orientation,
                          ellipseAspectRatio: geometry.ellipseAspectRatio)
    }

    /// `numpy.argmax`: the first index of the maximum (NaN counts as the maximum, as in NumPy).
    static func argmax(_ v: [Double]) -> Int {
        var best = 0
        for i in 1..<v.count {
            if v[best].isNaN { return best }
            if v[i].isNaN || v[i] > v[best] { best = i }
        }
        return best
    }
}
