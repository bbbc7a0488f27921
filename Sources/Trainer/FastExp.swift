/// exp(x) for x ≤ 0 in single precision, written with plain arithmetic and bit operations so the pairwise loop
/// that calls it vectorises (libm's expf is an opaque call per element, and the baseline x86-64 target has no
/// vector rounding instruction, hence the 1.5·2²³ rounding trick). Cody–Waite range reduction to |r| ≤ ln2/2 and
/// a degree-6 Taylor polynomial: relative error below 2·10⁻⁷ on [−87, 0]; inputs below −87 give about 1.6·10⁻³⁸.
@inline(__always)
func fastExpNonPositive(_ x: Float) -> Float {
    let xc = max(x, -87)
    // Round-to-nearest: adding 1.5·2²³ leaves the integer n in the low mantissa bits of t.
    let t = xc * 1.442_695_04 + 12_582_912
    let n = t - 12_582_912
    let r = (xc - n * 0.693_145_75) - n * 1.428_606_8e-6
    var p: Float = 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    return p * Float(bitPattern: (t.bitPattern &- 0x4B40_0000 &+ 127) &<< 23)
}

/// Σ p[0..<n] with eight independent partial sums (a plain Float loop cannot be vectorised: IEEE addition
/// is not reassociated).
@inline(__always)
func blockSum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
    var a = SIMD8<Float>()
    var j = 0
    while j &+ 8 <= n {
        a += UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Float>.self)
        j &+= 8
    }
    var s = a.sum()
    while j < n { s += p[j]; j &+= 1 }
    return s
}
