/// Edge collapse of a flag filtration (Boissonnat & Pritam 2020; the backward "swap, shift and trim" form of
/// Glisse & Pritam 2022 that GUDHI uses): an edge uv whose common neighbourhood lies in the closed neighbourhood of
/// one vertex w (w dominates uv) can be removed without changing the homotopy type of the flag complex. Edges are
/// taken from the longest down; a dominated edge is delayed to the first scale at which it stops being dominated, or
/// removed when that never happens. The persistence barcode of the collapsed filtration is exactly the original's,
/// in every dimension, but it has far fewer edges, hence far fewer triangles and tetrahedra.
///
/// Works on the sorted neighbour lists of a `NeighbourGraph` (O(edges) memory; before, an n×n table capped it at
/// 8192 points): the current value of every edge sits in its two list entries, removed edges are erased
/// (`CollapseGraph`), and the per-edge work is in `DominationScratch`. Same kept edges, values and order as the table
/// version (tested against it). Not threaded: each edge's fate depends on the edges decided before it; with
/// `threads` > 1 only the key sort runs on threads. 8000-point torus (bench_tda_scaling.py): 13–14 s of CPU for
/// the table version, 4.9–5.5 s for this one.
///
/// When it pays (`pays`): collapse costs about (edges × mean degree) and saves work proportional to the number of
/// triangles (H1) and tetrahedra (H2). Ripser's H1 is already cheap thanks to apparent pairs, so collapse is applied
/// automatically only for maxDimension ≥ 2 (measured in the README: H2 of tori and spheres 5–50× faster), and only
/// when the graph has enough edges to matter.
enum EdgeCollapse {
    /// Whether `.automatic` collapses: H2 or higher, and at least `minimumEdges` edges under the threshold.
    static func pays(maxDimension: Int, edgeCount: Int) -> Bool {
        maxDimension >= 2 && edgeCount >= minimumEdges
    }

    /// Below this many edges the reduction is already instantaneous.
    static let minimumEdges = 5_000

    /// The edges of `graph` that survive the collapse, with their (possibly delayed) filtration values, as
    /// (i, j, value) with i > j, in the order they were decided (longest first). `wideEntries` forces the 8-byte
    /// lists that graphs over 65 536 vertices need (tests compare the two layouts).
    static func collapse(_ graph: NeighbourGraph, threads: Int = 1, wideEntries: Bool = false) -> [(Int32, Int32, Float)] {
        if !wideEntries && graph.vertexCount <= PackedEntry.vertexLimit {
            return collapse(graph, threads: threads, entries: PackedEntry.self)
        }
        return collapse(graph, threads: threads, entries: WideEntry.self)
    }

    private static func collapse<Entry: CollapseEntry>(_ graph: NeighbourGraph, threads: Int, entries: Entry.Type) -> [(Int32, Int32, Float)] {
        let rank = graph.spatialRank ?? CollapseOrder.breadthFirstRanks(graph)
        var label = [Int32](repeating: 0, count: graph.vertexCount)
        for v in 0..<graph.vertexCount { label[Int(rank[v])] = Int32(v) }
        let state = CollapseGraph<Entry>(graph, rank: rank)
        defer { state.deallocate() }
        let order = CollapseOrder.longestFirst(graph, threads: threads)
        var kept = [(Int32, Int32, Float)]()
        kept.reserveCapacity(graph.edgeCount / 8)
        var scratch = DominationScratch(capacity: state.maxDegree, vertexCount: graph.vertexCount)
        defer { scratch.deallocate() }
        for key in order {
            let edge = Int(truncatingIfNeeded: key & 0xFFFF_FFFF)
            let (u, v) = state.endpoints(ofEdge: edge)
            // Not yet taken, so still at its length: the key's high half.
            let start = Float(bitPattern: UInt32(truncatingIfNeeded: key >> 32))
            let (time, pu, pv) = scratch.survival(of: u, v, from: start, in: state)
            state.take(at: pu, of: u); state.take(at: pv, of: v)
            if time != .infinity {
                state.keep(Int32(truncatingIfNeeded: v), value: time, of: u)
                state.keep(Int32(truncatingIfNeeded: u), value: time, of: v)
                let (i, j) = (label[u], label[v])
                kept.append((max(i, j), min(i, j), time))
            }
        }
        return kept
    }
}
