import Foundation
import RepIO

/// The tuning of one simulated unit: a grid cell or one of the non-grid kinds found alongside them.
public enum SpatialUnit: Sendable, Equatable {
    /// A grid cell belonging to grid module `module`.
    case grid(GridCell, module: Int)
    /// A place cell: a Gaussian field of standard deviation `width` metres centred at (x, y).
    case place(x: Double, y: Double, width: Double, amplitude: Double)
    /// A band cell: a plane wave of the given period and orientation (radians), peak rate `amplitude`.
    case band(period: Double, orientation: Double, phase: Double, amplitude: Double)
    /// A smooth random field: a sum of low-frequency plane waves, scaled into [0, amplitude].
    case randomField(RandomField)
    /// A unit with no spatial tuning: its activity is the noise alone (plus a constant offset).
    case noise(offset: Double)

    /// The short name stored in `/truth/kind`.
    public var kind: String {
        switch self {
        case .grid: return "grid"
        case .place: return "place"
        case .band: return "band"
        case .randomField: return "random_field"
        case .noise: return "noise"
        }
    }

    /// The noise-free activity at (x, y).
    public func rate(x: Double, y: Double) -> Double {
        switch self {
        case .grid(let g, _):
            return g.rate(x: x, y: y)
        case .place(let cx, let cy, let w, let a):
            let d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy)
            return a * Foundation.exp(-d2 / (2 * w * w))
        case .band(let period, let o, let phase, let a):
            let k = 2 * Double.pi / period
            return a * 0.5 * (1 + Foundation.cos(k * (Foundation.cos(o) * x + Foundation.sin(o) * y) - phase))
        case .randomField(let f):
            return f.rate(x: x, y: y)
        case .noise(let offset):
            return offset
        }
    }
}

/// A smooth random spatial field: a weighted sum of plane waves with wavelengths longer than `minWavelength`.
public struct RandomField: Sendable, Equatable {
    /// Wave vectors (radians per metre), phases and weights of the components.
    public var kx: [Double], ky: [Double], phases: [Double], weights: [Double]
    /// Peak-to-trough range of the field.
    public var amplitude: Double

    /// Draws `components` plane waves with wavelengths uniform in [minWavelength, maxWavelength].
    public init(components: Int = 12, minWavelength: Double = 0.3, maxWavelength: Double = 1.2,
                amplitude: Double = 1, rng: inout Xoshiro256) {
        kx = []; ky = []; phases = []; weights = []
        for _ in 0..<max(components, 1) {
            let k = 2 * Double.pi / rng.nextUniform(minWavelength, maxWavelength)
            let a = rng.nextUniform(0, 2 * .pi)
            kx.append(k * Foundation.cos(a)); ky.append(k * Foundation.sin(a))
            phases.append(rng.nextUniform(0, 2 * .pi))
            weights.append(rng.nextGaussian())
        }
        self.amplitude = amplitude
    }

    /// The field at (x, y), in [0, amplitude].
    public func rate(x: Double, y: Double) -> Double {
        var s = 0.0, total = 0.0
        for i in kx.indices {
            s += weights[i] * Foundation.cos(kx[i] * x + ky[i] * y + phases[i])
            total += abs(weights[i])
        }
        return amplitude * (0.5 + 0.5 * s / max(total, .leastNormalMagnitude))
    }
}
