import RepAnalysis
import RepIO

/// `gridness --json`: the scores of every unit, the settings they came from and, with `--shuffles`, the shuffle
/// test. Read back by `report --scores`; `batch` writes the same `units` per input file.
public struct GridnessDocument: Codable, Equatable, Sendable {
    public var source: String
    public var nanPolicy: String
    public var shuffles: ShuffleSummary?
    public var units: [Unit]

    enum CodingKeys: String, CodingKey { case source, nanPolicy = "nan_policy", shuffles, units }

    /// Only `units` is required: scores written by other tools (or by hand) for `report --scores` need no settings.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? ""
        nanPolicy = try c.decodeIfPresent(String.self, forKey: .nanPolicy) ?? ""
        shuffles = try c.decodeIfPresent(ShuffleSummary.self, forKey: .shuffles)
        units = try c.decode([Unit].self, forKey: .units)
    }

    /// One unit's scores (DeepMind's scorer) and the ring mask [inner, outer] each score chose.
    public struct Unit: Codable, Equatable, Sendable {
        public var unit: Int
        @NaNAsNull public var score60: Double = .nan
        @NaNAsNull public var score60MinMax: Double = .nan
        @NaNAsNull public var score90: Double = .nan
        /// [inner, outer] radius of the chosen ring mask, in units of the map's shorter side.
        public var mask60: [Double]?
        public var mask60MinMax: [Double]?
        public var mask90: [Double]?
        @NaNAsNull public var spacing: Double = .nan
        @NaNAsNull public var orientation: Double = .nan
        @NaNAsNull public var ellipseAspectRatio: Double = .nan
        /// With `--shuffles`: the 95th percentile of the unit's shuffled score_60, and its p-value.
        @NaNAsNull public var shuffleThreshold: Double? = nil
        @NaNAsNull public var pValue: Double? = nil

        enum CodingKeys: String, CodingKey {
            case unit, score60 = "score_60", score60MinMax = "score_60_minmax", score90 = "score_90"
            case mask60 = "mask_60", mask60MinMax = "mask_60_minmax", mask90 = "mask_90"
            case spacing = "spacing_m", orientation = "orientation_deg", ellipseAspectRatio = "ellipse_aspect_ratio"
            case shuffleThreshold = "shuffle_threshold", pValue = "p_value"
        }

        /// A unit number must be there and not negative: it says which activation column the scores belong to.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            unit = try c.decode(Int.self, forKey: .unit)
            guard unit >= 0 else {
                throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.unit], debugDescription: "must be 0 or more"))
            }
            _score60 = try c.decode(NaNAsNull.self, forKey: .score60)
            _score60MinMax = try c.decode(NaNAsNull.self, forKey: .score60MinMax)
            _score90 = try c.decode(NaNAsNull.self, forKey: .score90)
            mask60 = try c.decodeIfPresent([Double].self, forKey: .mask60)
            mask60MinMax = try c.decodeIfPresent([Double].self, forKey: .mask60MinMax)
            mask90 = try c.decodeIfPresent([Double].self, forKey: .mask90)
            _spacing = try c.decode(NaNAsNull.self, forKey: .spacing)
            _orientation = try c.decode(NaNAsNull.self, forKey: .orientation)
            _ellipseAspectRatio = try c.decode(NaNAsNull.self, forKey: .ellipseAspectRatio)
            _shuffleThreshold = try c.decode(NaNAsNull.self, forKey: .shuffleThreshold)
            _pValue = try c.decode(NaNAsNull.self, forKey: .pValue)
        }

        /// Unit `unit`'s scores, with the masks looked up in `masks`.
        public init(unit: Int, scores s: GridScores, masks: RingMasks) {
            func mask(_ k: Int) -> [Double] { [masks.parameters[k].inner, masks.parameters[k].outer] }
            self.unit = unit
            score60 = s.score60; score60MinMax = s.score60MinMax; score90 = s.score90
            mask60 = mask(s.mask60); mask60MinMax = mask(s.mask60MinMax); mask90 = mask(s.mask90)
            spacing = s.spacing; orientation = s.orientation; ellipseAspectRatio = s.ellipseAspectRatio
            shuffleThreshold = nil; pValue = nil
        }
    }

    /// `gridness --shuffles`: how the null distribution was drawn.
    public struct ShuffleSummary: Codable, Equatable, Sendable {
        public var count: Int
        public var minShiftSamples: Int
        public var timeBase: String
        public var percentile: Int

        enum CodingKeys: String, CodingKey { case count, minShiftSamples = "min_shift_samples", timeBase = "time_base", percentile }

        public init(count: Int, minShiftSamples: Int, timeBase: String, percentile: Int = 95) {
            self.count = count; self.minShiftSamples = minShiftSamples; self.timeBase = timeBase; self.percentile = percentile
        }
    }

    public init(source: String, nanPolicy: String, shuffles: ShuffleSummary? = nil, units: [Unit]) {
        self.source = source; self.nanPolicy = nanPolicy; self.shuffles = shuffles; self.units = units
    }

    /// The units of `scores` (unit i = activation column i).
    public static func units(_ scores: [GridScores], masks: RingMasks) -> [Unit] {
        scores.enumerated().map { Unit(unit: $0, scores: $1, masks: masks) }
    }
}
