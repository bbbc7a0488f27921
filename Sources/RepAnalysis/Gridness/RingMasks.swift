/// The ten ring masks of DeepMind's scorer on the autocorrelogram's lag grid: mask k keeps lags with
/// 0.2·nb < √(u²+v²) ≤ e_k·nb, e = linspace(0.4, 1.0, 10), nb the map side (the shorter side for
/// non-square maps, so every ring fits inside the SAC along both axes).
public struct RingMasks: Sendable {
    /// (inner, outer) radius of each mask as a fraction of nb: (0.2, e_k), as the reference reports them.
    public let parameters: [(inner: Double, outer: Double)]
    /// The side length that the fractions multiply (bins).
    public let unit: Int

    /// The reference masks for maps of the given size.
    public init(height: Int, width: Int) {
        unit = max(min(height, width), 1)
        parameters = RingMasks.linspace(0.4, 1.0, 10).map { (0.2, $0) }
    }

    /// `numpy.linspace(start, stop, count)` to the last bit (arange·step + start, last value = stop).
    public static func linspace(_ start: Double, _ stop: Double, _ count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (stop - start) / Double(count - 1)
        var v = (0..<count).map { Double($0) * step + start }
        v[count - 1] = stop
        return v
    }

    /// The first mask that contains a lag at distance r (bins), or nil when r is in none (inside 0.2·nb or
    /// beyond the largest ring). Masks are nested, so the lag is in every mask from that index on.
    public func firstMask(containing r: Double) -> Int? {
        let nb = Double(unit)
        guard r > 0.2 * nb else { return nil }
        for (k, p) in parameters.enumerated() where r <= p.outer * nb { return k }
        return nil
    }
}
