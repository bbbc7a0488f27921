import RepIO

/// A `"kind": "eval"` line of log.jsonl (`train --eval-every K`): how grid-like, modular and spatial the network's
/// code is at `step`. The training lines beside it are `TrainingLogLine` (Trainer).
public struct EvaluationLogLine: Codable, Equatable, Sendable {
    public var step: Int
    /// Training seconds at `step`, and the seconds this evaluation took.
    @NaNAsNull public var time: Double = .nan
    public var kind = "eval"
    /// Fraction of units with score_60 above `GridCriteria.gridScoreThreshold`; max and median score_60.
    public var gridFraction: Double?
    @NaNAsNull public var score60Max: Double? = nil
    @NaNAsNull public var score60Median: Double? = nil
    public var modules: Int?
    @NaNAsNull public var modulePeriods: [Double]? = nil
    @NaNAsNull public var periodRatio: Double? = nil
    /// State distance of samples < 5 cm apart over that of all pairs (short walks, and one long walk).
    @NaNAsNull public var spatialRatio: Double? = nil
    @NaNAsNull public var longSpatialRatio: Double? = nil
    /// Betti numbers of the largest module (every few evaluations).
    public var betti: [Int]?
    public var evalSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case step, time, kind, gridFraction = "grid_fraction", score60Max = "score60_max", score60Median = "score60_median"
        case modules, modulePeriods = "module_periods", periodRatio = "period_ratio", spatialRatio = "spatial_ratio"
        case longSpatialRatio = "long_spatial_ratio", betti, evalSeconds = "eval_seconds"
    }

    public init(step: Int, time: Double) { self.step = step; self.time = time }
}
