import Foundation
import RepIO

/// What one optimiser step did: the loss terms (mean over its micro-batches), the gradient norm before
/// clipping, and the learning rate it used.
public struct StepRecord: Sendable {
    /// Optimiser steps completed, this one included.
    public var step: Int
    /// Loss terms, mean over the step's micro-batches.
    public var terms: LossTerms
    /// Global gradient norm before clipping.
    public var gradNorm: Double
    /// The learning rate the step used.
    public var lr: Float
    /// Training seconds at the end of the step.
    public var elapsed: Double
}

/// The optimisation loop: each step draws `accumulation` fresh batches, averages their gradients, clips the
/// global norm, applies AdamW and feeds the plateau schedule. A class because it owns the workspace and the
/// gradient buffers reused every step.
public final class TrainingLoop {
    /// The state a checkpoint saves.
    public private(set) var state: TrainingState
    let ws: Workspace
    var grad: [Float], accum: [Float]
    var batch: TrajectoryBatch

    /// A loop continuing from `state`, on up to `workers` threads (the results are the same for any count).
    public init(state: TrainingState, workers: Int = ParallelChunks.availableCores) {
        self.state = state
        ws = Workspace(state.config, workers: workers)
        grad = [Float](repeating: 0, count: state.params.values.count)
        accum = grad
        let c = state.config
        batch = TrajectoryBatch(baseVelocity: [Float](repeating: 0, count: 2 * c.seq),
                                permutation: [Int32](repeating: 0, count: c.batch * c.seq), batch: c.batch, seq: c.seq)
        if let m = c.pairSubsetCount { batch.pairSubset = [Int32](repeating: 0, count: m) }
    }

    /// The target step count (`--steps` on resume changes it).
    public func setTargetSteps(_ steps: Int) { state.config.steps = steps }

    /// Seconds per phase accumulated so far.
    public var timers: PhaseTimers { ws.timers }

    /// One optimiser step.
    public func step() throws -> StepRecord {
        let t0 = PhaseTimers.now()
        let c = state.config
        let micro = c.accumulation
        var sum = LossTerms()
        for m in 0..<micro {
            batch.resample(vmax: c.vmax, permute: c.permute, rng: &state.rng)
            // After the batch, from the same generator: a resumed run draws the same subsets.
            if let m = c.pairSubsetCount { batch.drawPairSubset(count: m, rng: &state.rng) }
            // The first micro-batch writes the sum directly; the others are added to it.
            let t = m == 0
                ? Objective.lossAndGradient(ws, params: state.params, batch: batch, config: c, gradient: &accum)
                : Objective.lossAndGradient(ws, params: state.params, batch: batch, config: c, gradient: &grad)
            sum.total += t.total; sum.sep += t.sep; sum.inv += t.inv; sum.cap += t.cap; sum.ci += t.ci; sum.iso += t.iso
            sum.nSep += t.nSep; sum.nInv += t.nInv; sum.nCI += t.nCI; sum.dead += t.dead
            if m > 0 {
                grad.withUnsafeBufferPointer { g in
                    accum.withUnsafeMutableBufferPointer { a in for i in 0..<a.count { a[i] += g[i] } }
                }
            }
        }
        let k = 1 / Double(micro)
        sum.total *= k; sum.sep *= k; sum.inv *= k; sum.cap *= k; sum.ci *= k; sum.iso *= k; sum.dead *= k
        sum.nSep /= micro; sum.nInv /= micro; sum.nCI /= micro
        // Mean over micro-batches and clipping fold into one factor applied inside the AdamW pass.
        let norm = globalNorm(accum) * k
        guard sum.total.isFinite, norm.isFinite else {
            throw TrainerError.diverged(step: state.step + 1, reason: "loss \(sum.total), gradient norm \(norm)")
        }
        let clip = c.clipNorm > 0 && norm > Double(c.clipNorm) ? Double(c.clipNorm) / norm : 1
        // Warm-up scales the schedule's rate by (step + 1)/warmup_steps; it depends on the step only, so resume
        // stays exact.
        let warm = c.warmupSteps > 0 ? min(1, Float(state.step + 1) / Float(c.warmupSteps)) : 1
        let lr = state.plateau.lr * warm
        state.applyUpdate(gradient: accum, scale: Float(k * clip), lr: lr)
        state.plateau.observe(sum.total, config: c)
        state.step += 1
        state.elapsed += PhaseTimers.now() - t0
        return StepRecord(step: state.step, terms: sum, gradNorm: norm, lr: lr, elapsed: state.elapsed)
    }
}
