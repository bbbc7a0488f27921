/// The reduction itself (Ripser's compute_dim_0_pairs / compute_pairs / assemble_columns_to_reduce), generic over
/// the dense or sparse complex so the hot loops are specialised for each.
final class CohomologyReducer<Complex: RipsComplex> {
    private let complex: Complex
    private let maxDimension: Int
    private let modulus: UInt32
    private let inverse: [UInt32]
    private let progress: PersistenceProgress?
    private var bars: [[(Float, Float)]]
    private var workingCoboundary = WorkingColumn()
    private var workingReduction = WorkingColumn()
    /// V minus the identity, column by column (Ripser's reduction_matrix).
    private var reductionStart: [Int] = []
    private var reductionEntries: [SimplexEntry] = []
    private var cofacetBuffer: [SimplexEntry] = []
    private let facetScratch: UnsafeMutablePointer<Int>

    /// Scratch slots of the complex: 0 for the column being built, 1 for apparent-pair look-ups.
    private let mainSlot = 0, checkSlot = 1

    init(complex: Complex, maxDimension: Int, field: PrimeField, progress: PersistenceProgress?) {
        self.complex = complex
        self.maxDimension = maxDimension
        modulus = field.modulus
        inverse = field.inverse
        self.progress = progress
        bars = Array(repeating: [], count: maxDimension + 1)
        facetScratch = .allocate(capacity: maxDimension + 4)
        facetScratch.initialize(repeating: 0, count: maxDimension + 4)
    }

    deinit { facetScratch.deallocate() }

    /// Bars per dimension as (birth, death) in Float32, death = +inf for essential classes.
    func run() -> [[(Float, Float)]] {
        var simplices = [SimplexEntry]()
        var columns = [SimplexEntry]()
        computeDimensionZero(edges: &simplices, columns: &columns)
        if maxDimension >= 1 {
            for dim in 1...maxDimension {
                var pivots = PivotIndex(capacity: columns.count)
                computePairs(columns: columns, pivots: &pivots, dimension: dim)
                if dim < maxDimension {
                    assembleColumns(simplices: &simplices, columns: &columns, pivots: pivots, dimension: dim + 1)
                }
            }
        }
        return bars
    }

    /// H0 by union–find over the edges in filtration order; edges closing a cycle become the H1 columns unless they
    /// are in an apparent pair (then a triangle of the same diameter kills them at once).
    private func computeDimensionZero(edges: inout [SimplexEntry], columns: inout [SimplexEntry]) {
        let n = complex.vertexCount
        var sets = UnionFind(count: n)
        edges = complex.edges()
        // Increasing diameter, ties by decreasing index: the filtration order.
        edges.sort { SimplexEntry.isPivotOrder($0, before: $1) }
        let v = facetScratch
        for e in edges {
            complex.binomial.vertices(of: e.index, dimension: 1, vertexCount: n, into: v)
            let u = sets.find(v[0]), w = sets.find(v[1])
            if u != w {
                if e.diameter > 0 { bars[0].append((0, e.diameter)) }
                sets.link(u, w)
            } else if maxDimension >= 1
                        && complex.zeroApparentCofacet(of: e, dimension: 1, modulus: modulus, scratch: facetScratch, slot: checkSlot).index == -1 {
                columns.append(e)
            }
        }
        columns.reverse()
        for i in 0..<n where sets.find(i) == i { bars[0].append((0, .infinity)) }
        if maxDimension < 2 { edges = [] }
    }

    /// The (dimension)-simplices that need a column: every cofacet of the previous simplices below the threshold,
    /// minus those already paired as pivots (clearing) and those in apparent pairs.
    private func assembleColumns(simplices: inout [SimplexEntry], columns: inout [SimplexEntry], pivots: PivotIndex, dimension dim: Int) {
        columns.removeAll(keepingCapacity: true)
        var next = [SimplexEntry]()
        let keepNext = dim < maxDimension
        for s in simplices {
            var it = complex.cofacets(of: s, dimension: dim - 1, modulus: modulus, slot: mainSlot)
            while let c = it.next(allCofacets: false) {
                if keepNext { next.append(SimplexEntry(diameter: c.diameter, index: c.index)) }
                if pivots.contains(c.index) { continue }
                if complex.zeroApparentCofacet(of: c, dimension: dim, modulus: modulus, scratch: facetScratch, slot: checkSlot).index != -1 { continue }
                if complex.zeroApparentFacet(of: c, dimension: dim, modulus: modulus, scratch: facetScratch, slot: checkSlot).index != -1 { continue }
                columns.append(SimplexEntry(diameter: c.diameter, index: c.index))
            }
        }
        simplices = next
        columns.sort { SimplexEntry.isReductionOrder($0, before: $1) }
    }

    /// Pushes the coboundary of `simplex` (with its coefficient) and records it in the working reduction column.
    @inline(__always) private func addSimplexCoboundary(_ simplex: SimplexEntry, dimension dim: Int) {
        workingReduction.push(simplex)
        var it = complex.cofacets(of: simplex, dimension: dim, modulus: modulus, slot: mainSlot)
        while let c = it.next(allCofacets: true) { workingCoboundary.push(c) }
    }

    /// Adds factor × (reduced column `column`) to the working column.
    @inline(__always) private func addColumn(_ column: Int, of columns: [SimplexEntry], factor: UInt32, dimension dim: Int) {
        var head = columns[column]
        head.coefficient = factor
        addSimplexCoboundary(head, dimension: dim)
        let end = column + 1 < reductionStart.count ? reductionStart[column + 1] : reductionEntries.count
        var t = reductionStart[column]
        while t < end {
            var s = reductionEntries[t]
            s.coefficient = (s.coefficient &* factor) % modulus
            addSimplexCoboundary(s, dimension: dim)
            t &+= 1
        }
    }

    /// Starts the working coboundary of `simplex`; returns an emergent pivot at once when the simplex's first
    /// same-diameter cofacet is unclaimed (the shortcut that skips most of the work).
    private func initCoboundaryAndGetPivot(_ simplex: SimplexEntry, dimension dim: Int, pivots: PivotIndex) -> SimplexEntry {
        var checkEmergent = true
        cofacetBuffer.removeAll(keepingCapacity: true)
        var it = complex.cofacets(of: simplex, dimension: dim, modulus: modulus, slot: mainSlot)
        while let c = it.next(allCofacets: true) {
            cofacetBuffer.append(c)
            if checkEmergent && c.diameter == simplex.diameter {
                if !pivots.contains(c.index)
                    && complex.zeroApparentFacet(of: c, dimension: dim + 1, modulus: modulus, scratch: facetScratch, slot: checkSlot).index == -1 {
                    return c
                }
                checkEmergent = false
            }
        }
        for c in cofacetBuffer { workingCoboundary.push(c) }
        return workingCoboundary.pivot(modulus: modulus)
    }

    private func computePairs(columns: [SimplexEntry], pivots: inout PivotIndex, dimension dim: Int) {
        reductionStart.removeAll(keepingCapacity: true)
        reductionEntries.removeAll(keepingCapacity: true)
        let total = columns.count
        let reportEvery = max(total / 100, 1)
        for col in 0..<total {
            if let progress, col % reportEvery == 0 { progress(dim, col, total) }
            let column = columns[col]
            reductionStart.append(reductionEntries.count)
            workingCoboundary.removeAll()
            workingReduction.removeAll()
            var pivot = initCoboundaryAndGetPivot(column, dimension: dim, pivots: pivots)
            while true {
                if pivot.index == -1 {
                    bars[dim].append((column.diameter, .infinity))
                    break
                }
                if let other = pivots.find(pivot.index) {
                    let factor = modulus &- (pivot.coefficient &* inverse[Int(other.coefficient)]) % modulus
                    addColumn(other.column, of: columns, factor: factor, dimension: dim)
                    pivot = workingCoboundary.pivot(modulus: modulus)
                    continue
                }
                var e = complex.zeroApparentFacet(of: pivot, dimension: dim + 1, modulus: modulus, scratch: facetScratch, slot: checkSlot)
                if e.index != -1 {
                    e.coefficient = (modulus &- e.coefficient) % modulus
                    addSimplexCoboundary(e, dimension: dim)
                    pivot = workingCoboundary.pivot(modulus: modulus)
                    continue
                }
                if pivot.diameter > column.diameter { bars[dim].append((column.diameter, pivot.diameter)) }
                pivots.insert(pivot.index, column: col, coefficient: pivot.coefficient)
                // Keep V's column (without its diagonal entry) for later additions.
                while true {
                    let r = workingReduction.popPivot(modulus: modulus)
                    if r.index == -1 { break }
                    reductionEntries.append(r)
                }
                break
            }
        }
        if let progress { progress(dim, total, total) }
    }
}
