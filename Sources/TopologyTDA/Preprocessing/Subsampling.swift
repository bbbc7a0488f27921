/// A small deterministic random generator (SplitMix64), so landmark choices repeat given a seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// A generator started from `seed`.
    public init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension PointCloud {
    /// Every `step`-th point (time subsampling of a recording).
    public func every(_ step: Int) throws(TDAError) -> PointCloud {
        guard step >= 1 else { throw .invalidParameter("--every must be at least 1 (got \(step))") }
        return step == 1 ? self : rows(Array(stride(from: 0, to: count, by: step)))
    }

    /// Indices of `m` landmarks chosen greedily max–min (furthest-point sampling): the first at random from `seed`,
    /// each next one the point furthest from all chosen so far. They cover the cloud evenly, which keeps its
    /// topology while making the complex small. Euclidean distances (for cosine, normalise rows first).
    public func furthestPointLandmarks(_ m: Int, seed: UInt64 = 0) throws(TDAError) -> [Int] {
        try furthestPointCover(m, seed: seed).landmarks
    }

    /// `furthestPointLandmarks` and the cover radius of the landmarks: the largest distance of a point to its
    /// nearest landmark (0 when every point is a landmark). The sampling keeps each point's nearest distance anyway;
    /// one more pass adds the last landmark's.
    public func furthestPointCover(_ m: Int, seed: UInt64 = 0) throws(TDAError) -> (landmarks: [Int], coverRadius: Double) {
        guard m >= 1 else { throw .invalidParameter("--landmarks must be at least 1 (got \(m))") }
        if m >= count { return (Array(0..<count), 0) }
        var rng = SplitMix64(seed: seed)
        let first = Int(rng.next() % UInt64(count))
        var chosen = [first]
        chosen.reserveCapacity(m)
        var nearest = [Double](repeating: .infinity, count: count)
        let d = dimension
        values.withUnsafeBufferPointer { x in
            nearest.withUnsafeMutableBufferPointer { near in
                // Lowers every point's squared distance to the chosen set by the newly chosen `last`; returns the
                // point now furthest from the set (the first of equals).
                func relax(from last: Int) -> Int {
                    var far = 0, farDistance = -1.0
                    let pl = last &* d
                    for i in 0..<count {
                        let pi = i &* d
                        var s = 0.0
                        for c in 0..<d { let t = x[pi &+ c] - x[pl &+ c]; s += t * t }
                        if s < near[i] { near[i] = s }
                        if near[i] > farDistance { farDistance = near[i]; far = i }
                    }
                    return far
                }
                var last = first
                while chosen.count < m {
                    last = relax(from: last)
                    chosen.append(last)
                }
                _ = relax(from: last)   // the last landmark's own distances, for the cover radius
            }
        }
        return (chosen, (nearest.max() ?? 0).squareRoot())
    }

    /// Rows scaled to unit length (so Euclidean landmarks follow cosine geometry); zero rows stay zero.
    public func normalisedRows() -> PointCloud {
        var v = values
        let d = dimension
        for i in 0..<count {
            var s = 0.0
            for c in 0..<d { s += v[i * d + c] * v[i * d + c] }
            if s > 0 { let r = 1 / s.squareRoot(); for c in 0..<d { v[i * d + c] *= r } }
        }
        return PointCloud(unchecked: v, dimension: d)
    }
}
