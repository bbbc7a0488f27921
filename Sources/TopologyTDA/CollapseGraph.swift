/// The edge collapse's working graph: each vertex's live neighbours in increasing index order, each entry the
/// neighbour and the edge's current filtration value side by side (both entries of an edge hold the same value).
/// List v is entry[offset[v] ..< end[v]]; a removed edge is erased from both lists (the tail moved down).
///
/// Why erase: edges are taken longest first and most are removed, so a list shrinks to the edges not yet taken plus
/// the few kept, and the merges that dominate the collapse walk live entries only. Why side by side: one cache line
/// brings both the index the merge compares and the value it then reads (separate arrays cost a second miss).
/// Vertices are relabelled in breadth-first order (`CollapseOrder.breadthFirstRanks`): neighbours get nearby labels,
/// so the lists one edge reads (its ends' and its candidate dominators') lie close together in memory. Edges keep
/// their numbers — (i, j), i > j, in the `NeighbourGraph`'s labels and lower-part order — and pair[e] names edge e's
/// ends in the new labels.
/// Manually managed buffers: the collapse reads them in its innermost loops.
struct CollapseGraph {
    struct Entry { var vertex: Int32; var value: Float }

    let vertexCount: Int
    let offset: UnsafeMutableBufferPointer<Int>
    let end: UnsafeMutableBufferPointer<Int>
    let entry: UnsafeMutableBufferPointer<Entry>
    let pair: UnsafeMutableBufferPointer<UInt64>
    let maxDegree: Int

    /// The graph relabelled by `rank` (vertex v becomes rank[v]); pair[e] names edge e of `graph` in the new labels.
    init(_ graph: NeighbourGraph, rank: [Int32]) {
        let n = graph.vertexCount
        vertexCount = n
        var label = [Int](repeating: 0, count: n)   // label[new] = old
        for v in 0..<n { label[Int(rank[v])] = v }
        offset = .allocate(capacity: n + 1)
        offset[0] = 0
        var largest = 0
        for x in 0..<n {
            let degree = graph.offset[label[x] + 1] - graph.offset[label[x]]
            offset[x + 1] = offset[x] + degree
            largest = max(largest, degree)
        }
        maxDegree = largest
        end = .allocate(capacity: max(n, 1)); _ = end.initialize(from: offset[0..<n])
        entry = .allocate(capacity: max(graph.neighbour.count, 1))
        // Each list comes out sorted: y goes into the lists of its neighbours in increasing new label.
        for y in 0..<n {
            let v = label[y]
            for p in graph.offset[v]..<graph.offset[v + 1] {
                let x = Int(rank[Int(graph.neighbour[p])])
                entry[end[x]] = Entry(vertex: Int32(truncatingIfNeeded: y), value: graph.length[p]); end[x] += 1
            }
        }
        pair = .allocate(capacity: max(graph.edgeCount, 1))
        var e = 0
        for v in 0..<n {
            for t in 0..<Int(graph.lowerCount[v]) {
                let j = Int(graph.neighbour[graph.offset[v] + t])
                pair[e] = UInt64(UInt32(bitPattern: rank[v])) << 32 | UInt64(UInt32(bitPattern: rank[j])); e += 1
            }
        }
    }

    func deallocate() { offset.deallocate(); end.deallocate(); entry.deallocate(); pair.deallocate() }

    /// Edge number e's two ends (new labels).
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
