/// Binomial coefficients C(n, k) for n ≤ vertexCount and k ≤ maxK: the combinatorial number system that indexes a
/// k-simplex {v_k > … > v_0} by Σ C(v_i, i+1), so simplices are integers and cofaces are found by arithmetic.
struct BinomialTable: Sendable {
    /// Row-major [(n + 1) × (maxK + 1)] table.
    let values: [Int]
    let maxK: Int
    let maxN: Int

    /// The table for n in 0...maxN and k in 0...maxK; throws when C(maxN, maxK) would overflow 64 bits.
    init(maxN: Int, maxK: Int) throws(TDAError) {
        self.maxN = maxN
        self.maxK = maxK
        // Check C(maxN, maxK) first, so a hopeless request fails before allocating the table.
        var c = 1
        if maxK <= maxN {
            for i in 1...max(maxK, 1) where maxK > 0 {
                let (m, o) = c.multipliedReportingOverflow(by: maxN - maxK + i)
                if o || m / i > Int.max / 4 { throw .tooManySimplices(points: maxN, dimension: maxK - 1) }
                c = m / i
            }
        }
        var t = [Int](repeating: 0, count: (maxN + 1) * (maxK + 1))
        for n in 0...maxN {
            t[n * (maxK + 1)] = 1
            if n == 0 { continue }
            for k in 1...maxK {
                if k > n { break }
                let (s, o) = t[(n - 1) * (maxK + 1) + k - 1].addingReportingOverflow(t[(n - 1) * (maxK + 1) + k])
                // Reserve headroom: index sums add a few such numbers.
                if o || s > Int.max / 4 { throw .tooManySimplices(points: maxN, dimension: maxK - 1) }
                t[n * (maxK + 1) + k] = s
            }
        }
        values = t
    }

    /// C(n, k) (0 when k > n).
    @inline(__always) func callAsFunction(_ n: Int, _ k: Int) -> Int {
        values[n &* (maxK &+ 1) &+ k]
    }

    /// The number of simplices with j vertices, largest over j ≤ k: a bound on every simplex index up to k vertices.
    /// Not C(n, k) alone: once k > n/2 that is smaller (4 points, H2: C(4, 4) = 1 tetrahedron but C(4, 3) = 4
    /// triangles, whose indices overflowed the packed heap key's index bits and crashed).
    func largestCount(vertices n: Int, upTo k: Int) -> Int {
        var m = 0
        for j in 0...min(k, n, maxK) { m = max(m, self(n, j)) }
        return m
    }
}
