/// A symmetric distance matrix, stored as Ripser does: the strict lower triangle row by row (d(i, j) for i > j at
/// i(i−1)/2 + j) in Float32, with optional vertex births (ripser.py's nonzero diagonal).
///
/// Float32 is Ripser's precision: the filtration order, and hence every tie-break and every bar, is the same as
/// ripser.py's when distances are computed in Float64 and rounded once, which is what the initialisers do.
///
/// Entries ripser.py accepts are accepted here: +inf means "no edge" (never in the complex), negative values are
/// filtration values like any other. Vertex i is born at `vertexBirths[i]` (0 when nil). An edge can never enter the
/// filtration before its vertices, so every stored entry is lifted to max(d(i, j), birth(i), birth(j)) — for valid
/// input (ripser.py's `lower_star_img`, any metric with a zero diagonal) that changes nothing; see the README.
public struct DistanceMatrix: Sendable {
    /// Number of points n.
    public let count: Int
    /// The n(n−1)/2 filtration values of the edges (strict lower triangle, row by row), lifted to their vertices' births.
    public let lowerTriangle: [Float]
    /// When each vertex enters the filtration (the diagonal); nil = every vertex at 0.
    public let vertexBirths: [Float]?

    /// A matrix from its lower triangle (n(n−1)/2 entries, row by row: d(1,0), d(2,0), d(2,1), d(3,0), …) and
    /// optional vertex births.
    public init(count n: Int, lowerTriangle: [Float], vertexBirths: [Float]? = nil) throws(TDAError) {
        guard n > 0 else { throw .emptyInput }
        guard lowerTriangle.count == n * (n - 1) / 2 else {
            throw .shapeMismatch("\(lowerTriangle.count) lower-triangle entries do not fit \(n) points (need \(n * (n - 1) / 2))")
        }
        if let bad = lowerTriangle.firstIndex(where: { $0.isNaN || $0 == -.infinity }) {
            let (i, j) = DistanceMatrix.rowColumn(ofLowerIndex: bad)
            throw .invalidDistance(row: i, column: j, value: Double(lowerTriangle[bad]))
        }
        if let births = vertexBirths {
            guard births.count == n else { throw .shapeMismatch("\(births.count) vertex births for \(n) points") }
            if let bad = births.firstIndex(where: { !$0.isFinite }) { throw .invalidDistance(row: bad, column: bad, value: Double(births[bad])) }
        }
        count = n
        let births = vertexBirths.flatMap { $0.allSatisfy { $0 == 0 } ? nil : $0 }
        self.vertexBirths = births
        self.lowerTriangle = DistanceMatrix.lifted(lowerTriangle, births: births)
    }

    /// Ripser's lower-triangular input: a flat list of n(n−1)/2 numbers; n is deduced. `vertexBirths`: [n] or nil.
    public init(lowerTriangular values: [Double], vertexBirths: [Double]? = nil) throws(TDAError) {
        guard !values.isEmpty || vertexBirths?.count == 1 else { throw .tooFewPoints(1) }
        // Solve n(n−1)/2 = m.
        var n = Int((1 + (1 + 8 * Double(values.count)).squareRoot()) / 2)
        while n * (n - 1) / 2 < values.count { n += 1 }
        while n > 1, n * (n - 1) / 2 > values.count { n -= 1 }
        guard n * (n - 1) / 2 == values.count else {
            throw .shapeMismatch("\(values.count) numbers are not the lower triangle of a square matrix")
        }
        try self.init(count: n, lowerTriangle: values.map { Float($0) }, vertexBirths: vertexBirths.map { $0.map { Float($0) } })
    }

    /// A matrix from a dense row-major n×n array; it must be symmetric (to `tolerance`, relative to the largest
    /// finite entry). A nonzero diagonal entry d(i, i) is the birth of vertex i (as in ripser.py).
    public init(dense values: [Double], count n: Int, tolerance: Double = 1e-6) throws(TDAError) {
        guard n > 0 else { throw .emptyInput }
        guard values.count == n * n else { throw .shapeMismatch("\(values.count) entries are not an \(n)×\(n) matrix") }
        var scale = 0.0
        for v in values where v.isFinite { scale = max(scale, abs(v)) }
        let tol = tolerance * max(scale, 1e-300)
        var lower = [Float]()
        lower.reserveCapacity(n * (n - 1) / 2)
        var births = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let dii = values[i * n + i]
            if !dii.isFinite { throw .nonZeroDiagonal(index: i, value: dii) }
            births[i] = Float(dii)
            for j in 0..<i {
                let l = values[i * n + j], u = values[j * n + i]
                guard !l.isNaN, l != -.infinity else { throw .invalidDistance(row: i, column: j, value: l) }
                guard !u.isNaN, u != -.infinity else { throw .invalidDistance(row: j, column: i, value: u) }
                if l != u && !(abs(l - u) <= tol) { throw .asymmetricDistanceMatrix(row: j, column: i, upper: u, lower: l) }
                lower.append(Float(l))
            }
        }
        try self.init(count: n, lowerTriangle: lower, vertexBirths: births)
    }

    /// Each entry raised to the later of its two vertices' births (unchanged when there are none).
    static func lifted(_ lower: [Float], births: [Float]?) -> [Float] {
        // `<= 0` also turns −0 into +0: the Z/2 heap keys order diameters by their bits.
        guard let births else { return lower.map { $0 <= 0 ? 0 : $0 } }
        var out = lower
        var k = 0
        for i in 0..<births.count {
            for j in 0..<i {
                let v = max(out[k], births[i], births[j])
                out[k] = v == 0 ? 0 : v
                k += 1
            }
        }
        return out
    }

    /// Distances between the rows of a row-major [n, d] point cloud (`PointKernel`: the same values as the
    /// thresholded `NeighbourGraph`).
    public init(points: [Double], dimension d: Int, metric: Metric = .euclidean) throws(TDAError) {
        guard d > 0 else { throw .shapeMismatch("points have dimension 0") }
        guard points.count % d == 0 else { throw .shapeMismatch("\(points.count) coordinates do not split into rows of \(d)") }
        let n = points.count / d
        guard n > 0 else { throw .emptyInput }
        guard n <= DistanceMatrix.maximumPointCount else { throw .tooManyPoints(n) }
        let kernel = try PointKernel(points: points, dimension: d, metric: metric)
        let euclidean = metric == .euclidean
        var lower = [Float](repeating: 0, count: n * (n - 1) / 2)
        kernel.rows.withUnsafeBufferPointer { p in
            lower.withUnsafeMutableBufferPointer { out in
                var k = 0
                for i in 0..<n {
                    for j in 0..<i {
                        out[k] = PointKernel.distance(p, i &* d, j &* d, dimension: d, euclidean: euclidean)
                        k &+= 1
                    }
                }
            }
        }
        count = n
        lowerTriangle = lower
        vertexBirths = nil
    }

    /// The largest cloud whose full distance matrix is built (n(n−1)/2 Float32 ≈ 4 GiB at 46 341 points).
    public static let maximumPointCount = 46_341

    /// d(i, j); d(i, i) is vertex i's birth.
    @inlinable public subscript(i: Int, j: Int) -> Float {
        if i == j { return vertexBirths?[i] ?? 0 }
        return i > j ? lowerTriangle[i * (i - 1) / 2 + j] : lowerTriangle[j * (j - 1) / 2 + i]
    }

    /// min over points of the largest distance to any other point: beyond it the complex is a cone and no finite
    /// bar can die (Ripser's default threshold).
    public var enclosingRadius: Float {
        var radius = Float.infinity
        lowerTriangle.withUnsafeBufferPointer { d in
            for i in 0..<count {
                var r: Float = 0
                for j in 0..<count where j != i {
                    let v = i > j ? d[i &* (i &- 1) / 2 &+ j] : d[j &* (j &- 1) / 2 &+ i]
                    if v > r { r = v }
                }
                if r < radius { radius = r }
            }
        }
        return count == 1 ? 0 : radius
    }

    /// The matrix restricted to the given points (in the given order).
    public func subset(_ indices: [Int]) -> DistanceMatrix {
        var lower = [Float]()
        lower.reserveCapacity(indices.count * (indices.count - 1) / 2)
        for a in 0..<indices.count { for b in 0..<a { lower.append(self[indices[a], indices[b]]) } }
        return DistanceMatrix(validatedCount: indices.count, lowerTriangle: lower, vertexBirths: vertexBirths.map { b in indices.map { b[$0] } })
    }

    /// For entries already checked and lifted.
    init(validatedCount n: Int, lowerTriangle: [Float], vertexBirths: [Float]? = nil) {
        count = n
        self.lowerTriangle = lowerTriangle
        self.vertexBirths = vertexBirths
    }

    static func rowColumn(ofLowerIndex k: Int) -> (Int, Int) {
        var i = 1
        while (i + 1) * i / 2 <= k { i += 1 }
        return (i, k - i * (i - 1) / 2)
    }
}

extension DistanceMatrix {
    /// Parses Ripser's `lower-distance` text format: the lower triangle, one row per line, numbers separated by
    /// commas or white space (the first line may be empty: row 0 has no entries below the diagonal).
    public init(ripserLowerDistanceText text: String) throws(TDAError) {
        var values = [Double]()
        var token = ""
        func flush() throws(TDAError) {
            if token.isEmpty { return }
            guard let v = Double(token) else { throw .parseError("'\(token)' is not a number") }
            values.append(v)
            token = ""
        }
        for ch in text.unicodeScalars {
            if ch == "," || ch == " " || ch == "\n" || ch == "\t" || ch == "\r" || ch == ";" { try flush() } else { token.unicodeScalars.append(ch) }
        }
        try flush()
        try self.init(lowerTriangular: values)
    }
}
