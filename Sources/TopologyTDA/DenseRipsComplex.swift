/// The Rips complex of a full distance matrix: cofacets are found by running through every vertex j and reading
/// d(j, v) from the compressed lower triangle (Ripser's dense mode).
/// `@unchecked Sendable`: read-only once built, except the scratch slots, which the parallel reduction divides
/// between its threads (two per worker).
final class DenseRipsComplex: RipsComplex, @unchecked Sendable {
    let vertexCount: Int
    let threshold: Float
    let binomial: BinomialPointer
    private let table: UnsafeMutableBufferPointer<Int>
    private let dist: UnsafeMutableBufferPointer<Float>
    /// Scratch vertex lists, one per nesting slot, each maxDimension + 2 long.
    private let scratch: UnsafeMutableBufferPointer<Int>
    private let scratchStride: Int

    /// Slots for nested enumerations (reduction, apparent-pair checks) when one thread reduces.
    static let slotCount = 4

    /// The complex of `matrix` below `threshold`, with `slots` scratch slots (two per reducing thread, at least 4).
    init(_ matrix: DistanceMatrix, threshold: Float, table: BinomialTable, slots: Int = DenseRipsComplex.slotCount) {
        vertexCount = matrix.count
        self.threshold = threshold
        self.table = .allocate(capacity: table.values.count)
        _ = self.table.initialize(from: table.values)
        // Keep our own copy so the hot loops read a stable pointer.
        dist = .allocate(capacity: max(matrix.lowerTriangle.count, 1))
        _ = dist.initialize(from: matrix.lowerTriangle)
        scratchStride = table.maxK + 1
        scratch = .allocate(capacity: scratchStride * max(slots, DenseRipsComplex.slotCount))
        scratch.initialize(repeating: 0)
        binomial = BinomialPointer(base: UnsafePointer(self.table.baseAddress!), stride: table.maxK + 1)
    }

    deinit {
        dist.deallocate()
        table.deallocate()
        scratch.deallocate()
    }

    func edges() -> [SimplexEntry] {
        var out = [SimplexEntry]()
        var k = 0
        for i in 0..<vertexCount {
            for _ in 0..<i {
                let d = dist[k]
                if d <= threshold { out.append(SimplexEntry(diameter: d, index: k)) }
                k &+= 1
            }
        }
        return out
    }

    @inline(__always) func distance(_ i: Int, _ j: Int) -> Float {
        if i == j { return 0 }
        return i > j ? dist[((i &* (i &- 1)) >> 1) &+ j] : dist[((j &* (j &- 1)) >> 1) &+ i]
    }

    @inline(__always) func cofacets(of simplex: SimplexEntry, dimension: Int, modulus: UInt32, slot: Int) -> DenseCofacets {
        let v = scratch.baseAddress! + slot * scratchStride
        binomial.vertices(of: simplex.index, dimension: dimension, vertexCount: vertexCount, into: v)
        return DenseCofacets(simplex: simplex, dimension: dimension, vertices: v, n: vertexCount, modulus: modulus,
                             dist: UnsafePointer(dist.baseAddress!), binomial: binomial, threshold: threshold)
    }
}

/// Ripser's dense coboundary enumerator: walks j = n−1 down to 0, skipping the simplex's own vertices by binomial
/// arithmetic, and inserts j into the index.
struct DenseCofacets: CofacetEnumerator {
    private var idxBelow: Int
    private var idxAbove = 0
    private var j: Int
    private var k: Int
    private let vertices: UnsafeMutablePointer<Int>
    private let vertexCountInSimplex: Int
    private let diameter: Float
    private let coefficient: UInt32
    private let modulus: UInt32
    private let dist: UnsafePointer<Float>
    private let binomial: BinomialPointer
    private let threshold: Float

    init(simplex: SimplexEntry, dimension: Int, vertices: UnsafeMutablePointer<Int>, n: Int, modulus: UInt32,
         dist: UnsafePointer<Float>, binomial: BinomialPointer, threshold: Float) {
        idxBelow = simplex.index
        j = n &- 1
        k = dimension &+ 1
        self.vertices = vertices
        vertexCountInSimplex = dimension &+ 1
        diameter = simplex.diameter
        coefficient = simplex.coefficient
        self.modulus = modulus
        self.dist = dist
        self.binomial = binomial
        self.threshold = threshold
    }

    @inline(__always) mutating func next(allCofacets: Bool) -> SimplexEntry? {
        while true {
            guard j >= k && (allCofacets || binomial(j, k) > idxBelow) else { return nil }
            while binomial(j, k) <= idxBelow {
                idxBelow &-= binomial(j, k)
                idxAbove &+= binomial(j, k &+ 1)
                j &-= 1
                k &-= 1
            }
            var d = diameter
            let row = ((j &* (j &- 1)) >> 1)
            var t = 0
            while t < vertexCountInSimplex {
                let v = vertices[t]
                let e = j > v ? dist[row &+ v] : dist[((v &* (v &- 1)) >> 1) &+ j]
                if e > d { d = e }
                t &+= 1
            }
            let index = idxAbove &+ binomial(j, k &+ 1) &+ idxBelow
            j &-= 1
            if d > threshold { continue }
            let c = (k & 1) == 1 ? (modulus &- coefficient) % modulus : coefficient
            return SimplexEntry(diameter: d, index: index, coefficient: c)
        }
    }
}
