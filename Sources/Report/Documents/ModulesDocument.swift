import RepAnalysis
import RepIO

/// `modules --json`: every unit's lattice fit, the modules found, their period ratios and how each pair of
/// modules relates. Read back by `report --modules`, `barcode --modules` and `torus --modules`; `batch` writes the
/// same keys per input file (`modules`, `period_ratios`, `module_units`).
public struct ModulesDocument: Codable, Equatable, Sendable {
    public var units: [Unit]
    public var modules: [Module]
    @NaNAsNull public var periodRatios: [Double] = []
    public var modulePairs: [Pair]

    enum CodingKeys: String, CodingKey { case units, modules, periodRatios = "period_ratios", modulePairs = "module_pairs", labels }

    public struct Unit: Codable, Equatable, Sendable {
        public var unit: Int
        @NaNAsNull public var period: Double = .nan
        @NaNAsNull public var orientation: Double = .nan
        public var gridLike: Bool
        /// The module the unit belongs to: null (not nil-omitted) when none, as the key is always there.
        public var module: Int?
        @NaNAsNull public var sixfold: Double = .nan
        @NaNAsNull public var peakContrast: [Double]? = nil

        enum CodingKeys: String, CodingKey {
            case unit, period = "period_m", orientation = "orientation_deg", gridLike = "grid_like", module, sixfold
            case peakContrast = "peak_contrast"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            unit = try c.decode(Int.self, forKey: .unit)
            _period = try c.decode(NaNAsNull.self, forKey: .period)
            _orientation = try c.decode(NaNAsNull.self, forKey: .orientation)
            gridLike = try c.decodeIfPresent(Bool.self, forKey: .gridLike) ?? true
            module = try c.decodeIfPresent(Int.self, forKey: .module)
            _sixfold = try c.decode(NaNAsNull.self, forKey: .sixfold)
            _peakContrast = try c.decode(NaNAsNull.self, forKey: .peakContrast)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(unit, forKey: .unit)
            try c.encode(_period, forKey: .period)
            try c.encode(_orientation, forKey: .orientation)
            try c.encode(gridLike, forKey: .gridLike)
            try c.encode(module, forKey: .module)    // null when in no module
            try c.encode(_sixfold, forKey: .sixfold)
            try c.encode(_peakContrast, forKey: .peakContrast)
        }

        public init(unit: Int, _ u: FourierUnit) {
            self.unit = unit; period = u.fit.period; orientation = u.fit.orientation; gridLike = u.gridLike
            module = u.module; sixfold = u.fit.sixfold; peakContrast = u.fit.peakContrast
        }
    }

    /// A module. Also read: a bare list of unit indices (the module's number is then its position).
    public struct Module: Codable, Equatable, Sendable {
        public var module: Int
        @NaNAsNull public var period: Double = .nan
        @NaNAsNull public var orientation: Double = .nan
        public var units: [Int]

        enum CodingKeys: String, CodingKey { case module, period = "period_m", orientation = "orientation_deg", units }

        public init(module: Int, period: Double, orientation: Double, units: [Int]) {
            self.module = module; self.period = period; self.orientation = orientation; self.units = units
        }

        public init(from decoder: any Decoder) throws {
            if let units = try? decoder.singleValueContainer().decode([Int].self) {
                self.init(module: decoder.codingPath.last?.intValue ?? 0, period: .nan, orientation: .nan, units: units)
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(module: try c.decodeIfPresent(Int.self, forKey: .module) ?? decoder.codingPath.last?.intValue ?? 0,
                      period: try c.decode(NaNAsNull<Double>.self, forKey: .period).wrappedValue,
                      orientation: try c.decode(NaNAsNull<Double>.self, forKey: .orientation).wrappedValue,
                      units: try c.decode([Int].self, forKey: .units))
        }
    }

    /// Two modules compared (`ModuleRelation`): whether the coarse lattice is a superlattice of the fine one.
    public struct Pair: Codable, Equatable, Sendable {
        public var fine: Int, coarse: Int
        @NaNAsNull public var periodRatio: Double = .nan
        @NaNAsNull public var orientationDifference: Double = .nan
        public var basis: [[Int]]
        public var index: Int
        @NaNAsNull public var residual: Double = .nan
        public var superlattice: Bool
        public var phaseLocking: PhaseLocking?

        enum CodingKeys: String, CodingKey {
            case fine, coarse, periodRatio = "period_ratio", orientationDifference = "orientation_difference_deg"
            case basis, index, residual, superlattice, phaseLocking = "phase_locking"
        }

        public struct PhaseLocking: Codable, Equatable, Sendable {
            @NaNAsNull public var observedMean: Double = .nan
            @NaNAsNull public var nullMean: Double = .nan
            @NaNAsNull public var pValue: Double = .nan
            public var coarseUnits: Int
            enum CodingKeys: String, CodingKey {
                case observedMean = "observed_mean", nullMean = "null_mean", pValue = "p_value", coarseUnits = "coarse_units"
            }
        }

        public init(_ r: ModuleRelation) {
            fine = r.fine; coarse = r.coarse; periodRatio = r.ratio; orientationDifference = r.orientationDifference
            basis = r.basis; index = r.index; residual = r.residual; superlattice = r.isSuperlattice
            phaseLocking = r.phaseLocking.map {
                PhaseLocking(observedMean: $0.observedMean, nullMean: $0.nullMean, pValue: $0.pValue, coarseUnits: $0.coarseUnits)
            }
        }
    }

    /// The document of a detection.
    public init(_ d: ModuleDetection) {
        units = d.units.enumerated().map { Unit(unit: $0, $1) }
        modules = d.modules.map { Module(module: $0.index, period: $0.period, orientation: $0.orientation, units: $0.units) }
        periodRatios = d.periodRatios
        modulePairs = d.relations.map(Pair.init)
    }
}
