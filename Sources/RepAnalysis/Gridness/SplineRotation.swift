import Foundation

/// Rotation of a 2-D array about its centre with cubic B-spline interpolation, reproducing
/// `scipy.ndimage.rotate(a, angle, reshape=False)` (order 3, prefilter on, mode 'constant', cval 0), which is
/// what DeepMind's grid scorer rotates its autocorrelograms with.
///
/// SciPy's recipe: (1) spline prefilter along axis 0 then axis 1 (gain 6, pole √3-2, mirror boundary);
/// (2) each output pixel o samples the spline at i = M·o + c_in - M·c_out with M = [[cos, sin], [-sin, cos]]
/// (cos/sin from `scipy.special.cosdg/sindg`, exact at multiples of 90°) and c = ((H-1)/2, (W-1)/2); a sample
/// with any coordinate outside [0, n-1] is 0; inside, the 4×4 coefficient window is mirror-extended.
public enum SplineRotation {
    /// The B-spline coefficients of `values` (rows×columns, row-major): SciPy's `spline_filter(order=3, mode='mirror')`.
    public static func prefilter(_ values: inout [Double], rows: Int, columns: Int) {
        values.withUnsafeMutableBufferPointer { v in
            // Axis 0 (down each column), then axis 1 (along each row), as spline_filter iterates axes. Axis 0 runs
            // the same recursion on whole rows at once (every column is an independent line), which vectorises.
            if rows > 1 { filterColumns(v.baseAddress!, rows, columns) }
            if columns > 1 {
                for i in 0..<rows { filterLine(v.baseAddress! + i &* columns, columns) }
            }
        }
    }

    /// SciPy's `apply_filter` for the cubic pole with mirror-symmetric initial conditions (ni_splines.c).
    @inline(__always)
    static func filterLine(_ c: UnsafeMutablePointer<Double>, _ n: Int) {
        let z = 3.0.squareRoot() - 2.0
        let gain = (1.0 - z) * (1.0 - 1.0 / z)
        for i in 0..<n { c[i] *= gain }
        // Causal initial value, mirror boundary.
        let zn1 = pow(z, Double(n - 1))
        var c0 = c[0] + zn1 * c[n - 1]
        var zi = z
        if n > 2 {
            for i in 1..<(n - 1) {
                c0 += zi * (c[i] + zn1 * c[n - 1 - i])
                zi *= z
            }
        }
        c[0] = c0 / (1 - zn1 * zn1)
        for j in 1..<n { c[j] += z * c[j - 1] }
        c[n - 1] = (z * c[n - 2] + c[n - 1]) * z / (z * z - 1)
        var j = n - 2
        while j >= 0 { c[j] = z * (c[j + 1] - c[j]); j -= 1 }
    }

    /// `filterLine` applied to every column of a rows×columns array, row by row (same operations, same order
    /// per element, so the results are bit-identical to filtering each column on its own).
    static func filterColumns(_ c: UnsafeMutablePointer<Double>, _ n: Int, _ w: Int) {
        let z = 3.0.squareRoot() - 2.0
        let gain = (1.0 - z) * (1.0 - 1.0 / z)
        for k in 0..<(n * w) { c[k] *= gain }
        let zn1 = pow(z, Double(n - 1))
        @inline(__always) func row(_ i: Int) -> UnsafeMutablePointer<Double> { c + i &* w }
        let first = row(0), last = row(n - 1)
        for j in 0..<w { first[j] = first[j] + zn1 * last[j] }
        var zi = z
        if n > 2 {
            for i in 1..<(n - 1) {
                let r = row(i), m = row(n - 1 - i)
                for j in 0..<w { first[j] += zi * (r[j] + zn1 * m[j]) }
                zi *= z
            }
        }
        let denom = 1 - zn1 * zn1
        for j in 0..<w { first[j] /= denom }
        for i in 1..<n {
            let r = row(i), p = row(i - 1)
            for j in 0..<w { r[j] += z * p[j] }
        }
        let prev = row(n - 2), zz = z * z - 1
        for j in 0..<w { last[j] = (z * prev[j] + last[j]) * z / zz }
        var i = n - 2
        while i >= 0 {
            let r = row(i), nx = row(i + 1)
            for j in 0..<w { r[j] = z * (nx[j] - r[j]) }
            i -= 1
        }
    }

    /// SciPy's mirror index for the spline window at the border (whole-sample symmetric, period 2n-2).
    static func mirrorIndex(_ i: Int, _ n: Int) -> Int {
        if n <= 1 { return 0 }
        let s2 = 2 * n - 2
        var idx = i
        if idx < 0 {
            idx = s2 * (-idx / s2) + idx
            idx = idx <= 1 - n ? idx + s2 : -idx
        } else if idx >= n {
            idx -= s2 * (idx / s2)
            if idx >= n { idx = s2 - idx }
        }
        return idx
    }

    /// cos and sin of an angle in degrees as `scipy.special.cosdg`/`sindg` give them for the scorer's angles
    /// (their last bits differ from cos(deg·π/180)); other angles fall back to exact quadrants or libm.
    public static func cosSinDegrees(_ a: Double) -> (cos: Double, sin: Double) {
        switch a {
        case 30: return (0x1.bb67ae8584cabp-1, 0x1.fffffffffffffp-2)
        case 45: return (0x1.6a09e667f3bccp-1, 0x1.6a09e667f3bcdp-1)
        case 60: return (0x1.fffffffffffffp-2, 0x1.bb67ae8584cabp-1)
        case 90: return (-0.0, 1)
        case 120: return (-0x1.fffffffffffffp-2, 0x1.bb67ae8584cabp-1)
        case 135: return (-0x1.6a09e667f3bcdp-1, 0x1.6a09e667f3bccp-1)
        case 150: return (-0x1.bb67ae8584cabp-1, 0x1.fffffffffffffp-2)
        case 0: return (1, 0)
        case 180: return (-1, 0)
        case 270: return (0, -1)
        default:
            let r = a * Double.pi / 180
            return (cos(r), sin(r))
        }
    }

    /// The input coordinate (row, column) that output pixel (i, j) samples for a rotation by `angle` degrees.
    @inline(__always)
    public static func sourceCoordinate(row i: Int, column j: Int, rows: Int, columns: Int,
                                        cos c: Double, sin s: Double) -> (Double, Double) {
        let cy = Double(rows - 1) / 2, cx = Double(columns - 1) / 2
        let off0 = cy - (c * cy + s * cx)
        let off1 = cx - (-s * cy + c * cx)
        var y = Double(i) * c
        y += Double(j) * s
        y += off0
        var x = Double(i) * -s
        x += Double(j) * c
        x += off1
        return (y, x)
    }

    /// The four cubic B-spline weights for fractional offset t ∈ [0, 1).
    @inline(__always)
    static func weights(_ t: Double) -> (Double, Double, Double, Double) {
        let t2 = t * t, t3 = t2 * t, u = 1 - t
        return (u * u * u / 6, (3 * t3 - 6 * t2 + 4) / 6, (-3 * t3 + 3 * t2 + 3 * t + 1) / 6, t3 / 6)
    }

    /// Coefficients padded by two mirrored samples on every side, so the 4×4 window never needs index checks.
    static func padCoefficients(_ c: [Double], rows: Int, columns: Int) -> [Double] {
        let pr = rows + 4, pc = columns + 4
        var out = [Double](repeating: 0, count: pr * pc)
        for i in 0..<pr {
            let si = mirrorIndex(i - 2, rows)
            for j in 0..<pc { out[i * pc + j] = c[si * columns + mirrorIndex(j - 2, columns)] }
        }
        return out
    }

    /// The spline value at (y, x) from padded coefficients (row stride `pc`), or 0 outside [0, n-1].
    @inline(__always)
    static func sample(_ p: UnsafePointer<Double>, pc: Int, rows: Int, columns: Int, y: Double, x: Double) -> Double {
        if !(y >= 0 && y <= Double(rows - 1) && x >= 0 && x <= Double(columns - 1)) { return 0 }
        let fy = y.rounded(.down), fx = x.rounded(.down)
        let wy = weights(y - fy), wx = weights(x - fx)
        // Window rows fy-1 ... fy+2 are padded rows fy+1 ... fy+4.
        let base = (Int(fy) &+ 1) &* pc &+ Int(fx) &+ 1
        @inline(__always) func row(_ r: UnsafePointer<Double>) -> Double {
            wx.0 * r[0] + wx.1 * r[1] + wx.2 * r[2] + wx.3 * r[3]
        }
        return wy.0 * row(p + base) + wy.1 * row(p + (base &+ pc)) + wy.2 * row(p + (base &+ 2 &* pc))
            + wy.3 * row(p + (base &+ 3 &* pc))
    }

    /// The spline value from the 4×4 coefficient window starting at `p` (row stride `pc`), fractions (ty, tx).
    @inline(__always)
    static func window(_ p: UnsafePointer<Double>, pc: Int, ty: Double, tx: Double) -> Double {
        let wy = weights(ty), wx = weights(tx)
        @inline(__always) func row(_ r: UnsafePointer<Double>) -> Double {
            wx.0 * r[0] + wx.1 * r[1] + wx.2 * r[2] + wx.3 * r[3]
        }
        return wy.0 * row(p) + wy.1 * row(p + pc) + wy.2 * row(p + (2 &* pc)) + wy.3 * row(p + (3 &* pc))
    }

    /// `values` (rows×columns) rotated by `angle` degrees counter-clockwise in array-index terms, same shape:
    /// `scipy.ndimage.rotate(values, angle, reshape=False)`.
    public static func rotate(_ values: [Double], rows: Int, columns: Int, angle: Double) -> [Double] {
        guard rows > 0, columns > 0, values.count == rows * columns else { return values }
        var c = values
        prefilter(&c, rows: rows, columns: columns)
        let padded = padCoefficients(c, rows: rows, columns: columns)
        let (cs, sn) = cosSinDegrees(angle)
        var out = [Double](repeating: 0, count: rows * columns)
        padded.withUnsafeBufferPointer { p in
            for i in 0..<rows {
                for j in 0..<columns {
                    let (y, x) = sourceCoordinate(row: i, column: j, rows: rows, columns: columns, cos: cs, sin: sn)
                    out[i * columns + j] = sample(p.baseAddress!, pc: columns + 4, rows: rows, columns: columns, y: y, x: x)
                }
            }
        }
        return out
    }
}
