/// A simplex (or a coface) in a cochain: its filtration value (diameter), its index in the combinatorial number
/// system, and a coefficient in Z/p.
struct SimplexEntry: Sendable {
    var diameter: Float
    var coefficient: UInt32
    var index: Int

    @inline(__always) init(diameter: Float, index: Int, coefficient: UInt32 = 1) {
        self.diameter = diameter
        self.index = index
        self.coefficient = coefficient
    }

    /// No simplex (Ripser's index −1).
    static let none = SimplexEntry(diameter: 0, index: -1, coefficient: 0)

    /// Filtration order as cohomology sees it: `a` is the pivot over `b` when it enters the filtration earlier —
    /// smaller diameter, ties broken towards the larger index (Ripser's convention).
    @inline(__always) static func isPivotOrder(_ a: SimplexEntry, before b: SimplexEntry) -> Bool {
        a.diameter < b.diameter || (a.diameter == b.diameter && a.index > b.index)
    }

    /// The order in which columns are reduced: decreasing diameter, ties by increasing index.
    @inline(__always) static func isReductionOrder(_ a: SimplexEntry, before b: SimplexEntry) -> Bool {
        a.diameter > b.diameter || (a.diameter == b.diameter && a.index < b.index)
    }
}
