import Foundation

/// Backpropagation through time, by hand: from dL/dg_{b,t} (the losses' gradient in `ws.dStates`, `ws.dg0`)
/// back through NormReLU and the recurrence to dL/dW(v_k) for each base velocity, then through the MLP.
enum Backward {
    /// Runs BPTT and the MLP's backward pass, writing every parameter's gradient into `grad`.
    static func run(_ ws: Workspace, params p: UnsafePointer<Float>, offsets o: ParameterOffsets,
                    batch: TrajectoryBatch, config c: TrainerConfig, grad: UnsafeMutablePointer<Float>) {
        let n = ws.units, nn = n * n, bCount = ws.batch, tCount = ws.seq, eps = c.eps
        let t0 = PhaseTimers.now()
        batch.permutation.withUnsafeBufferPointer { permBuf in
            let perm = permBuf.baseAddress!
            // Through time, last step first, each group of trajectories on its own thread; dStates[b,t] becomes
            // dL/dz_{b,t} in place. The groups' contributions to the shared g_0 are added in group order.
            let groups = Recurrence.groups
            nonisolated(unsafe) let (states, dStates, norms, w, dg0Part) = (ws.states, ws.dStates, ws.norms, ws.w, ws.dg0Part)
            nonisolated(unsafe) let sharedPerm = perm
            dg0Part.update(repeating: 0, count: groups * n)
            ws.workers.run(groups) { part in
                for b in (part * bCount / groups)..<((part + 1) * bCount / groups) {
                    for t in stride(from: tCount - 1, through: 0, by: -1) {
                        let idx = b * tCount + t
                        let dz = dStates + idx * n
                        NormReLU.backward(states + idx * n, dz, n, norm: norms[idx], eps: eps)
                        let dPrev = t == 0 ? dg0Part + part * n : dStates + (idx - 1) * n
                        // dg_{t−1} += W(v)ᵀ·dz_t
                        sgemv(true, n, n, 1, w + Int(sharedPerm[idx]) * nn, n, dz, 1, dPrev)
                    }
                }
            }
            for part in 0..<groups { for d in 0..<n { ws.dg0[d] += dg0Part[part * n + d] } }
            // dW(v_k) = Σ over the steps that used v_k of dz ⊗ g_prev: gather those rows, one product per k.
            let pCount = bCount * tCount
            for k in 0...tCount { ws.start[k] = 0 }
            for idx in 0..<pCount { ws.start[Int(perm[idx]) + 1] += 1 }
            for k in 0..<tCount { ws.start[k + 1] += ws.start[k] }
            for idx in 0..<pCount {
                let k = Int(perm[idx])
                let slot = ws.start[k]
                (ws.sortedDZ + slot * n).update(from: ws.dStates + idx * n, count: n)
                let prev = idx % tCount == 0 ? UnsafePointer(ws.g0) : UnsafePointer(ws.states + (idx - 1) * n)
                (ws.sortedPrev + slot * n).update(from: prev, count: n)
                ws.start[k] += 1
            }
            // start[k] now holds the end of group k; the beginning is the end of group k − 1. One product per
            // velocity, each writing its own dW(v_k): the velocities are the chunks.
            nonisolated(unsafe) let (start, sortedDZ, sortedPrev, dW) = (ws.start, ws.sortedDZ, ws.sortedPrev, ws.dW)
            ws.workers.run(tCount) { k in
                let lo = k == 0 ? 0 : start[k - 1], hi = start[k]
                if hi > lo {
                    sgemm(true, false, n, n, hi - lo, 1, sortedDZ + lo * n, n, sortedPrev + lo * n, n, 0, dW + k * nn, n)
                } else {
                    (dW + k * nn).update(repeating: 0, count: nn)
                }
            }
        }
        let t1 = PhaseTimers.now()
        ws.timers.bptt += t1 - t0
        batch.baseVelocity.withUnsafeBufferPointer { v in
            HyperMLP.backward(ws, params: p, offsets: o, velocities: v.baseAddress!, count: tCount, grad: grad)
        }
        // g_0 = NormReLU(g0_raw), shared by the batch.
        let gg0 = grad + o.g0
        if c.trainG0 {
            gg0.update(from: ws.dg0, count: n)
            NormReLU.backward(ws.g0, gg0, n, norm: ws.g0Norm, eps: eps)
        } else {
            gg0.update(repeating: 0, count: n)
        }
        ws.timers.mlpBackward += PhaseTimers.now() - t1
    }
}
