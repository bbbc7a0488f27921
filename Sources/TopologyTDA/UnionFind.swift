/// Disjoint sets over vertices 0..<n with path halving and union by rank: the H0 (connected components) engine.
struct UnionFind {
    private var parent: [Int]
    private var rank: [UInt8]

    /// n singleton components.
    init(count n: Int) {
        parent = Array(0..<n)
        rank = [UInt8](repeating: 0, count: n)
    }

    /// The representative of x's component.
    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// Merges the components whose representatives are a and b; returns the merged component's representative.
    @discardableResult mutating func link(_ a: Int, _ b: Int) -> Int {
        if a == b { return a }
        if rank[a] > rank[b] { parent[b] = a; return a } else {
            parent[a] = b
            if rank[a] == rank[b] { rank[b] &+= 1 }
            return b
        }
    }
}
