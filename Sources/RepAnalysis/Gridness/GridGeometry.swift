import Foundation

/// Grid spacing, orientation and ellipticity read off an autocorrelogram's peaks (Hafting 2005, Sargolini 2006):
/// the local maxima with positive correlation nearest the centre (up to six, i.e. the inner hexagon),
/// positions refined to sub-bin precision with a parabola along each axis.
public struct GridGeometry: Sendable {
    /// Mean distance (metres) of the inner peaks from the centre; NaN when the SAC has no peak.
    public var spacing: Double
    /// Orientation in degrees, [0, 60): six-fold circular mean of the peak angles, each measured
    /// counter-clockwise from +x (x = column/x-bin axis, y = row/y-bin axis); NaN when there is no peak.
    public var orientation: Double
    /// Major/minor axis ratio of the centred ellipse a·x² + b·xy + c·y² = 1 fitted (least squares) to the peaks;
    /// NaN with fewer than three peak directions or when the fit is not an ellipse.
    public var ellipseAspectRatio: Double
    /// The peaks used, (x, y) in metres relative to the centre.
    public var peaks: [(x: Double, y: Double)]

    /// Geometry of a (2H-1)×(2W-1) autocorrelogram with the given bin size in metres.
    public init(autocorrelogram sac: [Double], height sh: Int, width sw: Int, binSize: (x: Double, y: Double)) {
        let cu = (sh - 1) / 2, cv = (sw - 1) / 2
        var found: [(d: Double, angle: Double, x: Double, y: Double)] = []
        if sh >= 3 && sw >= 3 {
            for i in 1..<(sh - 1) {
                for j in 1..<(sw - 1) where !(i == cu && j == cv) {
                    let f = sac[i * sw + j]
                    guard f > 0 else { continue }
                    // Strict maximum over the earlier neighbours, ≥ over the later ones: one pixel per plateau.
                    var isMax = true
                    for di in -1...1 {
                        for dj in -1...1 where !(di == 0 && dj == 0) {
                            let g = sac[(i + di) * sw + (j + dj)]
                            if (di < 0 || (di == 0 && dj < 0)) ? !(f > g) : !(f >= g) { isMax = false }
                        }
                    }
                    guard isMax else { continue }
                    let du = GridGeometry.parabolaOffset(sac[(i - 1) * sw + j], f, sac[(i + 1) * sw + j])
                    let dv = GridGeometry.parabolaOffset(sac[i * sw + j - 1], f, sac[i * sw + j + 1])
                    let y = (Double(i - cu) + du) * binSize.y, x = (Double(j - cv) + dv) * binSize.x
                    found.append(((x * x + y * y).squareRoot(), atan2(y, x), x, y))
                }
            }
        }
        found.sort { ($0.d, $0.angle) < ($1.d, $1.angle) }
        let inner = Array(found.prefix(6))
        peaks = inner.map { ($0.x, $0.y) }
        guard !inner.isEmpty else {
            spacing = .nan; orientation = .nan; ellipseAspectRatio = .nan
            return
        }
        spacing = inner.map(\.d).reduce(0, +) / Double(inner.count)
        var sx = 0.0, sy = 0.0
        for p in inner {
            let t = 6 * atan2(p.y, p.x)
            sx += cos(t); sy += sin(t)
        }
        var o = atan2(sy, sx) / 6 * 180 / Double.pi
        o = o.truncatingRemainder(dividingBy: 60)
        if o < 0 { o += 60 }
        orientation = o >= 60 ? 0 : o
        ellipseAspectRatio = GridGeometry.ellipseAspect(peaks)
    }

    /// Sub-bin offset of a parabola's vertex through (−1, a), (0, b), (1, c), clamped to ±0.5.
    static func parabolaOffset(_ a: Double, _ b: Double, _ c: Double) -> Double {
        let d = a - 2 * b + c
        guard d < 0 else { return 0 }
        return min(max(0.5 * (a - c) / d, -0.5), 0.5)
    }

    /// Aspect ratio of the centred ellipse through the points, or NaN.
    static func ellipseAspect(_ pts: [(x: Double, y: Double)]) -> Double {
        // Point-symmetric pairs give the same equation; count distinct directions mod 180°.
        var dirs: [Double] = []
        for p in pts {
            var a = atan2(p.y, p.x) * 180 / Double.pi
            if a < 0 { a += 180 }
            if a >= 180 { a -= 180 }
            if !dirs.contains(where: { abs($0 - a) < 10 || abs(abs($0 - a) - 180) < 10 }) { dirs.append(a) }
        }
        guard dirs.count >= 3 else { return .nan }
        // Normal equations for [a, b, c] minimising Σ (a x² + b xy + c y² − 1)².
        var m = [[Double]](repeating: [0, 0, 0], count: 3), r = [0.0, 0.0, 0.0]
        for p in pts {
            let f = [p.x * p.x, p.x * p.y, p.y * p.y]
            for i in 0..<3 {
                r[i] += f[i]
                for j in 0..<3 { m[i][j] += f[i] * f[j] }
            }
        }
        guard let s = solve3(m, r) else { return .nan }
        let a = s[0], b = s[1] / 2, c = s[2]
        let tr = a + c, det = a * c - b * b
        guard det > 0, tr > 0 else { return .nan }
        let disc = max(tr * tr / 4 - det, 0).squareRoot()
        let l1 = tr / 2 - disc, l2 = tr / 2 + disc
        guard l1 > 0 else { return .nan }
        return (l2 / l1).squareRoot()
    }

    /// Solves a 3×3 system by Cramer's rule; nil when singular.
    static func solve3(_ m: [[Double]], _ r: [Double]) -> [Double]? {
        func det(_ a: [[Double]]) -> Double {
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        }
        let d = det(m)
        let scale = m.flatMap { $0 }.map(abs).max() ?? 0
        guard abs(d) > 1e-12 * scale * scale * scale, d.isFinite else { return nil }
        return (0..<3).map { k in
            var mk = m
            for i in 0..<3 { mk[i][k] = r[i] }
            return det(mk) / d
        }
    }
}
