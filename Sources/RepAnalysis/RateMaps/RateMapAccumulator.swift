/// Builds rate maps for all units in one pass over the samples, block by block, so a dump larger than memory is
/// read once in pieces: `accumulate(...)` each block, then `finish(...)`.
///
/// Per bin it keeps the occupancy and, for every unit, the sum of activations (in Double, contiguous per bin so
/// a sample's N activations are added as one vector).
public struct RateMapAccumulator: Sendable {
    /// The bins.
    public let binning: SpatialBinning
    /// Number of units (activation columns).
    public let units: Int
    /// Drop samples slower than this (m/s) when speeds are given; nil keeps all.
    public let speedMin: Double?
    /// Samples offered, samples outside the box, samples dropped as too slow.
    public private(set) var samplesSeen = 0, samplesOutside = 0, samplesTooSlow = 0

    private var sums: [Double]   // [bin, unit]
    private var occupancy: [Int]

    /// An empty accumulator for `units` units on `binning`.
    public init(binning: SpatialBinning, units: Int, speedMin: Double? = nil) {
        self.binning = binning
        self.units = max(units, 0)
        self.speedMin = speedMin
        sums = [Double](repeating: 0, count: binning.count * max(units, 0))
        occupancy = [Int](repeating: 0, count: binning.count)
    }

    /// Samples that went into the maps.
    public var samplesUsed: Int { samplesSeen - samplesOutside - samplesTooSlow }

    /// Adds a block of samples: `positions` interleaved x, y ([T, 2]), `activations` [T, units] time-major,
    /// `speeds` [T] in m/s (needed only with `speedMin`).
    public mutating func accumulate(positions: [Double], activations: [Float], speeds: [Double]? = nil) throws {
        let t = positions.count / 2
        guard positions.count == 2 * t, activations.count == t * units else {
            throw RateMapError.shapeMismatch("a block of \(t) positions needs \(t * units) activations ([T, \(units)]); got \(activations.count)")
        }
        if speedMin != nil, let speeds, speeds.count != t {
            throw RateMapError.shapeMismatch("a block of \(t) positions needs \(t) speeds; got \(speeds.count)")
        }
        let n = units, b = binning
        let minSpeed = speedMin ?? -Double.infinity
        var outside = 0, slow = 0
        positions.withUnsafeBufferPointer { pos in
            activations.withUnsafeBufferPointer { act in
                sums.withUnsafeMutableBufferPointer { sum in
                    occupancy.withUnsafeMutableBufferPointer { occ in
                        for s in 0..<t {
                            if let speeds, speedMin != nil, !(speeds[s] >= minSpeed) { slow &+= 1; continue }
                            guard let bin = b.bin(x: pos[2 &* s], y: pos[2 &* s &+ 1]) else { outside &+= 1; continue }
                            occ[bin] &+= 1
                            let dst = sum.baseAddress! + bin &* n, src = act.baseAddress! + s &* n
                            for u in 0..<n { dst[u] += Double(src[u]) }
                        }
                    }
                }
            }
        }
        samplesSeen += t
        samplesOutside += outside
        samplesTooSlow += slow
    }

    /// The rate maps: mean activation per bin; NaN where occupancy < max(1, `minOccupancy`); then, when
    /// `smoothingSigma` (bins) is given, NaN-aware Gaussian smoothing.
    public func finish(minOccupancy: Int = 1, smoothingSigma: Double? = nil) -> RateMaps {
        let nb = binning.count, n = units
        var values = [Float](repeating: .nan, count: nb * n)
        let minOcc = max(1, minOccupancy)
        values.withUnsafeMutableBufferPointer { out in
            for bin in 0..<nb where occupancy[bin] >= minOcc {
                let inv = 1 / Double(occupancy[bin])
                for u in 0..<n { out[u &* nb &+ bin] = Float(sums[bin &* n &+ u] * inv) }
            }
        }
        var maps = RateMaps(binning: binning, units: n, values: values,
                            counts: occupancy.map { Int32(clamping: $0) })
        if let sigma = smoothingSigma, sigma > 0 {
            let smoother = GaussianSmoothing(sigma: sigma)
            let s = binning.count
            for u in 0..<n {
                let smoothed = smoother.apply(Array(maps.values[(u * s)..<((u + 1) * s)]), rows: binning.rows, columns: binning.columns)
                maps.values.replaceSubrange((u * s)..<((u + 1) * s), with: smoothed)
            }
        }
        return maps
    }
}
