import RepIO

/// `torus --json`: how a module's toroidal coordinates were found — the units, the H1 bars and the two used, the
/// scales of the circular coordinates, the landmark cover, and each unit's phase on the torus.
public struct TorusSummary: Codable, Equatable, Sendable {
    public var module: Int
    public var units: [Int]
    public var samples: Int
    /// Samples within the landmarks' cover (the others have NaN coordinates).
    public var covered: Int
    public var landmarks: Int
    @NaNAsNull public var coverRadius: Double = .nan
    @NaNAsNull public var pcaExplainedVariance: Double = .nan
    /// Whether the principal components were divided by their standard deviations (nil in older files).
    public var whitened: Bool?
    /// The integer change of basis (rows) that put the two coordinates in the reduced basis of their cocycles.
    public var basis: [[Int]]?
    /// The most persistent H1 bars (up to 8), and the two whose cocycles give the coordinates.
    @NaNAsNull public var h1Bars: [[Double]] = []
    @NaNAsNull public var barsUsed: [[Double]] = []
    @NaNAsNull public var scales: [Double] = []
    @NaNAsNull public var solverResiduals: [Double] = []
    /// Per unit, its two phases (radians).
    @NaNAsNull public var unitPhases: [[Double]] = []

    enum CodingKeys: String, CodingKey {
        case module, units, samples, covered, landmarks, coverRadius = "cover_radius"
        case pcaExplainedVariance = "pca_explained_variance", whitened, basis, h1Bars = "h1_bars", barsUsed = "bars_used", scales
        case solverResiduals = "solver_residuals", unitPhases = "unit_phases"
    }

    public init(module: Int, units: [Int], samples: Int, covered: Int, landmarks: Int, coverRadius: Double,
                pcaExplainedVariance: Double, whitened: Bool? = nil, basis: [[Int]]? = nil, h1Bars: [[Double]], barsUsed: [[Double]], scales: [Double],
                solverResiduals: [Double], unitPhases: [[Double]]) {
        self.module = module; self.units = units; self.samples = samples; self.covered = covered
        self.landmarks = landmarks; self.coverRadius = coverRadius; self.pcaExplainedVariance = pcaExplainedVariance
        self.whitened = whitened; self.basis = basis
        self.h1Bars = h1Bars; self.barsUsed = barsUsed; self.scales = scales; self.solverResiduals = solverResiduals
        self.unitPhases = unitPhases
    }
}
