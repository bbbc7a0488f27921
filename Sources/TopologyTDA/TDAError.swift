/// Everything that can be wrong with the input to a persistent-homology computation, with messages a user can act on.
public enum TDAError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The point cloud or distance matrix has no points.
    case emptyInput
    /// Persistent homology of fewer than two points says nothing; the count is given.
    case tooFewPoints(Int)
    /// A coordinate is NaN or infinite (point index, coordinate index).
    case nonFiniteCoordinate(point: Int, coordinate: Int)
    /// A distance is NaN or −inf (row, column); +inf (no edge) and negative values are accepted.
    case invalidDistance(row: Int, column: Int, value: Double)
    /// The flat array does not split into rows of the stated width.
    case shapeMismatch(String)
    /// A dense distance matrix with d(i,j) ≠ d(j,i).
    case asymmetricDistanceMatrix(row: Int, column: Int, upper: Double, lower: Double)
    /// A dense distance matrix whose diagonal entry (a vertex birth) is not finite.
    case nonZeroDiagonal(index: Int, value: Double)
    /// The coefficient field Z/p needs p prime and below 2^16.
    case invalidCoefficient(Int)
    /// The maximal homology dimension must be ≥ 0.
    case invalidMaxDimension(Int)
    /// The threshold must be a number (any sign, or +inf), not NaN.
    case invalidThreshold(Double)
    /// Simplex indices of this dimension would overflow 64-bit integers for this many points.
    case tooManySimplices(points: Int, dimension: Int)
    /// The distance matrix of this many points would not fit in memory.
    case tooManyPoints(Int)
    /// Cosine or correlation distance is undefined for a zero (or constant) vector.
    case degeneratePoint(point: Int, metric: String)
    /// A preprocessing parameter is out of range.
    case invalidParameter(String)
    /// Text in Ripser's lower-distance-matrix format could not be parsed.
    case parseError(String)

    public var description: String {
        switch self {
        case .emptyInput: return "the point cloud is empty (n = 0): persistent homology needs at least two points"
        case .tooFewPoints(let n): return "only \(n) point\(n == 1 ? "" : "s"): persistent homology needs at least two points"
        case .nonFiniteCoordinate(let p, let c): return "point \(p) has a NaN or infinite coordinate (column \(c)); drop or fill such rows first"
        case .invalidDistance(let r, let c, let v): return "d(\(r),\(c)) = \(v) is not a filtration value (NaN and −inf are not; +inf means no edge)"
        case .shapeMismatch(let s): return "shape mismatch: \(s)"
        case .asymmetricDistanceMatrix(let r, let c, let u, let l):
            return "the distance matrix is not symmetric: d(\(r),\(c)) = \(u) but d(\(c),\(r)) = \(l)"
        case .nonZeroDiagonal(let i, let v): return "diagonal entry d(\(i),\(i)) = \(v) (the birth of vertex \(i)) is not finite"
        case .invalidCoefficient(let p): return "coefficient \(p) is not a prime below 65536 (use 2, 3, 47, ...)"
        case .invalidMaxDimension(let k): return "maximal homology dimension \(k) is not in 0...\(PersistentCohomology.maxDimensionLimit) (use 0, 1, 2, ...)"
        case .invalidThreshold(let t): return "threshold \(t) is not a number"
        case .tooManySimplices(let n, let k): return "\(n) points are too many for dimension \(k): simplex indices would overflow 64 bits; subsample (landmarks) or lower --maxdim"
        case .tooManyPoints(let n): return "\(n) points are too many for a full distance matrix (limit \(DistanceMatrix.maximumPointCount)); subsample with --landmarks M or --every K"
        case .degeneratePoint(let p, let m): return "point \(p) is a zero or constant vector, for which \(m) distance is undefined"
        case .invalidParameter(let s): return s
        case .parseError(let s): return "cannot parse distance matrix: \(s)"
        }
    }
}
