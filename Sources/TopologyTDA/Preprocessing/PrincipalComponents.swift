/// Principal component analysis of a point cloud: the centred cloud projected on the k leading eigenvectors of its
/// covariance. The d×d covariance is diagonalised by cyclic Jacobi rotations (exact to rounding, fine for d up to a
/// few hundred units).
public struct PrincipalComponents: Sendable {
    /// Mean of each coordinate.
    public var mean: [Double]
    /// Eigenvalues of the covariance (variances along the components), decreasing.
    public var variances: [Double]
    /// Components, row-major [k, d]: row r is the r-th principal axis (unit vector).
    public var axes: [Double]
    /// Number of components kept.
    public var componentCount: Int

    /// The first k principal components of `cloud`.
    public init(_ cloud: PointCloud, components k: Int) throws(TDAError) {
        let n = cloud.count, d = cloud.dimension
        guard k >= 1, k <= d else { throw .invalidParameter("PCA to \(k) components needs 1 ≤ k ≤ \(d) (the number of units)") }
        guard n >= 2 else { throw .tooFewPoints(n) }
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for c in 0..<d { mean[c] += cloud.values[i * d + c] } }
        for c in 0..<d { mean[c] /= Double(n) }
        var cov = [Double](repeating: 0, count: d * d)
        var row = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for c in 0..<d { row[c] = cloud.values[i * d + c] - mean[c] }
            for a in 0..<d { let ra = row[a]; if ra == 0 { continue }; for b in a..<d { cov[a * d + b] += ra * row[b] } }
        }
        for a in 0..<d { for b in a..<d { cov[a * d + b] /= Double(n - 1); cov[b * d + a] = cov[a * d + b] } }
        let (values, vectors) = PrincipalComponents.jacobiEigen(cov, d)
        let order = (0..<d).sorted { values[$0] > values[$1] }
        self.mean = mean
        variances = order.map { values[$0] }
        var axes = [Double]()
        for r in order.prefix(k) { for c in 0..<d { axes.append(vectors[c * d + r]) } }
        // Fix each axis' sign (largest coordinate positive) so results do not depend on rounding.
        for r in 0..<k {
            var big = 0
            for c in 0..<d where abs(axes[r * d + c]) > abs(axes[r * d + big]) { big = c }
            if axes[r * d + big] < 0 { for c in 0..<d { axes[r * d + c] = -axes[r * d + c] } }
        }
        self.axes = axes
        componentCount = k
    }

    /// The cloud in component coordinates, [n, k].
    public func project(_ cloud: PointCloud) -> PointCloud {
        let d = cloud.dimension, k = componentCount
        var out = [Double](repeating: 0, count: cloud.count * k)
        for i in 0..<cloud.count {
            for r in 0..<k {
                var s = 0.0
                for c in 0..<d { s += (cloud.values[i * d + c] - mean[c]) * axes[r * d + c] }
                out[i * k + r] = s
            }
        }
        return PointCloud(unchecked: out, dimension: k)
    }

    /// Eigenvalues and eigenvectors (columns of a row-major d×d matrix) of a symmetric matrix by cyclic Jacobi.
    static func jacobiEigen(_ m: [Double], _ d: Int) -> ([Double], [Double]) {
        var a = m
        var v = [Double](repeating: 0, count: d * d)
        for i in 0..<d { v[i * d + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0, total = 0.0
            for p in 0..<d { for q in 0..<d { let x = a[p * d + q] * a[p * d + q]; total += x; if p != q { off += x } } }
            if off <= 1e-30 * max(total, 1e-300) { break }
            for p in 0..<d {
                for q in (p + 1)..<max(d, p + 1) where q < d {
                    let apq = a[p * d + q]
                    if abs(apq) < 1e-300 { continue }
                    let theta = (a[q * d + q] - a[p * d + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<d {
                        let akp = a[k * d + p], akq = a[k * d + q]
                        a[k * d + p] = c * akp - s * akq
                        a[k * d + q] = s * akp + c * akq
                    }
                    for k in 0..<d {
                        let apk = a[p * d + k], aqk = a[q * d + k]
                        a[p * d + k] = c * apk - s * aqk
                        a[q * d + k] = s * apk + c * aqk
                    }
                    for k in 0..<d {
                        let vkp = v[k * d + p], vkq = v[k * d + q]
                        v[k * d + p] = c * vkp - s * vkq
                        v[k * d + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<d).map { a[$0 * d + $0] }, v)
    }
}
