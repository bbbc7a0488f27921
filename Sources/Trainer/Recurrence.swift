import Foundation

/// The forward pass through time: g_0 = NormReLU(g0_raw) shared by the batch, then
/// g_{b,t} = NormReLU(W(v_{b,t})·g_{b,t−1}) for every trajectory, with W(v) from `HyperMLP.forward`.
enum Recurrence {
    /// Trajectories are independent: they run in this many fixed groups on the workspace's workers. The grouping
    /// is fixed (not the core count) so that sums that combine the groups (dL/dg_0) round the same way on every
    /// machine; 8 groups keep up to 8 cores busy.
    static let groups = 8

    /// Fills `ws.g0`, `ws.states` [B,T,N] and `ws.norms` [B,T].
    static func forward(_ ws: Workspace, g0Raw: UnsafePointer<Float>, permutation perm: UnsafePointer<Int32>, eps: Float) {
        let n = ws.units, nn = n * n, bCount = ws.batch, tCount = ws.seq
        ws.g0.update(from: g0Raw, count: n)
        ws.g0Norm = NormReLU.forward(ws.g0, n, eps: eps)
        nonisolated(unsafe) let (g0, states, norms, w) = (ws.g0, ws.states, ws.norms, ws.w)
        nonisolated(unsafe) let sharedPerm = perm
        ws.workers.run(groups) { part in
            for b in (part * bCount / groups)..<((part + 1) * bCount / groups) {
                for t in 0..<tCount {
                    let idx = b * tCount + t
                    let k = Int(sharedPerm[idx])
                    let prev = t == 0 ? UnsafePointer(g0) : UnsafePointer(states + (idx - 1) * n)
                    let out = states + idx * n
                    sgemv(false, n, n, 1, w + k * nn, n, prev, 0, out)
                    norms[idx] = NormReLU.forward(out, n, eps: eps)
                }
            }
        }
    }
}
