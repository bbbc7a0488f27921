/// The Rips complex of a sparse 1-skeleton (the edges below a threshold, or the edges that survive an edge
/// collapse): each vertex keeps its neighbours sorted by index, and the cofacets of a simplex are the common
/// neighbours of its vertices, found by merging those lists from the top (Ripser's sparse mode).
/// `@unchecked Sendable`: read-only once built, except the scratch slots, which the parallel reduction divides
/// between its threads (two per worker).
final class SparseRipsComplex: RipsComplex, @unchecked Sendable {
    let vertexCount: Int
    let threshold: Float
    let binomial: BinomialPointer
    private let table: UnsafeMutableBufferPointer<Int>
    /// CSR neighbour lists: neighbours of v are neighbor[offset[v] ..< offset[v+1]], increasing.
    private let offset: UnsafeMutableBufferPointer<Int>
    private let neighbor: UnsafeMutableBufferPointer<Int32>
    private let neighborDistance: UnsafeMutableBufferPointer<Float>
    /// Scratch per slot: vertices (ascending) then list positions.
    private let scratch: UnsafeMutableBufferPointer<Int>
    private let scratchStride: Int
    /// Number of edges kept.
    let edgeCount: Int
    /// d(i, j) for i > j at i(i−1)/2 + j, +inf for a missing edge, when n is small enough (see `lookupLimit`):
    /// the apparent-pair tests read every edge of a simplex, and a binary search per edge was ~15 % of an H2 run.
    private let lookup: UnsafeMutableBufferPointer<Float>?
    /// Largest lower triangle kept for `lookup` (16 Mi entries, 64 MiB; the input matrix is at least as large).
    static let lookupLimit = 1 << 24

    /// The complex on `n` vertices whose edges are `edges` (each (i, j, d) once, any order; d ≤ threshold), with
    /// `slots` scratch slots (two per reducing thread, at least 4).
    init(vertexCount n: Int, edges: [(Int32, Int32, Float)], threshold: Float, table: BinomialTable, slots: Int = DenseRipsComplex.slotCount) {
        vertexCount = n
        self.threshold = threshold
        self.table = .allocate(capacity: table.values.count)
        _ = self.table.initialize(from: table.values)
        binomial = BinomialPointer(base: UnsafePointer(self.table.baseAddress!), stride: table.maxK + 1)
        var degree = [Int](repeating: 0, count: n + 1)
        for (i, j, _) in edges { degree[Int(i)] += 1; degree[Int(j)] += 1 }
        offset = .allocate(capacity: n + 1)
        offset[0] = 0
        for v in 0..<n { offset[v + 1] = offset[v] + degree[v] }
        let m = offset[n]
        neighbor = .allocate(capacity: max(m, 1))
        neighborDistance = .allocate(capacity: max(m, 1))
        var fill = Array(offset[0..<n])
        for (i, j, d) in edges {
            neighbor[fill[Int(i)]] = j; neighborDistance[fill[Int(i)]] = d; fill[Int(i)] += 1
            neighbor[fill[Int(j)]] = i; neighborDistance[fill[Int(j)]] = d; fill[Int(j)] += 1
        }
        // Sort each list by neighbour index.
        var pairs = [(Int32, Float)]()
        for v in 0..<n {
            let lo = offset[v], hi = offset[v + 1]
            if hi - lo < 2 { continue }
            pairs.removeAll(keepingCapacity: true)
            for t in lo..<hi { pairs.append((neighbor[t], neighborDistance[t])) }
            pairs.sort { $0.0 < $1.0 }
            for (t, p) in pairs.enumerated() { neighbor[lo + t] = p.0; neighborDistance[lo + t] = p.1 }
        }
        edgeCount = edges.count
        let pairCount = n * (n - 1) / 2
        if pairCount <= SparseRipsComplex.lookupLimit {
            let l = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(pairCount, 1))
            l.initialize(repeating: .infinity)
            for (i, j, d) in edges {
                let a = Int(max(i, j)), b = Int(min(i, j))
                if a != b { l[(a * (a - 1)) / 2 + b] = d }
            }
            lookup = l
        } else {
            lookup = nil
        }
        scratchStride = 2 * (table.maxK + 1)
        scratch = .allocate(capacity: scratchStride * max(slots, DenseRipsComplex.slotCount))
        scratch.initialize(repeating: 0)
    }

    /// The complex of the edges of `matrix` with d ≤ threshold.
    convenience init(_ matrix: DistanceMatrix, threshold: Float, table: BinomialTable, slots: Int = DenseRipsComplex.slotCount) {
        var edges = [(Int32, Int32, Float)]()
        var k = 0
        for i in 0..<matrix.count {
            for j in 0..<i {
                let d = matrix.lowerTriangle[k]
                if d <= threshold { edges.append((Int32(i), Int32(j), d)) }
                k += 1
            }
        }
        self.init(vertexCount: matrix.count, edges: edges, threshold: threshold, table: table, slots: slots)
    }

    deinit {
        table.deallocate(); offset.deallocate(); neighbor.deallocate(); neighborDistance.deallocate(); scratch.deallocate()
        lookup?.deallocate()
    }

    func edges() -> [SimplexEntry] {
        var out = [SimplexEntry]()
        out.reserveCapacity(edgeCount)
        for i in 0..<vertexCount {
            for t in offset[i]..<offset[i + 1] {
                let j = Int(neighbor[t])
                if j >= i { break }
                out.append(SimplexEntry(diameter: neighborDistance[t], index: ((i &* (i &- 1)) >> 1) &+ j))
            }
        }
        return out
    }

    @inline(__always) func distance(_ i: Int, _ j: Int) -> Float {
        if i == j { return 0 }
        if let lookup {
            return i > j ? lookup[((i &* (i &- 1)) >> 1) &+ j] : lookup[((j &* (j &- 1)) >> 1) &+ i]
        }
        var lo = offset[i], hi = offset[i &+ 1]
        let key = Int32(truncatingIfNeeded: j)
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if neighbor[mid] < key { lo = mid &+ 1 } else { hi = mid }
        }
        return lo < offset[i &+ 1] && neighbor[lo] == key ? neighborDistance[lo] : .infinity
    }

    @inline(__always) func cofacets(of simplex: SimplexEntry, dimension: Int, modulus: UInt32, slot: Int) -> SparseCofacets {
        let base = scratch.baseAddress! + slot * scratchStride
        let m = dimension + 1
        let vertices = base, position = base + m
        binomial.vertices(of: simplex.index, dimension: dimension, vertexCount: vertexCount, into: position)
        // Ascending order, as Ripser's sparse enumerator expects.
        for t in 0..<m { vertices[t] = position[m - 1 - t] }
        for t in 0..<m { position[t] = offset[vertices[t] + 1] - 1 }
        return SparseCofacets(simplex: simplex, dimension: dimension, vertices: vertices, position: position,
                              offset: UnsafePointer(offset.baseAddress!), neighbor: UnsafePointer(neighbor.baseAddress!),
                              neighborDistance: UnsafePointer(neighborDistance.baseAddress!), binomial: binomial, modulus: modulus)
    }
}

/// Ripser's sparse coboundary enumerator: a cofacet adds a vertex j adjacent to every vertex of the simplex; the
/// neighbour lists are walked downwards in step, so cofacets come out in decreasing index order.
struct SparseCofacets: CofacetEnumerator {
    private var idxBelow: Int
    private var idxAbove = 0
    private var k: Int
    private let m: Int
    private let vertices: UnsafeMutablePointer<Int>
    private let position: UnsafeMutablePointer<Int>
    private let offset: UnsafePointer<Int>
    private let neighbor: UnsafePointer<Int32>
    private let neighborDistance: UnsafePointer<Float>
    private let binomial: BinomialPointer
    private let diameter: Float
    private let coefficient: UInt32
    private let modulus: UInt32

    init(simplex: SimplexEntry, dimension: Int, vertices: UnsafeMutablePointer<Int>, position: UnsafeMutablePointer<Int>,
         offset: UnsafePointer<Int>, neighbor: UnsafePointer<Int32>, neighborDistance: UnsafePointer<Float>,
         binomial: BinomialPointer, modulus: UInt32) {
        idxBelow = simplex.index
        k = dimension &+ 1
        m = dimension &+ 1
        self.vertices = vertices
        self.position = position
        self.offset = offset
        self.neighbor = neighbor
        self.neighborDistance = neighborDistance
        self.binomial = binomial
        diameter = simplex.diameter
        coefficient = simplex.coefficient
        self.modulus = modulus
    }

    @inline(__always) mutating func next(allCofacets: Bool) -> SimplexEntry? {
        let end0 = offset[vertices[0]]
        outer: while position[0] >= end0 {
            let candidate = neighbor[position[0]]
            var d = neighborDistance[position[0]]
            var t = 1
            while t < m {
                let end = offset[vertices[t]]
                var p = position[t]
                while p >= end && neighbor[p] > candidate { p &-= 1 }
                position[t] = p
                if p < end { position[0] = end0 &- 1; return nil }
                if neighbor[p] != candidate { position[0] &-= 1; continue outer }
                if neighborDistance[p] > d { d = neighborDistance[p] }
                t &+= 1
            }
            let j = Int(candidate)
            while k > 0 && vertices[k &- 1] > j {
                if !allCofacets { return nil }
                idxBelow &-= binomial(vertices[k &- 1], k)
                idxAbove &+= binomial(vertices[k &- 1], k &+ 1)
                k &-= 1
            }
            position[0] &-= 1
            let index = idxAbove &+ binomial(j, k &+ 1) &+ idxBelow
            let c = (k & 1) == 1 ? (modulus &- coefficient) % modulus : coefficient
            return SimplexEntry(diameter: max(d, diameter), index: index, coefficient: c)
        }
        return nil
    }
}
