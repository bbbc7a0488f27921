/// The reduction itself (Ripser's compute_dim_0_pairs / compute_pairs / assemble_columns_to_reduce), generic over
/// the dense or sparse complex so the hot loops are specialised for each.
///
/// A struct, not a class: the working columns are mutated millions of times per run, and as stored properties of a
/// class every such access paid a dynamic exclusivity check (swift_beginAccess/endAccess, ~5 % of S³ H2 in perf).
/// `run()` is called once; it frees the scratch storage when it returns.
struct CohomologyReducer<Complex: RipsComplex> {
    private let complex: Complex
    private let maxDimension: Int
    private let modulus: UInt32
    private let inverse: [UInt32]
    private let progress: PersistenceProgress?
    private var bars: [[(Float, Float)]]
    /// Representative cocycles, one per bar of dimension ≥ 1 (only when asked for).
    private let recordCocycles: Bool
    private var cocycles: [[Cocycle]]
    private var workingCoboundary: WorkingColumn
    private var workingReduction: WorkingColumn
    /// V minus the identity, column by column (Ripser's reduction_matrix).
    private var reductionStart: [Int] = []
    private var reductionEntries: [SimplexEntry] = []
    private var cofacetBuffer: [SimplexEntry] = []
    private let facetScratch: UnsafeMutablePointer<Int>
    /// Compact the working column when it holds more entries than this (`ReductionTuning.compactThreshold`, then
    /// twice the compacted size).
    private var compactLimit: Int
    private let tuning: ReductionTuning

    /// Scratch slots of the complex: 0 for the column being built, 1 for apparent-pair look-ups.
    private let mainSlot = 0, checkSlot = 1

    /// Threads for the column reduction (1 = this struct's serial loop; more = `ParallelReduction`).
    private let threads: Int
    private let field: PrimeField
    private let layout: WorkingColumn.Layout
    /// When each vertex enters the filtration (nil = all at 0), in the complex's diameter space.
    private let vertexBirths: [Float]?

    init(complex: Complex, maxDimension: Int, field: PrimeField, progress: PersistenceProgress?, cocycles: Bool = false,
         threads: Int = 1, tuning: ReductionTuning = ReductionTuning(), layout: WorkingColumn.Layout? = nil,
         vertexBirths: [Float]? = nil) {
        self.vertexBirths = vertexBirths
        self.tuning = tuning
        compactLimit = tuning.compactThreshold
        recordCocycles = cocycles
        self.cocycles = Array(repeating: [], count: maxDimension + 1)
        self.complex = complex
        self.maxDimension = maxDimension
        modulus = field.modulus
        inverse = field.inverse
        self.progress = progress
        bars = Array(repeating: [], count: maxDimension + 1)
        // Z/2 and every simplex index (up to dimension maxDimension + 1) below 2^32: 8-byte heap keys.
        let k = maxDimension + 2
        var largest = 0   // every index up to k vertices: max over j ≤ k of C(n, j), not C(n, k) alone (see BinomialTable)
        for j in 0...min(k, complex.vertexCount) { largest = max(largest, complex.binomial(complex.vertexCount, j)) }
        let packed = field.modulus == 2 && largest < Int(UInt32.max)
        // The caller picks rank keys (its diameters are then ranks); otherwise Z/2 float keys where they fit.
        let layout = layout ?? (packed ? .z2Keys : .entries)
        self.layout = layout
        workingCoboundary = WorkingColumn(layout: layout)
        workingReduction = WorkingColumn(layout: layout)
        self.threads = max(threads, 1)
        self.field = field
        facetScratch = .allocate(capacity: maxDimension + 4)
        facetScratch.initialize(repeating: 0, count: maxDimension + 4)
    }


    /// The cocycles recorded by `run` (per dimension, aligned with the bars; empty for dimension 0).
    var representativeCocycles: [[Cocycle]] { cocycles }

    /// Bars per dimension as (birth, death) in Float32, death = +inf for essential classes.
    mutating func run() -> [[(Float, Float)]] {
        defer {
            facetScratch.deallocate()
            workingCoboundary.deallocate()
            workingReduction.deallocate()
        }
        var simplices = [SimplexEntry]()
        var columns = [SimplexEntry]()
        computeDimensionZero(edges: &simplices, columns: &columns)
        if maxDimension >= 1 {
            for dim in 1...maxDimension {
                var pivots = PivotIndex(capacity: columns.count)
                // Cocycles need the serial V columns; a handful of columns is not worth starting threads for.
                if threads > 1 && !recordCocycles && columns.count >= tuning.parallelMinimumColumns {
                    computePairsInParallel(columns: columns, pivots: &pivots, dimension: dim)
                } else {
                    computePairs(columns: columns, pivots: &pivots, dimension: dim)
                }
                if dim < maxDimension {
                    assembleColumns(simplices: &simplices, columns: &columns, pivots: pivots, dimension: dim + 1)
                }
            }
        }
        return bars
    }

    /// H0 by union–find over the edges in filtration order; edges closing a cycle become the H1 columns unless they
    /// are in an apparent pair (then a triangle of the same diameter kills them at once). With vertex births, as
    /// ripser.py: when an edge joins two components the younger one (later birth) dies, a bar only if it dies after
    /// its birth, and the merged component keeps the elder birth.
    private mutating func computeDimensionZero(edges: inout [SimplexEntry], columns: inout [SimplexEntry]) {
        let n = complex.vertexCount
        var sets = UnionFind(count: n)
        var birth = vertexBirths ?? []
        edges = complex.edges()
        // Increasing diameter, ties by decreasing index: the filtration order.
        edges.sort { SimplexEntry.isPivotOrder($0, before: $1) }
        let v = facetScratch
        // With threads, the apparent-pair test of every edge (a scan of its cofacets: most of H1's time on dense
        // clouds) runs first, in parallel; union–find stays serial.
        var apparent: [Bool]? = nil
        if maxDimension >= 1 && threads > 1 && edges.count >= 4096 {
            apparent = apparentEdges(edges)
        }
        for (t, e) in edges.enumerated() {
            complex.binomial.vertices(of: e.index, dimension: 1, vertexCount: n, into: v)
            let u = sets.find(v[0]), w = sets.find(v[1])
            if u != w {
                if birth.isEmpty {
                    if e.diameter > 0 { bars[0].append((0, e.diameter)) }
                    sets.link(u, w)
                } else {
                    let younger = max(birth[u], birth[w]), elder = min(birth[u], birth[w])
                    if e.diameter > younger { bars[0].append((younger, e.diameter)) }
                    birth[sets.link(u, w)] = elder
                }
            } else if maxDimension >= 1 {
                let isApparent = apparent?[t]
                    ?? (complex.zeroApparentCofacet(of: e, dimension: 1, modulus: modulus, scratch: facetScratch, slot: checkSlot).index != -1)
                if !isApparent { columns.append(e) }
            }
        }
        columns.reverse()
        for i in 0..<n where sets.find(i) == i { bars[0].append((birth.isEmpty ? 0 : birth[i], .infinity)) }
        if maxDimension < 2 { edges = [] }
    }

    /// Whether each edge is in an apparent pair with a triangle, computed on `threads` threads.
    private func apparentEdges(_ edges: [SimplexEntry]) -> [Bool] {
        var flags = [Bool](repeating: false, count: edges.count)
        let complex = self.complex, modulus = self.modulus, scratchSize = maxDimension + 4
        flags.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            WorkerThreads.forEachChunk(edges.count, chunk: 2048, workers: threads) { w, range in
                let scratch = UnsafeMutablePointer<Int>.allocate(capacity: scratchSize)
                scratch.initialize(repeating: 0, count: scratchSize)
                defer { scratch.deallocate() }
                for t in range {
                    out[t] = complex.zeroApparentCofacet(of: edges[t], dimension: 1, modulus: modulus, scratch: scratch, slot: 2 * w + 1).index != -1
                }
            }
        }
        return flags
    }

    /// The (dimension)-simplices that need a column: every cofacet of the previous simplices below the threshold,
    /// minus those already paired as pivots (clearing) and those in apparent pairs.
    private mutating func assembleColumns(simplices: inout [SimplexEntry], columns: inout [SimplexEntry], pivots: PivotIndex, dimension dim: Int) {
        columns.removeAll(keepingCapacity: true)
        let keepNext = dim < maxDimension
        if threads > 1 && simplices.count >= tuning.parallelMinimumColumns {
            let assembly = ParallelAssembly(complex: complex, simplices: simplices, pivots: pivots, dimension: dim,
                                            modulus: modulus, keepNext: keepNext, workers: threads, maxDimension: maxDimension)
            (simplices, columns) = assembly.run(workers: threads)
            columns.sort { SimplexEntry.isReductionOrder($0, before: $1) }
            return
        }
        var next = [SimplexEntry]()
        complex.appendColumns(cofacetsOf: simplices, dimension: dim, modulus: modulus, pivots: pivots, keepNext: keepNext,
                              scratch: facetScratch, mainSlot: mainSlot, checkSlot: checkSlot, next: &next, columns: &columns)
        simplices = next
        columns.sort { SimplexEntry.isReductionOrder($0, before: $1) }
    }

    /// Pushes the coboundary of `simplex` (with its coefficient) and records it in the working reduction column.
    @inline(__always) private mutating func addSimplexCoboundary(_ simplex: SimplexEntry, dimension dim: Int) {
        workingReduction.push(simplex)
        var it = complex.cofacets(of: simplex, dimension: dim, modulus: modulus, slot: mainSlot)
        while let c = it.next(allCofacets: true) { workingCoboundary.push(c) }
    }

    /// Adds factor × (reduced column `column`) to the working column.
    @inline(__always) private mutating func addColumn(_ column: Int, of columns: [SimplexEntry], factor: UInt32, dimension dim: Int) {
        var head = columns[column]
        head.coefficient = factor
        addSimplexCoboundary(head, dimension: dim)
        let end = column + 1 < reductionStart.count ? reductionStart[column + 1] : reductionEntries.count
        var t = reductionStart[column]
        while t < end {
            var s = reductionEntries[t]
            s.coefficient = (s.coefficient &* factor) % modulus
            addSimplexCoboundary(s, dimension: dim)
            if workingCoboundary.count > compactLimit { compactWorkingColumns() }
            t &+= 1
        }
    }

    /// A cochain as vertex lists (increasing) with coefficients in 0..<p: the column of V that reduced a bar, i.e.
    /// a cocycle on the complex at every scale in [birth, death) (its coboundary has nothing below the death).
    private func cocycle(_ entries: [SimplexEntry], dimension dim: Int) -> Cocycle {
        var simplices = [[Int]](), coefficients = [Int]()
        let v = UnsafeMutablePointer<Int>.allocate(capacity: dim + 1)
        defer { v.deallocate() }
        // ripser.py's row order (it pops its working reduction column, a priority queue ordered by
        // greater_diameter_or_smaller_index, so the top is the smallest diameter, ties by the larger index).
        let ordered = entries.sorted { $0.diameter != $1.diameter ? $0.diameter < $1.diameter : $0.index > $1.index }
        for e in ordered where e.coefficient != 0 {
            complex.binomial.vertices(of: e.index, dimension: dim, vertexCount: complex.vertexCount, into: v)
            simplices.append((0...dim).map { v[dim - $0] })
            coefficients.append(Int(e.coefficient))
        }
        return Cocycle(simplices: simplices, coefficients: coefficients)
    }

    /// Sums out cancelled entries once the working column has doubled since the last time.
    private mutating func compactWorkingColumns() {
        workingCoboundary.compact(modulus: modulus)
        workingReduction.compact(modulus: modulus)
        compactLimit = max(2 * workingCoboundary.count, tuning.compactThreshold)
    }

    /// Starts the working coboundary of `simplex`; returns an emergent pivot at once when the simplex's first
    /// same-diameter cofacet is unclaimed (the shortcut that skips most of the work).
    private mutating func initCoboundaryAndGetPivot(_ simplex: SimplexEntry, dimension dim: Int, pivots: PivotIndex) -> SimplexEntry {
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

    /// `computePairs` on `threads` threads (see `ParallelReduction`): the same bars in the same order.
    private mutating func computePairsInParallel(columns: [SimplexEntry], pivots: inout PivotIndex, dimension dim: Int) {
        let reduction = ParallelReduction(complex: complex, columns: columns, dimension: dim, maxDimension: maxDimension,
                                          field: field, layout: layout, workers: threads, progress: progress,
                                          tuning: tuning)
        withExtendedLifetime(reduction) {
            let final = reduction.run()
            for (j, pivot) in final.enumerated() {
                let column = columns[j]
                if pivot.index == -1 {
                    bars[dim].append((column.diameter, .infinity))
                } else {
                    pivots.insert(pivot.index, column: j, coefficient: pivot.coefficient)
                    if pivot.diameter > column.diameter { bars[dim].append((column.diameter, pivot.diameter)) }
                }
            }
        }
    }

    private mutating func computePairs(columns: [SimplexEntry], pivots: inout PivotIndex, dimension dim: Int) {
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
            compactLimit = tuning.compactThreshold
            var pivot = initCoboundaryAndGetPivot(column, dimension: dim, pivots: pivots)
            while true {
                if pivot.index == -1 {
                    bars[dim].append((column.diameter, .infinity))
                    if recordCocycles {
                        var entries = [column]
                        while true { let r = workingReduction.popPivot(modulus: modulus); if r.index == -1 { break }; entries.append(r) }
                        cocycles[dim].append(cocycle(entries, dimension: dim))
                    }
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
                let start = reductionEntries.count
                pivots.insert(pivot.index, column: col, coefficient: pivot.coefficient)
                // Keep V's column (without its diagonal entry) for later additions.
                while true {
                    let r = workingReduction.popPivot(modulus: modulus)
                    if r.index == -1 { break }
                    reductionEntries.append(r)
                }
                if pivot.diameter > column.diameter {
                    bars[dim].append((column.diameter, pivot.diameter))
                    if recordCocycles { cocycles[dim].append(cocycle([column] + reductionEntries[start...], dimension: dim)) }
                }
                break
            }
        }
        if let progress { progress(dim, total, total) }
    }
}

extension RipsComplex {
    /// Enumerates the cofacets (of dimension `dim`) of `simplices`, appending all of them to `next` when `keepNext`
    /// and to `columns` those that need a column: not already a pivot (clearing) and in no apparent pair. Shared by
    /// the serial and the threaded column assembly, which differ only in how they split the simplices.
    func appendColumns<S: Sequence<SimplexEntry>>(cofacetsOf simplices: S, dimension dim: Int, modulus: UInt32, pivots: PivotIndex,
                                                  keepNext: Bool, scratch: UnsafeMutablePointer<Int>, mainSlot: Int, checkSlot: Int,
                                                  next: inout [SimplexEntry], columns: inout [SimplexEntry]) {
        for s in simplices {
            var it = cofacets(of: s, dimension: dim - 1, modulus: modulus, slot: mainSlot)
            while let c = it.next(allCofacets: false) {
                if keepNext { next.append(SimplexEntry(diameter: c.diameter, index: c.index)) }
                if pivots.contains(c.index) { continue }
                if zeroApparentCofacet(of: c, dimension: dim, modulus: modulus, scratch: scratch, slot: checkSlot).index != -1 { continue }
                if zeroApparentFacet(of: c, dimension: dim, modulus: modulus, scratch: scratch, slot: checkSlot).index != -1 { continue }
                columns.append(SimplexEntry(diameter: c.diameter, index: c.index))
            }
        }
    }
}
