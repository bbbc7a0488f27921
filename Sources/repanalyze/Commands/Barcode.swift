import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report
import TopologyTDA

/// `repanalyze barcode INPUT.h5`: Vietoris–Rips persistent homology of a point cloud, a distance matrix or one
/// module's population activity, with the Betti numbers it shows.
struct BarcodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "barcode",
        abstract: "Persistent homology (Vietoris–Rips barcodes) of a point cloud or a population's activity.",
        discussion: """
        Computes the barcodes ripser computes — same algorithm, same Float32 distances, same bars — in dimensions 0…--maxdim with coefficients in Z/p, and ends with the Betti numbers of the bars that stand out, e.g. `betti (1, 2, 1) — consistent with a torus`. A bar stands out when it lies above the largest gap in the sorted persistences (the gap must be clear: the bar at least 1.5× the next and 5 % of the threshold), or, with --min-persistence, when it is at least that long; infinite H0 bars (components at the threshold) always count, and so do infinite bars of an edge list without a threshold.

        INPUT is an HDF5 file holding a point cloud (`points` [n,d], or --dataset), a distance matrix (--distance-matrix: a dense [n,n] dataset whose nonzero diagonal entries are vertex births, a lower-triangular vector with optional --births, or Ripser's text format; +inf entries mean no edge, negative values are allowed), a sparse edge list (--edge-list: `edges` [m,3] rows i, j, value; a row (i, i, b) is the birth of vertex i), a single-channel image (--lower-star: H0 of its lower-star filtration, as ripser.py's lower_star_img), or an activation dump (`activations` [T,N]; each time sample is one point in R^N). For neural data the Gardner et al. (2022) pipeline is available, each step optional, in this order: --units / --module, --zscore, --pca K, --every K, --denoise F, --landmarks M.

        Examples:
          repanalyze barcode cloud.h5 --maxdim 2
          repanalyze barcode run.h5 --module 2 --modules modules.json --zscore --pca 6 --landmarks 1000 --maxdim 2 --coeff 47 --json bars.json -o bars.h5
          repanalyze barcode sphere.lower_distance_matrix --distance-matrix --maxdim 2
          repanalyze barcode cloud.h5 --maxdim 2 --threads 1      (the single-thread engine; default: every core it may use)
          repanalyze barcode cloud.h5 --n-perm 500 --json bars.json   (ripser.py's n_perm: idx_perm, r_cover in the JSON)
          repanalyze barcode --lower-star image.h5 --dataset img --json bars.json

        Outputs: --json writes {"dgms": [[[birth, death], …] per dimension], "betti", "n_points", "threshold" (used), "threshold_given", "n_edges" (ripser.py's num_edges), "coeff", …} with death null for an infinite bar (ripser.py's layout; with --cocycles also "cocycles", with --n-perm "idx_perm" and "r_cover"); -o writes an HDF5 file with one dataset per dimension, `dgm_0`, `dgm_1`, … [m,2], infinite deaths as +inf.
        """)

    @Argument(help: "HDF5 file with a point cloud, a distance matrix or an activation dump (or a Ripser text matrix).")
    var input: String

    @Option(help: ArgumentHelp("Dataset holding the points [n,d] or the distances (default `points`, or `distances` with --distance-matrix).", valueName: "PATH"))
    var dataset: String?

    @OptionGroup var dump: DumpOptions

    @Option(help: "Highest homology dimension: 1 for loops (default; 0 with --lower-star), 2 for the void of a torus or sphere.")
    var maxdim: Int?

    @Option(help: "Coefficients in Z/p for this prime p (2 default; 47 is common in the grid-cell literature).")
    var coeff = 2

    @Option(help: "Largest edge length (scale) to build the complex to. Default: the enclosing radius, beyond which no finite bar dies.")
    var threshold: Double?

    @Option(name: .customLong("metric"), help: ArgumentHelp("Distance between points.", valueName: "METRIC"))
    var metricChoice: Metric = .euclidean
    /// --metric's spelling, as the outputs record it.
    var metric: String { metricChoice.rawValue }

    @Flag(help: "INPUT (or --dataset) is a distance matrix, not points.")
    var distanceMatrix = false

    @Flag(help: "--dataset (default `edges`) is a sparse edge list [m,3]: rows (i, j, value), vertices 0-based, a row (i, i, b) the birth of vertex i (ripser.py's sparse-matrix diagonal); the complex is built from these edges only (threshold default: all of them).")
    var edgeList = false

    @Option(help: ArgumentHelp("With --edge-list: the number of vertices (ripser.py: the sparse matrix's shape); default the largest index + 1. A vertex in no row is born at 0 and never joins.", valueName: "N"))
    var vertices: Int?

    @Flag(help: "INPUT's --dataset (default `img`) is a single-channel image [rows, columns]: bars of its lower-star filtration (each pixel born at its value, joined to its 8 neighbours at the larger value), as ripser.py's lower_star_img (H0; --maxdim for more).")
    var lowerStar = false

    @Option(help: ArgumentHelp("With --distance-matrix: a dataset [n] of vertex births (for a lower triangle, which has no diagonal).", valueName: "PATH"))
    var births: String?

    @Option(help: ArgumentHelp("ripser.py's n_perm: compute on the first K points of a greedy (furthest-point) permutation started at point 0; the JSON gets idx_perm and r_cover.", valueName: "K"))
    var nPerm: Int?

    @Option(help: ArgumentHelp("Use only these units (columns), e.g. `3,5,7-40` (0-based).", valueName: "LIST"))
    var units: String?

    @Option(help: ArgumentHelp("Use the units of module K from --modules (its \"module\" number).", valueName: "K"))
    var module: Int?

    @Option(help: ArgumentHelp("Modules JSON from `repanalyze modules` (lists of unit indices per module).", valueName: "FILE"))
    var modules: String?

    @Flag(help: "Z-score each unit before anything else.")
    var zscore = false

    @Option(help: ArgumentHelp("Project on the first K principal components (6 for a grid module).", valueName: "K"))
    var pca: Int?

    @Option(help: ArgumentHelp("Keep every K-th time sample.", valueName: "K"))
    var every: Int?

    @Option(help: ArgumentHelp("Drop this fraction of lowest-density points (distance to the 15th neighbour), e.g. 0.1.", valueName: "F"))
    var denoise: Double?

    @Option(help: ArgumentHelp("Subsample to M landmarks by furthest-point (max–min) sampling.", valueName: "M"))
    var landmarks: Int?

    @Option(help: "Seed for the first landmark (results repeat for a given seed).")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Count a finite bar in the Betti numbers when death − birth ≥ this (default: largest-gap rule).", valueName: "P"))
    var minPersistence: Double?

    @Option(help: ArgumentHelp("Significance from K shuffles (activation dumps): each unit shifted in time by its own lag, the same pipeline run again; the longest shuffled bar per dimension is the significance line, and the Betti numbers count only bars above it (Gardner et al. 2022).", valueName: "K"))
    var shuffles: Int?

    @Option(name: .customLong("shuffle-seed"), help: ArgumentHelp("Seed of the shuffles' lags.", valueName: "S"))
    var shuffleSeed: UInt64 = 0

    @Option(help: ArgumentHelp("Edge collapse before building the complex: auto (H2 and up, large graphs), always or never.", valueName: "MODE"))
    var collapse: CollapseChoice = .auto

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the diagrams to this HDF5 file (dgm_0, dgm_1, …).", valueName: "BARS.h5"))
    var output: String?

    @Option(help: ArgumentHelp("Write the diagrams as JSON to this file (`-` for stdout).", valueName: "BARS.json"))
    var json: String?

    @Flag(help: "Also write a representative cocycle per bar (dimensions ≥ 1) to the JSON, as `cocycles`: rows [vk, …, v0, coefficient], vertices decreasing, in ripser.py's row order (its layout and orientation exactly; with --n-perm the vertices are indices of the original cloud) — for circular coordinates. Disables edge collapse.")
    var cocycles = false

    @Option(help: ArgumentHelp("Threads for the neighbour graph, the edge collapse and the column reduction (default: the cores this process may use — all, or its taskset/SLURM CPUs; 1 = the single-thread engine, the choice on a core shared with other work). The bars are the same for any N.", valueName: "N"))
    var threads: Int?

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    /// --threads, or the cores this process may use (its affinity mask: taskset, a SLURM task's CPUs).
    var threadCount: Int { threads ?? ParallelChunks.availableCores }

    /// --maxdim, or its default: 1, or 0 for an image (ripser.py's lower_star_img gives H0).
    var maxDimension: Int { maxdim ?? (lowerStar ? 0 : 1) }

    func validate() throws {
        if let maxdim, maxdim < 0 { throw ValidationError("--maxdim must be 0 or more (got \(maxdim))") }
        if let threshold, threshold.isNaN { throw ValidationError("--threshold must be a number (got nan)") }
        if let nPerm, nPerm < 1 { throw ValidationError("--n-perm must be at least 1 (got \(nPerm))") }
        if nPerm != nil && landmarks != nil { throw ValidationError("give --n-perm or --landmarks, not both") }
        if nPerm != nil && (edgeList || lowerStar) { throw ValidationError("--n-perm needs points or a distance matrix (ripser.py: not for sparse input)") }
        if edgeList && lowerStar { throw ValidationError("give --edge-list or --lower-star, not both") }
        if (edgeList || lowerStar) && distanceMatrix { throw ValidationError("--distance-matrix does not go with --edge-list or --lower-star") }
        if births != nil && !distanceMatrix { throw ValidationError("--births goes with --distance-matrix") }
        if let vertices, !edgeList || vertices < 1 { throw ValidationError("--vertices goes with --edge-list and must be at least 1 (got \(vertices))") }
        try validateOptionValues()
        if module != nil && modules == nil { throw ValidationError("--module needs --modules FILE.json") }
        if module != nil && units != nil { throw ValidationError("give --units or --module, not both") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
        if let shuffles, !(1...10_000).contains(shuffles) { throw ValidationError("--shuffles must be between 1 and 10000 (got \(shuffles))") }
        if shuffles != nil && (edgeList || lowerStar || distanceMatrix) { throw ValidationError("--shuffles needs an activation dump (units shifted in time)") }
    }

    func run() throws {
        let start = Date()
        let (loaded, described) = try loadInput()
        var lastReport = Date.distantPast
        let progress: PersistenceProgress? = quiet ? nil : { dim, done, total in
            let now = Date()
            guard now.timeIntervalSince(start) > 3, now.timeIntervalSince(lastReport) > 0.5 || done == total else { return }
            lastReport = now
            FileHandle.standardError.write(Data("\rH\(dim): \(done)/\(total) columns reduced   \(done == total ? "\n" : "")".utf8))
        }
        let policy = collapse.policy
        let barcode: TopologyTDA.Barcode
        // The persistence computation alone (input reading and distances excluded), for benchmarks.
        let computeStart = Date()
        let maxdim = maxDimension
        if let edges = loaded.edges {
            barcode = try wrap("edge list") { () throws(TDAError) in
                try PersistentCohomology.barcode(ofEdges: edges, vertexCount: vertices, maxDimension: maxdim, coefficient: coeff,
                                                 threshold: threshold, cocycles: cocycles, threads: threadCount, progress: progress)
            }
        } else if let image = loaded.image {
            barcode = try wrap("image") { () throws(TDAError) in
                try PersistentCohomology.barcode(ofLowerStarImage: image.values, rows: image.rows, columns: image.columns,
                                                 maxDimension: maxdim, coefficient: coeff, threshold: threshold, threads: threadCount)
            }
        } else if let (cloud, m) = loaded.cloud {
            barcode = try wrap(described) { () throws(TDAError) in
                try PersistentCohomology.barcode(ofPoints: cloud.values, dimension: cloud.dimension, metric: m, maxDimension: maxdim,
                                                 coefficient: coeff, threshold: threshold, collapse: policy, threads: threadCount,
                                                 cocycles: cocycles, progress: progress)
            }
        } else if let dm = loaded.matrix {
            barcode = try wrap(described) { () throws(TDAError) in
                try PersistentCohomology.barcode(of: dm, maxDimension: maxdim, coefficient: coeff,
                                                 threshold: threshold, collapse: policy, cocycles: cocycles, threads: threadCount,
                                                 progress: progress)
            }
        } else { throw InputError("\(input): nothing to compute") }
        let computeSeconds = Date().timeIntervalSince(computeStart)
        let seconds = Date().timeIntervalSince(start)
        let summary = BettiSummary(barcode, minimumPersistence: minPersistence)
        let significance = try shuffles.map { k in try shuffleSignificance(count: k, like: barcode, policy: policy) }

        let outputs = OutputSet()    // -o and --json land together, or neither
        if let output {
            let doc = document(barcode, summary, loaded, seconds: seconds, computeSeconds: computeSeconds)
            try outputs.stageHDF5(to: output) { f in try doc.write(to: f) }
        }
        if let json {
            var doc = document(barcode, summary, loaded, seconds: seconds, computeSeconds: computeSeconds)
            doc.shuffles = significance?.json
            try JSONDocument.stage(doc, to: json, in: outputs)
        }
        try outputs.commit()

        var lines = [String]()
        lines.append("\(input): \(described)")
        let collapsed = barcode.edgeCount != barcode.edgeCountBeforeCollapse
            ? ", \(barcode.edgeCount) of \(barcode.edgeCountBeforeCollapse) edges after collapse" : ", \(barcode.edgeCount) edges"
        let scale: String
        if let threshold, Float(threshold) != Float(barcode.threshold) {
            scale = " (asked \(format(threshold)); the enclosing radius is enough)"
        } else {
            scale = threshold == nil && !edgeList && !lowerStar ? " (enclosing radius)" : ""
        }
        let counted = barcode.ripserEdgeCount != barcode.edgeCountBeforeCollapse ? "; \(barcode.ripserEdgeCount) edges under the threshold given (ripser.py's num_edges)" : ""
        lines.append("\(lowerStar ? "lower-star filtration (8 neighbours) to" : "Vietoris–Rips to") \(format(barcode.threshold))\(scale), Z/\(coeff)\(collapsed)\(counted), \(String(format: "%.2f", seconds)) s")
        for d in barcode.diagrams {
            let inf = d.intervals.filter(\.isInfinite).count
            let top = d.intervals.filter { !$0.isInfinite }.sorted { $0.persistence > $1.persistence }.prefix(4)
            let tops = top.map { "[\(format($0.birth)), \(format($0.death)))" }.joined(separator: " ")
            lines.append("H\(d.dimension): \(d.count) bars\(inf > 0 ? " (\(inf) infinite)" : "")\(top.isEmpty ? "" : "; most persistent: \(tops)")")
        }
        lines.append(summary.line)
        if let significance { lines.append(significance.line) }
        let text = lines.joined(separator: "\n") + "\n"
        if json == "-" { FileHandle.standardError.write(Data(text.utf8)) } else { print(text, terminator: "") }
    }

    private func format(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : "inf" }

    /// Runs a TopologyTDA step, naming the file and dataset in its error.
    func wrap<T>(_ what: String, _ body: () throws(TDAError) -> T) throws -> T {
        do { return try body() } catch { throw InputError("\(input): \(what): \(error)") }
    }

    func isHDF5(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let magic = h.readData(ofLength: 8)
        return magic == Data([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    /// The unit columns chosen by --units or --module, nil for all.
    func selectedUnits(unitCount: Int) throws -> [Int]? {
        if let units { return try parseUnitList(units) }
        guard let module, let modules else { return nil }
        return try ModulesFile.units(ofModule: module, in: modules)
    }
}
