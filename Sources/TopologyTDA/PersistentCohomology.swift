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
        guard n >= 1 else { throw .emptyInput }
        if let threshold, threshold.isNaN { throw .invalidThreshold(threshold) }
        let radius = distances.enclosingRadius
        // Beyond the enclosing radius the complex is a cone: same bars, so a larger threshold is capped to it.
        let t = threshold.map { min(Float($0), radius) } ?? radius
        let births = distances.vertexBirths
        // ripser.py's num_edges: entries ≤ the user's threshold, else ≤ ripser's default (the enclosing radius, or
        // +inf on its vertex-birth path), counted before any capping.
        let given = threshold.flatMap { $0 == .infinity ? nil : Float($0) }
        let ripserThreshold = given ?? (births != nil ? .infinity : radius)
        var ripserEdges = 0
        for d in distances.lowerTriangle where d <= ripserThreshold { ripserEdges += 1 }
        if n == 1 {
            // One vertex: one component, born with the vertex, that never dies (ripser.py gives the same).
            let out = (0...maxDimension).map { k in
                PersistenceDiagram(dimension: k, intervals: k == 0 ? [PersistenceInterval(birth: Double(births?[0] ?? 0), death: .infinity)] : [],
                                   cocycles: cocycles && k >= 1 ? [] : nil)
            }
            return Barcode(diagrams: out, pointCount: 1, threshold: Double(t), coefficient: coefficient, edgeCount: 0,
                           edgeCountBeforeCollapse: 0, requestedThreshold: threshold, ripserEdgeCount: 0)
        }
        // +inf entries are "no edge": never in the complex, even when the threshold itself is +inf.
        var complexThreshold = min(t, .greatestFiniteMagnitude)
        var source = distances
        var valueRanks: FiltrationRanks? = nil
        if let b = births, b.contains(where: { $0 < 0 }) {
            guard let (r, m, rt) = FiltrationRanks.ranking(distances, threshold: complexThreshold) else {
                throw .invalidParameter("more than 2^24 distinct filtration values together with negative vertex births")
            }
            (valueRanks, source, complexThreshold) = (r, m, rt)
        }
        let table = try BinomialTable(maxN: n, maxK: maxDimension + 2)

        var edgeCount = 0
        for d in source.lowerTriangle where d <= complexThreshold { edgeCount += 1 }
        let totalEdges = n * (n - 1) / 2
        var doCollapse: Bool
        switch collapse {
        case .never: doCollapse = false
        case .always: doCollapse = maxDimension >= 1
        case .automatic: doCollapse = EdgeCollapse.pays(maxDimension: maxDimension, edgeCount: edgeCount)
        }

        // Cocycles must live on the original complex; vertex births are not part of the collapse's theory.
        if cocycles || births != nil { doCollapse = false }
        // Heap keys: Z/2 with small indices keeps the float-bit keys; otherwise diameters become ranks so that rank,
        // index and coefficient share 8 bytes (exact: see DiameterRanks), when they fit. Not with vertex births:
        // their values are not among the ranked edge lengths.
        let layout = births != nil ? nil : rankKeyLayout(field: field, vertexCount: n, maxDimension: maxDimension, table: table,
                                                         edgeCount: edgeCount, tuning: tuning)
        var diagrams: [[(Float, Float)]] = []
        var representatives = [[Cocycle]]()
        var keptEdges = edgeCount
        func reduce<C: RipsComplex>(_ complex: C) {
            var reducer = CohomologyReducer(complex: complex, maxDimension: maxDimension, field: field, progress: progress,
                                            cocycles: cocycles, threads: threads, tuning: tuning, layout: layout,
                                            vertexBirths: source.vertexBirths)
            diagrams = reducer.run()
            representatives = reducer.representativeCocycles
        }
        if doCollapse {
            let graph = NeighbourGraph(matrix: source, threshold: complexThreshold)
            let sparse = sparseBars(graph, threshold: complexThreshold, maxDimension: maxDimension, field: field, collapse: true,
                                    cocycles: cocycles, threads: threads, tuning: tuning, progress: progress, table: table,
                                    layout: layout, vertexBirths: source.vertexBirths)
            (diagrams, representatives, keptEdges) = (sparse.bars, sparse.cocycles, sparse.keptEdges)
        } else {
            let useSparse = sparse ?? (4 * edgeCount < totalEdges)
            var matrix = source, reduceThreshold = complexThreshold
            var ranks: DiameterRanks? = nil
            if layout != nil {
                let (r, ranked) = DiameterRanks.ranking(lowerTriangle: source.lowerTriangle, threshold: complexThreshold)
                matrix = DistanceMatrix(validatedCount: n, lowerTriangle: ranked)
                reduceThreshold = r.threshold
                ranks = r
            }
            if useSparse {
                reduce(SparseRipsComplex(matrix, threshold: reduceThreshold, table: table, slots: slots))
            } else {
                reduce(DenseRipsComplex(matrix, threshold: reduceThreshold, table: table, slots: slots))
            }
            if let ranks { diagrams = ranks.lengths(diagrams) }
        }
        if let valueRanks { diagrams = valueRanks.values(diagrams) }
        let out = diagrams.enumerated().map { k, bars in
            PersistenceDiagram(dimension: k, intervals: bars.map {
                PersistenceInterval(birth: Double($0.0), death: $0.1 == .infinity ? .infinity : Double($0.1))
            }, cocycles: cocycles && k >= 1 ? representatives[k] : nil)
        }
        return Barcode(diagrams: out, pointCount: n, threshold: Double(t), coefficient: coefficient,
                       edgeCount: keptEdges, edgeCountBeforeCollapse: edgeCount, requestedThreshold: threshold,
                       ripserEdgeCount: ripserEdges)
    }

    /// The 8-byte rank-key heap layout when it applies: not Z/2 with indices < 2^32 (the float-bit keys serve
    /// there), and rank, index and coefficient fit 64 bits; nil = the reducer's default (float keys or 16-byte entries).
    static func rankKeyLayout(field: PrimeField, vertexCount n: Int, maxDimension: Int, table: BinomialTable,
                              edgeCount: Int, tuning: ReductionTuning) -> WorkingColumn.Layout? {
        let k = maxDimension + 2
        let largestIndex = table.largestCount(vertices: n, upTo: k)
        guard tuning.rankKeys, !(field.modulus == 2 && largestIndex < Int(UInt32.max)), edgeCount < Int(UInt32.max) else { return nil }
        return WorkingColumn.Layout.rankKeys(modulus: Int(field.modulus), largestIndex: largestIndex, rankCount: edgeCount + 1)
    }
}
