import Foundation

/// AdamW (Loshchilov & Hutter) with decoupled weight decay, as optax.adamw: bias-corrected moments, then
/// p ← p − lr·(m̂/(√v̂ + ε) + λ·p).
public struct AdamW: Equatable, Sendable {
    /// First and second moment estimates, in the parameters' flat layout.
    public var m: [Float], v: [Float]
    /// Updates applied so far (for the bias correction).
    public var count: Int

    /// Zero moments for `parameterCount` values.
    public init(parameterCount: Int) {
        m = [Float](repeating: 0, count: parameterCount)
        v = [Float](repeating: 0, count: parameterCount)
        count = 0
    }

    /// Applies one update with gradient `scale·g` at learning rate `lr`.
    public mutating func update(_ params: inout [Float], gradient g: [Float], scale: Float = 1, lr: Float, config c: TrainerConfig) {
        count += 1
        let b1 = c.beta1, b2 = c.beta2, eps = c.adamEps, wd = c.weightDecay
        let bc1 = Float(1 - pow(Double(b1), Double(count))), bc2 = Float(1 - pow(Double(b2), Double(count)))
        let n = params.count
        params.withUnsafeMutableBufferPointer { p in
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    g.withUnsafeBufferPointer { g in
                        for i in 0..<n {
                            let gi = scale * g[i]
                            let mi = b1 * m[i] + (1 - b1) * gi
                            let vi = b2 * v[i] + (1 - b2) * gi * gi
                            m[i] = mi; v[i] = vi
                            let update = (mi / bc1) / ((vi / bc2).squareRoot() + eps) + wd * p[i]
                            p[i] -= lr * update
                        }
                    }
                }
            }
        }
    }
}

/// The global L2 norm of `g`, accumulated in Double over blocks.
public func globalNorm(_ g: [Float]) -> Double {
    var s = 0.0
    g.withUnsafeBufferPointer { b in
        var i = 0
        while i < b.count {
            let end = min(i + 4096, b.count)
            // Eight partial sums so the block vectorises.
            var acc = SIMD8<Float>()
            var j = i
            while j + 8 <= end {
                let v = UnsafeRawPointer(b.baseAddress! + j).loadUnaligned(as: SIMD8<Float>.self)
                acc += v * v
                j += 8
            }
            var tail: Float = 0
            while j < end { tail += b[j] * b[j]; j += 1 }
            s += Double(acc.sum()) + Double(tail)
            i = end
        }
    }
    return s.squareRoot()
}

/// Scales `g` so its global L2 norm is at most `maxNorm` (optax.clip_by_global_norm); returns the norm before
/// clipping. `maxNorm` 0 disables clipping.
@discardableResult
public func clipGlobalNorm(_ g: inout [Float], maxNorm: Float) -> Double {
    var s = 0.0
    g.withUnsafeBufferPointer { b in
        var acc: Float = 0
        var i = 0
        // Float partial sums in blocks keep the loop vectorised; the blocks add up in Double.
        while i < b.count {
            let end = min(i + 4096, b.count)
            acc = 0
            for j in i..<end { acc += b[j] * b[j] }
            s += Double(acc)
            i = end
        }
    }
    let norm = s.squareRoot()
    if maxNorm > 0, norm > Double(maxNorm) {
        let k = Float(Double(maxNorm) / norm)
        g.withUnsafeMutableBufferPointer { b in for i in 0..<b.count { b[i] *= k } }
    }
    return norm
}
