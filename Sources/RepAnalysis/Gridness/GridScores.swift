/// The gridness of one rate map: DeepMind's three scores (each the maximum over the ring masks, with the mask
/// it came from) and the lattice geometry read off the autocorrelogram.
public struct GridScores: Sendable, Equatable {
    /// Banino 2018 / Sorscher 2019 score: (c60 + c120)/2 − (c30 + c90 + c150)/3, best mask.
    public var score60: Double
    /// Sargolini 2006 form: min(c60, c120) − max(c30, c90, c150), best mask (chosen independently).
    public var score60MinMax: Double
    /// Square-lattice score: c90 − (c45 + c135)/2, best mask (chosen independently).
    public var score90: Double
    /// Index into `RingMasks.parameters` of the mask each score came from.
    public var mask60: Int, mask60MinMax: Int, mask90: Int
    /// Per-mask score_60 and score_90 (for checking against the reference).
    public var scores60PerMask: [Double], scores90PerMask: [Double]
    /// Correlations with the rotated SAC at 30, 45, 60, 90, 120, 135, 150° for the best score_60 mask.
    public var correlationsBestMask60: [Double]
    /// Grid spacing: mean distance (metres) of the up-to-six SAC peaks nearest the centre; NaN without peaks.
    public var spacing: Double
    /// Grid orientation in degrees, [0, 60): the angle, counter-clockwise from +x (x = column axis, y = row
    /// axis), of the lattice vectors taken modulo 60° (six-fold circular mean of the peak angles); NaN without peaks.
    public var orientation: Double
    /// Ratio of the major to the minor axis of the ellipse through the six inner peaks (1 = circular); NaN
    /// when fewer than three peak directions are found.
    public var ellipseAspectRatio: Double
}

/// The angles at which DeepMind's scorer correlates the SAC with its rotations, in the order used everywhere.
public let gridCorrelationAngles: [Double] = [30, 45, 60, 90, 120, 135, 150]
