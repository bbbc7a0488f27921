/// The edge collapse's working graph. Each vertex x owns a region of `neighbour` as long as its degree, holding two
/// increasing lists: at the front its **untaken** neighbours (edges the collapse has not reached yet), at the back its
/// **kept** ones (edges already decided and kept), with their values in `keptValue` at the same positions.
///
/// Why two lists, and why the untaken one carries only a coarse length: edges are taken longest first, so when edge
/// uv of length ℓ is taken, every untaken edge is no longer than ℓ — present at every time the collapse of uv looks
/// at — and only the kept edges (at least ℓ, possibly delayed further) need exact values. The untaken lists, which
/// the merges and dominator tests walk, then hold a label and a length key (`CollapseEntry`: 4 bytes up to 65 536
/// vertices) instead of a label and an exact value. 16 000-point torus of `scripts/bench_tda_scaling.py`, one core,
/// whole runs, alternating: 8-byte (label, value) lists 26.4 / 28.9 s CPU, these 24.7 / 25.1 s (L3 shared with a
/// build); at 8000 points 4.0 → 3.4 s.
/// A taken edge leaves both untaken lists (the tail moved down); a kept one is inserted into both kept lists.
///
/// Vertices are relabelled (`rank`: k-d order for a cloud, breadth-first for a matrix) so that the lists one edge
/// reads lie close together in memory. Edges keep their numbers — (i, j), i > j, in the `NeighbourGraph`'s labels
/// and lower-part order — and pair[e] names edge e's ends in the new labels.
/// Manually managed buffers: the collapse reads them in its innermost loops.
struct CollapseGraph<Entry: CollapseEntry> {
    let vertexCount: Int
    /// Region of x: offset[x] ..< offset[x + 1]; untaken offset[x] ..< end[x]; kept keptStart[x] ..< offset[x + 1].
    let offset: UnsafeMutableBufferPointer<Int>
    let end: UnsafeMutableBufferPointer<Int>
    let keptStart: UnsafeMutableBufferPointer<Int>
    let neighbour: UnsafeMutableBufferPointer<Entry>
    let keptValue: UnsafeMutableBufferPointer<Float>
    let pair: UnsafeMutableBufferPointer<UInt64>
    let maxDegree: Int

    /// The graph relabelled by `rank` (vertex v becomes rank[v]); pair[e] names edge e of `graph` in the new labels.
    init(_ graph: NeighbourGraph, rank: [Int32]) {
        let n = graph.vertexCount
        vertexCount = n
        precondition(n <= Entry.vertexLimit, "\(n) vertices for \(Entry.self)")
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
        keptStart = .allocate(capacity: max(n, 1)); _ = keptStart.initialize(from: offset[1...n])
        let entries = max(graph.neighbour.count, 1)
        neighbour = .allocate(capacity: entries)
        keptValue = .allocate(capacity: entries)   // written only where an edge is kept
        // Each list comes out sorted: y goes into the lists of its neighbours in increasing new label.
        for y in 0..<n {
            let v = label[y]
            for p in graph.offset[v]..<graph.offset[v + 1] {
                let x = Int(rank[Int(graph.neighbour[p])])
                neighbour[end[x]] = Entry(vertex: y, length: graph.length[p]); end[x] += 1
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

    func deallocate() {
        offset.deallocate(); end.deallocate(); keptStart.deallocate()
        neighbour.deallocate(); keptValue.deallocate(); pair.deallocate()
    }

    /// Edge number e's two ends (new labels).
    @inline(__always) func endpoints(ofEdge e: Int) -> (Int, Int) {
        (Int(truncatingIfNeeded: pair[e] >> 32), Int(truncatingIfNeeded: pair[e] & 0xFFFF_FFFF))
    }

    /// Takes the untaken entry at p of v's list out (the edge was decided).
    @inline(__always) func take(at p: Int, of v: Int) {
        let count = end[v] &- p &- 1
        (neighbour.baseAddress! + p).update(from: neighbour.baseAddress! + p + 1, count: count)
        end[v] &-= 1
    }

    /// Adds x, with the kept edge's value, to v's kept list (increasing; it moves down into the freed room).
    @inline(__always) func keep(_ x: Int32, value: Float, of v: Int) {
        let lo = keptStart[v], hi = offset[v + 1]
        var p = lo
        while p < hi && neighbour[p].vertex < x { p &+= 1 }
        (neighbour.baseAddress! + lo - 1).update(from: neighbour.baseAddress! + lo, count: p &- lo)
        (keptValue.baseAddress! + lo - 1).update(from: keptValue.baseAddress! + lo, count: p &- lo)
        neighbour[p &- 1] = Entry(vertex: Int(x), length: 0); keptValue[p &- 1] = value
        keptStart[v] = lo &- 1
    }

    /// First position in lo..<hi whose neighbour is ≥ key (hi when none); the range is increasing.
    @inline(__always) func search(_ key: Int32, from lo: Int, to hi: Int) -> Int {
        var lo = lo, hi = hi
        while lo < hi { let mid = (lo &+ hi) >> 1; if neighbour[mid].vertex < key { lo = mid &+ 1 } else { hi = mid } }
        return lo
    }

    /// Whether x is still an untaken neighbour of c.
    @inline(__always) func isUntaken(_ x: Int32, of c: Int) -> Bool {
        let e = end[c], p = search(x, from: offset[c], to: e)
        return p < e && neighbour[p].vertex == x
    }

    /// The value of the kept edge cx, +inf when cx is not kept (absent or untaken).
    @inline(__always) func keptValue(_ c: Int, _ x: Int32) -> Float {
        let e = offset[c &+ 1], p = search(x, from: keptStart[c], to: e)
        return p < e && neighbour[p].vertex == x ? keptValue[p] : .infinity
    }

    /// Whether x is in either of c's lists (cx untaken or kept).
    @inline(__always) func isListed(_ x: Int32, of c: Int) -> Bool {
        isUntaken(x, of: c) || keptValue(c, x) != .infinity
    }

    /// Whether cx is an edge present at `time` (`time` is at least the length of the edge being decided, so every
    /// untaken edge is present).
    @inline(__always) func isPresent(_ c: Int, _ x: Int32, at time: Float) -> Bool {
        isUntaken(x, of: c) || keptValue(c, x) <= time
    }
}
