/// The order in which the collapse takes the edges: longest first, ties by decreasing (i, j). Each edge is one
/// UInt64 — its length's bits (non-negative floats order as their bit patterns) above its number in (i, j) order —
/// so the order is that of plain integers (a comparison closure on tuples was ~7 % of S³ H2, perf).
enum CollapseOrder {
    /// The keys of `graph`'s edges, decreasing. The low 32 bits are the edge number (`CollapseGraph`).
    static func longestFirst(_ graph: NeighbourGraph, threads: Int = 1) -> [UInt64] {
        // 2^32 edges would be 32 GiB of neighbour lists; the numbers must fit the low half of a key.
        precondition(graph.edgeCount < 1 << 32, "more than 2^32 edges")
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
        guard threads > 1, keys.count >= CollapseOrder.parallelSortMinimum else { keys.sort(by: >); return keys }
        // One slice per thread sorted on its own thread, then merged: the keys are distinct (edge numbers), so the
        // order is the same for any number of threads.
        let parts = min(threads, 8)
        let bounds = (0...parts).map { keys.count * $0 / parts }
        keys.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedKeys(buffer)
            WorkerThreads.run(parts) { w in
                var slice = UnsafeMutableBufferPointer(rebasing: shared.keys[bounds[w]..<bounds[w + 1]])
                slice.sort(by: >)
            }
        }
        var merged = Array(keys[bounds[0]..<bounds[1]])
        for w in 1..<parts { merged = mergeDecreasing(merged, keys[bounds[w]..<bounds[w + 1]]) }
        return merged
    }

    /// Below this many edges one thread sorts (starting threads costs more than it saves).
    static let parallelSortMinimum = 1 << 16

    private static func mergeDecreasing(_ a: [UInt64], _ b: ArraySlice<UInt64>) -> [UInt64] {
        var out = [UInt64]()
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = b.startIndex
        while i < a.count && j < b.endIndex {
            if a[i] > b[j] { out.append(a[i]); i += 1 } else { out.append(b[j]); j += 1 }
        }
        out += a[i...]
        out += b[j...]
        return out
    }

    /// New labels in breadth-first order (each component from its smallest vertex, neighbours in index order):
    /// rank[v] = position of v. Why: the collapse is bound by reading neighbour lists; on the 8000-point torus of
    /// `scripts/bench_tda_scaling.py` it took 6.6–7.3 s of CPU with the input's labels and 4.9–5.5 s with these
    /// (three runs each, alternating; the kept edges are the same: nothing in the result depends on labels).
    static func breadthFirstRanks(_ graph: NeighbourGraph) -> [Int32] {
        let n = graph.vertexCount
        var rank = [Int32](repeating: -1, count: n)
        var queue = [Int](repeating: 0, count: n)
        var head = 0, tail = 0
        for root in 0..<n where rank[root] < 0 {
            rank[root] = Int32(tail); queue[tail] = root; tail += 1
            while head < tail {
                let v = queue[head]; head += 1
                for p in graph.offset[v]..<graph.offset[v + 1] {
                    let w = Int(graph.neighbour[p])
                    if rank[w] < 0 { rank[w] = Int32(tail); queue[tail] = w; tail += 1 }
                }
            }
        }
        return rank
    }
}

/// The key buffer the sorting threads share (each sorts its own slice).
private final class SharedKeys: @unchecked Sendable {
    let keys: UnsafeMutableBufferPointer<UInt64>
    init(_ keys: UnsafeMutableBufferPointer<UInt64>) { self.keys = keys }
}
