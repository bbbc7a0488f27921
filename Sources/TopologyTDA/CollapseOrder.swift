/// The order in which the collapse takes the edges: longest first, ties by decreasing (i, j). Each edge is one
/// UInt64 — its length's bits (non-negative floats order as their bit patterns) above its number in (i, j) order —
/// so the order is that of plain integers (a comparison closure on tuples was ~7 % of S³ H2, perf).
enum CollapseOrder {
    /// The keys of `graph`'s edges, decreasing. The low 32 bits are the edge number (`CollapseGraph`).
    static func longestFirst(_ graph: NeighbourGraph, threads: Int = 1) -> [UInt64] {
        var keys = [UInt64](repeating: 0, count: graph.edgeCount)
        var e = 0
        for i in 0..<graph.vertexCount {
            let lo = graph.offset[i]
            for t in lo..<lo + Int(graph.lowerCount[i]) {
                let d = graph.length[t]
                keys[e] = UInt64(d == 0 ? 0 : d.bitPattern) << 32 | UInt64(e)   // −0 as +0
                e += 1
            }
        }
        keys.sort(by: >)
        return keys
    }
}
