/// How the 1-skeleton is reduced before the complex is built (see `EdgeCollapse`).
public enum CollapsePolicy: String, Sendable, CaseIterable {
    /// Collapse when it pays: maxDimension ≥ 2 and the graph is large enough (see the README).
    case automatic
    /// Always collapse (when maxDimension ≥ 1).
    case always
    /// Never collapse.
    case never
}

/// Progress of a long reduction: homology dimension, columns reduced so far, columns in this dimension.
public typealias PersistenceProgress = (_ dimension: Int, _ columnsReduced: Int, _ columnsTotal: Int) -> Void

/// Vietoris–Rips persistent homology by Ripser's algorithm (Bauer 2021): persistent cohomology with clearing,
/// simplices indexed by the combinatorial number system, coboundaries enumerated on the fly, apparent and emergent
/// pairs taken without reduction, and union–find for H0.
public enum PersistentCohomology {
    /// The largest homology dimension accepted: a k-simplex has k + 1 vertices, and no point cloud anyone reduces
    /// has simplices of 64 vertices with a chance of finishing.
    public static let maxDimensionLimit = 63

    /// The barcode of the Rips filtration of `distances` in dimensions 0…maxDimension with coefficients in Z/p.
    ///
    /// - Parameters:
    ///   - threshold: largest edge length; nil = the enclosing radius (Ripser's default: nothing finite dies later).
    ///   - sparse: use neighbour lists instead of the full matrix; nil = when fewer than a quarter of the edges are
    ///     under the threshold.
    ///   - collapse: edge collapse of the 1-skeleton before the complex is built.
    ///   - cocycles: also return a representative cocycle per bar in dimensions ≥ 1 (on the uncollapsed complex:
    ///     collapse is then not applied, since a collapsed complex's cocycles live on fewer edges).
    ///   - threads: threads for the column reduction (1 = single-threaded; the bars are identical either way;
    ///     cocycles are always computed on one thread).
    public static func barcode(
        of distances: DistanceMatrix, maxDimension: Int = 1, coefficient: Int = 2, threshold: Double? = nil,
        sparse: Bool? = nil, collapse: CollapsePolicy = .automatic, cocycles: Bool = false, threads: Int = 1,
        progress: PersistenceProgress? = nil
    ) throws(TDAError) -> Barcode {
        try tunedBarcode(of: distances, maxDimension: maxDimension, coefficient: coefficient, threshold: threshold,
                         sparse: sparse, collapse: collapse, cocycles: cocycles, threads: threads, progress: progress,
                         tuning: ReductionTuning())
    }

    /// `barcode(of:)` with the reduction's internal limits set (tests lower them to reach rare paths).
    static func tunedBarcode(
        of distances: DistanceMatrix, maxDimension: Int = 1, coefficient: Int = 2, threshold: Double? = nil,
        sparse: Bool? = nil, collapse: CollapsePolicy = .automatic, cocycles: Bool = false, threads: Int = 1,
        progress: PersistenceProgress? = nil, tuning: ReductionTuning
    ) throws(TDAError) -> Barcode {
        // Bounded above too: maxDimension + 2 sizes the binomial table and would overflow for a huge request.
        guard maxDimension >= 0, maxDimension <= Self.maxDimensionLimit else { throw .invalidMaxDimension(maxDimension) }
        guard threads >= 1 else { throw .invalidParameter("threads must be at least 1 (got \(threads))") }
        let slots = 2 * threads
        let field = try PrimeField(coefficient)
        let n = distances.count
        guard n >= 2 else { throw n == 0 ? .emptyInput : .tooFewPoints(n) }
        var t: Float
        if let threshold {
            guard !threshold.isNaN, threshold >= 0 else { throw .invalidThreshold(threshold) }
            t = Float(threshold)
            // Beyond the enclosing radius the complex is a cone: same finite bars, so cap it (as Ripser does).
            t = min(t, distances.enclosingRadius)
        } else {
            t = distances.enclosingRadius
        }
        let table = try BinomialTable(maxN: n, maxK: maxDimension + 2)

        var edgeCount = 0
        for d in distances.lowerTriangle where d <= t { edgeCount += 1 }
        let totalEdges = n * (n - 1) / 2
        var doCollapse: Bool
        switch collapse {
        case .never: doCollapse = false
        case .always: doCollapse = maxDimension >= 1
        case .automatic: doCollapse = EdgeCollapse.pays(maxDimension: maxDimension, vertexCount: n, edgeCount: edgeCount)
        }

        if cocycles { doCollapse = false }
        // Heap keys: Z/2 with small indices keeps the float-bit keys; otherwise diameters become ranks so that rank,
        // index and coefficient share 8 bytes (exact: see DiameterRanks), when they fit.
        let layout = rankKeyLayout(field: field, vertexCount: n, maxDimension: maxDimension, table: table,
                                   edgeCount: edgeCount, tuning: tuning)
        var diagrams: [[(Float, Float)]] = []
        var representatives = [[Cocycle]]()
        var keptEdges = edgeCount
        func reduce<C: RipsComplex>(_ complex: C) {
            var reducer = CohomologyReducer(complex: complex, maxDimension: maxDimension, field: field, progress: progress,
                                            cocycles: cocycles, threads: threads, tuning: tuning, layout: layout)
            diagrams = reducer.run()
            representatives = reducer.representativeCocycles
        }
        if doCollapse {
            let collapsed = EdgeCollapse.collapse(distances, threshold: t)
            keptEdges = collapsed.count
            if layout != nil {
                let (ranks, ranked) = DiameterRanks.ranking(edges: collapsed)
                reduce(SparseRipsComplex(vertexCount: n, edges: ranked, threshold: ranks.threshold, table: table, slots: slots))
                diagrams = ranks.lengths(diagrams)
            } else {
                reduce(SparseRipsComplex(vertexCount: n, edges: collapsed, threshold: t, table: table, slots: slots))
            }
        } else {
            let useSparse = sparse ?? (4 * edgeCount < totalEdges)
            var matrix = distances, complexThreshold = t
            var ranks: DiameterRanks? = nil
            if layout != nil {
                let (r, ranked) = DiameterRanks.ranking(lowerTriangle: distances.lowerTriangle, threshold: t)
                matrix = DistanceMatrix(validatedCount: n, lowerTriangle: ranked)
                complexThreshold = r.threshold
                ranks = r
            }
            if useSparse {
                reduce(SparseRipsComplex(matrix, threshold: complexThreshold, table: table, slots: slots))
            } else {
                reduce(DenseRipsComplex(matrix, threshold: complexThreshold, table: table, slots: slots))
            }
            if let ranks { diagrams = ranks.lengths(diagrams) }
        }
        let out = diagrams.enumerated().map { k, bars in
            PersistenceDiagram(dimension: k, intervals: bars.map {
                PersistenceInterval(birth: Double($0.0), death: $0.1 == .infinity ? .infinity : Double($0.1))
            }, cocycles: cocycles && k >= 1 ? representatives[k] : nil)
        }
        return Barcode(diagrams: out, pointCount: n, threshold: Double(t), coefficient: coefficient,
                       edgeCount: keptEdges, edgeCountBeforeCollapse: edgeCount)
    }

    /// The barcode of the Rips filtration of a sparse graph given as an edge list (i, j, length) — a thresholded
    /// complex computed elsewhere. Vertices are 0..<vertexCount (default: largest index + 1); an edge given twice
    /// keeps its shorter length; self-loops are ignored. The threshold defaults to +inf (every given edge); no edge
    /// collapse (it needs the full matrix). `threads` as for `barcode(of:)`.
    public static func barcode(
        ofEdges edges: [(Int, Int, Double)], vertexCount: Int? = nil, maxDimension: Int = 1, coefficient: Int = 2,
        threshold: Double? = nil, threads: Int = 1, progress: PersistenceProgress? = nil
    ) throws(TDAError) -> Barcode {
        // Bounded above too: maxDimension + 2 sizes the binomial table and would overflow for a huge request.
        guard maxDimension >= 0, maxDimension <= Self.maxDimensionLimit else { throw .invalidMaxDimension(maxDimension) }
        guard threads >= 1 else { throw .invalidParameter("threads must be at least 1 (got \(threads))") }
        let field = try PrimeField(coefficient)
        var n = vertexCount ?? 0
        if vertexCount == nil { for (i, j, _) in edges { n = max(n, i + 1, j + 1) } }
        guard n >= 2 else { throw n == 0 ? .emptyInput : .tooFewPoints(n) }
        let t: Float
        if let threshold {
            guard !threshold.isNaN, threshold >= 0 else { throw .invalidThreshold(threshold) }
            t = Float(threshold)
        } else {
            t = .infinity
        }
        var shortest = [Int: Float]()   // key i·n + j, i > j
        for (i, j, d) in edges {
            guard i >= 0, j >= 0, i < n, j < n else {
                throw .invalidParameter("edge (\(i), \(j)) names a vertex outside 0..<\(n)")
            }
            guard d.isFinite, d >= 0 else { throw .invalidDistance(row: i, column: j, value: d) }
            if i == j { continue }
            let f = Float(d)
            if f > t { continue }
            let key = max(i, j) * n + min(i, j)
            if let old = shortest[key], old <= f { continue }
            shortest[key] = f
        }
        let list = shortest.map { (Int32($0.key / n), Int32($0.key % n), $0.value) }
        let table = try BinomialTable(maxN: n, maxK: maxDimension + 2)
        let layout = rankKeyLayout(field: field, vertexCount: n, maxDimension: maxDimension, table: table,
                                   edgeCount: list.count, tuning: ReductionTuning())
        var bars: [[(Float, Float)]]
        if layout != nil {
            let (ranks, ranked) = DiameterRanks.ranking(edges: list)
            let complex = SparseRipsComplex(vertexCount: n, edges: ranked, threshold: ranks.threshold, table: table, slots: 2 * threads)
            var reducer = CohomologyReducer(complex: complex, maxDimension: maxDimension, field: field, progress: progress,
                                            threads: threads, layout: layout)
            bars = ranks.lengths(reducer.run())
        } else {
            let complex = SparseRipsComplex(vertexCount: n, edges: list, threshold: t, table: table, slots: 2 * threads)
            var reducer = CohomologyReducer(complex: complex, maxDimension: maxDimension, field: field, progress: progress, threads: threads)
            bars = reducer.run()
        }
        let out = bars.enumerated().map { k, b in
            PersistenceDiagram(dimension: k, intervals: b.map { PersistenceInterval(birth: Double($0.0), death: $0.1 == .infinity ? .infinity : Double($0.1)) })
        }
        return Barcode(diagrams: out, pointCount: n, threshold: Double(t), coefficient: coefficient,
                       edgeCount: list.count, edgeCountBeforeCollapse: list.count)
    }

    /// The 8-byte rank-key heap layout when it applies: not Z/2 with indices < 2^32 (the float-bit keys serve
    /// there), and rank, index and coefficient fit 64 bits; nil = the reducer's default (float keys or 16-byte entries).
    static func rankKeyLayout(field: PrimeField, vertexCount n: Int, maxDimension: Int, table: BinomialTable,
                              edgeCount: Int, tuning: ReductionTuning) -> WorkingColumn.Layout? {
        let k = maxDimension + 2
        let largestIndex = k <= n ? table(n, k) : table(n, n)
        guard tuning.rankKeys, !(field.modulus == 2 && largestIndex < Int(UInt32.max)), edgeCount < Int(UInt32.max) else { return nil }
        return WorkingColumn.Layout.rankKeys(modulus: Int(field.modulus), largestIndex: largestIndex, rankCount: edgeCount + 1)
    }

    /// The barcode of a point cloud (row-major [n, d]) under `metric`.
    public static func barcode(
        ofPoints points: [Double], dimension d: Int, metric: Metric = .euclidean, maxDimension: Int = 1,
        coefficient: Int = 2, threshold: Double? = nil, collapse: CollapsePolicy = .automatic, threads: Int = 1
    ) throws(TDAError) -> Barcode {
        let dm = try DistanceMatrix(points: points, dimension: d, metric: metric)
        return try barcode(of: dm, maxDimension: maxDimension, coefficient: coefficient, threshold: threshold, collapse: collapse,
                           threads: threads)
    }
}
