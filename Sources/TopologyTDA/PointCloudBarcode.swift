/// Persistent homology of a point cloud. With a finite threshold and a sparse graph the distance matrix is never
/// built: the Rips graph comes straight from the points (`NeighbourGraph`, threaded), so memory is O(edges) — at
/// 16 000 points the matrix alone would be 512 MB.
extension PersistentCohomology {
    /// The barcode of a point cloud (row-major [n, d]) under `metric`. Same bars as
    /// `barcode(of: DistanceMatrix(points:…))` (the same Float32 distances, `PointKernel`), and the same `Barcode`
    /// fields; `threads` also computes the distances.
    public static func barcode(
        ofPoints points: [Double], dimension d: Int, metric: Metric = .euclidean, maxDimension: Int = 1,
        coefficient: Int = 2, threshold: Double? = nil, collapse: CollapsePolicy = .automatic, threads: Int = 1,
        cocycles: Bool = false, progress: PersistenceProgress? = nil
    ) throws(TDAError) -> Barcode {
        try tunedBarcode(ofPoints: points, dimension: d, metric: metric, maxDimension: maxDimension, coefficient: coefficient,
                         threshold: threshold, collapse: collapse, threads: threads, cocycles: cocycles, progress: progress,
                         tuning: ReductionTuning())
    }

    /// `barcode(ofPoints:)` with the reduction's internal limits set.
    static func tunedBarcode(
        ofPoints points: [Double], dimension d: Int, metric: Metric, maxDimension: Int, coefficient: Int,
        threshold: Double?, collapse: CollapsePolicy, threads: Int, cocycles: Bool, progress: PersistenceProgress?,
        tuning: ReductionTuning
    ) throws(TDAError) -> Barcode {
        func viaMatrix() throws(TDAError) -> Barcode {
            let dm = try DistanceMatrix(points: points, dimension: d, metric: metric)
            return try tunedBarcode(of: dm, maxDimension: maxDimension, coefficient: coefficient, threshold: threshold,
                                    collapse: collapse, cocycles: cocycles, threads: threads, progress: progress, tuning: tuning)
        }
        // No threshold (the enclosing radius needs every distance) or an infinite one: the matrix.
        guard let threshold, threshold.isFinite else { return try viaMatrix() }
        guard maxDimension >= 0, maxDimension <= Self.maxDimensionLimit else { throw .invalidMaxDimension(maxDimension) }
        guard threads >= 1 else { throw .invalidParameter("threads must be at least 1 (got \(threads))") }
        let field = try PrimeField(coefficient)
        let kernel = try PointKernel(points: points, dimension: d, metric: metric)
        let n = kernel.count
        let t = Float(threshold)
        let graph = NeighbourGraph(kernel: kernel, threshold: t, threads: threads)
        // A vertex joined to all others means the enclosing radius may be under the threshold (which then caps it),
        // and a quarter of all pairs makes the dense complex the faster one: both are the matrix path's business.
        guard n > 1, !graph.hasFullVertex, 4 * graph.edgeCount < n * (n - 1) / 2 else { return try viaMatrix() }
        let table = try BinomialTable(maxN: n, maxK: maxDimension + 2)
        let edgeCount = graph.edgeCount
        var doCollapse: Bool
        switch collapse {
        case .never: doCollapse = false
        case .always: doCollapse = maxDimension >= 1
        case .automatic: doCollapse = EdgeCollapse.pays(maxDimension: maxDimension, edgeCount: edgeCount)
        }
        if cocycles { doCollapse = false }
        let layout = rankKeyLayout(field: field, vertexCount: n, maxDimension: maxDimension, table: table, edgeCount: edgeCount,
                                   tuning: tuning)
        let sparse = sparseBars(graph, threshold: t, maxDimension: maxDimension, field: field, collapse: doCollapse,
                                cocycles: cocycles, threads: threads, tuning: tuning, progress: progress, table: table,
                                layout: layout)
        let out = sparse.bars.enumerated().map { k, bars in
            PersistenceDiagram(dimension: k, intervals: bars.map {
                PersistenceInterval(birth: Double($0.0), death: $0.1 == .infinity ? .infinity : Double($0.1))
            }, cocycles: cocycles && k >= 1 ? sparse.cocycles[k] : nil)
        }
        // Every edge is ≤ the threshold asked for, which is ripser.py's num_edges.
        return Barcode(diagrams: out, pointCount: n, threshold: Double(t), coefficient: coefficient, edgeCount: sparse.keptEdges,
                       edgeCountBeforeCollapse: edgeCount, requestedThreshold: threshold, ripserEdgeCount: edgeCount)
    }
}
