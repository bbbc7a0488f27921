/// ReduceLROnPlateau on an exponentially smoothed loss: when the smoothed total loss has not improved by a
/// relative `plateau_threshold` for `plateau_patience` optimiser steps, the learning rate is multiplied by
/// `plateau_factor` (never below `min_lr`).
public struct ReduceLROnPlateau: Equatable, Sendable {
    /// The current learning rate.
    public var lr: Float
    /// The smoothed loss (nil before the first step).
    public var smoothed: Double?
    /// The best smoothed loss so far.
    public var best: Double
    /// Steps since the last improvement.
    public var badSteps: Int

    /// Starts at the config's learning rate.
    public init(_ c: TrainerConfig) {
        lr = c.lr
        smoothed = nil
        best = .infinity
        badSteps = 0
    }

    /// Feeds one step's total loss; returns true when the learning rate was just reduced.
    @discardableResult
    public mutating func observe(_ loss: Double, config c: TrainerConfig) -> Bool {
        let a = Double(c.plateauSmoothing)
        let s = smoothed.map { a * $0 + (1 - a) * loss } ?? loss
        smoothed = s
        if s < best - abs(best) * Double(c.plateauThreshold) || best == .infinity {
            best = s
            badSteps = 0
            return false
        }
        badSteps += 1
        guard badSteps >= c.plateauPatience else { return false }
        badSteps = 0
        let reduced = max(lr * c.plateauFactor, c.minLr)
        defer { lr = reduced }
        return reduced < lr
    }
}
