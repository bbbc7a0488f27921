/// The Vietoris–Rips filtration as the reduction sees it: vertices, edges up to a threshold, and the cofacets of a
/// simplex enumerated on the fly from its combinatorial-number-system index (never an explicit boundary matrix).
/// Two implementations: `DenseRipsComplex` (all pairs, compressed lower-triangular distances) and
/// `SparseRipsComplex` (neighbour lists of the edges below a threshold, or of a collapsed 1-skeleton).
protocol RipsComplex: Sendable {
    associatedtype Cofacets: CofacetEnumerator
    /// Number of vertices n.
    var vertexCount: Int { get }
    /// Simplices with diameter above this are not in the complex.
    var threshold: Float { get }
    /// C(n, k) lookups and vertex decoding.
    var binomial: BinomialPointer { get }
    /// Every edge with diameter ≤ threshold (index = C(i,2) + j for i > j).
    func edges() -> [SimplexEntry]
    /// d(i, j), +inf when the edge is not in the complex.
    func distance(_ i: Int, _ j: Int) -> Float
    /// An enumerator of the cofacets (dimension `dimension` + 1) of `simplex` in decreasing index order, only those
    /// with diameter ≤ threshold. `slot` picks one of a few scratch buffers so enumerations can nest.
    func cofacets(of simplex: SimplexEntry, dimension: Int, modulus: UInt32, slot: Int) -> Cofacets
}

/// Iterates the cofacets of one simplex.
protocol CofacetEnumerator {
    /// The next cofacet, or nil. With `allCofacets` false only cofacets whose new vertex is above every vertex of
    /// the simplex are produced, so that enumerating from all k-simplices lists each (k+1)-simplex exactly once.
    mutating func next(allCofacets: Bool) -> SimplexEntry?
}

/// Unchecked view of a `BinomialTable` for the hot loops, with the combinatorial number system's vertex decoding.
struct BinomialPointer {
    let base: UnsafePointer<Int>
    let stride: Int

    /// C(n, k).
    @inline(__always) func callAsFunction(_ n: Int, _ k: Int) -> Int { base[n &* stride &+ k] }

    /// The largest v ≤ top with C(v, k) ≤ index (binary search, as Ripser's get_max_vertex).
    @inline(__always) func maxVertex(index: Int, k: Int, top: Int) -> Int {
        if k == 2 {
            // C(v, 2) = v(v−1)/2 inverts in closed form (the last step of every decoding): a square root and at
            // most a step or two of correction for rounding, instead of a binary search over the table.
            var v = Int((1 + (1 + 8 * Double(index)).squareRoot()) / 2)
            if v > top { v = top }
            while v > 1 && (v &* (v &- 1)) >> 1 > index { v &-= 1 }
            while v < top && ((v &+ 1) &* v) >> 1 <= index { v &+= 1 }
            return v
        }
        var top = top
        let bottom = k &- 1
        if !(self(top, k) <= index) {
            var count = top &- bottom
            while count > 0 {
                let step = count >> 1
                let mid = top &- step
                if !(self(mid, k) <= index) { top = mid &- 1; count &-= step &+ 1 } else { count = step }
            }
        }
        return top
    }

    /// Writes the dim+1 vertices of simplex `index` into out[0...dim] in decreasing order.
    @inline(__always) func vertices(of index: Int, dimension dim: Int, vertexCount n: Int, into out: UnsafeMutablePointer<Int>) {
        var idx = index
        var top = n &- 1
        var k = dim &+ 1
        var p = 0
        while k > 1 {
            top = maxVertex(index: idx, k: k, top: top)
            out[p] = top
            idx &-= self(top, k)
            p &+= 1
            k &-= 1
        }
        out[p] = idx
    }
}

extension RipsComplex {
    /// The diameter of simplex `index`: its longest edge.
    func diameter(ofSimplex index: Int, dimension dim: Int, scratch: UnsafeMutablePointer<Int>) -> Float {
        binomial.vertices(of: index, dimension: dim, vertexCount: vertexCount, into: scratch)
        var d: Float = 0
        var a = 0
        while a <= dim {
            var b = 0
            while b < a { d = max(d, distance(scratch[a], scratch[b])); b &+= 1 }
            a &+= 1
        }
        return d
    }

    /// The facet of `simplex` that enters the filtration with it (same diameter) and is its boundary pivot
    /// (smallest index among such facets), or `.none`. Facets are visited by removing the largest vertex first.
    /// The returned coefficient is the facet's coefficient in the boundary of `simplex` (times the simplex's own).
    func zeroPivotFacet(of simplex: SimplexEntry, dimension dim: Int, modulus: UInt32, scratch v: UnsafeMutablePointer<Int>) -> SimplexEntry {
        if dim == 0 { return .none }
        binomial.vertices(of: simplex.index, dimension: dim, vertexCount: vertexCount, into: v)
        // v[0] > v[1] > … > v[dim]; index = Σ C(v[i], dim + 1 − i). A facet keeps the simplex's diameter exactly
        // when it keeps one of its longest edges: record those edges once, then try removing v[0], v[1], … in turn
        // (that order gives increasing facet indices; the first hit is the pivot).
        if dim >= 8 { return zeroPivotFacetSlow(of: simplex, dimension: dim, modulus: modulus, vertices: v) }
        var longest: UInt64 = 0   // bit a·8+b set for each longest edge (a > b); dim < 8 fits 64 bits
        var count = 0
        var a = 1
        while a <= dim {
            var b = 0
            while b < a {
                if distance(v[a], v[b]) == simplex.diameter { longest |= 1 << UInt64(a &* 8 &+ b); count &+= 1 }
                b &+= 1
            }
            a &+= 1
        }
        if count == 0 { return .none }
        var r = 0
        while r <= dim {
            // Edges incident to vertex r: bits r·8+b (b < r) and a·8+r (a > r).
            var incident: UInt64 = 0
            var t = 0
            while t <= dim {
                if t < r { incident |= 1 << UInt64(r &* 8 &+ t) } else if t > r { incident |= 1 << UInt64(t &* 8 &+ r) }
                t &+= 1
            }
            if longest & ~incident != 0 {
                var idx = 0
                var i = 0
                while i <= dim {
                    if i < r { idx &+= binomial(v[i], dim &- i) } else if i > r { idx &+= binomial(v[i], dim &+ 1 &- i) }
                    i &+= 1
                }
                let c = ((dim &- r) & 1) == 1 ? (modulus &- simplex.coefficient) % modulus : simplex.coefficient
                return SimplexEntry(diameter: simplex.diameter, index: idx, coefficient: c)
            }
            r &+= 1
        }
        return .none
    }

    /// `zeroPivotFacet` for simplices of dimension ≥ 8: the diameter of each facet computed directly.
    private func zeroPivotFacetSlow(of simplex: SimplexEntry, dimension dim: Int, modulus: UInt32, vertices v: UnsafeMutablePointer<Int>) -> SimplexEntry {
        for r in 0...dim {
            var d: Float = 0
            for a in 0...dim where a != r { for b in 0..<a where b != r { d = max(d, distance(v[a], v[b])) } }
            if d == simplex.diameter {
                var idx = 0
                for i in 0...dim { if i < r { idx += binomial(v[i], dim - i) } else if i > r { idx += binomial(v[i], dim + 1 - i) } }
                let c = ((dim - r) & 1) == 1 ? (modulus - simplex.coefficient) % modulus : simplex.coefficient
                return SimplexEntry(diameter: d, index: idx, coefficient: c)
            }
        }
        return .none
    }

    /// The cofacet of `simplex` with the same diameter that is its coboundary pivot (largest index), or `.none`.
    func zeroPivotCofacet(of simplex: SimplexEntry, dimension dim: Int, modulus: UInt32, slot: Int) -> SimplexEntry {
        var it = cofacets(of: simplex, dimension: dim, modulus: modulus, slot: slot)
        while let c = it.next(allCofacets: true) {
            if c.diameter == simplex.diameter { return c }
        }
        return .none
    }

    /// The cofacet forming an apparent pair of persistence zero with `simplex`, or `.none`.
    func zeroApparentCofacet(of simplex: SimplexEntry, dimension dim: Int, modulus: UInt32, scratch: UnsafeMutablePointer<Int>, slot: Int) -> SimplexEntry {
        let c = zeroPivotCofacet(of: simplex, dimension: dim, modulus: modulus, slot: slot)
        if c.index == -1 { return .none }
        return zeroPivotFacet(of: c, dimension: dim &+ 1, modulus: modulus, scratch: scratch).index == simplex.index ? c : .none
    }

    /// The facet forming an apparent pair of persistence zero with `simplex`, or `.none`.
    func zeroApparentFacet(of simplex: SimplexEntry, dimension dim: Int, modulus: UInt32, scratch: UnsafeMutablePointer<Int>, slot: Int) -> SimplexEntry {
        let f = zeroPivotFacet(of: simplex, dimension: dim, modulus: modulus, scratch: scratch)
        if f.index == -1 { return .none }
        return zeroPivotCofacet(of: f, dimension: dim &- 1, modulus: modulus, slot: slot).index == simplex.index ? f : .none
    }
}
