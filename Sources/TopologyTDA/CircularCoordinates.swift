import Foundation

/// A circle-valued coordinate from one persistent H1 class (de Silva, Morozov & Vejdemo-Johansson 2011; as in
/// DREiMac and Gardner et al. 2022): the class's Z/p cocycle, lifted to integers, is made harmonic on the landmarks'
/// Rips graph at a scale ε inside the bar by a weighted least-squares solve, θ = δf + τ; f mod 1 is the landmarks'
/// coordinate, and a partition of unity over balls of radius ε/2 extends it to any point near a landmark.
///
/// Weights (ours; DREiMac weighs every edge 1): w_jk = K_jk / (q_j q_k), K_jk = exp(−(d_jk / (ε/2))²) and
/// q_j = Σ_k K_jk the landmark's kernel density, and the partition of unity divides by q too. With unit weights the
/// least squares minimise a density-weighted Dirichlet energy, so where landmarks crowd on one side of another the
/// harmonic form tilts towards them; dividing by the densities (the normalisation of Coifman & Lafon's diffusion
/// maps) removes that to first order. Measured on a flat torus in R⁴ (1500 random points, 300 landmarks): the
/// landmarks' median error 5.2° → 1.7°, every point's 5.2° → 2.7° (Sources/TopologyTDA/README.md).
public struct CircularCoordinates: Sendable {
    /// The Rips scale ε of the graph the cocycle lives on (birth ≤ ε < death); balls of radius ε/2 cover the points.
    public let scale: Double
    /// Per landmark, its coordinate in turns, [0, 1).
    public let landmarkCoordinates: [Double]
    /// Edges (i < j, landmark indices) of the Rips graph at ε, their least-squares weights, and the harmonic cocycle
    /// τ on each (oriented i → j).
    let edges: [(Int, Int)], weights: [Double], harmonic: [Double]
    /// Edge index of (i, j), i < j, in a dense m × m table (−1: no edge).
    let edgeIndex: [Int32]
    /// Per landmark, its kernel density q_j.
    let density: [Double]
    let landmarkCount: Int
    /// Relative residual of the least-squares solve (conjugate gradients on the graph Laplacian).
    public let solverResidual: Double

    /// The coordinate of the class `cocycle` (coefficients in Z/`prime`, edges as vertex pairs) of the landmarks whose
    /// pairwise distances are `distances`, on the Rips graph at `scale`.
    public init(distances: DistanceMatrix, cocycle: Cocycle, prime: Int, scale: Double) throws(TDAError) {
        let m = distances.count
        guard m >= 3 else { throw .invalidParameter("circular coordinates need at least 3 landmarks (got \(m))") }
        guard scale.isFinite, scale > 0 else { throw .invalidParameter("the scale must be a positive number (got \(scale))") }
        landmarkCount = m
        self.scale = scale
        var index = [Int32](repeating: -1, count: m * m), list: [(Int, Int)] = [], kernel: [Double] = []
        var q = [Double](repeating: 0, count: m)
        let sigma = scale / 2
        for i in 0..<m {
            for j in (i + 1)..<m where Double(distances[i, j]) < scale {
                index[i * m + j] = Int32(list.count)
                list.append((i, j))
                let k = exp(-pow(Double(distances[i, j]) / sigma, 2))
                kernel.append(k); q[i] += k; q[j] += k
            }
        }
        edges = list
        edgeIndex = index
        density = q.map { max($0, 1e-300) }
        weights = list.indices.map { e in kernel[e] / (q[list[e].0] * q[list[e].1]) }
        // The integer lift of the cocycle on the graph's edges: c ∈ Z/p → c or c − p, whichever is nearer 0.
        var theta = [Double](repeating: 0, count: list.count)
        for (simplex, c) in zip(cocycle.simplices, cocycle.coefficients) where simplex.count == 2 {
            let (a, b) = (simplex[0], simplex[1])
            guard a != b, a >= 0, b >= 0, a < m, b < m else { continue }
            let lo = min(a, b), hi = max(a, b)
            let e = Int(index[lo * m + hi])
            guard e >= 0 else { continue }
            let cc = ((c % prime) + prime) % prime
            let lifted = Double(cc <= prime / 2 ? cc : cc - prime)
            theta[e] += a < b ? lifted : -lifted
        }
        let solved = GraphLaplacian(vertexCount: m, edges: list, weights: weights).leastSquaresPotential(edgeValues: theta)
        solverResidual = solved.residual
        let f = solved.potential
        harmonic = list.indices.map { e in theta[e] - (f[list[e].1] - f[list[e].0]) }
        landmarkCoordinates = f.map { v in let r = v - v.rounded(.down); return r >= 1 ? 0 : r }
    }

    /// τ on the edge from landmark j to landmark k (0 for j = k; nil when the graph has no such edge).
    func harmonic(from j: Int, to k: Int) -> Double? {
        if j == k { return 0 }
        let e = Int(edgeIndex[min(j, k) * landmarkCount + max(j, k)])
        guard e >= 0 else { return nil }
        return j < k ? harmonic[e] : -harmonic[e]
    }

    /// The weighted inner product Σ_e w_e τ_e σ_e of this coordinate's harmonic cocycle with another's on the same
    /// graph (same landmarks and scale).
    func harmonicInnerProduct(_ other: CircularCoordinates) -> Double {
        zip(weights, zip(harmonic, other.harmonic)).reduce(0) { $0 + $1.0 * $1.1.0 * $1.1.1 }
    }

    /// The coordinate, in turns in [0, 1), of a point whose distances to the landmarks are `toLandmarks`; nil when no
    /// landmark is closer than ε/2. θ(x) = f_j − Σ_k φ_k(x)·τ_jk with j the nearest landmark and
    /// φ_k ∝ (ε/2 − d_k)₊ / q_k.
    public func coordinate(distancesToLandmarks d: [Double]) -> Double? {
        let r = scale / 2
        var total = 0.0, nearest = -1, best = Double.infinity
        for k in 0..<landmarkCount where d[k] < r {
            total += (r - d[k]) / density[k]
            if d[k] < best { best = d[k]; nearest = k }
        }
        guard nearest >= 0, total > 0 else { return nil }
        var v = landmarkCoordinates[nearest]
        for k in 0..<landmarkCount where d[k] < r {
            guard let t = harmonic(from: nearest, to: k) else { continue }
            v -= (r - d[k]) / density[k] / total * t
        }
        let w = v - v.rounded(.down)
        return w >= 1 ? 0 : w
    }
}
