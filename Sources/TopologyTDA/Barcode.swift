/// One bar [birth, death) of a persistence barcode; `death` is +inf for a class that never dies.
public struct PersistenceInterval: Hashable, Sendable {
    /// Filtration value (scale) at which the class appears.
    public var birth: Double
    /// Filtration value at which it dies; +inf for an essential class.
    public var death: Double

    /// A bar [birth, death).
    public init(birth: Double, death: Double) {
        self.birth = birth
        self.death = death
    }

    /// death − birth (+inf for an infinite bar).
    public var persistence: Double { death - birth }
    /// Whether the class never dies.
    public var isInfinite: Bool { death == .infinity }
}

/// A representative cocycle of a bar: k-simplices (vertex lists, increasing) with coefficients in Z/p, for the
/// standard orientation. ripser.py lists each simplex's vertices decreasing with the same coefficient, i.e. the
/// negative of this cochain in Z/p (p > 2); `ripserRows` gives its layout exactly. On the complex at any scale in [birth, death) it is a cocycle representing the class —
/// what circular coordinates on a torus axis are built from.
public struct Cocycle: Hashable, Sendable {
    /// The simplices of the support, each as its vertices in increasing order.
    public var simplices: [[Int]]
    /// The coefficient (0 < c < p) of each simplex.
    public var coefficients: [Int]

    /// A cochain with these simplices and coefficients.
    public init(simplices: [[Int]], coefficients: [Int]) {
        self.simplices = simplices
        self.coefficients = coefficients
    }

    /// ripser.py's rows [v_k, …, v_0, coefficient]: vertices decreasing, `vertexNames` applied (e.g. ripser.py's
    /// `idx_perm`, so that a subsample's cocycle names points of the original cloud).
    public func ripserRows(vertexNames: [Int]? = nil) -> [[Int]] {
        zip(simplices, coefficients).map { s, c in s.reversed().map { vertexNames?[$0] ?? $0 } + [c] }
    }
}

/// The bars of one homology dimension (ripser.py's `dgms[k]`).
public struct PersistenceDiagram: Hashable, Sendable {
    /// The homology dimension k (0 = components, 1 = loops, 2 = voids).
    public var dimension: Int
    /// The bars, in the order the reduction found them.
    public var intervals: [PersistenceInterval]
    /// One representative cocycle per bar when they were asked for (dimension ≥ 1), else nil.
    public var cocycles: [Cocycle]?

    /// A diagram of dimension k.
    public init(dimension: Int, intervals: [PersistenceInterval], cocycles: [Cocycle]? = nil) {
        self.dimension = dimension
        self.intervals = intervals
        self.cocycles = cocycles
    }

    /// Number of bars.
    public var count: Int { intervals.count }
}

/// The persistence barcode of a Vietoris–Rips filtration in dimensions 0…maxDimension, with how it was computed.
public struct Barcode: Sendable {
    /// One diagram per dimension 0…maxDimension.
    public var diagrams: [PersistenceDiagram]
    /// Number of points (vertices) of the complex.
    public var pointCount: Int
    /// The largest edge length in the filtration (the enclosing radius unless set).
    public var threshold: Double
    /// The prime p of the coefficient field Z/p.
    public var coefficient: Int
    /// Edges in the 1-skeleton that was reduced (after thresholding and collapse).
    public var edgeCount: Int
    /// Edges before an edge collapse (equal to `edgeCount` when none was done).
    public var edgeCountBeforeCollapse: Int
    /// The threshold the caller asked for (nil = none); `threshold` is the one used (capped at the enclosing radius).
    public var requestedThreshold: Double? = nil
    /// ripser.py's `num_edges`: the entries at or under the requested threshold (or ripser.py's default: the
    /// enclosing radius for a matrix with a zero diagonal, +inf with vertex births or an edge list), even where that
    /// threshold exceeds the enclosing radius.
    public var ripserEdgeCount: Int = 0

    /// The highest homology dimension computed.
    public var maxDimension: Int { diagrams.count - 1 }
}
