import RepIO

/// `generalization --json`: a trained network's code in square boxes of several sizes — gridness, modules and
/// their relation per box — to see whether it holds beyond the box it was trained in.
public struct GeneralizationDocument: Codable, Equatable, Sendable {
    /// The checkpoint rolled out.
    public var checkpoint: String
    /// The gridness threshold the `grid_units` count uses (score_60 above it).
    public var gridThreshold: Double
    public var boxes: [Box]

    enum CodingKeys: String, CodingKey { case checkpoint, gridThreshold = "grid_threshold", boxes }

    public init(checkpoint: String, gridThreshold: Double, boxes: [Box]) {
        self.checkpoint = checkpoint; self.gridThreshold = gridThreshold; self.boxes = boxes
    }

    /// One box: its walks, bins and what the analyses found.
    public struct Box: Codable, Equatable, Sendable {
        public var sideMetres: Double
        public var walks: Int, walkLength: Int, bins: Int
        public var units: Int
        /// Units with score_60 above the threshold.
        public var gridUnits: Int
        @NaNAsNull public var medianScore60: Double = .nan
        @NaNAsNull public var maxScore60: Double = .nan
        public var modules: [Module]
        @NaNAsNull public var periodRatios: [Double] = []
        public var modulePairs: [Pair]

        enum CodingKeys: String, CodingKey {
            case sideMetres = "box_m", walks, walkLength = "walk_length", bins, units, gridUnits = "grid_units"
            case medianScore60 = "median_score_60", maxScore60 = "max_score_60", modules
            case periodRatios = "period_ratios", modulePairs = "module_pairs"
        }

        public init(sideMetres: Double, walks: Int, walkLength: Int, bins: Int, units: Int, gridUnits: Int,
                    medianScore60: Double, maxScore60: Double, modules: [Module], periodRatios: [Double], modulePairs: [Pair]) {
            self.sideMetres = sideMetres; self.walks = walks; self.walkLength = walkLength; self.bins = bins
            self.units = units; self.gridUnits = gridUnits; self.medianScore60 = medianScore60
            self.maxScore60 = maxScore60; self.modules = modules; self.periodRatios = periodRatios; self.modulePairs = modulePairs
        }
    }

    /// A module found in one box: its period (m), orientation (degrees) and how many units it holds.
    public struct Module: Codable, Equatable, Sendable {
        public var periodMetres: Double, orientationDegrees: Double, units: Int
        enum CodingKeys: String, CodingKey { case periodMetres = "period_m", orientationDegrees = "orientation_deg", units }
        public init(periodMetres: Double, orientationDegrees: Double, units: Int) {
            self.periodMetres = periodMetres; self.orientationDegrees = orientationDegrees; self.units = units
        }
    }

    /// Two successive modules: whether the coarse lattice is a superlattice of the fine one, and its index.
    public struct Pair: Codable, Equatable, Sendable {
        public var fine: Int, coarse: Int, superlattice: Bool, index: Int
        public init(fine: Int, coarse: Int, superlattice: Bool, index: Int) {
            self.fine = fine; self.coarse = coarse; self.superlattice = superlattice; self.index = index
        }
    }
}
