/// The edge collapse's working graph: each vertex's live neighbours in increasing index order, each entry the
/// neighbour and the edge's current filtration value side by side (both entries of an edge hold the same value).
/// List v is entry[offset[v] ..< end[v]]; a removed edge is erased from both lists (the tail moved down).
///
/// Why erase: edges are taken longest first and most are removed, so a list shrinks to the edges not yet taken plus
/// the few kept, and the merges that dominate the collapse walk live entries only. Why side by side: one cache line
/// brings both the index the merge compares and the value it then reads (separate arrays cost a second miss).
/// Edges are numbered by (i, j), i > j, in the order of the `NeighbourGraph`'s lower parts: pair[e] = i << 32 | j.
/// Manually managed buffers: the collapse reads them in its innermost loops.
struct CollapseGraph {
    struct Entry { var vertex: Int32; var value: Float }

    let vertexCount: Int
    let offset: UnsafeMutableBufferPointer<Int>
    let end: UnsafeMutableBufferPointer<Int>
    let entry: UnsafeMutableBufferPointer<Entry>
    let pair: UnsafeMutableBufferPointer<UInt64>
    let maxDegree: Int

    init(_ graph: NeighbourGraph) {
        let n = graph.vertexCount
        vertexCount = n
        offset = .allocate(capacity: n + 1); _ = offset.initialize(from: graph.offset)
        end = .allocate(capacity: max(n, 1)); _ = end.initialize(from: graph.offset[1...])
        entry = .allocate(capacity: max(graph.neighbour.count, 1))
        for p in 0..<graph.neighbour.count { entry[p] = Entry(vertex: graph.neighbour[p], value: graph.length[p]) }
        pair = .allocate(capacity: max(graph.edgeCount, 1))
        var largest = 0, e = 0
        for v in 0..<n {
            for t in 0..<Int(graph.lowerCount[v]) {
                pair[e] = UInt64(v) << 32 | UInt64(UInt32(bitPattern: graph.neighbour[graph.offset[v] + t])); e += 1
            }
            largest = max(largest, graph.offset[v + 1] - graph.offset[v])
        }
        maxDegree = largest
    }

    func deallocate() { offset.deallocate(); end.deallocate(); entry.deallocate(); pair.deallocate() }

    /// Edge number e as (i, j), i > j.
    @inline(__always) func endpoints(ofEdge e: Int) -> (Int, Int) {
        (Int(truncatingIfNeeded: pair[e] >> 32), Int(truncatingIfNeeded: pair[e] & 0xFFFF_FFFF))
    }

    /// Erases the entry at p of v's list.
    @inline(__always) func remove(at p: Int, of v: Int) {
        let base = entry.baseAddress!
        (base + p).update(from: base + p + 1, count: end[v] &- p &- 1)
        end[v] &-= 1
    }

    /// First position in lo..<hi whose neighbour is ≥ key (hi when none); the list is increasing.
    @inline(__always) func search(_ key: Int32, from lo: Int, to hi: Int) -> Int {
        var lo = lo, hi = hi
        while lo < hi { let mid = (lo &+ hi) >> 1; if entry[mid].vertex < key { lo = mid &+ 1 } else { hi = mid } }
        return lo
    }

    /// value(c, x), +inf when x is not (or no longer) a neighbour of c.
    @inline(__always) func value(_ c: Int, _ x: Int) -> Float {
        let end = self.end[c], p = search(Int32(truncatingIfNeeded: x), from: offset[c], to: end)
        return p < end && entry[p].vertex == Int32(truncatingIfNeeded: x) ? entry[p].value : .infinity
    }
}
