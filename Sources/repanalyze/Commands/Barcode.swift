import ArgumentParser
import Foundation
import RepAnalysis
import TopologyTDA

/// `repanalyze barcode INPUT.h5`: Vietoris–Rips persistent homology of a point cloud, a distance matrix or one
/// module's population activity, with the Betti numbers it shows.
struct BarcodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "barcode",
        abstract: "Persistent homology (Vietoris–Rips barcodes) of a point cloud or a population's activity.",
        discussion: """
        Computes the barcodes ripser computes — same algorithm, same Float32 distances, same bars — in dimensions 0…--maxdim with coefficients in Z/p, and ends with the Betti numbers of the bars that stand out, e.g. `betti (1, 2, 1) — consistent with a torus`. A bar stands out when it lies above the largest gap in the sorted persistences (the gap must be clear: the bar at least 1.5× the next and 5 % of the threshold), or, with --min-persistence, when it is at least that long; infinite bars always count.

        INPUT is an HDF5 file holding a point cloud (`points` [n,d], or --dataset), a distance matrix (--distance-matrix: a dense [n,n] dataset, a lower-triangular vector, or Ripser's text format), a sparse edge list (--edge-list: `edges` [m,3] rows i, j, distance), or an activation dump (`activations` [T,N]; each time sample is one point in R^N). For neural data the Gardner et al. (2022) pipeline is available, each step optional, in this order: --units / --module, --zscore, --pca K, --every K, --denoise F, --landmarks M.

        Examples:
          repanalyze barcode cloud.h5 --maxdim 2
          repanalyze barcode run.h5 --module 2 --modules modules.json --zscore --pca 6 --landmarks 1000 --maxdim 2 --coeff 47 --json bars.json -o bars.h5
          repanalyze barcode sphere.lower_distance_matrix --distance-matrix --maxdim 2
          repanalyze barcode cloud.h5 --maxdim 2 --threads 1      (the single-thread engine; default: every core)

        Outputs: --json writes {"dgms": [[[birth, death], …] per dimension], "betti", "n_points", "threshold", "coeff", …} with death null for an infinite bar (ripser.py's layout; with --cocycles also "cocycles"); -o writes an HDF5 file with one dataset per dimension, `dgm_0`, `dgm_1`, … [m,2], infinite deaths as +inf.
        """)

    @Argument(help: "HDF5 file with a point cloud, a distance matrix or an activation dump (or a Ripser text matrix).")
    var input: String

    @Option(help: ArgumentHelp("Dataset holding the points [n,d] or the distances (default `points`, or `distances` with --distance-matrix).", valueName: "PATH"))
    var dataset: String?

    @OptionGroup var dump: DumpOptions

    @Option(help: "Highest homology dimension: 1 for loops, 2 for the void of a torus or sphere.")
    var maxdim = 1

    @Option(help: "Coefficients in Z/p for this prime p (2 default; 47 is common in the grid-cell literature).")
    var coeff = 2

    @Option(help: "Largest edge length (scale) to build the complex to. Default: the enclosing radius, beyond which no finite bar dies.")
    var threshold: Double?

    @Option(help: ArgumentHelp("Distance between points: euclidean, cosine or correlation.", valueName: "METRIC"))
    var metric = "euclidean"

    @Flag(help: "INPUT (or --dataset) is a distance matrix, not points.")
    var distanceMatrix = false

    @Flag(help: "--dataset (default `edges`) is a sparse edge list [m,3]: rows (i, j, distance), vertices 0-based; the complex is built from these edges only (threshold default: all of them).")
    var edgeList = false

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

    @Option(help: ArgumentHelp("Edge collapse before building the complex: auto (H2 and up, large graphs), always, never.", valueName: "MODE"))
    var collapse = "auto"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the diagrams to this HDF5 file (dgm_0, dgm_1, …).", valueName: "BARS.h5"))
    var output: String?

    @Option(help: ArgumentHelp("Write the diagrams as JSON to this file (`-` for stdout).", valueName: "BARS.json"))
    var json: String?

    @Flag(help: "Also write a representative cocycle per bar (dimensions ≥ 1) to the JSON, as `cocycles`: rows [v0, …, vk, coefficient] (ripser.py's layout) — for circular coordinates. Disables edge collapse.")
    var cocycles = false

    @Option(help: ArgumentHelp("Threads for the column reduction (default: every core; 1 = the single-thread engine). The bars are the same for any N.", valueName: "N"))
    var threads: Int?

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    /// --threads, or the number of cores.
    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        guard maxdim >= 0 else { throw ValidationError("--maxdim must be 0 or more (got \(maxdim))") }
        try validateOptionValues()
        guard Metric(rawValue: metric) != nil else { throw ValidationError("--metric must be euclidean, cosine or correlation (got '\(metric)')") }
        guard ["auto", "always", "never"].contains(collapse) else { throw ValidationError("--collapse must be auto, always or never") }
        if module != nil && modules == nil { throw ValidationError("--module needs --modules FILE.json") }
        if module != nil && units != nil { throw ValidationError("give --units or --module, not both") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
    }

    func run() throws {
        let start = Date()
        let (matrix, described) = try loadInput()
        var lastReport = Date.distantPast
        let progress: PersistenceProgress? = quiet ? nil : { dim, done, total in
            let now = Date()
            guard now.timeIntervalSince(start) > 3, now.timeIntervalSince(lastReport) > 0.5 || done == total else { return }
            lastReport = now
            FileHandle.standardError.write(Data("\rH\(dim): \(done)/\(total) columns reduced   \(done == total ? "\n" : "")".utf8))
        }
        let policy: CollapsePolicy = collapse == "always" ? .always : collapse == "never" ? .never : .automatic
        let barcode: TopologyTDA.Barcode
        // The persistence computation alone (input reading and distances excluded), for benchmarks.
        let computeStart = Date()
        if let edges = matrix.edges {
            barcode = try wrap("edge list") { () throws(TDAError) in
                try PersistentCohomology.barcode(ofEdges: edges, maxDimension: maxdim, coefficient: coeff,
                                                 threshold: threshold, threads: threadCount, progress: progress)
            }
        } else if let dm = matrix.matrix {
            barcode = try wrap(described) { () throws(TDAError) in
                try PersistentCohomology.barcode(of: dm, maxDimension: maxdim, coefficient: coeff,
                                                 threshold: threshold, collapse: policy, cocycles: cocycles, threads: threadCount,
                                                 progress: progress)
            }
        } else { throw CommandError("\(input): nothing to compute") }
        let computeSeconds = Date().timeIntervalSince(computeStart)
        let seconds = Date().timeIntervalSince(start)
        let summary = BettiSummary(barcode, minimumPersistence: minPersistence)

        let outputs = OutputSet()    // -o and --json land together, or neither
        if let output { try writeHDF5(barcode, summary, to: output, in: outputs) }
        if let json { try JSONOutput.stage(jsonDocument(barcode, summary, seconds: seconds, computeSeconds: computeSeconds), to: json, in: outputs) }
        try outputs.commit()

        var lines = [String]()
        lines.append("\(input): \(described)")
        let collapsed = barcode.edgeCount != barcode.edgeCountBeforeCollapse
            ? ", \(barcode.edgeCount) of \(barcode.edgeCountBeforeCollapse) edges after collapse" : ", \(barcode.edgeCount) edges"
        lines.append("Vietoris–Rips to \(format(barcode.threshold))\(threshold == nil && !edgeList ? " (enclosing radius)" : ""), Z/\(coeff)\(collapsed), \(String(format: "%.2f", seconds)) s")
        for d in barcode.diagrams {
            let inf = d.intervals.filter(\.isInfinite).count
            let top = d.intervals.filter { !$0.isInfinite }.sorted { $0.persistence > $1.persistence }.prefix(4)
            let tops = top.map { "[\(format($0.birth)), \(format($0.death)))" }.joined(separator: " ")
            lines.append("H\(d.dimension): \(d.count) bars\(inf > 0 ? " (\(inf) infinite)" : "")\(top.isEmpty ? "" : "; most persistent: \(tops)")")
        }
        lines.append(summary.line)
        let text = lines.joined(separator: "\n") + "\n"
        if json == "-" { FileHandle.standardError.write(Data(text.utf8)) } else { print(text, terminator: "") }
    }

    private func format(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : "inf" }

    /// What `run` reduces: a distance matrix or an edge list.
    struct Input { var matrix: DistanceMatrix?; var edges: [(Int, Int, Double)]? }

    /// Reads INPUT: an edge list with --edge-list, else a distance matrix (from points, preprocessed, or given).
    private func loadInput() throws -> (Input, String) {
        if edgeList {
            let f = try HDF5File(input)
            let name = dataset ?? "edges"
            guard f.exists(name) else { throw CommandError("\(input): no dataset '\(name)' (pass --dataset)") }
            let a: ShapedArray<Double> = try f.read(name)
            guard a.shape.count == 2, a.shape[1] == 3 else {
                throw CommandError("\(input): dataset '\(name)' has shape \(a.shape); an edge list is [m,3] rows (i, j, distance)")
            }
            var edges = [(Int, Int, Double)]()
            edges.reserveCapacity(a.shape[0])
            for r in 0..<a.shape[0] {
                let i = a.values[3 * r], j = a.values[3 * r + 1], d = a.values[3 * r + 2]
                guard i.isFinite, j.isFinite, i >= 0, j >= 0, i == i.rounded(), j == j.rounded(), i < 1e9, j < 1e9 else {
                    throw CommandError("\(input): dataset '\(name)' row \(r): vertex indices must be non-negative integers (got \(i), \(j))")
                }
                edges.append((Int(i), Int(j), d))
            }
            return (Input(matrix: nil, edges: edges), "\(edges.count) edges (edge list '\(name)')")
        }
        let (m, d) = try loadDistances()
        return (Input(matrix: m, edges: nil), d)
    }

    /// The distance matrix to reduce, after reading and preprocessing, and a description for the summary.
    private func loadDistances() throws -> (DistanceMatrix, String) {
        guard FileManager.default.fileExists(atPath: input) else { throw CommandError("\(input): no such file") }
        let m = Metric(rawValue: metric) ?? .euclidean
        if distanceMatrix && !isHDF5(input) {
            let text: String
            do { text = try String(contentsOfFile: input, encoding: .utf8) } catch { throw CommandError("\(input): cannot read as text: \(error.localizedDescription)") }
            do {
                let dm = try DistanceMatrix(ripserLowerDistanceText: text)
                return (dm, "\(dm.count) points (Ripser lower-triangular distance matrix)")
            } catch { throw CommandError("\(input): \(error)") }
        }
        let f = try HDF5File(input)
        if distanceMatrix {
            let name = dataset ?? "distances"
            guard f.exists(name) else { throw CommandError("\(input): no dataset '\(name)' (pass --dataset)") }
            let a: ShapedArray<Double> = try f.read(name)
            do {
                if a.shape.count == 2 && a.shape[0] == a.shape[1] {
                    return (try DistanceMatrix(dense: a.values, count: a.shape[0]), "\(a.shape[0]) points (distance matrix '\(name)')")
                } else if a.shape.count == 1 {
                    let dm = try DistanceMatrix(lowerTriangular: a.values)
                    return (dm, "\(dm.count) points (lower-triangular distances '\(name)')")
                }
            } catch { throw CommandError("\(input): dataset '\(name)': \(error)") }
            throw CommandError("\(input): dataset '\(name)' has shape \(a.shape): a distance matrix is [n,n] or a lower triangle [n(n-1)/2]")
        }
        var cloud: PointCloud
        var source: String
        if let name = dataset ?? (f.exists("points") ? "points" : nil) {
            guard f.exists(name) else { throw CommandError("\(input): no dataset '\(name)'") }
            let a: ShapedArray<Double> = try f.read(name)
            guard a.shape.count == 2 else { throw CommandError("\(input): dataset '\(name)' has shape \(a.shape); points are [n,d]") }
            cloud = try wrap(name) { () throws(TDAError) in try PointCloud(values: a.values, dimension: a.shape[1]) }
            source = "'\(name)'"
        } else if f.exists(dump.activationsPath) {
            try? f.close()
            let reader = try DumpReader(input, layout: dump.layout)
            try checkMemory(for: reader)    // before reading: the shapes alone say whether it can fit
            let d = try reader.readAll()
            cloud = try wrap(dump.activationsPath) { () throws(TDAError) in
                try PointCloud(values: d.activations.values.map(Double.init), dimension: d.unitCount)
            }
            source = "'\(dump.activationsPath)' (\(d.sampleCount) samples × \(d.unitCount) units)"
        } else {
            throw CommandError("\(input): neither 'points' nor '\(dump.activationsPath)' found; pass --dataset NAME (or --activations PATH for a dump)")
        }
        if let bad = cloud.firstNonFinite {
            throw CommandError("\(input): \(source): point \(bad.point) has a NaN or infinite coordinate (column \(bad.coordinate))")
        }
        var steps = [String]()
        let name = source
        let datasetName = String(source.dropFirst().prefix { $0 != "'" })   // "'points' (…)" → "points", for size messages
        if let columns = try selectedUnits(unitCount: cloud.dimension) {
            cloud = try wrap(name) { () throws(TDAError) in try cloud.columns(columns) }
            steps.append("\(columns.count) units")
        }
        if zscore { cloud = cloud.zScored(); steps.append("z-scored") }
        if let k = pca {
            let c = cloud
            // The covariance and its eigenvectors are d × d Doubles each.
            try MemoryBudget.check(file: input, dataset: datasetName, bytes: 16 * Double(c.dimension) * Double(c.dimension),
                                   for: "PCA of \(c.dimension) dimensions (select units with --units or --module first)")
            let p = try wrap(name) { () throws(TDAError) in try PrincipalComponents(c, components: k) }
            cloud = p.project(cloud)
            let explained = p.variances.prefix(k).reduce(0, +) / max(p.variances.reduce(0, +), 1e-300)
            steps.append("PCA to \(k) (\(String(format: "%.0f", 100 * explained)) % of variance)")
        }
        if let k = every { let c = cloud; cloud = try wrap(name) { () throws(TDAError) in try c.every(k) }; steps.append("every \(k)th sample") }
        if let fr = denoise {
            let c = cloud
            let keep = try wrap(name) { () throws(TDAError) in try c.denseIndices(droppingFraction: fr) }
            cloud = cloud.rows(keep)
            steps.append("denoised to \(keep.count)")
        }
        if let mm = landmarks {
            let c = m == .euclidean ? cloud : cloud.normalisedRows()
            let idx = try wrap(name) { () throws(TDAError) in try c.furthestPointLandmarks(mm, seed: seed) }
            cloud = cloud.rows(idx)
            steps.append("\(idx.count) landmarks (seed \(seed))")
        }
        let c = cloud
        try MemoryBudget.check(file: input, dataset: datasetName, bytes: Double(c.count) * Double(c.count - 1) / 2 * 4,
                               for: "the distance matrix of \(c.count) points (use --landmarks M or --every K)")
        let dm = try wrap(name) { () throws(TDAError) in try DistanceMatrix(points: c.values, dimension: c.dimension, metric: m) }
        let pre = steps.isEmpty ? "" : "; " + steps.joined(separator: ", ")
        return (dm, "\(c.count) points in R^\(c.dimension) from \(source)\(pre), \(metric) distance")
    }

    /// Runs a TopologyTDA step, naming the file and dataset in its error.
    private func wrap<T>(_ what: String, _ body: () throws(TDAError) -> T) throws -> T {
        do { return try body() } catch { throw CommandError("\(input): \(what): \(error)") }
    }

    private func isHDF5(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let magic = h.readData(ofLength: 8)
        return magic == Data([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    /// The unit columns chosen by --units or --module, nil for all.
    private func selectedUnits(unitCount: Int) throws -> [Int]? {
        if let units { return try parseUnitList(units) }
        guard let module, let modules else { return nil }
        return try ModulesFile.units(ofModule: module, in: modules)
    }
}

/// Parses `3,5,7-40` into [3, 5, 7, 8, …, 40].
func parseUnitList(_ s: String) throws -> [Int] {
    var out = [Int]()
    for part in s.split(separator: ",") {
        let p = part.trimmingCharacters(in: .whitespaces)
        let ends = p.split(separator: "-", omittingEmptySubsequences: false)
        if ends.count == 1, let v = Int(ends[0]) { out.append(v); continue }
        if ends.count == 2, let a = Int(ends[0]), let b = Int(ends[1]), a <= b, b - a < 10_000_000 { out += Array(a...b); continue }
        throw CommandError("--units: '\(p)' is not a unit index or a range like 7-40")
    }
    guard !out.isEmpty else { throw CommandError("--units: no units given") }
    return out
}

/// Reads the units of one module from a modules JSON. Accepted layouts: `repanalyze modules --json`'s
/// {"modules": [{"module": id, "units": [...]}, …]} (K is matched against "module"), {"modules": [[...], …]} or
/// entries without "module" (K is the 0-based position), or {"labels": [module of unit 0, …]} (−1 = none).
enum ModulesFile {
    static func units(ofModule k: Int, in path: String) throws -> [Int] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw CommandError("\(path): cannot read modules file") }
        guard let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CommandError("\(path): not a JSON object")
        }
        var lists = [(id: Int, units: [Int])]()
        if let mods = doc["modules"] as? [Any] {
            for (i, m) in mods.enumerated() {
                if let u = m as? [Int] { lists.append((i, u)) } else if let o = m as? [String: Any], let u = o["units"] as? [Int] {
                    lists.append(((o["module"] as? Int) ?? i, u))
                } else {
                    throw CommandError("\(path): modules[\(i)] must be a list of unit indices or an object with \"units\"")
                }
            }
        } else if let labels = doc["labels"] as? [Int] {
            // A label is a module number: there cannot be more modules than units (and Int.max + 1 would trap).
            if let top = labels.max(), top >= labels.count {
                throw CommandError("\(path): \"labels\" holds module \(top) for \(labels.count) units; labels are module numbers 0…\(labels.count - 1) (or -1)")
            }
            let count = (labels.max() ?? -1) + 1
            var byLabel = Array(repeating: [Int](), count: max(count, 0))
            for (u, l) in labels.enumerated() where l >= 0 { byLabel[l].append(u) }
            lists = byLabel.enumerated().map { ($0.offset, $0.element) }
        } else {
            throw CommandError("\(path): no \"modules\" or \"labels\" key (expected the output of `repanalyze modules --json`)")
        }
        guard let chosen = lists.first(where: { $0.id == k }) else {
            throw CommandError("\(path): module \(k) does not exist (modules: \(lists.map { String($0.id) }.joined(separator: ", ")))")
        }
        guard !chosen.units.isEmpty else { throw CommandError("\(path): module \(k) has no units") }
        return chosen.units
    }
}

extension BarcodeCommand {
    func jsonDocument(_ b: Barcode, _ s: BettiSummary, seconds: Double, computeSeconds: Double) -> [String: Any] {
        let dgms: [[[Any]]] = b.diagrams.map { d in d.intervals.map { [$0.birth, JSONOutput.number($0.death)] } }
        var doc: [String: Any] = [
            "dgms": dgms, "betti": s.betti, "n_points": b.pointCount, "threshold": JSONOutput.number(b.threshold), "coeff": b.coefficient,
            "maxdim": b.maxDimension, "metric": distanceMatrix ? "precomputed" : metric, "n_edges": b.edgeCount,
            "n_edges_before_collapse": b.edgeCountBeforeCollapse, "seconds": seconds,
            "compute_seconds": computeSeconds, "threads": threadCount, "summary": s.line,
            "betti_rule": minPersistence.map { "min_persistence \($0)" } ?? "largest gap (ratio 1.5, 5% of threshold)",
        ]
        doc["input"] = input
        if cocycles {
            doc["cocycles"] = b.diagrams.map { d -> [[[Int]]] in
                (d.cocycles ?? []).map { c in zip(c.simplices, c.coefficients).map { $0 + [$1] } }
            }
        }
        return doc
    }

    func writeHDF5(_ b: Barcode, _ s: BettiSummary, to path: String, in outputs: OutputSet) throws {
        try outputs.stageHDF5(to: path) { f in
            for d in b.diagrams {
                var v = [Double]()
                for i in d.intervals { v += [i.birth, i.death] }
                try f.write(ShapedArray(shape: [d.count, 2], values: v), to: "dgm_\(d.dimension)")
            }
            try f.setAttribute("betti", .integers(s.betti.map(Int64.init), shape: [s.betti.count]))
            try f.setAttribute("threshold", .float(b.threshold))
            try f.setAttribute("coeff", .integer(Int64(b.coefficient)))
            try f.setAttribute("n_points", .integer(Int64(b.pointCount)))
            try f.setAttribute("summary", .string(s.line))
        }
    }
}
