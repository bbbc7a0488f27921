extension PointCloud {
    /// Indices of the points kept after dropping the lowest-density `fraction` (0 ≤ fraction < 1), density being
    /// measured by the distance to the k-th nearest neighbour (larger = sparser). Removes the stray samples that
    /// create short-lived loops. Cost O(n² d): apply after --every on long recordings.
    public func denseIndices(droppingFraction fraction: Double, neighbours k: Int = 15) throws(TDAError) -> [Int] {
        guard fraction >= 0, fraction < 1 else { throw .invalidParameter("--denoise fraction must be in [0, 1) (got \(fraction))") }
        guard fraction > 0, count > 1 else { return Array(0..<count) }
        let kk = min(max(k, 1), count - 1)
        let d = dimension
        var knn = [Double](repeating: 0, count: count)
        var row = [Double](repeating: 0, count: count)
        values.withUnsafeBufferPointer { x in
            for i in 0..<count {
                let pi = i &* d
                for j in 0..<count {
                    let pj = j &* d
                    var s = 0.0
                    for c in 0..<d { let t = x[pi &+ c] - x[pj &+ c]; s += t * t }
                    row[j] = s
                }
                row[i] = .infinity
                // k-th smallest by partial selection.
                var best = [Double](repeating: .infinity, count: kk)
                for v in row where v < best[kk - 1] {
                    var p = kk - 1
                    while p > 0 && best[p - 1] > v { best[p] = best[p - 1]; p -= 1 }
                    best[p] = v
                }
                knn[i] = best[kk - 1]
            }
        }
        let keep = count - Int((Double(count) * fraction).rounded(.down))
        return (0..<count).sorted { (knn[$0], $0) < (knn[$1], $1) }.prefix(keep).sorted()
    }
}
