/// The whole objective of one batch: forward (MLP, recurrence), the losses, and optionally the gradient of the
/// weighted total with respect to every parameter.
public enum Objective {
    /// Checks that the workspace, parameters and batch describe the same shapes (the config is the authority), and
    /// that a pair subset fits the workspace.
    static func checkShapes(_ ws: Workspace, _ params: Parameters, _ batch: TrajectoryBatch) -> Bool {
        params.units == ws.units && params.width == ws.width && batch.batch == ws.batch && batch.seq == ws.seq
            && batch.baseVelocity.count == 2 * batch.seq && batch.permutation.count == batch.batch * batch.seq
            && batch.positions.count == 2 * batch.batch * batch.seq
            && batch.permutation.allSatisfy { $0 >= 0 && Int($0) < batch.seq }
            && PairSubset.isValid(batch.pairSubset, states: ws.stateCount, capacity: ws.pairSubsetCapacity)
    }

    /// Forward pass only: fills the workspace's W(v), g_0 and states.
    public static func forward(_ ws: Workspace, params: Parameters, batch: TrajectoryBatch, config c: TrainerConfig) {
        precondition(checkShapes(ws, params, batch), "Objective: workspace, parameters and batch shapes differ")
        let o = params.offsets
        params.values.withUnsafeBufferPointer { pb in
            let p = pb.baseAddress!
            let t0 = PhaseTimers.now()
            batch.baseVelocity.withUnsafeBufferPointer { v in
                HyperMLP.forward(ws, params: p, offsets: o, velocities: v.baseAddress!, count: batch.seq)
            }
            let t1 = PhaseTimers.now()
            batch.permutation.withUnsafeBufferPointer { perm in
                Recurrence.forward(ws, g0Raw: p + o.g0, permutation: perm.baseAddress!, eps: c.eps)
            }
            ws.timers.mlpForward += t1 - t0
            ws.timers.recurrence += PhaseTimers.now() - t1
        }
    }

    /// The loss terms of `batch` under `params`, without the gradient.
    public static func loss(_ ws: Workspace, params: Parameters, batch: TrajectoryBatch, config c: TrainerConfig) -> LossTerms {
        forward(ws, params: params, batch: batch, config: c)
        return SSLLoss.evaluate(ws, batch: batch, config: c, gradient: false)
    }

    /// The loss terms and d total / d params, written into `gradient` (same layout as `params.values`).
    public static func lossAndGradient(_ ws: Workspace, params: Parameters, batch: TrajectoryBatch,
                                       config c: TrainerConfig, gradient: inout [Float]) -> LossTerms {
        forward(ws, params: params, batch: batch, config: c)
        let terms = SSLLoss.evaluate(ws, batch: batch, config: c, gradient: true)
        if gradient.count != params.values.count { gradient = [Float](repeating: 0, count: params.values.count) }
        let o = params.offsets
        params.values.withUnsafeBufferPointer { pb in
            gradient.withUnsafeMutableBufferPointer { gb in
                Backward.run(ws, params: pb.baseAddress!, offsets: o, batch: batch, config: c, grad: gb.baseAddress!)
            }
        }
        return terms
    }
}
