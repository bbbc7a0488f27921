import Synchronization

/// `assembleColumns` on several threads: the simplices of the previous dimension are cut into chunks, each thread
/// enumerates the cofacets of whole chunks (with its own scratch slots) and keeps those that need a column; the
/// chunks' outputs are joined in chunk order, so the result is exactly the serial one. On sphere-like H2 this
/// enumeration (with its apparent-pair tests) was ~12 % of the single-thread time.
final class ParallelAssembly<Complex: RipsComplex>: @unchecked Sendable {
    private let complex: Complex
    private let simplices: [SimplexEntry]
    private let pivots: PivotIndex
    private let dim: Int
    private let modulus: UInt32
    private let keepNext: Bool
    private let chunkSize: Int
    private let chunkCount: Int
    private let scratchSize: Int
    private let nextChunk = Atomic<Int>(0)
    /// Per chunk: the cofacets (all of them, for the next dimension) and the new columns.
    private let next: UnsafeMutableBufferPointer<[SimplexEntry]>
    private let columns: UnsafeMutableBufferPointer<[SimplexEntry]>

    init(complex: Complex, simplices: [SimplexEntry], pivots: PivotIndex, dimension: Int, modulus: UInt32,
         keepNext: Bool, workers: Int, maxDimension: Int) {
        self.complex = complex
        self.simplices = simplices
        self.pivots = pivots
        dim = dimension
        self.modulus = modulus
        self.keepNext = keepNext
        chunkCount = min(max(simplices.count, 1), workers * 16)
        chunkSize = (simplices.count + chunkCount - 1) / chunkCount
        scratchSize = maxDimension + 4
        next = .allocate(capacity: chunkCount)
        next.initialize(repeating: [])
        columns = .allocate(capacity: chunkCount)
        columns.initialize(repeating: [])
    }

    deinit {
        next.deinitialize(); next.deallocate()
        columns.deinitialize(); columns.deallocate()
    }

    /// Runs on `workers` threads; returns the cofacets (for the next dimension) and the columns, in serial order.
    func run(workers: Int) -> (next: [SimplexEntry], columns: [SimplexEntry]) {
        WorkerThreads.run(workers) { w in self.work(worker: w) }
        var allNext = [SimplexEntry](), allColumns = [SimplexEntry]()
        allNext.reserveCapacity(next.reduce(0) { $0 + $1.count })
        allColumns.reserveCapacity(columns.reduce(0) { $0 + $1.count })
        for c in 0..<chunkCount { allNext += next[c]; allColumns += columns[c] }
        return (allNext, allColumns)
    }

    private func work(worker w: Int) {
        let scratch = UnsafeMutablePointer<Int>.allocate(capacity: scratchSize)
        scratch.initialize(repeating: 0, count: scratchSize)
        defer { scratch.deallocate() }
        let mainSlot = 2 * w, checkSlot = 2 * w + 1
        while true {
            let c = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
            if c >= chunkCount { break }
            var out = [SimplexEntry](), kept = [SimplexEntry]()
            let chunk = simplices[min(c * chunkSize, simplices.count)..<min((c + 1) * chunkSize, simplices.count)]
            complex.appendColumns(cofacetsOf: chunk, dimension: dim, modulus: modulus, pivots: pivots, keepNext: keepNext,
                                  scratch: scratch, mainSlot: mainSlot, checkSlot: checkSlot, next: &out, columns: &kept)
            next[c] = out
            columns[c] = kept
        }
    }
}
