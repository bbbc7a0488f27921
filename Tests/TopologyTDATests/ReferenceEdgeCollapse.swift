@testable import TopologyTDA

/// The edge collapse as it was before it moved onto neighbour lists (engine c2ed519, Sources/TopologyTDA/EdgeCollapse.swift):
/// an n×n table of current edge values. Kept here only as the reference the list version must match edge for edge
/// (`CollapseOnListsTests`).
enum ReferenceEdgeCollapse {
    /// The edges of the Rips graph of `matrix` up to `threshold` that survive the collapse, with their (possibly
    /// delayed) filtration values, as (i, j, value) with i > j.
    static func collapse(_ matrix: DistanceMatrix, threshold: Float) -> [(Int32, Int32, Float)] {
        let n = matrix.count
        // value[u·n + w]: current filtration value of edge uw; +inf = absent; −inf on the diagonal (closed
        // neighbourhoods make a vertex its own neighbour).
        let value = UnsafeMutableBufferPointer<Float>.allocate(capacity: n * n)
        defer { value.deallocate() }
        value.initialize(repeating: .infinity)
        var degree = [Int](repeating: 0, count: n + 1)
        var edges = [(Int32, Int32, Float)]()
        var k = 0
        for i in 0..<n {
            value[i * n + i] = -.infinity
            for j in 0..<i {
                let d = matrix.lowerTriangle[k]
                k += 1
                if d <= threshold {
                    value[i * n + j] = d; value[j * n + i] = d
                    degree[i] += 1; degree[j] += 1
                    edges.append((Int32(i), Int32(j), d))
                }
            }
        }
        // Static adjacency (a superset of the live graph: edges are only ever delayed or removed), sorted by vertex.
        var offset = [Int](repeating: 0, count: n + 1)
        for v in 0..<n { offset[v + 1] = offset[v] + degree[v] }
        var adjacency = [Int32](repeating: 0, count: offset[n])
        var fill = Array(offset[0..<n])
        for v in 0..<n {
            for w in 0..<n where w != v && value[v * n + w] <= threshold {
                adjacency[fill[v]] = Int32(w); fill[v] += 1
            }
        }
        // Longest edges first, ties by decreasing (i, j).
        sortLongestFirst(&edges)

        var kept = [(Int32, Int32, Float)]()
        kept.reserveCapacity(edges.count / 4)
        var neighbours = [Int]()          // common neighbours present at `time`, increasing
        var later = [(Float, Int)]()      // common neighbours that appear after `time`
        neighbours.reserveCapacity(n)
        later.reserveCapacity(n)

        adjacency.withUnsafeBufferPointer { adj in
            for (ui, vi, start) in edges {
                let u = Int(ui), v = Int(vi)
                var time = start
                neighbours.removeAll(keepingCapacity: true)
                later.removeAll(keepingCapacity: true)
                // Scan the shorter adjacency list.
                let (a, b) = offset[u + 1] - offset[u] <= offset[v + 1] - offset[v] ? (u, v) : (v, u)
                for t in offset[a]..<offset[a + 1] {
                    let w = Int(adj[t])
                    if w == b { continue }
                    let f = max(value[a &* n &+ w], value[b &* n &+ w])
                    if f == .infinity { continue }
                    if f > time { later.append((f, w)) } else { neighbours.append(w) }
                }
                var laterSorted = false
                var next = 0
                var dead = false
                search: while true {
                    var dominator = -1
                    for c in neighbours {
                        var dominates = true
                        for x in neighbours where value[x &* n &+ c] > time { dominates = false; break }
                        if dominates { dominator = c; break }
                    }
                    if dominator == -1 { break search }
                    // Shift the edge forward while the same vertex keeps dominating it.
                    var stillDominated = true
                    while stillDominated {
                        if next == later.count { dead = true; break search }
                        if !laterSorted { later.sort { $0.0 < $1.0 }; laterSorted = true }
                        time = later[next].0
                        while next < later.count && later[next].0 <= time {
                            let w = later[next].1
                            if value[dominator &* n &+ w] > time { stillDominated = false }
                            insertSorted(w, into: &neighbours)
                            next += 1
                        }
                    }
                }
                if dead {
                    value[u &* n &+ v] = .infinity; value[v &* n &+ u] = .infinity
                } else {
                    if time != start { value[u &* n &+ v] = time; value[v &* n &+ u] = time }
                    kept.append((ui, vi, time))
                }
            }
        }
        return kept
    }

    /// Sorts (i, j, length) with i > j by decreasing length, ties by decreasing (i, j). Why not a closure sort on
    /// the tuples: that was ~7 % of S³ H2 (perf). Each edge becomes one UInt64 — the length's bits (non-negative
    /// floats order as their bit patterns) above the pair's rank C(i, 2) + j, which orders like (i, j) — sorted as
    /// plain integers.
    static func sortLongestFirst(_ edges: inout [(Int32, Int32, Float)]) {
        guard let last = edges.last, edges.count > 1 else { return }
        var largest = Int(last.0)
        for e in edges { largest = max(largest, Int(e.0)) }
        // The rank must fit in 32 bits: largest·(largest − 1)/2 + largest < 2^32 up to n ≈ 92 000.
        guard largest < 65_536 else {
            edges.sort { $0.2 > $1.2 || ($0.2 == $1.2 && ($0.0, $0.1) > ($1.0, $1.1)) }
            return
        }
        var keys = [UInt64](repeating: 0, count: edges.count)
        for (t, e) in edges.enumerated() {
            let i = UInt64(e.0), j = UInt64(e.1)
            let length = e.2 == 0 ? 0 : e.2.bitPattern   // −0 as +0
            keys[t] = UInt64(length) << 32 | (i &* (i &- 1) / 2 &+ j)
        }
        keys.sort(by: >)
        for (t, key) in keys.enumerated() {
            let rank = key & 0xFFFF_FFFF
            // i = the largest integer with C(i, 2) ≤ rank (closed form, then corrected for rounding).
            var i = UInt64((1 + (1 + 8 * Double(rank)).squareRoot()) / 2)
            while i &* (i &- 1) / 2 > rank { i &-= 1 }
            while (i &+ 1) &* i / 2 <= rank { i &+= 1 }
            edges[t] = (Int32(i), Int32(rank &- i &* (i &- 1) / 2), Float(bitPattern: UInt32(key >> 32)))
        }
    }

    @inline(__always) private static func insertSorted(_ w: Int, into a: inout [Int]) {
        var lo = 0, hi = a.count
        while lo < hi { let mid = (lo + hi) >> 1; if a[mid] < w { lo = mid + 1 } else { hi = mid } }
        a.insert(w, at: lo)
    }
}
