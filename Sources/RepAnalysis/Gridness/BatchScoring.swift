import Foundation
import RepIO

extension GridScorer {
    /// Scores `units` maps stored [unit, y, x] in one contiguous Float array, on `threads` threads (each with
    /// its own workspace; the scorer's tables are shared read-only). Results are in unit order.
    public func scoreAll(maps: [Float], units: Int, threads: Int = 1) -> [GridScores] {
        scoreAllConverting(maps: maps, units: units, threads: threads)
    }

    /// `scoreAll` for maps stored as Doubles (float64 map files).
    public func scoreAll(maps: [Double], units: Int, threads: Int = 1) -> [GridScores] {
        scoreAllConverting(maps: maps, units: units, threads: threads)
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func scoreAllConverting<T: BinaryFloatingPoint & Sendable>(maps: [T], units: Int, threads: Int) -> [GridScores] {
        let s = height * width
        precondition(maps.count == units * s, "GridScorer.scoreAll: \(maps.count) values for \(units) maps of \(height)×\(width)")
        guard units > 0 else { return [] }
        var results = [GridScores?](repeating: nil, count: units)
        let workers = max(1, min(threads, units))
        // Contiguous chunks per worker: no sharing of cache lines in the result array beyond chunk edges.
        let chunk = (units + workers - 1) / workers
        maps.withUnsafeBufferPointer { mp in
            results.withUnsafeMutableBufferPointer { rp in
                nonisolated(unsafe) let mapsPtr = mp, out = rp
                // One chunk per worker, each with its own workspace; every unit is scored alone, so the chunking
                // does not change the results.
                ParallelChunks(workers: workers).run(workers) { w in
                    let ws = Workspace(for: self)
                    for u in (w * chunk)..<min(units, (w + 1) * chunk) {
                        out[u] = self.score(UnsafeBufferPointer(rebasing: mapsPtr[(u * s)..<((u + 1) * s)]), workspace: ws)
                    }
                }
            }
        }
        return results.map { $0! }
    }
}
