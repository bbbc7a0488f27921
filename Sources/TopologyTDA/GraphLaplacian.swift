/// The weighted Laplacian L = δᵀWδ of a graph given by its edge list and edge weights w_e > 0, and the weighted
/// least-squares potential of an edge function: the f minimising Σ_e w_e (θ_e − (f_j − f_i))² over edges
/// e = (i, j), from L f = δᵀWθ by conjugate gradients.
///
/// Sparse: one row per edge in δ, so memory and each iteration are O(edges) — a dense solve would be O(m³) with m
/// landmarks. L is singular (constants on each connected component), but δᵀWθ is orthogonal to its null space, so CG
/// from f = 0 converges to the minimum-norm solution.
struct GraphLaplacian {
    let vertexCount: Int
    let edges: [(Int, Int)]
    let weights: [Double]
    let degree: [Double]

    /// `weights` per edge (all 1 when nil).
    init(vertexCount: Int, edges: [(Int, Int)], weights: [Double]? = nil) {
        self.vertexCount = vertexCount
        self.edges = edges
        let w = weights ?? [Double](repeating: 1, count: edges.count)
        self.weights = w
        var deg = [Double](repeating: 0, count: vertexCount)
        for (e, (i, j)) in edges.enumerated() { deg[i] += w[e]; deg[j] += w[e] }
        degree = deg
    }

    /// y = L x.
    func apply(_ x: [Double], into y: inout [Double]) {
        for v in 0..<vertexCount { y[v] = degree[v] * x[v] }
        for (e, (i, j)) in edges.enumerated() { let w = weights[e]; y[i] -= w * x[j]; y[j] -= w * x[i] }
    }

    /// The potential f (mean zero on each component) and the relative residual ‖L f − δᵀWθ‖ / ‖δᵀWθ‖.
    func leastSquaresPotential(edgeValues theta: [Double], tolerance: Double = 1e-10) -> (potential: [Double], residual: Double) {
        let m = vertexCount
        var b = [Double](repeating: 0, count: m)
        for (e, (i, j)) in edges.enumerated() { let wt = weights[e] * theta[e]; b[i] -= wt; b[j] += wt }
        let bNorm = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        var f = [Double](repeating: 0, count: m)
        guard bNorm > 0 else { return (f, 0) }
        var r = b, p = b, q = [Double](repeating: 0, count: m)
        var rr = bNorm * bNorm
        // CG converges in at most m steps in exact arithmetic; a few more absorb rounding.
        for _ in 0..<(2 * m + 10) {
            apply(p, into: &q)
            var pq = 0.0
            for v in 0..<m { pq += p[v] * q[v] }
            guard pq > 0 else { break }
            let alpha = rr / pq
            var next = 0.0
            for v in 0..<m { f[v] += alpha * p[v]; r[v] -= alpha * q[v]; next += r[v] * r[v] }
            if next.squareRoot() <= tolerance * bNorm { rr = next; break }
            let beta = next / rr
            rr = next
            for v in 0..<m { p[v] = r[v] + beta * p[v] }
        }
        return (f, rr.squareRoot() / bNorm)
    }
}
