/// Thresholds the field uses to call a unit a grid cell, named once.
public enum GridCriteria {
    /// A unit with score_60 above this is counted as a grid cell (the convention of Banino et al. 2018,
    /// Sorscher et al. 2019 and Schaeffer et al. 2023).
    public static let gridScoreThreshold = 0.3
}
