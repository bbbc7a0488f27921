/// Runs a trained network along one long trajectory: g_0 = NormReLU(g0_raw), g_t = NormReLU(W(v_t)·g_{t−1}),
/// evaluating the hypernetwork for a chunk of velocities at a time (one product per chunk).
public enum Rollout {
    /// The states g_1 … g_L, [L, N] row-major, for velocities `velocities` (interleaved x, y, metres per step).
    /// With `restartEvery` = L > 0 the state returns to g_0 before steps 0, L, 2L, … (independent walks of L steps
    /// from the origin, as in training).
    public static func states(params: Parameters, eps: Float, velocities: [Float], restartEvery: Int = 0,
                              chunk: Int = 256) -> [Float] {
        let n = params.units, steps = velocities.count / 2
        var out = [Float](repeating: 0, count: steps * n)
        let c = max(1, min(chunk, steps))
        let ws = Workspace(units: n, width: params.width, batch: 1, seq: c, rowBlock: 1, workers: 1)
        let o = params.offsets
        // One worker: per step an N×N mat-vec, far too small to split.
        params.values.withUnsafeBufferPointer { pb in
            let p = pb.baseAddress!
            ws.g0.update(from: p + o.g0, count: n)
            _ = NormReLU.forward(ws.g0, n, eps: eps)
            velocities.withUnsafeBufferPointer { vb in
                out.withUnsafeMutableBufferPointer { ob in
                    let g = ob.baseAddress!
                    var t0 = 0
                    while t0 < steps {
                        let count = min(c, steps - t0)
                        HyperMLP.forward(ws, params: p, offsets: o, velocities: vb.baseAddress! + 2 * t0, count: count)
                        for i in 0..<count {
                            let t = t0 + i
                            let restart = t == 0 || (restartEvery > 0 && t % restartEvery == 0)
                            let prev = restart ? UnsafePointer(ws.g0) : UnsafePointer(g + (t - 1) * n)
                            sgemv(false, n, n, 1, ws.w + i * n * n, n, prev, 0, g + t * n)
                            _ = NormReLU.forward(g + t * n, n, eps: eps)
                        }
                        t0 += count
                    }
                }
            }
        }
        return out
    }
}
