import RepIO

/// `barcode --json`: ripser.py's keys where ripser.py has one (`dgms` with death null for an infinite bar,
/// `cocycles`, `num_edges` as `n_edges`, `idx_perm`, `r_cover`) plus the Betti numbers, timings and settings.
/// Read back by `report --barcode`, which needs only `dgms` (a ripser.py result saved as JSON reads too).
public struct BarcodeDocument: Codable, Equatable, Sendable {
    /// Per dimension, the bars [birth, death] (death +∞ for an infinite bar).
    public var dgms: [[Bar]]
    public var betti: [Int]?
    public var bettiRule: String?
    public var summary: String?
    public var nPoints: Int?
    /// The threshold used (capped at the enclosing radius), and the one given (NaN: none given, written null).
    @NaNAsNull public var threshold: Double? = nil
    @NaNAsNull public var thresholdGiven: Double? = nil
    public var coeff: Int?
    public var maxdim: Int?
    public var metric: String?
    public var nEdges: Int?
    public var nEdgesAfterCollapse: Int?
    public var nEdgesBeforeCollapse: Int?
    public var seconds: Double?
    public var computeSeconds: Double?
    public var threads: Int?
    public var warnings: [String]?
    public var input: String?
    public var idxPerm: [Int]?
    public var rCover: Double?
    /// Per dimension, per bar, the cocycle's rows [v_k, …, v_0, coefficient] (ripser.py's layout).
    public var cocycles: [[[[Int]]]]?
    public var shuffles: Shuffles?

    enum CodingKeys: String, CodingKey {
        case dgms, betti, bettiRule = "betti_rule", summary, nPoints = "n_points", threshold, thresholdGiven = "threshold_given"
        case coeff, maxdim, metric, nEdges = "n_edges", nEdgesAfterCollapse = "n_edges_after_collapse"
        case nEdgesBeforeCollapse = "n_edges_before_collapse", seconds, computeSeconds = "compute_seconds", threads
        case warnings, input, idxPerm = "idx_perm", rCover = "r_cover", cocycles, shuffles
    }

    /// A bar [birth, death], death null in JSON for an infinite bar.
    public struct Bar: Codable, Equatable, Sendable {
        public var birth: Double, death: Double
        public init(birth: Double, death: Double) { self.birth = birth; self.death = death }

        public init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            guard c.count == 2 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "is not a [birth, death] pair"))
            }
            birth = try c.decode(Double.self)
            death = try c.decodeNil() ? .infinity : try c.decode(Double.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(birth)
            if death.isFinite { try c.encode(death) } else { try c.encodeNil() }
        }
    }

    /// `barcode --shuffles K`: the significance line per dimension and the Betti numbers above it.
    public struct Shuffles: Codable, Equatable, Sendable {
        public var count: Int
        @NaNAsNull public var significance: [Double] = []
        public var betti: [Int]
        public var rule: String

        public init(count: Int, significance: [Double], betti: [Int], rule: String) {
            self.count = count; self.significance = significance; self.betti = betti; self.rule = rule
        }
    }

    public init(dgms: [[Bar]]) { self.dgms = dgms }

    /// Reads `path`; errors name the file and the key.
    public static func read(_ path: String) throws -> BarcodeDocument { try JSONDocument.read(BarcodeDocument.self, file: path) }
}

extension BarcodeDocument {
    /// `threshold_given` is always written (null when no threshold was given); the other optional keys only when
    /// the run has them.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dgms, forKey: .dgms)
        try c.encodeIfPresent(betti, forKey: .betti)
        try c.encodeIfPresent(bettiRule, forKey: .bettiRule)
        try c.encodeIfPresent(summary, forKey: .summary)
        try c.encodeIfPresent(nPoints, forKey: .nPoints)
        try c.encode(_threshold, forKey: .threshold)
        if let t = thresholdGiven, t.isFinite { try c.encode(t, forKey: .thresholdGiven) } else { try c.encodeNil(forKey: .thresholdGiven) }
        try c.encodeIfPresent(coeff, forKey: .coeff)
        try c.encodeIfPresent(maxdim, forKey: .maxdim)
        try c.encodeIfPresent(metric, forKey: .metric)
        try c.encodeIfPresent(nEdges, forKey: .nEdges)
        try c.encodeIfPresent(nEdgesAfterCollapse, forKey: .nEdgesAfterCollapse)
        try c.encodeIfPresent(nEdgesBeforeCollapse, forKey: .nEdgesBeforeCollapse)
        try c.encodeIfPresent(seconds, forKey: .seconds)
        try c.encodeIfPresent(computeSeconds, forKey: .computeSeconds)
        try c.encodeIfPresent(threads, forKey: .threads)
        try c.encodeIfPresent(warnings, forKey: .warnings)
        try c.encodeIfPresent(input, forKey: .input)
        try c.encodeIfPresent(idxPerm, forKey: .idxPerm)
        try c.encodeIfPresent(rCover, forKey: .rCover)
        try c.encodeIfPresent(cocycles, forKey: .cocycles)
        try c.encodeIfPresent(shuffles, forKey: .shuffles)
    }
}
