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
/// version (tested against it). 8000-point torus (bench_tda_scaling.py): 13–14 s of CPU for the table version,
/// 4.9–5.5 s for this one. With `threads` > 1 the edges are decided in blocks, speculatively on the threads and
/// checked in order (`ParallelCollapse`), with exactly the one-thread result.
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
    /// (i, j, value) with i > j, in the order they were decided (longest first); the same for any `threads`.
    /// `wideEntries` forces the 8-byte lists that graphs over 65 536 vertices need (tests compare the two layouts).
    static func collapse(_ graph: NeighbourGraph, threads: Int = 1, wideEntries: Bool = false) -> [(Int32, Int32, Float)] {
        collapseCounting(graph, threads: threads, wideEntries: wideEntries).kept
    }

    /// How the threaded loop went (tests check that its validation path ran).
    struct Statistics: Equatable {
        /// Blocks handed to the threads; edges decided by their speculative result; edges recomputed in order.
        var blocks = 0, speculated = 0, recomputed = 0
    }

    /// Edges per block of the threaded loop (`ParallelCollapse`). Why 128: on the 8000-point torus 1.8 % of the
    /// speculative results are recomputed (64: 0.9 %, 256: 3.5 %; the recomputing is serial), and a block is still
    /// ~200 µs of work, far above one hand-off between threads.
    static let blockSize = 128

    /// `collapse`, with the threaded loop's statistics (zero on one thread) and its block size.
    static func collapseCounting(_ graph: NeighbourGraph, threads: Int, wideEntries: Bool = false, blockSize: Int = blockSize)
        -> (kept: [(Int32, Int32, Float)], statistics: Statistics) {
        if !wideEntries && graph.vertexCount <= PackedEntry.vertexLimit {
            return collapse(graph, threads: threads, blockSize: blockSize, entries: PackedEntry.self)
        }
        return collapse(graph, threads: threads, blockSize: blockSize, entries: WideEntry.self)
    }

    private static func collapse<Entry: CollapseEntry & Sendable>(_ graph: NeighbourGraph, threads: Int, blockSize: Int,
                                                       entries: Entry.Type) -> (kept: [(Int32, Int32, Float)], statistics: Statistics) {
        let rank = graph.spatialRank ?? CollapseOrder.breadthFirstRanks(graph)
        var label = [Int32](repeating: 0, count: graph.vertexCount)
        for v in 0..<graph.vertexCount { label[Int(rank[v])] = Int32(v) }
        let state = CollapseGraph<Entry>(graph, rank: rank)
        defer { state.deallocate() }
        let order = CollapseOrder.longestFirst(graph, threads: threads)
        // One thread keeps the plain loop: speculating there would add the in-order pass (0.21–0.29 s on the
        // 8000-point torus, whose loop takes ~2.4 s: the lists are walked a second time, 2 % of the edges recomputed).
        if threads > 1 {
            let parallel = ParallelCollapse(state: state, order: order, workers: threads, blockSize: blockSize)
            parallel.run(label: label)
            return (parallel.kept, parallel.statistics)
        }
        var kept = [(Int32, Int32, Float)]()
        kept.reserveCapacity(graph.edgeCount / 8)
        var scratch = DominationScratch(capacity: state.maxDegree, vertexCount: graph.vertexCount)
        defer { scratch.deallocate() }
        for key in order {
            let (u, v) = state.endpoints(ofEdge: Int(truncatingIfNeeded: key & 0xFFFF_FFFF))
            // Not yet taken, so still at its length: the key's high half.
            let start = Float(bitPattern: UInt32(truncatingIfNeeded: key >> 32))
            let (time, pu, pv) = scratch.survival(of: u, v, from: start, in: state)
            apply(u, v, time: time, pu: pu, pv: pv, to: state, label: label, kept: &kept)
        }
        return (kept, Statistics())
    }

    /// Decides edge uv (at pu in u's untaken list, pv in v's): taken out of both, and kept at `time` unless +inf.
    @inline(__always) static func apply<Entry: CollapseEntry>(_ u: Int, _ v: Int, time: Float, pu: Int, pv: Int, to state: CollapseGraph<Entry>,
                                                              label: [Int32], kept: inout [(Int32, Int32, Float)]) {
        state.take(at: pu, of: u); state.take(at: pv, of: v)
        if time != .infinity {
            state.keep(Int32(truncatingIfNeeded: v), value: time, of: u)
            state.keep(Int32(truncatingIfNeeded: u), value: time, of: v)
            let (i, j) = (label[u], label[v])
            kept.append((max(i, j), min(i, j), time))
        }
    }
}
