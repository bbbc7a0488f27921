/// The reduction of a thresholded Rips graph held as neighbour lists (O(edges)), with or without edge collapse —
/// shared by a matrix that collapses and by a point cloud at a threshold (`barcode(ofPoints:)`).
extension PersistentCohomology {
    /// Bars (lengths, not ranks) and cocycles of the sparse complex on `graph`'s edges, and how many edges it kept.
    static func sparseBars(
        _ graph: NeighbourGraph, threshold: Float, maxDimension: Int, field: PrimeField, collapse: Bool, cocycles: Bool,
        threads: Int, tuning: ReductionTuning, progress: PersistenceProgress?, table: BinomialTable,
        layout: WorkingColumn.Layout?, vertexBirths: [Float]? = nil
    ) -> (bars: [[(Float, Float)]], cocycles: [[Cocycle]], keptEdges: Int) {
        let edges = collapse ? EdgeCollapse.collapse(graph, threads: threads) : graph.edgeList()
        func reduce(_ edges: [(Int32, Int32, Float)], _ threshold: Float) -> ([[(Float, Float)]], [[Cocycle]]) {
            let complex = SparseRipsComplex(vertexCount: graph.vertexCount, edges: edges, threshold: threshold, table: table,
                                            slots: 2 * threads)
            var reducer = CohomologyReducer(complex: complex, maxDimension: maxDimension, field: field, progress: progress,
                                            cocycles: cocycles, threads: threads, tuning: tuning, layout: layout,
                                            vertexBirths: vertexBirths)
            return (reducer.run(), reducer.representativeCocycles)
        }
        if layout != nil {
            let (ranks, ranked) = DiameterRanks.ranking(edges: edges)
            let (bars, representatives) = reduce(ranked, ranks.threshold)
            return (ranks.lengths(bars), representatives, edges.count)
        }
        let (bars, representatives) = reduce(edges, threshold)
        return (bars, representatives, edges.count)
    }
}
