import Foundation
import RepIO

/// Scratch memory for one forward + backward pass, allocated once for a shape (N, H, B, T) and reused every
/// step, so the hot path allocates nothing. A class because it owns raw buffers it must free exactly once.
public final class Workspace {
    /// N, H, B, T and the pairwise row block.
    public let units: Int, width: Int, batch: Int, seq: Int, rowBlock: Int
    /// B·T, the number of states entering the pairwise losses.
    public var stateCount: Int { batch * seq }

    // MLP over the T distinct velocities.
    let a0, h0, a1, h1: UnsafeMutablePointer<Float>   // [T, H]
    let w: UnsafeMutablePointer<Float>                  // [T, N·N], the T recurrent matrices W(v)
    let dA0, dA1, dH: UnsafeMutablePointer<Float>       // [T, H]
    let dW: UnsafeMutablePointer<Float>                 // [T, N·N]
    // Recurrence.
    let g0: UnsafeMutablePointer<Float>                 // [N]
    var g0Norm: Float = 0
    let dg0: UnsafeMutablePointer<Float>                // [N]
    let dg0Part: UnsafeMutablePointer<Float>            // [Recurrence.groups, N]
    let states: UnsafeMutablePointer<Float>             // [B, T, N]
    let norms: UnsafeMutablePointer<Float>              // [B, T]
    let dStates: UnsafeMutablePointer<Float>            // [B, T, N]
    // Pairwise losses.
    let block: UnsafeMutablePointer<Float>              // [rowBlock, B·T]
    let sq: UnsafeMutablePointer<Float>                 // [B·T]
    let px, py: UnsafeMutablePointer<Float>             // [B·T], positions de-interleaved for the pair loops
    let sepTerm, invTerm, isoTerm: UnsafeMutablePointer<Float>   // [row chunks, B·T], one row's terms per chunk
    let rowSep, rowInv, rowIso: UnsafeMutablePointer<Float>       // [rowBlock], each row's sums
    let gAug, dAug: UnsafeMutablePointer<Float>         // [B·T, N+1]: states with a ones column, and its gradient
    let chunkCounts: UnsafeMutablePointer<Int>          // [2 · pair-count chunks]: separation, invariance pairs
    /// The most states a pair subset may have (`pair_fraction` < 1; 0: the exact objective only).
    public let pairSubsetCapacity: Int
    let subStates, subDStates: UnsafeMutablePointer<Float>   // [pairSubsetCapacity, N]: gathered states, their gradient
    let subPositions: UnsafeMutablePointer<Float>             // [pairSubsetCapacity, 2]
    /// The threads the products, the pairwise pass and the recurrence run on. The work is cut into fixed chunks
    /// (`PairChunks`, `Recurrence.groups`, `HyperMLP.columnChunk`), so every result is the same for any count.
    public let workers: ParallelChunks
    let ciRatio, ciScale: UnsafeMutablePointer<Float>   // [B·T]
    let ciIndex: UnsafeMutablePointer<Int32>            // [B·T]
    let capMean: UnsafeMutablePointer<Double>           // [N]
    let capStep: UnsafeMutablePointer<Float>            // [N]
    // dW(v) gather, sorted by velocity index.
    let sortedDZ, sortedPrev: UnsafeMutablePointer<Float> // [B·T, N]
    let start: UnsafeMutablePointer<Int>                // [T + 1]

    /// Seconds spent in each phase since the last `resetTimers()` (for the benchmark's breakdown).
    public var timers = PhaseTimers()

    /// Buffers for N units, MLP width H, B trajectories of T steps, pairwise row blocks of `rowBlock` states and
    /// pair subsets of up to `pairSubset` states.
    public init(units: Int, width: Int, batch: Int, seq: Int, rowBlock: Int, pairSubset: Int = 0,
                workers: Int = ParallelChunks.availableCores) {
        _ = singleThreadedBLAS
        self.units = units; self.width = width; self.batch = batch; self.seq = seq
        self.workers = ParallelChunks(workers: workers)
        let p = batch * seq
        self.rowBlock = Self.effectiveRowBlock(rowBlock, stateCount: p)
        func f(_ n: Int) -> UnsafeMutablePointer<Float> {
            let q = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
            q.initialize(repeating: 0, count: max(n, 1))
            return q
        }
        let th = seq * width, tnn = seq * units * units
        a0 = f(th); h0 = f(th); a1 = f(th); h1 = f(th); w = f(tnn)
        dA0 = f(th); dA1 = f(th); dH = f(th); dW = f(tnn)
        g0 = f(units); dg0 = f(units); dg0Part = f(Recurrence.groups * units)
        states = f(p * units); norms = f(p); dStates = f(p * units)
        block = f(self.rowBlock * p); sq = f(p); px = f(p); py = f(p)
        let rowChunks = PairChunks.rowChunks(self.rowBlock)
        sepTerm = f(rowChunks * p); invTerm = f(rowChunks * p); isoTerm = f(rowChunks * p)
        chunkCounts = .allocate(capacity: 2 * PairChunks.countChunks); chunkCounts.initialize(repeating: 0, count: 2 * PairChunks.countChunks)
        rowSep = f(self.rowBlock); rowInv = f(self.rowBlock); rowIso = f(self.rowBlock)
        gAug = f(p * (units + 1)); dAug = f(p * (units + 1)); ciRatio = f(p); ciScale = f(p)
        ciIndex = .allocate(capacity: p); ciIndex.initialize(repeating: 0, count: p)
        capMean = .allocate(capacity: units); capMean.initialize(repeating: 0, count: units); capStep = f(units)
        sortedDZ = f(p * units); sortedPrev = f(p * units)
        start = .allocate(capacity: seq + 1); start.initialize(repeating: 0, count: seq + 1)
        pairSubsetCapacity = min(max(pairSubset, 0), p)
        subStates = f(pairSubsetCapacity * units); subDStates = f(pairSubsetCapacity * units); subPositions = f(2 * pairSubsetCapacity)
    }

    /// The row block actually used: at most the state count, and small enough that the block of the pairwise
    /// loss stays under 64 M floats (256 MB).
    public static func effectiveRowBlock(_ rowBlock: Int, stateCount p: Int) -> Int {
        max(1, min(rowBlock, p, (64 << 20) / max(p, 1)))
    }

    /// Buffers for the shapes a config describes.
    public convenience init(_ c: TrainerConfig, workers: Int = ParallelChunks.availableCores) {
        self.init(units: c.hidden, width: c.mlpWidth, batch: c.batch, seq: c.seq, rowBlock: c.rowBlock,
                  pairSubset: c.pairSubsetCount ?? 0, workers: workers)
    }

    deinit {
        for q in [a0, h0, a1, h1, w, dA0, dA1, dH, dW, g0, dg0, dg0Part, states, norms, dStates, block, sq, px, py, sepTerm, invTerm, isoTerm, rowSep, rowInv, rowIso, gAug, dAug,
                  ciRatio, ciScale, sortedDZ, sortedPrev, capStep, subStates, subDStates, subPositions] { q.deallocate() }
        capMean.deallocate()
        ciIndex.deallocate(); start.deallocate(); chunkCounts.deallocate()
    }

    /// The states g_1 … g_T of the last forward pass, [B, T, N].
    public var stateValues: [Float] { Array(UnsafeBufferPointer(start: states, count: stateCount * units)) }
    /// NormReLU(g0_raw) of the last forward pass, [N].
    public var g0Values: [Float] { Array(UnsafeBufferPointer(start: g0, count: units)) }
    /// W(v) of the last forward pass for base velocity k, [N, N] row-major.
    public func recurrentMatrix(_ k: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: w + k * units * units, count: units * units))
    }
}

/// Wall-clock seconds per phase of a step.
public struct PhaseTimers: Sendable {
    /// Seconds in each phase of the step (per-batch phases summed over batches).
    public var mlpForward = 0.0, recurrence = 0.0, pairwise = 0.0, otherLosses = 0.0, bptt = 0.0, mlpBackward = 0.0
    /// The pairwise phase split: pair counts, Gram products, elementwise terms, gradient products.
    public var pairCounts = 0.0, pairGram = 0.0, pairTerms = 0.0, pairBackward = 0.0
    /// All zero.
    public init() {}
    /// Monotonic seconds.
    @inline(__always) static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }
}
