import RepAnalysis
import RepIO

/// `batch --json` (and `merge --json`): one entry per input file, in input order, with its gridness units and
/// modules, or the error that stopped it. A shard file stores each entry as one compact line in `/shard/json`, so
/// `merge` rebuilds this document exactly.
public struct BatchResults: Codable, Equatable, Sendable {
    public var files: [File]

    public init(files: [File]) { self.files = files }

    public struct File: Codable, Equatable, Sendable {
        public var path: String
        public var ok: Bool
        public var error: String?
        /// Gridness per unit, as in `gridness --json`.
        public var units: [GridnessDocument.Unit]?
        /// The modules, their period ratios and the units' fits, as in `modules --json`.
        public var modules: [ModulesDocument.Module]?
        @NaNAsNull public var periodRatios: [Double]? = nil
        public var moduleUnits: [ModulesDocument.Unit]?

        enum CodingKeys: String, CodingKey {
            case path, ok, error, units, modules, periodRatios = "period_ratios", moduleUnits = "module_units"
        }

        /// An input that could not be analysed.
        public init(path: String, error: String) {
            self.path = path; ok = false; self.error = error
            units = nil; modules = nil; periodRatios = nil; moduleUnits = nil
        }

        /// An analysed input.
        public init(path: String, scores: [GridScores], masks: RingMasks, modules d: ModuleDetection?) {
            self.path = path; ok = true; error = nil
            units = GridnessDocument.units(scores, masks: masks)
            let m = d.map(ModulesDocument.init)
            modules = m?.modules; periodRatios = m?.periodRatios; moduleUnits = m?.units
        }
    }
}
