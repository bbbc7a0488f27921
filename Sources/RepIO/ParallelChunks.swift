import Foundation
import Synchronization

/// Independent chunks of work on up to `workers` threads: the one parallel idiom outside TopologyTDA (which keeps
/// its own POSIX threads). The caller fixes the chunks — never from the core count — and each chunk writes only its
/// own outputs, so results are the same for any number of workers; a sum over chunks is the caller's, in chunk
/// order, after `run` returns. Chunks are handed out in order to whichever worker is free, so a core taken by
/// another process slows one worker without idling the rest.
public struct ParallelChunks: Sendable {
    /// The most threads `run` uses (1: everything on the calling thread).
    public let workers: Int

    public init(workers: Int = ParallelChunks.availableCores) {
        self.workers = max(1, workers)
    }

    /// The cores this process may use.
    public static var availableCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body(k)` once for every k in 0..<count and returns when all have finished.
    public func run(_ count: Int, _ body: (Int) -> Void) {
        let threads = min(workers, count)
        if threads <= 1 {
            for k in 0..<count { body(k) }
            return
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    let k = next.add(1, ordering: .relaxed).oldValue
                    guard k < count else { return }
                    work(k)
                }
            }
        }
    }

    /// Chunk `k` of `chunks` near-equal contiguous pieces of 0..<total.
    public static func range(_ k: Int, of chunks: Int, total: Int) -> Range<Int> {
        (k * total / chunks)..<((k + 1) * total / chunks)
    }
}
