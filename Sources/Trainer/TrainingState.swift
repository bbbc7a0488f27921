import RepIO

/// Everything a run needs to continue exactly where it stopped: config, weights, optimiser moments, learning-rate
/// schedule, the data generator's state and the step count.
public struct TrainingState: Equatable, Sendable {
    /// The run's hyper-parameters.
    public var config: TrainerConfig
    /// The weights.
    public var params: Parameters
    /// The optimiser's moments.
    public var adam: AdamW
    /// The learning-rate schedule.
    public var plateau: ReduceLROnPlateau
    /// The generator that draws every batch.
    public var rng: Xoshiro256
    /// Optimiser steps completed.
    public var step: Int
    /// Training wall-clock seconds so far (not part of the determinism: only logged).
    public var elapsed: Double

    /// A fresh run: the generator seeded with `config.seed` first draws the initial weights, then the batches.
    public init(config: TrainerConfig) {
        self.config = config
        var rng = Xoshiro256(seed: config.seed)
        params = Parameters.initial(config, rng: &rng)
        self.rng = rng
        adam = AdamW(parameterCount: params.values.count)
        plateau = ReduceLROnPlateau(config)
        step = 0
        elapsed = 0
    }

    /// A state restored from its parts (checkpoints).
    public init(config: TrainerConfig, params: Parameters, adam: AdamW, plateau: ReduceLROnPlateau,
                rng: Xoshiro256, step: Int, elapsed: Double) {
        self.config = config; self.params = params; self.adam = adam; self.plateau = plateau
        self.rng = rng; self.step = step; self.elapsed = elapsed
    }

    /// One AdamW update of the weights (a method so the moments and the weights are borrowed together).
    public mutating func applyUpdate(gradient: [Float], scale: Float = 1, lr: Float) {
        adam.update(&params.values, gradient: gradient, scale: scale, lr: lr, config: config)
    }
}
