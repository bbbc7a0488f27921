/// The forward pass through time: g_0 = NormReLU(g0_raw) shared by the batch, then
/// g_{b,t} = NormReLU(W(v_{b,t})·g_{b,t−1}) for every trajectory, with W(v) from `HyperMLP.forward`.
enum Recurrence {
    /// Fills `ws.g0`, `ws.states` [B,T,N] and `ws.norms` [B,T].
    static func forward(_ ws: Workspace, g0Raw: UnsafePointer<Float>, permutation perm: UnsafePointer<Int32>, eps: Float) {
        let n = ws.units, nn = n * n, bCount = ws.batch, tCount = ws.seq
        ws.g0.update(from: g0Raw, count: n)
        ws.g0Norm = NormReLU.forward(ws.g0, n, eps: eps)
        for t in 0..<tCount {
            for b in 0..<bCount {
                let idx = b * tCount + t
                let k = Int(perm[idx])
                let prev = t == 0 ? UnsafePointer(ws.g0) : UnsafePointer(ws.states + (idx - 1) * n)
                let out = ws.states + idx * n
                sgemv(false, n, n, 1, ws.w + k * nn, n, prev, 0, out)
                ws.norms[idx] = NormReLU.forward(out, n, eps: eps)
            }
        }
    }
}
