extension PointCloud {
    /// Each coordinate (unit) shifted to mean 0 and scaled to standard deviation 1, so loud units do not dominate
    /// the distances. Constant units become 0.
    public func zScored() -> PointCloud {
        var v = values
        let n = count, d = dimension
        guard n > 0 else { return self }
        for c in 0..<d {
            var mean = 0.0
            for i in 0..<n { mean += v[i * d + c] }
            mean /= Double(n)
            var ss = 0.0
            for i in 0..<n { let t = v[i * d + c] - mean; ss += t * t }
            let sd = (ss / Double(n)).squareRoot()
            let scale = sd > 0 ? 1 / sd : 0
            for i in 0..<n { v[i * d + c] = (v[i * d + c] - mean) * scale }
        }
        return PointCloud(unchecked: v, dimension: d)
    }
}
