/// NormReLU(z) = relu(z) / max(‖relu(z)‖₂, ε): the network's nonlinearity, which keeps every state on the unit
/// sphere's positive orthant (or at 0 when no unit is active).
enum NormReLU {
    /// Applies NormReLU to `z` in place and returns ‖relu(z)‖.
    @inline(__always)
    static func forward(_ z: UnsafeMutablePointer<Float>, _ n: Int, eps: Float) -> Float {
        var s: Float = 0
        for i in 0..<n {
            let a = max(z[i], 0)
            z[i] = a
            s += a * a
        }
        let norm = s.squareRoot()
        let inv = 1 / max(norm, eps)
        for i in 0..<n { z[i] *= inv }
        return norm
    }

    /// Overwrites dL/dg with dL/dz, given the output g and the norm ‖relu(z)‖ from the forward pass.
    /// Above ε the Jacobian is (I − g gᵀ)/‖a‖ on the active units; at or below ε it is 1/ε on them.
    @inline(__always)
    static func backward(_ g: UnsafePointer<Float>, _ dg: UnsafeMutablePointer<Float>, _ n: Int,
                         norm: Float, eps: Float) {
        if norm > eps {
            var dot: Float = 0
            for i in 0..<n { dot += g[i] * dg[i] }
            let inv = 1 / norm
            for i in 0..<n { dg[i] = g[i] > 0 ? (dg[i] - g[i] * dot) * inv : 0 }
        } else {
            let inv = 1 / eps
            for i in 0..<n { dg[i] = g[i] > 0 ? dg[i] * inv : 0 }
        }
    }
}
