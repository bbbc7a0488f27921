/// Persistent homology of a filtered graph given as an edge list: ripser.py's sparse-matrix input
/// (`ripser(coo_matrix, distance_matrix=True)`), vertex births on its diagonal.
extension PersistentCohomology {
    /// The barcode of the Rips (flag) filtration of a sparse graph given as an edge list (i, j, value) — a
    /// thresholded complex computed elsewhere. An entry (i, i, b) is the birth of vertex i (as a diagonal entry of
    /// ripser.py's sparse matrix; the last one given wins, vertices without one are born at 0). Vertices are
    /// 0..<vertexCount (default: largest index + 1). An edge given twice keeps its smaller value; an edge valued
    /// +inf is no edge; an edge below one of its vertices' births is lifted to it (see `DistanceMatrix`). The
    /// threshold defaults to +inf (every given edge); no edge collapse (it needs the full matrix). `cocycles` and
    /// `threads` as for `barcode(of:)`.
    public static func barcode(
        ofEdges edges: [(Int, Int, Double)], vertexCount: Int? = nil, maxDimension: Int = 1, coefficient: Int = 2,
        threshold: Double? = nil, cocycles: Bool = false, threads: Int = 1, progress: PersistenceProgress? = nil
    ) throws(TDAError) -> Barcode {
        guard maxDimension >= 0, maxDimension <= PersistentCohomology.maxDimensionLimit else { throw .invalidMaxDimension(maxDimension) }
        guard threads >= 1 else { throw .invalidParameter("threads must be at least 1 (got \(threads))") }
        let field = try PrimeField(coefficient)
        var n = vertexCount ?? 0
        if vertexCount == nil { for (i, j, _) in edges { n = max(n, i + 1, j + 1) } }
        guard n >= 1 else { throw .emptyInput }
        if let threshold, threshold.isNaN { throw .invalidThreshold(threshold) }
        let t = threshold.map { Float($0) } ?? .infinity
        var births = [Float](repeating: 0, count: n)
        for (i, j, d) in edges {
            guard i >= 0, j >= 0, i < n, j < n else { throw .invalidParameter("edge (\(i), \(j)) names a vertex outside 0..<\(n)") }
            guard !d.isNaN, d != -.infinity, i != j || d.isFinite else { throw .invalidDistance(row: i, column: j, value: d) }
            if i == j { births[i] = Float(d) }
        }
        let hasBirths = births.contains { $0 != 0 }
        var shortest = [Int: Float]()   // key i·n + j, i > j
        var ripserEdges = 0
        for (i, j, d) in edges where i != j {
            let key = max(i, j) * n + min(i, j)
            let m = max(Float(d), births[i], births[j]), f = m == 0 ? 0 : m   // −0 → +0 (Z/2 keys order bits)
            if let old = shortest[key] { if f < old { shortest[key] = f } } else { shortest[key] = f }
        }
        // ripser.py's num_edges: each given edge (once) whose value is ≤ the threshold (+inf ones included).
        for (_, f) in shortest where f <= t { ripserEdges += 1 }
        let complexThreshold = min(t, .greatestFiniteMagnitude)
        let list = shortest.filter { $0.value <= complexThreshold }.map { (Int32($0.key / n), Int32($0.key % n), $0.value) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        if n == 1 {
            let h0 = [PersistenceInterval(birth: Double(births[0]), death: .infinity)]
            let out = (0...maxDimension).map { PersistenceDiagram(dimension: $0, intervals: $0 == 0 ? h0 : [], cocycles: cocycles && $0 >= 1 ? [] : nil) }
            return Barcode(diagrams: out, pointCount: 1, threshold: Double(t), coefficient: coefficient, edgeCount: 0,
                           edgeCountBeforeCollapse: 0, requestedThreshold: threshold, ripserEdgeCount: 0)
        }
        let table = try BinomialTable(maxN: n, maxK: maxDimension + 2)
        var bars: [[(Float, Float)]]
        var representatives = [[Cocycle]]()
        if hasBirths {
            // Births share the edges' value space: no rank keys (they rank edge lengths only); negative values go
            // through `FiltrationRanks` on a matrix-free path.
            var values = list.map(\.2) + births
            var back: FiltrationRanks? = nil
            if births.contains(where: { $0 < 0 }) {
                guard let (r, ranked) = FiltrationRanks.ranking(values: values) else {
                    throw .invalidParameter("more than 2^24 distinct filtration values together with negative vertex births")
                }
                (back, values) = (r, ranked)
            }
            let ranked = list.enumerated().map { ($0.element.0, $0.element.1, values[$0.offset]) }
            let rankedBirths = Array(values[list.count...])
            let complex = SparseRipsComplex(vertexCount: n, edges: ranked, threshold: back == nil ? complexThreshold : .greatestFiniteMagnitude,
                                            table: table, slots: 2 * threads)
            var reducer = CohomologyReducer(complex: complex, maxDimension: maxDimension, field: field, progress: progress,
                                            cocycles: cocycles, threads: threads, vertexBirths: rankedBirths)
            bars = reducer.run()
            representatives = reducer.representativeCocycles
            if let back { bars = back.values(bars) }
        } else {
            let layout = rankKeyLayout(field: field, vertexCount: n, maxDimension: maxDimension, table: table,
                                       edgeCount: list.count, tuning: ReductionTuning())
            if layout != nil {
                let (ranks, ranked) = DiameterRanks.ranking(edges: list)
                let complex = SparseRipsComplex(vertexCount: n, edges: ranked, threshold: ranks.threshold, table: table, slots: 2 * threads)
                var reducer = CohomologyReducer(complex: complex, maxDimension: maxDimension, field: field, progress: progress,
                                                cocycles: cocycles, threads: threads, layout: layout)
                bars = ranks.lengths(reducer.run())
                representatives = reducer.representativeCocycles
            } else {
                let complex = SparseRipsComplex(vertexCount: n, edges: list, threshold: complexThreshold, table: table, slots: 2 * threads)
                var reducer = CohomologyReducer(complex: complex, maxDimension: maxDimension, field: field, progress: progress,
                                                cocycles: cocycles, threads: threads)
                bars = reducer.run()
                representatives = reducer.representativeCocycles
            }
        }
        let out = bars.enumerated().map { k, b in
            PersistenceDiagram(dimension: k, intervals: b.map { PersistenceInterval(birth: Double($0.0), death: $0.1 == .infinity ? .infinity : Double($0.1)) },
                               cocycles: cocycles && k >= 1 ? representatives[k] : nil)
        }
        return Barcode(diagrams: out, pointCount: n, threshold: Double(t), coefficient: coefficient,
                       edgeCount: list.count, edgeCountBeforeCollapse: list.count, requestedThreshold: threshold,
                       ripserEdgeCount: ripserEdges)
    }
}
