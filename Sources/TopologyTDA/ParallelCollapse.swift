import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The edge collapse's main loop on several threads, with exactly the serial loop's kept edges, values and order.
/// An edge's fate depends only on the lists of the vertices `survival` reads, and deciding it changes only its two
/// ends' lists; so the edges, in order, are cut into blocks: first every thread computes edges of the block against
/// the state at the block's start (nobody writes), each noting its result and read set (`SpeculativeBlock`); then
/// this thread applies them in order, recomputing on the live state each edge whose lists an earlier edge of the
/// block may have changed. Each edge thus gets the answer the serial loop gives it.
///
/// Threads are started once per collapse and handed each block through one atomic word, block number << 32 | next
/// slot, from which slots are taken by compare-and-swap (a thread late for a block can never take a slot of the
/// next one); a second counter tells this thread when every slot is done. Waiting threads spin, then yield.
final class ParallelCollapse<Entry: CollapseEntry & Sendable>: @unchecked Sendable {
    private let state: CollapseGraph<Entry>
    private let order: [UInt64]
    private let blockSize: Int
    private let workers: Int
    private let block: SpeculativeBlock
    private let scratch: UnsafeMutablePointer<DominationScratch>
    private let ticket = Atomic<UInt64>(0)
    private let finished = Atomic<Int>(0)
    private static var stop: UInt64 { UInt64(UInt32.max) << 32 }
    /// Filled by `run` (the caller's thread only).
    private(set) var kept = [(Int32, Int32, Float)]()
    private(set) var statistics = EdgeCollapse.Statistics()

    init(state: CollapseGraph<Entry>, order: [UInt64], workers: Int, blockSize: Int) {
        self.state = state; self.order = order; self.workers = workers; self.blockSize = blockSize
        block = SpeculativeBlock(capacity: blockSize, vertexCount: state.vertexCount)
        scratch = .allocate(capacity: workers)
        for w in 0..<workers { (scratch + w).initialize(to: DominationScratch(capacity: state.maxDegree, vertexCount: state.vertexCount)) }
    }

    deinit {
        for w in 0..<workers { scratch[w].deallocate() }
        scratch.deinitialize(count: workers); scratch.deallocate()
    }

    /// Decides every edge; `label` maps the state's labels back to the graph's.
    func run(label: [Int32]) {
        kept.reserveCapacity(order.count / 8)
        WorkerThreads.run(workers) { w in
            if w == 0 { self.lead(label: label) } else { self.follow(worker: w) }
        }
    }

    private func lead(label: [Int32]) {
        let blocks = (order.count + blockSize - 1) / blockSize
        precondition(blocks < Int(UInt32.max), "block numbers must stay below the stop word's")
        for b in 0..<blocks {
            let base = b * blockSize, count = min(blockSize, order.count - base)
            finished.store(0, ordering: .relaxed)
            ticket.store(UInt64(b + 1) << 32, ordering: .releasing)
            speculate(block: UInt64(b + 1), worker: 0)
            // Slots still being computed by other threads (nobody may write before they are done).
            var spins = 0
            while finished.load(ordering: .acquiring) < count { Self.pause(&spins) }
            // In order: each edge's speculative result if it still holds, else computed now on the live state.
            block.beginApplying()
            for k in 0..<count {
                let key = order[base + k]
                let (u, v) = state.endpoints(ofEdge: Int(truncatingIfNeeded: key & 0xFFFF_FFFF))
                var result = block.result(slot: k, u, v, in: state)
                if result == nil {
                    result = scratch[0].survival(of: u, v, from: Float(bitPattern: UInt32(truncatingIfNeeded: key >> 32)), in: state)
                    statistics.recomputed += 1
                }
                let (time, pu, pv) = result!
                EdgeCollapse.apply(u, v, time: time, pu: pu, pv: pv, to: state, label: label, kept: &kept)
                block.didApply(u, v)
            }
            statistics.blocks += 1
        }
        statistics.speculated = order.count - statistics.recomputed
        ticket.store(Self.stop, ordering: .releasing)
    }

    private func follow(worker w: Int) {
        var seen: UInt64 = 0
        while true {
            var t = ticket.load(ordering: .acquiring), spins = 0
            while t >> 32 == seen { Self.pause(&spins); t = ticket.load(ordering: .acquiring) }
            if t == Self.stop { return }
            seen = t >> 32
            speculate(block: seen, worker: w)
        }
    }

    /// Takes slots of block `b` (numbered from 1) until none is left, computing each against the block's state.
    private func speculate(block b: UInt64, worker w: Int) {
        let base = Int(b - 1) * blockSize, count = UInt64(min(blockSize, order.count - base))
        var t = ticket.load(ordering: .acquiring)
        while t >> 32 == b && t & 0xFFFF_FFFF < count {
            let (taken, now) = ticket.compareExchange(expected: t, desired: t + 1, ordering: .acquiringAndReleasing)
            if !taken { t = now; continue }
            let k = Int(t & 0xFFFF_FFFF), key = order[base + k]
            let (u, v) = state.endpoints(ofEdge: Int(truncatingIfNeeded: key & 0xFFFF_FFFF))
            block.speculate(slot: k, u, v, from: Float(bitPattern: UInt32(truncatingIfNeeded: key >> 32)), in: state, scratch: &scratch[w])
            finished.wrappingAdd(1, ordering: .releasing)
            t = ticket.load(ordering: .acquiring)
        }
    }

    /// A waiting thread's step: spin a while, then let another thread run. Why yield: on this 2-core VM, with CPU 1
    /// busy, the kernel kept both threads on CPU 0 (`ps -L`), where a spinning thread holds the core the other needs.
    @inline(__always) private static func pause(_ spins: inout Int) {
        spins &+= 1
        if spins > 1000 { sched_yield() }
    }
}
