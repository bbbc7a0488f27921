import TopologyTDA

/// Everything the report can show, as plain values: maps, scores, module assignments, barcodes, loss curves.
///
/// Each part is optional; a section whose inputs are missing shows a note saying why (never made-up numbers).
/// The analyses (rate maps, gridness, Fourier modules, persistent homology, the trainer's log) fill these in.
public struct ReportContent: Sendable {
    /// The page title (usually the input file's name).
    public var title: String
    /// Provenance rows: file, datasets, box, bins, versions, command line.
    public var provenance: [(String, String)] = []

    /// A stack of 2-D maps [unit, row (y), column (x)].
    public struct MapStack: Sendable {
        public var rows: Int, columns: Int
        /// One map per entry, row-major [rows, columns], NaN = no data.
        public var maps: [[Double]]
        /// The unit index (column of the activations) of each map.
        public var units: [Int]
        /// Width of one map in metres (for the scale bar); nil for lag or frequency maps.
        public var widthMetres: Double?
        /// A stack of maps.
        public init(rows: Int, columns: Int, maps: [[Double]], units: [Int], widthMetres: Double? = nil) {
            self.rows = rows; self.columns = columns; self.maps = maps; self.units = units; self.widthMetres = widthMetres
        }
    }
    /// Rate maps of the units (any subset, identified by `units`).
    public var rateMaps: MapStack?
    /// Spatial autocorrelograms of the same units (optional).
    public var autocorrelograms: MapStack?

    /// Gridness of one unit.
    public struct UnitScores: Sendable {
        public var unit: Int
        public var score60: Double, score60MinMax: Double, score90: Double
        /// Grid spacing in metres and orientation in degrees (NaN when unknown).
        public var spacing: Double, orientation: Double
        /// One unit's scores.
        public init(unit: Int, score60: Double, score60MinMax: Double = .nan, score90: Double, spacing: Double = .nan, orientation: Double = .nan) {
            self.unit = unit; self.score60 = score60; self.score60MinMax = score60MinMax; self.score90 = score90
            self.spacing = spacing; self.orientation = orientation
        }
    }
    /// Gridness of every unit.
    public var gridness: [UnitScores]?
    /// The threshold line drawn on the gridness histograms.
    public var gridnessThreshold = 0.3

    /// One grid module as found by the Fourier analysis.
    public struct Module: Sendable {
        public var id: Int
        public var period: Double, orientation: Double
        /// Member units (activation columns).
        public var units: [Int]
        /// The module's mean power spectrum [rows, columns] (centred, DC in the middle), if computed.
        public var meanSpectrum: (rows: Int, columns: Int, values: [Double])?
        /// The three lattice peaks of the spectrum in spectrum-pixel coordinates (column, row), if known.
        public var latticePeaks: [(column: Double, row: Double)] = []
        /// Each member's spatial phase within the unit cell, as fractions (u, v) in [0, 1)², if known.
        public var phases: [(u: Double, v: Double)] = []
        /// A module.
        public init(id: Int, period: Double, orientation: Double, units: [Int]) {
            self.id = id; self.period = period; self.orientation = orientation; self.units = units
        }
    }
    /// Grid modules (sorted by period when drawn).
    public var modules: [Module]?
    /// Per unit period (m) and orientation (°) from the Fourier fit, NaN where there is none; index = unit.
    public var unitPeriods: [Double]?
    public var unitOrientations: [Double]?

    /// Persistent homology of one module's population activity.
    public struct Topology: Sendable {
        /// Which module and how the point cloud was made (e.g. "module 1, 32 units, PCA 6, 800 landmarks").
        public var description: String
        /// Bars per dimension (H0, H1, H2…), death = +infinity for infinite bars.
        public var diagrams: [[PersistenceInterval]]
        /// The Betti numbers read from the barcode.
        public var betti: [Int]
        /// A 2-D or 3-D projection of the population activity (each point [x, y] or [x, y, z]).
        public var projection: [[Double]]
        /// The module's toroidal coordinates, when they were decoded.
        public var torus: TorusView? = nil
        /// Topology content.
        public init(description: String, diagrams: [[PersistenceInterval]], betti: [Int], projection: [[Double]] = []) {
            self.description = description; self.diagrams = diagrams; self.betti = betti; self.projection = projection
        }
    }
    public var topology: Topology?

    /// A training run: loss curves per term and the config text.
    public struct Training: Sendable {
        public var curves: [LinePlot.Series]
        public var config: String
        public var runDirectory: String
        /// Training content.
        public init(curves: [LinePlot.Series], config: String, runDirectory: String) {
            self.curves = curves; self.config = config; self.runDirectory = runDirectory
        }
    }
    public var training: Training?

    /// Ground truth of a simulated input (`repanalyze simulate`): per module period and orientation, per unit kind.
    public struct Truth: Sendable {
        public var modulePeriods: [Double], moduleOrientations: [Double]
        /// Kind of each unit ("grid", "place" …) and its true module (−1 if none).
        public var kinds: [String], unitModules: [Int]
        /// Truth.
        public init(modulePeriods: [Double], moduleOrientations: [Double], kinds: [String], unitModules: [Int]) {
            self.modulePeriods = modulePeriods; self.moduleOrientations = moduleOrientations
            self.kinds = kinds; self.unitModules = unitModules
        }
    }
    public var truth: Truth?

    /// A training sweep (`repanalyze sweep DIR --summary`): one row per run, cells as text.
    public struct Sweep: Sendable {
        public var folder: String
        public var columns: [String]
        public var rows: [[String]]
        /// Sweep content.
        public init(folder: String, columns: [String], rows: [[String]]) {
            self.folder = folder; self.columns = columns; self.rows = rows
        }
    }
    public var sweep: Sweep?
    /// A trained network in boxes of several sizes (`repanalyze generalization --json`).
    public var generalization: GeneralizationDocument?

    /// Why a section has no content, by section id ("gridness", "fourier", "topology" …), shown as a note.
    public var unavailable: [String: String] = [:]

    /// Empty content with a title.
    public init(title: String) { self.title = title }
}
