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

/// The bars of one homology dimension (ripser.py's `dgms[k]`).
public struct PersistenceDiagram: Hashable, Sendable {
    /// The homology dimension k (0 = components, 1 = loops, 2 = voids).
    public var dimension: Int
    /// The bars, in the order the reduction found them.
    public var intervals: [PersistenceInterval]

    /// A diagram of dimension k.
    public init(dimension: Int, intervals: [PersistenceInterval]) {
        self.dimension = dimension
        self.intervals = intervals
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

    /// The highest homology dimension computed.
    public var maxDimension: Int { diagrams.count - 1 }
}
