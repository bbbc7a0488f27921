/// Running speed (m/s) of each sample, for the speed filter, from velocities or from successive positions.
///
/// With velocities the speed is their norm. From positions it is the distance from the previous sample over the
/// time step (backward difference; a sample that starts a batch or the dump takes its forward difference).
/// Blocks are fed in order; the estimator remembers the last position across blocks.
public struct SpeedEstimator: Sendable {
    /// Seconds between samples (from time stamps or a `dt_s` attribute).
    public let dt: Double
    /// Samples per batch (positions are not differenced across batches).
    public let batchLength: Int
    private var last: (x: Double, y: Double)?
    private var index = 0

    /// An estimator for samples `dt` seconds apart, in batches of `batchLength` samples.
    public init(dt: Double, batchLength: Int) {
        self.dt = dt
        self.batchLength = max(batchLength, 1)
    }

    /// Speeds from velocities (interleaved vx, vy in m/s).
    public static func speeds(velocities: [Double]) -> [Double] {
        (0..<(velocities.count / 2)).map { i in
            let vx = velocities[2 * i], vy = velocities[2 * i + 1]
            return (vx * vx + vy * vy).squareRoot()
        }
    }

    /// Speeds of the next block of positions (interleaved x, y).
    public mutating func speeds(positions: [Double]) -> [Double] {
        let t = positions.count / 2
        var out = [Double](repeating: 0, count: t)
        var pendingFirst: Int?
        for s in 0..<t {
            let x = positions[2 * s], y = positions[2 * s + 1]
            if index % batchLength == 0 { last = nil }
            if let l = last {
                let d = ((x - l.x) * (x - l.x) + (y - l.y) * (y - l.y)).squareRoot()
                out[s] = d / dt
                if let p = pendingFirst { out[p] = out[s]; pendingFirst = nil }
            } else {
                pendingFirst = s
            }
            last = (x, y)
            index += 1
        }
        return out
    }
}
