/// The Laplacian L = δᵀδ of a graph given by its edge list, and the least-squares potential of an edge function:
/// the f minimising Σ_e (θ_e − (f_j − f_i))² over edges e = (i, j), from L f = δᵀθ by conjugate gradients.
///
/// Sparse: one row per edge in δ, so memory and each iteration are O(edges) — a dense solve would be O(m³) with m
/// landmarks. L is singular (constants on each connected component), but δᵀθ is orthogonal to its null space, so CG
/// from f = 0 converges to the minimum-norm solution.
struct GraphLaplacian {
    let vertexCount: Int
    let edges: [(Int, Int)]
    let degree: [Double]

    init(vertexCount: Int, edges: [(Int, Int)]) {
        self.vertexCount = vertexCount
        self.edges = edges
        var deg = [Double](repeating: 0, count: vertexCount)
        for (i, j) in edges { deg[i] += 1; deg[j] += 1 }
        degree = deg
    }

    /// y = L x.
    func apply(_ x: [Double], into y: inout [Double]) {
        for v in 0..<vertexCount { y[v] = degree[v] * x[v] }
        for (i, j) in edges { y[i] -= x[j]; y[j] -= x[i] }
    }

    /// The potential f (mean zero on each component) and the relative residual ‖L f − δᵀθ‖ / ‖δᵀθ‖.
    func leastSquaresPotential(edgeValues theta: [Double], tolerance: Double = 1e-10) -> (potential: [Double], residual: Double) {
        let m = vertexCount
        var b = [Double](repeating: 0, count: m)
        for (e, (i, j)) in edges.enumerated() { b[i] -= theta[e]; b[j] += theta[e] }
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
