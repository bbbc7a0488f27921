import Foundation

/// An ideal grid cell: the sum of three plane waves 60° apart, giving firing fields on a hexagonal lattice.
///
/// Fields sit at `phase + i·a1 + j·a2` with lattice vectors a1 at `orientation` and a2 at `orientation + 60°`,
/// both of length `period` (the distance between neighbouring fields). The wave vectors, of length
/// 4π/(√3·period), point at orientation + 30°, + 150° and + 270°. Values lie in [0, amplitude].
public struct GridCell: Sendable, Equatable {
    /// Distance between neighbouring fields, metres.
    public var period: Double
    /// Angle of one lattice vector, radians counter-clockwise from +x (meaningful modulo 60°).
    public var orientation: Double
    /// Position of one field centre, metres.
    public var phaseX: Double
    public var phaseY: Double
    /// Peak rate.
    public var amplitude: Double
    /// Horizontal shear of the lattice: the map is evaluated at (x + shear·y, y); 0 for a perfect lattice.
    public var shear: Double

    /// A grid cell with the given lattice, phase and peak rate.
    public init(period: Double, orientation: Double, phaseX: Double, phaseY: Double,
                amplitude: Double = 1, shear: Double = 0) {
        self.period = period; self.orientation = orientation
        self.phaseX = phaseX; self.phaseY = phaseY
        self.amplitude = amplitude; self.shear = shear
    }

    /// The three wave vectors (kx, ky), radians per metre.
    public var waveVectors: [(Double, Double)] {
        let k = 4 * Double.pi / (3.0.squareRoot() * period)
        return [30.0, 150.0, 270.0].map { deg in
            let a = orientation + deg * .pi / 180
            return (k * Foundation.cos(a), k * Foundation.sin(a))
        }
    }

    /// The firing rate at (x, y).
    public func rate(x: Double, y: Double) -> Double {
        var u = x - phaseX
        let v = y - phaseY
        u += shear * v
        var s = 0.0
        for (kx, ky) in waveVectors { s += Foundation.cos(kx * u + ky * v) }
        return amplitude * (s + 1.5) / 4.5
    }
}
