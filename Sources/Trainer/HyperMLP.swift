/// The hypernetwork that turns a velocity into the recurrent matrix: W(v) = reshape(MLP(v), N, N) with
/// MLP(v) = relu(relu(v·W0 + b0)·W1 + b1)·W2 + b2, W(v)[i,j] = MLP(v)[i·N + j].
///
/// A batch of permutations has only T distinct velocities, so the T matrices are computed once per batch
/// (one [T,H]×[H,N²] product) instead of B·T times.
enum HyperMLP {
    /// Columns of W(v) per chunk of the large products (fixed, so the bits do not depend on the core count).
    static let columnChunk = 2048
    /// Hidden units per chunk of dH = dY·W2ᵀ.
    static let hiddenChunk = 64

    /// Computes W(v_k) for the T base velocities `v` [T,2] into `ws.w` [T, N²].
    static func forward(_ ws: Workspace, params p: UnsafePointer<Float>, offsets o: ParameterOffsets,
                        velocities v: UnsafePointer<Float>, count t: Int) {
        let h = ws.width, nn = ws.units * ws.units
        let w0 = p + o.w0, b0 = p + o.b0, b1 = p + o.b1, b2 = p + o.b2
        for r in 0..<t {
            let vx = v[2 * r], vy = v[2 * r + 1]
            for j in 0..<h {
                let a = vx * w0[j] + vy * w0[h + j] + b0[j]
                ws.a0[r * h + j] = a
                ws.h0[r * h + j] = max(a, 0)
            }
            (ws.a1 + r * h).update(from: b1, count: h)
            (ws.w + r * nn).update(from: b2, count: nn)
        }
        sgemm(false, false, t, h, h, 1, ws.h0, h, p + o.w1, h, 1, ws.a1, h)
        for i in 0..<(t * h) { ws.h1[i] = max(ws.a1[i], 0) }
        nonisolated(unsafe) let (h1, w2, w) = (UnsafePointer(ws.h1), p + o.w2, ws.w)
        ws.workers.run((nn + columnChunk - 1) / columnChunk) { k in
            let c0 = k * columnChunk, m = min(columnChunk, nn - c0)
            sgemm(false, false, t, m, h, 1, h1, h, w2 + c0, nn, 1, w + c0, nn)
        }
    }

    /// Given dL/dW(v_k) in `ws.dW` [T, N²], writes the gradients of W0, b0, W1, b1, W2, b2 into `grad`.
    static func backward(_ ws: Workspace, params p: UnsafePointer<Float>, offsets o: ParameterOffsets,
                         velocities v: UnsafePointer<Float>, count t: Int, grad: UnsafeMutablePointer<Float>) {
        let h = ws.width, nn = ws.units * ws.units
        // Layer 3: dW2 = h1ᵀ·dY, db2 = Σ_t dY, dh1 = dY·W2ᵀ.
        nonisolated(unsafe) let (h1, dY, gw2, gb2, w2, dH) = (UnsafePointer(ws.h1), UnsafePointer(ws.dW), grad + o.w2, grad + o.b2, p + o.w2, ws.dH)
        ws.workers.run((nn + columnChunk - 1) / columnChunk) { k in
            let c0 = k * columnChunk, m = min(columnChunk, nn - c0)
            sgemm(true, false, h, m, t, 1, h1, h, dY + c0, nn, 0, gw2 + c0, nn)
            (gb2 + c0).update(repeating: 0, count: m)
            for r in 0..<t {
                let row = dY + r * nn + c0
                for j in 0..<m { gb2[c0 + j] += row[j] }
            }
        }
        ws.workers.run((h + hiddenChunk - 1) / hiddenChunk) { k in
            let c0 = k * hiddenChunk, m = min(hiddenChunk, h - c0)
            sgemm(false, true, t, m, nn, 1, dY, nn, w2 + c0 * nn, nn, 0, dH + c0, h)
        }
        for i in 0..<(t * h) { ws.dA1[i] = ws.a1[i] > 0 ? ws.dH[i] : 0 }
        // Layer 2.
        sgemm(true, false, h, h, t, 1, ws.h0, h, ws.dA1, h, 0, grad + o.w1, h)
        let gb1 = grad + o.b1
        gb1.update(repeating: 0, count: h)
        for r in 0..<t { for j in 0..<h { gb1[j] += ws.dA1[r * h + j] } }
        sgemm(false, true, t, h, h, 1, ws.dA1, h, p + o.w1, h, 0, ws.dH, h)
        for i in 0..<(t * h) { ws.dA0[i] = ws.a0[i] > 0 ? ws.dH[i] : 0 }
        // Layer 1 (input dimension 2).
        let gw0 = grad + o.w0, gb0 = grad + o.b0
        gw0.update(repeating: 0, count: 2 * h)
        gb0.update(repeating: 0, count: h)
        for r in 0..<t {
            let vx = v[2 * r], vy = v[2 * r + 1]
            for j in 0..<h {
                let d = ws.dA0[r * h + j]
                gw0[j] += vx * d; gw0[h + j] += vy * d; gb0[j] += d
            }
        }
    }
}
