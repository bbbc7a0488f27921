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
    /// The barcode of the Rips filtration of `distances` in dimensions 0…maxDimension with coefficients in Z/p.
    ///
    /// - Parameters:
    ///   - threshold: largest edge length; nil = the enclosing radius (Ripser's default: nothing finite dies later).
    ///   - sparse: use neighbour lists instead of the full matrix; nil = when fewer than a quarter of the edges are
    ///     under the threshold.
    ///   - collapse: edge collapse of the 1-skeleton before the complex is built.
    public static func barcode(
        of distances: DistanceMatrix, maxDimension: Int = 1, coefficient: Int = 2, threshold: Double? = nil,
        sparse: Bool? = nil, collapse: CollapsePolicy = .automatic, progress: PersistenceProgress? = nil
    ) throws(TDAError) -> Barcode {
        guard maxDimension >= 0 else { throw .invalidMaxDimension(maxDimension) }
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
        let doCollapse: Bool
        switch collapse {
        case .never: doCollapse = false
        case .always: doCollapse = maxDimension >= 1
        case .automatic: doCollapse = EdgeCollapse.pays(maxDimension: maxDimension, vertexCount: n, edgeCount: edgeCount)
        }

        var diagrams: [[(Float, Float)]]
        var keptEdges = edgeCount
        if doCollapse {
            let collapsed = EdgeCollapse.collapse(distances, threshold: t)
            keptEdges = collapsed.count
            let complex = SparseRipsComplex(vertexCount: n, edges: collapsed, threshold: t, table: table)
            diagrams = CohomologyReducer(complex: complex, maxDimension: maxDimension, field: field, progress: progress).run()
        } else if sparse ?? (4 * edgeCount < totalEdges) {
            let complex = SparseRipsComplex(distances, threshold: t, table: table)
            diagrams = CohomologyReducer(complex: complex, maxDimension: maxDimension, field: field, progress: progress).run()
        } else {
            let complex = DenseRipsComplex(distances, threshold: t, table: table)
            diagrams = CohomologyReducer(complex: complex, maxDimension: maxDimension, field: field, progress: progress).run()
        }
        let out = diagrams.enumerated().map { k, bars in
            PersistenceDiagram(dimension: k, intervals: bars.map {
                PersistenceInterval(birth: Double($0.0), death: $0.1 == .infinity ? .infinity : Double($0.1))
            })
        }
        return Barcode(diagrams: out, pointCount: n, threshold: Double(t), coefficient: coefficient,
                       edgeCount: keptEdges, edgeCountBeforeCollapse: edgeCount)
    }

    /// The barcode of a point cloud (row-major [n, d]) under `metric`.
    public static func barcode(
        ofPoints points: [Double], dimension d: Int, metric: Metric = .euclidean, maxDimension: Int = 1,
        coefficient: Int = 2, threshold: Double? = nil, collapse: CollapsePolicy = .automatic
    ) throws(TDAError) -> Barcode {
        let dm = try DistanceMatrix(points: points, dimension: d, metric: metric)
        return try barcode(of: dm, maxDimension: maxDimension, coefficient: coefficient, threshold: threshold, collapse: collapse)
    }
}
