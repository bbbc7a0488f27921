/// Two circular coordinates of a point cloud whose H1 has two significant bars (a grid module's torus): furthest-point
/// landmarks, their Rips barcode in Z/p with cocycles, the two most persistent H1 classes, each turned into a
/// CircularCoordinates and extended to every point of the cloud (NaN where no landmark is within ε/2).
public struct ToroidalCoordinates: Sendable {
    /// The two H1 bars used, most persistent first, and the scale ε (one for both, inside both bars; twice).
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
    /// The solver's relative residual per class.
    public let residuals: [Double]
    /// The integer change of basis (row-major 2 × 2, determinant ±1) from the two classes to the two coordinates:
    /// coordinate c = basis[c, 0]·class 0 + basis[c, 1]·class 1 (mod 1).
    public let basis: [Int]

    /// - Parameters:
    ///   - cloud: the points (e.g. a module's activity after PCA), Euclidean.
    ///   - landmarkCount: furthest-point landmarks (all points when the cloud is smaller).
    ///   - prime: the coefficient field Z/p of the cocycles (an odd prime, so the integer lift is unambiguous).
    ///   - fraction: ε = birth + fraction·(death − birth) over the two bars' common part (latest birth, earliest
    ///     death), raised to cover every point (2.02 × the cover radius) when that stays below 0.99 of it.
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
        // One scale for both classes, inside both bars (as DREiMac), so that their harmonic cocycles live on one graph
        // and can be compared (the basis reduction below).
        let two = order.prefix(2).map { dgm.intervals[$0] }
        let birth = two.map(\.birth).max()!, death = two.map { $0.death.isFinite ? $0.death : barcode.threshold }.min()!
        guard birth < death else {
            throw .invalidParameter("the two most persistent H1 bars [\(two[0].birth), \(two[0].death)) and [\(two[1].birth), \(two[1].death)) do not overlap")
        }
        var e = birth + fraction * (death - birth)
        if e < 2.02 * cover { e = min(2.02 * cover, birth + 0.99 * (death - birth)) }
        var maps: [CircularCoordinates] = []
        for k in order.prefix(2) { maps.append(try CircularCoordinates(distances: dm, cocycle: cocycles[k], prime: prime, scale: e)) }
        bars = two; scales = [e, e]
        residuals = maps.map(\.solverResidual)
        let gram = [maps[0].harmonicInnerProduct(maps[0]), maps[0].harmonicInnerProduct(maps[1]), maps[1].harmonicInnerProduct(maps[1])]
        basis = Self.reducedBasis(gram: gram)
        var out = [Double](repeating: .nan, count: 2 * cloud.count)
        var d = [Double](repeating: 0, count: idx.count)
        for i in 0..<cloud.count {
            for l in 0..<idx.count { d[l] = Self.distance(cloud, i, points, l) }
            guard let u = maps[0].coordinate(distancesToLandmarks: d), let v = maps[1].coordinate(distancesToLandmarks: d) else { continue }
            for c in 0..<2 {
                let w = Double(basis[2 * c]) * u + Double(basis[2 * c + 1]) * v
                let r = w - w.rounded(.down)
                out[2 * i + c] = r >= 1 ? 0 : r
            }
        }
        coordinates = out
    }

    /// The Lagrange–Gauss reduction of the lattice spanned by two harmonic cocycles with Gram matrix
    /// [g00, g01; g01, g11] (`gram` = [g00, g01, g11]): a unimodular integer matrix whose rows give a shortest, most
    /// nearly orthogonal basis (DREiMac's LLL step, Scoccola et al. 2023, exact in two dimensions). The two classes
    /// of the barcode are any basis of H1 (the second can come out as b + k·a); the reduced one is the pair of
    /// smallest harmonic norm, i.e. coordinates that each wind once along a shortest lattice direction.
    static func reducedBasis(gram: [Double]) -> [Int] {
        var (g00, g01, g11) = (gram[0], gram[1], gram[2])
        var u = [1, 0, 0, 1]
        guard g00 > 0, g11 > 0 else { return u }
        for _ in 0..<64 {
            if g00 > g11 { swap(&g00, &g11); u = [u[2], u[3], u[0], u[1]] }
            let mu = (g01 / g00).rounded()
            if mu == 0 { break }
            let k = Int(mu)
            g11 += mu * mu * g00 - 2 * mu * g01
            g01 -= mu * g00
            u[2] -= k * u[0]; u[3] -= k * u[1]
            if g11 >= g00 { break }
        }
        return u
    }

    /// Euclidean distance between point i of `a` and point j of `b` (same dimension).
    static func distance(_ a: PointCloud, _ i: Int, _ b: PointCloud, _ j: Int) -> Double {
        let d = a.dimension
        var s = 0.0
        for c in 0..<d { let t = a.values[i * d + c] - b.values[j * d + c]; s += t * t }
        return s.squareRoot()
    }
}
