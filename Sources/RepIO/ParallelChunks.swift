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

    /// The cores this process may use: the CPUs of its affinity mask where Linux reports one (`taskset`, a SLURM
    /// task's cpuset), at most the machine's active processors. Why: Foundation's `activeProcessorCount` counts the
    /// whole machine, so `taskset -c 0 repanalyze barcode …` ran two threads on one CPU, and a one-CPU SLURM task on a
    /// 64-core node would have run 64 (the collapse's threads then wait on each other: 8000-point torus, two threads
    /// on one CPU 3.2–3.95 s against 2.9–3.1 s with one).
    public static let availableCores: Int = {
        let machine = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let allowed = allowedCPUs(inStatus: status) else { return machine }
        return max(1, min(machine, allowed))
    }()

    /// The number of CPUs in the "Cpus_allowed:" mask (comma-separated hexadecimal words) of a /proc/PID/status
    /// text; nil when the line is missing or not a mask.
    public static func allowedCPUs(inStatus status: String) -> Int? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) else { return nil }
        var count = 0, digits = 0
        for c in line.dropFirst("Cpus_allowed:".count) where c != "," && !c.isWhitespace {
            guard let nibble = c.hexDigitValue else { return nil }
            count += nibble.nonzeroBitCount; digits += 1
        }
        return digits > 0 ? count : nil
    }

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
