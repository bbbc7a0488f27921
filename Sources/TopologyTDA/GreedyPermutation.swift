/// ripser.py's `n_perm` subsampling (`get_greedy_perm`): a furthest-point sampling that starts at point 0 and
/// repeatedly takes the point furthest from those taken (the first such point on ties), with the covering radius of
/// the sample. Unlike `PointCloud.furthestPointLandmarks` (seeded start, for `--landmarks`), this is deterministic
/// and reproduces ripser.py's `idx_perm` and `r_cover`, so the same subsample gives the same bars.
public struct GreedyPermutation: Sendable, Equatable {
    /// The chosen points, in the order taken (ripser.py's `idx_perm`); indices[0] == 0.
    public var indices: [Int]
    /// The largest distance from any point to its nearest chosen point (ripser.py's `r_cover`).
    public var coverRadius: Double

    /// A permutation given as it is (e.g. ripser.py's identity when n_perm equals the number of points).
    public init(indices: [Int], coverRadius: Double) {
        self.indices = indices
        self.coverRadius = coverRadius
    }

    /// The first `k` points of the greedy permutation of n points under `distance` (Float64, as ripser.py's NumPy
    /// distances). `distance(i, i)` is used as given: 0 for a point cloud, the diagonal for a distance matrix
    /// (ripser.py reads the matrix's row as it is).
    public init(count n: Int, sampleCount k: Int, distance: (Int, Int) -> Double) throws(TDAError) {
        guard k >= 1 else { throw .invalidParameter("n_perm must be at least 1 (got \(k))") }
        guard k <= n else { throw .invalidParameter("n_perm \(k) is larger than the number of points (\(n))") }
        var nearest = (0..<n).map { distance(0, $0) }
        var chosen = [0]
        chosen.reserveCapacity(k)
        while chosen.count < k {
            // np.argmax: the first index of the largest value (NaN cannot occur: inputs are checked).
            var best = 0
            for j in 1..<n where nearest[j] > nearest[best] { best = j }
            chosen.append(best)
            for j in 0..<n { nearest[j] = min(nearest[j], distance(best, j)) }
        }
        indices = chosen
        coverRadius = nearest.max() ?? 0
    }

    /// The greedy permutation of a row-major [n, d] point cloud under `metric`, distances in Float64.
    public init(points: [Double], dimension d: Int, metric: Metric = .euclidean, sampleCount k: Int) throws(TDAError) {
        // The rows as the metric reads them (unit vectors for cosine, centred unit vectors for correlation), prepared
        // as for the distance matrix; the distances here stay in Float64, as ripser.py's greedy permutation.
        let kernel = try PointKernel(points: points, dimension: d, metric: metric)
        let n = kernel.count, x = kernel.rows
        let euclidean = metric == .euclidean
        try self.init(count: n, sampleCount: k) { i, j in
            if i == j { return 0 }
            var s = 0.0
            if euclidean {
                for c in 0..<d { let t = x[i * d + c] - x[j * d + c]; s += t * t }
                return s.squareRoot()
            }
            for c in 0..<d { s += x[i * d + c] * x[j * d + c] }
            return max(0, 1 - s)
        }
    }
}
