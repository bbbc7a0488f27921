/// The distance between two rows of a point cloud, computed one way everywhere: the full matrix
/// (`DistanceMatrix(points:)`) and the thresholded neighbour graph (`NeighbourGraph(points:)`) must give the very same
/// Float32 values, or the filtration order — and the bars — could differ between the two paths.
///
/// In Float64, coordinates summed in order 0..<d, rounded once to Float32 (Ripser's `value_t`, see the README).
struct PointKernel {
    /// The rows as the metric reads them: unchanged for euclidean, unit vectors for cosine, centred unit vectors for
    /// correlation (then d(x, y) = 1 − ⟨x, y⟩).
    let rows: [Double]
    let dimension: Int
    let metric: Metric
    var count: Int { rows.count / dimension }

    /// Validates the cloud (shape, finite coordinates, no zero vector under cosine/correlation) and prepares its rows.
    init(points: [Double], dimension d: Int, metric: Metric) throws(TDAError) {
        guard d > 0 else { throw .shapeMismatch("points have dimension 0") }
        guard points.count % d == 0 else { throw .shapeMismatch("\(points.count) coordinates do not split into rows of \(d)") }
        let n = points.count / d
        guard n > 0 else { throw .emptyInput }
        if let bad = points.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteCoordinate(point: bad / d, coordinate: bad % d)
        }
        var x = points
        if metric != .euclidean {
            for i in 0..<n {
                if metric == .correlation {
                    var mean = 0.0
                    for c in 0..<d { mean += x[i * d + c] }
                    mean /= Double(d)
                    for c in 0..<d { x[i * d + c] -= mean }
                }
                var s = 0.0
                for c in 0..<d { s += x[i * d + c] * x[i * d + c] }
                guard s > 0 else { throw .degeneratePoint(point: i, metric: metric.rawValue) }
                let r = 1 / s.squareRoot()
                for c in 0..<d { x[i * d + c] *= r }
            }
        }
        rows = x
        dimension = d
        self.metric = metric
    }

    /// d(i, j) for rows starting at `pi` and `pj` (row index × dimension) of `p`.
    @inline(__always)
    static func distance(_ p: UnsafeBufferPointer<Double>, _ pi: Int, _ pj: Int, dimension d: Int, euclidean: Bool) -> Float {
        var s = 0.0
        if euclidean {
            for c in 0..<d { let t = p[pi &+ c] - p[pj &+ c]; s += t * t }
            return Float(s.squareRoot())
        }
        for c in 0..<d { s += p[pi &+ c] * p[pj &+ c] }
        return Float(max(0, 1 - s))
    }

    /// The squared euclidean distance, same arithmetic as `distance` (whose result is Float(sqrt of it)).
    @inline(__always)
    static func squaredEuclidean(_ p: UnsafeBufferPointer<Double>, _ pi: Int, _ pj: Int, dimension d: Int) -> Double {
        var s = 0.0
        for c in 0..<d { let t = p[pi &+ c] - p[pj &+ c]; s += t * t }
        return s
    }
}
