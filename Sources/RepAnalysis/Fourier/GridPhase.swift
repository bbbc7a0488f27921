import Foundation

/// The spatial phase of a grid cell's rate map on a known lattice (period, orientation): where its fields sit
/// inside the unit cell, for the report's phase-coverage plot.
///
/// A grid map Σ_j cos(k_j·(x − p)) has Fourier coefficient ∝ exp(−i k_j·p) at each of its three wave vectors
/// (orientation + 30°, 150°, 270°, length 4π/(√3·period)). With p = u·a1 + v·a2 (a1 at the orientation, a2 at
/// +60°), k_2·p = −2πu and k_3·p = −2πv, so u and v are the phases of those two coefficients over 2π.
public enum GridPhase {
    /// Fractional lattice coordinates (u, v) in [0, 1)² of a field centre, or nil when the map has no finite bin
    /// or no power at the lattice's wave vectors. `map` is [rows, columns] (row = y) over the box.
    public static func estimate(map: [Double], rows: Int, columns: Int, boxOrigin: (x: Double, y: Double),
                                boxSize: (width: Double, height: Double), period: Double,
                                orientationDegrees: Double) -> (u: Double, v: Double)? {
        guard rows > 0, columns > 0, map.count == rows * columns, period > 0, period.isFinite,
              orientationDegrees.isFinite, boxSize.width > 0, boxSize.height > 0 else { return nil }
        let finite = map.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        let mean = finite.reduce(0, +) / Double(finite.count)
        let k = 4 * Double.pi / (3.0.squareRoot() * period)
        let o = orientationDegrees * .pi / 180
        var phases: [Double] = []
        for deg in [150.0, 270.0] {
            let kx = k * cos(o + deg * .pi / 180), ky = k * sin(o + deg * .pi / 180)
            var re = 0.0, im = 0.0
            for r in 0..<rows {
                let y = boxOrigin.y + (Double(r) + 0.5) * boxSize.height / Double(rows)
                for c in 0..<columns {
                    let v = map[r * columns + c]
                    guard v.isFinite else { continue }
                    let x = boxOrigin.x + (Double(c) + 0.5) * boxSize.width / Double(columns)
                    let ph = kx * x + ky * y
                    re += (v - mean) * cos(ph); im -= (v - mean) * sin(ph)
                }
            }
            guard re * re + im * im > 1e-24 else { return nil }
            phases.append(atan2(im, re))
        }
        func wrap(_ a: Double) -> Double { let f = (a / (2 * .pi)).truncatingRemainder(dividingBy: 1); return f < 0 ? f + 1 : f }
        return (wrap(phases[0]), wrap(phases[1]))
    }
}
