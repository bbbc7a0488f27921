import Synchronization

/// One dimension's column reduction on several threads, lock-free (Morozov & Nigmetov 2020, the scheme of
/// giotto-ph): threads take columns from a shared counter and reduce each against the pivots claimed so far in a
/// shared table (`ConcurrentPivotIndex`). A column whose pivot is owned by an earlier column adds that column; one
/// whose pivot is owned by a later column takes the pivot over by compare-and-swap and goes on reducing the later
/// column instead. A finished column publishes its V column (an immutable snapshot, swapped in atomically) before it
/// claims its pivot, so any thread that finds the pivot can add it.
///
/// Why the bars are the same as the single-thread engine's, bit for bit: every step adds an earlier column to a
/// later one, so each final column is a reduced form of the same filtration, and the pivot pairing of a reduced
/// matrix is unique; each column's final pivot (or none) is recorded and the bars are emitted in column order, as
/// the serial loop appends them. Only the V columns (hence cocycles) may differ, so cocycles use one thread.
final class ParallelReduction<Complex: RipsComplex>: @unchecked Sendable {
    private let complex: Complex
    private let columns: [SimplexEntry]
    private let dim: Int
    private let modulus: UInt32
    private let inverse: [UInt32]
    private let layout: WorkingColumn.Layout
    private let maxDimension: Int
    private let progress: PersistenceProgress?
    private let table: ConcurrentPivotIndex
    /// Per column: the address of its published V snapshot (0 = empty: V is the identity column).
    private let published: UnsafeMutablePointer<Atomic<Int>>
    /// Per column: its final pivot, `.none` when the column reduced to zero (written by the column's owner).
    private let result: UnsafeMutablePointer<SimplexEntry>
    private let nextColumn = Atomic<Int>(0)
    /// Per worker: the blocks that hold its V snapshots (freed with the reduction: another thread may read a
    /// superseded snapshot until the end).
    private let arenas: UnsafeMutablePointer<SnapshotArena>
    private let workers: Int
    private let compactThreshold: Int
    private let lastColumnFirst: Bool

    init(complex: Complex, columns: [SimplexEntry], dimension: Int, maxDimension: Int, field: PrimeField,
         layout: WorkingColumn.Layout, workers: Int, progress: PersistenceProgress?, tuning: ReductionTuning) {
        compactThreshold = tuning.compactThreshold
        lastColumnFirst = tuning.parallelLastColumnFirst
        self.complex = complex
        self.columns = columns
        dim = dimension
        self.maxDimension = maxDimension
        modulus = field.modulus
        inverse = field.inverse
        self.layout = layout
        self.workers = workers
        self.progress = progress
        table = ConcurrentPivotIndex(capacity: columns.count)
        let n = max(columns.count, 1)
        published = .allocate(capacity: n)
        for i in 0..<n { (published + i).initialize(to: Atomic(0)) }
        result = .allocate(capacity: n)
        result.initialize(repeating: .none, count: n)
        arenas = .allocate(capacity: workers)
        arenas.initialize(repeating: SnapshotArena(), count: workers)
    }

    deinit {
        published.deinitialize(count: max(columns.count, 1)); published.deallocate()
        result.deallocate()
        for w in 0..<workers { arenas[w].deallocate() }
        arenas.deinitialize(count: workers); arenas.deallocate()
    }

    /// Reduces every column on `workers` threads; returns each column's final pivot (`.none` for a zero column).
    func run() -> UnsafeBufferPointer<SimplexEntry> {
        WorkerThreads.run(workers) { w in self.work(worker: w) }
        if let progress { progress(dim, columns.count, columns.count) }
        return UnsafeBufferPointer(start: result, count: columns.count)
    }

    /// Per-thread scratch: the working columns and buffers one reduction needs.
    private struct Worker {
        var coboundary: WorkingColumn
        var reduction: WorkingColumn
        var cofacets: [SimplexEntry] = []
        var vColumn: [SimplexEntry] = []
        let facetScratch: UnsafeMutablePointer<Int>
        let mainSlot: Int, checkSlot: Int
        var compactLimit: Int
    }

    private func work(worker w: Int) {
        var s = Worker(coboundary: WorkingColumn(layout: layout), reduction: WorkingColumn(layout: layout),
                       facetScratch: .allocate(capacity: maxDimension + 4), mainSlot: 2 * w, checkSlot: 2 * w + 1,
                       compactLimit: compactThreshold)
        s.facetScratch.initialize(repeating: 0, count: maxDimension + 4)
        defer { s.facetScratch.deallocate(); s.coboundary.deallocate(); s.reduction.deallocate() }
        let total = columns.count
        let reportEvery = max(total / 100, 1)
        while true {
            let k = nextColumn.wrappingAdd(1, ordering: .relaxed).oldValue
            if k >= total { break }
            let j = lastColumnFirst ? total - 1 - k : k
            if w == 0, let progress, j % reportEvery == 0 { progress(dim, j, total) }
            reduce(j, &s, arena: &arenas[w])
        }
    }

    /// The entries of column `c`'s published V snapshot (without its diagonal).
    @inline(__always) private func snapshot(_ c: Int) -> UnsafeBufferPointer<SimplexEntry> {
        let address = published[c].load(ordering: .acquiring)
        guard let p = UnsafePointer<SimplexEntry>(bitPattern: address) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: p + 1, count: p[0].index)
    }

    @inline(__always) private func addSimplexCoboundary(_ simplex: SimplexEntry, _ s: inout Worker) {
        s.reduction.push(simplex)
        var it = complex.cofacets(of: simplex, dimension: dim, modulus: modulus, slot: s.mainSlot)
        while let c = it.next(allCofacets: true) { s.coboundary.push(c) }
    }

    /// Adds factor × (column `c` as last published) to the working column.
    @inline(__always) private func addColumn(_ c: Int, factor: UInt32, _ s: inout Worker) {
        var head = columns[c]
        head.coefficient = factor
        addSimplexCoboundary(head, &s)
        for var e in snapshot(c) {
            e.coefficient = (e.coefficient &* factor) % modulus
            addSimplexCoboundary(e, &s)
            if s.coboundary.count > s.compactLimit {
                s.coboundary.compact(modulus: modulus)
                s.reduction.compact(modulus: modulus)
                s.compactLimit = max(2 * s.coboundary.count, compactThreshold)
            }
        }
    }

    /// Empties the working reduction column into `s.vColumn` and publishes it as column `c`'s V snapshot.
    private func publish(_ c: Int, _ s: inout Worker, arena: inout SnapshotArena) {
        s.vColumn.removeAll(keepingCapacity: true)
        while true {
            let r = s.reduction.popPivot(modulus: modulus)
            if r.index == -1 { break }
            s.vColumn.append(r)
        }
        let address: Int
        if s.vColumn.isEmpty {
            address = 0
        } else {
            let p = arena.allocate(s.vColumn.count + 1)
            p[0] = SimplexEntry(diameter: 0, index: s.vColumn.count, coefficient: 0)
            s.vColumn.withUnsafeBufferPointer { (p + 1).update(from: $0.baseAddress!, count: $0.count) }
            address = Int(bitPattern: p)
        }
        published[c].store(address, ordering: .releasing)
    }

    /// Puts the V column taken out by `publish` back (its claim failed; the reduction goes on).
    private func restore(_ s: inout Worker) {
        for e in s.vColumn { s.reduction.push(e) }
    }

    /// Reduces column `start`, and every later column whose pivot it (or a successor) takes over.
    private func reduce(_ start: Int, _ s: inout Worker, arena: inout SnapshotArena) {
        var j = start
        var fresh = true
        column: while true {
            s.coboundary.removeAll()
            s.reduction.removeAll()
            s.compactLimit = compactThreshold
            let column = columns[j]
            var pivot: SimplexEntry
            if fresh {
                // Ripser's emergent shortcut: the first same-diameter cofacet is the pivot if nobody owns it.
                var emergent = SimplexEntry.none
                var checkEmergent = true
                s.cofacets.removeAll(keepingCapacity: true)
                var it = complex.cofacets(of: column, dimension: dim, modulus: modulus, slot: s.mainSlot)
                while let c = it.next(allCofacets: true) {
                    s.cofacets.append(c)
                    if checkEmergent && c.diameter == column.diameter {
                        if !table.contains(c.index)
                            && complex.zeroApparentFacet(of: c, dimension: dim + 1, modulus: modulus, scratch: s.facetScratch, slot: s.checkSlot).index == -1 {
                            emergent = c
                            break
                        }
                        checkEmergent = false
                    }
                }
                if emergent.index != -1 {
                    result[j] = emergent
                    if table.claim(emergent.index, for: .init(column: j, coefficient: emergent.coefficient)) == nil { return }
                    // Taken meanwhile: reduce the column in full.
                    s.cofacets.removeAll(keepingCapacity: true)
                    var all = complex.cofacets(of: column, dimension: dim, modulus: modulus, slot: s.mainSlot)
                    while let c = all.next(allCofacets: true) { s.cofacets.append(c) }
                }
                for c in s.cofacets { s.coboundary.push(c) }
            } else {
                // A column whose pivot was taken over: rebuild its working column from its published V.
                var it = complex.cofacets(of: column, dimension: dim, modulus: modulus, slot: s.mainSlot)
                while let c = it.next(allCofacets: true) { s.coboundary.push(c) }
                for e in snapshot(j) { addSimplexCoboundary(e, &s) }
            }
            pivot = s.coboundary.pivot(modulus: modulus)
            while true {
                if pivot.index == -1 {
                    result[j] = .none
                    return
                }
                if let owner = table.find(pivot.index) {
                    if owner.column < j {
                        let factor = modulus &- (pivot.coefficient &* inverse[Int(owner.coefficient)]) % modulus
                        addColumn(owner.column, factor: factor, &s)
                        pivot = s.coboundary.pivot(modulus: modulus)
                        continue
                    }
                    // A later column owns it: take it over, then reduce that column further.
                    publish(j, &s, arena: &arena)
                    result[j] = pivot
                    if table.replace(pivot.index, previous: owner, with: .init(column: j, coefficient: pivot.coefficient)) {
                        j = owner.column
                        fresh = false
                        continue column
                    }
                    restore(&s)
                    continue
                }
                var e = complex.zeroApparentFacet(of: pivot, dimension: dim + 1, modulus: modulus, scratch: s.facetScratch, slot: s.checkSlot)
                if e.index != -1 {
                    e.coefficient = (modulus &- e.coefficient) % modulus
                    addSimplexCoboundary(e, &s)
                    pivot = s.coboundary.pivot(modulus: modulus)
                    continue
                }
                publish(j, &s, arena: &arena)
                result[j] = pivot
                if table.claim(pivot.index, for: .init(column: j, coefficient: pivot.coefficient)) == nil { return }
                restore(&s)
            }
        }
    }
}

/// Bump allocator for V snapshots: large blocks, freed all at once.
struct SnapshotArena {
    private var blocks: [UnsafeMutablePointer<SimplexEntry>] = []
    private var current: UnsafeMutablePointer<SimplexEntry>? = nil
    private var used = 0
    private var capacity = 0

    /// Room for `count` entries.
    mutating func allocate(_ count: Int) -> UnsafeMutablePointer<SimplexEntry> {
        if current == nil || used + count > capacity {
            capacity = max(count, 1 << 16)
            let block = UnsafeMutablePointer<SimplexEntry>.allocate(capacity: capacity)
            blocks.append(block)
            current = block
            used = 0
        }
        let p = current! + used
        used += count
        return p
    }

    /// Frees every block.
    func deallocate() { for b in blocks { b.deallocate() } }
}
