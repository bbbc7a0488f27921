/// Two circular coordinates of a point cloud whose H1 has two significant bars (a grid module's torus): furthest-point
/// landmarks, their Rips barcode in Z/p with cocycles, the two most persistent H1 classes, each turned into a
/// CircularCoordinates and extended to every point of the cloud (NaN where no landmark is within ε/2).
public struct ToroidalCoordinates: Sendable {
    /// The two H1 bars used, most persistent first, and the scale ε chosen inside each.
    public let bars: [PersistenceInterval]
    public let scales: [Double]
    /// Indices (into the cloud) of the landmarks, and their covering radius (largest distance of a point to its
    /// nearest landmark).
    public let landmarks: [Int]
    public let coverRadius: Double
    /// The landmarks' H1 bars, most persistent first (for messages and summaries).
    public let h1: [PersistenceInterval]
    /// Per point, the two coordinates in turns, [0, 1), row-major [n, 2]; NaN outside the cover.
    public let coordinates: [Double]
    /// The solver's relative residual per coordinate.
    public let residuals: [Double]

    /// - Parameters:
    ///   - cloud: the points (e.g. a module's activity after PCA), Euclidean.
    ///   - landmarkCount: furthest-point landmarks (all points when the cloud is smaller).
    ///   - prime: the coefficient field Z/p of the cocycles (an odd prime, so the integer lift is unambiguous).
    ///   - fraction: ε = birth + fraction·(death − birth), raised to cover every point (2.02 × the cover radius)
    ///     when that stays below 0.99 of the bar.
    public init(cloud: PointCloud, landmarkCount: Int = 500, prime: Int = 47, fraction: Double = 0.5,
                seed: UInt64 = 0) throws(TDAError) {
        guard prime > 2 else { throw .invalidParameter("circular coordinates need an odd prime coefficient (got \(prime))") }
        guard fraction > 0, fraction < 1 else { throw .invalidParameter("the scale fraction must be in (0, 1) (got \(fraction))") }
        let (idx, cover) = try cloud.furthestPointCover(landmarkCount, seed: seed)
        let points = cloud.rows(idx)
        let dm = try DistanceMatrix(points: points.values, dimension: points.dimension, metric: .euclidean)
        let barcode = try PersistentCohomology.barcode(of: dm, maxDimension: 1, coefficient: prime, cocycles: true)
        let dgm = barcode.diagrams[1]
        let order = dgm.intervals.indices.sorted { dgm.intervals[$0].persistence > dgm.intervals[$1].persistence }
        h1 = order.map { dgm.intervals[$0] }
        let significant = BettiSummary(barcode).betti.count > 1 ? BettiSummary(barcode).betti[1] : 0
        guard significant >= 2, order.count >= 2, let cocycles = dgm.cocycles else {
            func r(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
            let shown = h1.prefix(4).map { "[\(r($0.birth)), \(r($0.death)))" }.joined(separator: " ")
            throw .invalidParameter("the landmarks' H1 has \(significant) significant bar(s), a torus needs 2; most persistent H1 bars: \(shown.isEmpty ? "none" : shown)")
        }
        coverRadius = cover
        landmarks = idx
        var used: [PersistenceInterval] = [], eps: [Double] = [], maps: [CircularCoordinates] = []
        for k in order.prefix(2) {
            let bar = dgm.intervals[k]
            let death = bar.death.isFinite ? bar.death : barcode.threshold
            var e = bar.birth + fraction * (death - bar.birth)
            if e < 2.02 * cover { e = min(2.02 * cover, bar.birth + 0.99 * (death - bar.birth)) }
            maps.append(try CircularCoordinates(distances: dm, cocycle: cocycles[k], prime: prime, scale: e))
            used.append(bar); eps.append(e)
        }
        bars = used; scales = eps
        residuals = maps.map(\.solverResidual)
        var out = [Double](repeating: .nan, count: 2 * cloud.count)
        var d = [Double](repeating: 0, count: idx.count)
        for i in 0..<cloud.count {
            for l in 0..<idx.count { d[l] = Self.distance(cloud, i, points, l) }
            for c in 0..<2 { if let v = maps[c].coordinate(distancesToLandmarks: d) { out[2 * i + c] = v } }
        }
        coordinates = out
    }

    /// Euclidean distance between point i of `a` and point j of `b` (same dimension).
    static func distance(_ a: PointCloud, _ i: Int, _ b: PointCloud, _ j: Int) -> Double {
        let d = a.dimension
        var s = 0.0
        for c in 0..<d { let t = a.values[i * d + c] - b.values[j * d + c]; s += t * t }
        return s.squareRoot()
    }
}
