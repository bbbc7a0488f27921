import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report
import TopologyTDA

/// How `repanalyze barcode` reads its INPUT: an edge list, a lower-star image, a distance matrix (dense with vertex
/// births on its diagonal, a lower triangle with --births, Ripser's text) or a point cloud / activation dump with
/// the preprocessing steps; then ripser.py's greedy subsample (--n-perm) when asked.
extension BarcodeCommand {
    /// What `run` reduces, and what the outputs report about it.
    struct Input {
        var matrix: DistanceMatrix?
        /// A point cloud at a finite --threshold: reduced from its neighbour graph, no distance matrix (O(edges)).
        var cloud: (points: PointCloud, metric: Metric)?
        var edges: [(Int, Int, Double)]?
        var image: (values: [Double], rows: Int, columns: Int)?
        /// ripser.py's idx_perm and r_cover with --n-perm.
        var permutation: GreedyPermutation?
        /// The warnings ripser.py would give, also printed on stderr.
        var warnings: [String] = []
    }

    /// Reads INPUT into what `run` reduces and a description for the summary.
    /// With `shuffle`, every unit of an activation dump is first shifted circularly in time by its own lag drawn
    /// from that seed (`--shuffles`).
    func loadInput(shuffle: UInt64? = nil) throws -> (Input, String) {
        if edgeList { return try loadEdgeList() }
        if lowerStar { return try loadImage() }
        var input = Input()
        let (m, d) = try loadDistances(&input, shuffle: shuffle)
        input.matrix = m
        return (input, d)
    }

    private func readDataset(_ name: String) throws -> ShapedArray<Double> {
        guard FileManager.default.fileExists(atPath: input) else { throw InputError("\(input): no such file") }
        let f = try HDF5File(input)
        guard f.exists(name) else { throw InputError("\(input): no dataset '\(name)' (pass --dataset)") }
        return try f.read(name)
    }

    private func loadEdgeList() throws -> (Input, String) {
        let name = dataset ?? "edges"
        let a = try readDataset(name)
        guard a.shape.count == 2, a.shape[1] == 3 else {
            throw InputError("\(input): dataset '\(name)' has shape \(a.shape); an edge list is [m,3] rows (i, j, distance)")
        }
        var edges = [(Int, Int, Double)]()
        edges.reserveCapacity(a.shape[0])
        for r in 0..<a.shape[0] {
            let i = a.values[3 * r], j = a.values[3 * r + 1], d = a.values[3 * r + 2]
            guard i.isFinite, j.isFinite, i >= 0, j >= 0, i == i.rounded(), j == j.rounded(), i < 1e9, j < 1e9 else {
                throw InputError("\(input): dataset '\(name)' row \(r): vertex indices must be non-negative integers (got \(i), \(j))")
            }
            edges.append((Int(i), Int(j), d))
        }
        let births = edges.filter { $0.0 == $0.1 }.count
        return (Input(edges: edges), "\(edges.count - births) edges\(births > 0 ? " and \(births) vertex births" : "") (edge list '\(name)')")
    }

    private func loadImage() throws -> (Input, String) {
        let name = dataset ?? "img"
        let a = try readDataset(name)
        guard a.shape.count == 2, a.shape[0] > 0, a.shape[1] > 0 else {
            throw InputError("\(input): dataset '\(name)' has shape \(a.shape); a lower-star image is one channel [rows, columns]")
        }
        return (Input(image: (a.values, a.shape[0], a.shape[1])), "\(a.shape[0])×\(a.shape[1]) image '\(name)' (lower-star filtration)")
    }

    /// The distance matrix to reduce, after reading, preprocessing and --n-perm, and a description for the summary.
    private func loadDistances(_ out: inout Input, shuffle: UInt64? = nil) throws -> (DistanceMatrix?, String) {
        guard FileManager.default.fileExists(atPath: input) else { throw InputError("\(input): no such file") }
        let m = metricChoice
        if distanceMatrix && !isHDF5(input) {
            let text: String
            do { text = try String(contentsOfFile: input, encoding: .utf8) } catch { throw InputError("\(input): cannot read as text: \(error.localizedDescription)") }
            let dm = try wrap("Ripser lower-triangular text") { () throws(TDAError) in try DistanceMatrix(ripserLowerDistanceText: text) }
            return try subsample(dm, &out, "\(dm.count) points (Ripser lower-triangular distance matrix)") { Double(dm[$0, $1]) }
        }
        let f = try HDF5File(input)
        if distanceMatrix {
            let name = dataset ?? "distances"
            guard f.exists(name) else { throw InputError("\(input): no dataset '\(name)' (pass --dataset)") }
            let a: ShapedArray<Double> = try f.read(name)
            var births: [Double]? = nil
            if let b = self.births {
                guard f.exists(b) else { throw InputError("\(input): no dataset '\(b)' (--births)") }
                let v: ShapedArray<Double> = try f.read(b)
                guard v.shape.count == 1 else { throw InputError("\(input): dataset '\(b)' has shape \(v.shape); vertex births are a vector [n]") }
                births = v.values
            }
            if a.shape.count == 2 && a.shape[0] == a.shape[1] {
                let n = a.shape[0]
                var values = a.values
                if let births {
                    guard births.count == n else { throw InputError("\(input): dataset '\(self.births!)' has \(births.count) births for \(n) points") }
                    guard (0..<n).allSatisfy({ values[$0 * n + $0] == 0 }) else {
                        throw InputError("\(input): dataset '\(name)' has a nonzero diagonal (vertex births) and --births was given: use one")
                    }
                    for i in 0..<n { values[i * n + i] = births[i] }
                }
                let dm = try wrap("dataset '\(name)'") { () throws(TDAError) in try DistanceMatrix(dense: values, count: n) }
                return try subsample(dm, &out, "\(n) points (distance matrix '\(name)'\(bornNote(dm)))") { values[$0 * n + $1] }
            } else if a.shape.count == 1 {
                let dm = try wrap("dataset '\(name)'") { () throws(TDAError) in try DistanceMatrix(lowerTriangular: a.values, vertexBirths: births) }
                let v = a.values
                return try subsample(dm, &out, "\(dm.count) points (lower-triangular distances '\(name)'\(bornNote(dm)))") { i, j in
                    i == j ? births?[i] ?? 0 : v[max(i, j) * (max(i, j) - 1) / 2 + min(i, j)]
                }
            }
            throw InputError("\(input): dataset '\(name)' has shape \(a.shape): a distance matrix is [n,n] or a lower triangle [n(n-1)/2]")
        }
        var (cloud, source, steps) = try loadCloud(f, &out, shuffle: shuffle)
        let name = source
        if let k = nPerm {
            let c = cloud
            let p = try wrap(name) { () throws(TDAError) in try GreedyPermutation(points: c.values, dimension: c.dimension, metric: m, sampleCount: k) }
            // As ripser.py: n_perm equal to the number of points means no permutation (idx_perm 0..<n, r_cover 0).
            out.permutation = k < cloud.count ? p : GreedyPermutation(indices: Array(0..<cloud.count), coverRadius: 0)
            cloud = cloud.rows(out.permutation!.indices)
            steps.append("greedy permutation of \(k) (r_cover \(String(format: "%.4g", p.coverRadius)))")
        }
        let c = cloud
        if let threshold, threshold.isFinite, shuffle == nil, shuffles == nil {
            out.cloud = (c, m)
            let pre = steps.isEmpty ? "" : "; " + steps.joined(separator: ", ")
            return (nil, "\(c.count) points in R^\(c.dimension) from \(source)\(pre), \(metric) distance")
        }
        try MemoryBudget.check(file: input, dataset: "points", bytes: Double(c.count) * Double(max(c.count - 1, 0)) / 2 * 4,
                               for: "the distance matrix of \(c.count) points (use --landmarks M, --n-perm K or --every K)")
        let dm = try wrap(name) { () throws(TDAError) in try DistanceMatrix(points: c.values, dimension: c.dimension, metric: m) }
        let pre = steps.isEmpty ? "" : "; " + steps.joined(separator: ", ")
        return (dm, "\(c.count) points in R^\(c.dimension) from \(source)\(pre), \(metric) distance")
    }

    private func bornNote(_ dm: DistanceMatrix) -> String { dm.vertexBirths == nil ? "" : ", with vertex births" }

    /// ripser.py's n_perm on a matrix: its first K points of the greedy permutation, read from the matrix's rows as
    /// given (`distance`, in Float64; the diagonal included).
    private func subsample(_ dm: DistanceMatrix, _ out: inout Input, _ described: String,
                           _ distance: (Int, Int) -> Double) throws -> (DistanceMatrix, String) {
        guard let k = nPerm else { return (dm, described) }
        let p = try wrap("--n-perm") { () throws(TDAError) in try GreedyPermutation(count: dm.count, sampleCount: k, distance: distance) }
        // As ripser.py: n_perm equal to the number of points means no permutation (idx_perm 0..<n, r_cover 0).
        guard k < dm.count else { out.permutation = GreedyPermutation(indices: Array(0..<dm.count), coverRadius: 0); return (dm, described) }
        out.permutation = p
        return (dm.subset(p.indices), described + "; greedy permutation of \(k) (r_cover \(String(format: "%.4g", p.coverRadius)))")
    }

    /// The point cloud after the preprocessing steps (not --n-perm), its source, and the steps taken.
    private func loadCloud(_ f: HDF5File, _ out: inout Input, shuffle: UInt64? = nil) throws -> (PointCloud, String, [String]) {
        let m = metricChoice
        var cloud: PointCloud
        var source: String
        if let name = dataset ?? (f.exists("points") ? "points" : nil) {
            guard f.exists(name) else { throw InputError("\(input): no dataset '\(name)'") }
            let a: ShapedArray<Double> = try f.read(name)
            guard a.shape.count == 2 else { throw InputError("\(input): dataset '\(name)' has shape \(a.shape); points are [n,d]") }
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
            if let shuffle { cloud = Self.shiftedColumns(cloud, seed: shuffle) }
        } else {
            throw InputError("\(input): neither 'points' nor '\(dump.activationsPath)' found; pass --dataset NAME (or --activations PATH for a dump)")
        }
        if let bad = cloud.firstNonFinite {
            throw InputError("\(input): \(source): point \(bad.point) has a NaN or infinite coordinate (column \(bad.coordinate))")
        }
        // ripser.py's two warnings about the shape of a point cloud; we go on, as it does.
        if cloud.count < cloud.dimension {
            warn(&out, "\(input): \(source) has more columns (\(cloud.dimension)) than rows (\(cloud.count)): each row is a point — is it transposed?")
        } else if cloud.count == cloud.dimension {
            warn(&out, "\(input): \(source) is square (\(cloud.count)×\(cloud.count)) and read as points: pass --distance-matrix if it is a distance matrix")
        }
        var steps = [String]()
        let name = source
        if let columns = try selectedUnits(unitCount: cloud.dimension) {
            cloud = try wrap(name) { () throws(TDAError) in try cloud.columns(columns) }
            steps.append("\(columns.count) units")
        }
        if zscore { cloud = cloud.zScored(); steps.append("z-scored") }
        let datasetName = String(source.dropFirst().prefix { $0 != "'" })   // "'points' (…)" → "points", for size messages
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
        return (cloud, source, steps)
    }

    /// Each column shifted circularly by its own lag, uniform in [T/10, 9T/10] (xoshiro256** from `seed`): the
    /// units keep their own time courses and lose their joint one.
    static func shiftedColumns(_ c: PointCloud, seed: UInt64) -> PointCloud {
        var rng = Xoshiro256(seed: seed)
        let t = c.count, d = c.dimension
        var v = c.values
        for col in 0..<d {
            let lag = t / 10 + rng.nextInt(below: max(1, t - 2 * (t / 10) + 1))
            for i in 0..<t { v[i * d + col] = c.values[((i + lag) % t) * d + col] }
        }
        return (try? PointCloud(values: v, dimension: d)) ?? c
    }

    /// A warning on stderr (also with --quiet: it is about the input, not progress), kept for the JSON.
    private func warn(_ out: inout Input, _ message: String) {
        out.warnings.append(message)
        FileHandle.standardError.write(Data("repanalyze: warning: \(message)\n".utf8))
    }
}
