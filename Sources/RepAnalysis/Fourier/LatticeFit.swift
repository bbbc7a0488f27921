import Foundation

/// The hexagonal lattice that best explains a power spectrum: the radius |f| and angle φ whose six-fold peak set
/// {(|f|, φ + 60°·j)} holds the most power, and the six-fold symmetry of the power on that ring.
///
/// A grid with field spacing λ and lattice vectors at θ is a sum of three plane waves with |f| = (2/√3)/λ at
/// θ + 30° + 60°·j, so λ = (2/√3)/|f| and θ = φ − 30° (mod 60°).
public struct LatticeFit: Sendable {
    /// Spatial frequency of the peaks, cycles per metre.
    public var frequency: Double
    /// Angle of one spectral peak, degrees in [0, 60).
    public var peakAngle: Double
    /// Grid period (field spacing), metres: (2/√3)/|f|.
    public var period: Double { frequency > 0 ? (2 / 3.0.squareRoot()) / frequency : .nan }
    /// Lattice orientation, degrees in [0, 60): angle of a lattice vector, counter-clockwise from +x.
    public var orientation: Double {
        var o = (peakAngle - 30).truncatingRemainder(dividingBy: 60)
        if o < 0 { o += 60 }
        return o
    }
    /// Power at the three peak directions divided by the ring's mean power (≫ 1 for sharp peaks).
    public var peakContrast: [Double]
    /// Normalised angular harmonics |Σ P(θ) e^{inθ}| / Σ P(θ) of the power on the peak ring, n = 2, 4, 6:
    /// a hexagonal lattice has a6 ≈ 1 and a2 ≈ a4 ≈ 0; a band has a2 ≈ a4 ≈ a6; a square lattice a4 ≫ a6;
    /// isotropic spectra have all three small.
    public var harmonics: (a2: Double, a4: Double, a6: Double)

    /// Six-fold symmetry beyond two- and four-fold: a6 − max(a2, a4).
    public var sixfold: Double { harmonics.a6 - max(harmonics.a2, harmonics.a4) }

    /// Fits a spectrum, searching periods between `minPeriod` and `maxPeriod` metres.
    public init(spectrum s: PowerSpectrum, minPeriod: Double, maxPeriod: Double) {
        let c = 2 / 3.0.squareRoot()
        let fLo = c / maxPeriod, fHi = c / minPeriod
        let step = min(s.frequencyStep.x, s.frequencyStep.y)
        func hexPower(_ f: Double, _ phiDeg: Double) -> Double {
            var t = 0.0
            for j in 0..<3 {
                let a = (phiDeg + 60 * Double(j)) * .pi / 180
                t += s.power(fx: f * cos(a), fy: f * sin(a))
            }
            return t
        }
        var best = (f: fLo, phi: 0.0, p: -1.0)
        if fHi > fLo {
            // Coarse grid: half a spectrum bin in radius, 1° in angle; then refine around the best.
            var f = fLo
            while f <= fHi {
                for k in 0..<60 {
                    let p = hexPower(f, Double(k))
                    if p > best.p { best = (f, Double(k), p) }
                }
                f += 0.5 * step
            }
            for (df, dphi, n) in [(0.1 * step, 0.2, 6), (0.02 * step, 0.04, 6)] {
                let centre = best
                for a in -n...n {
                    for b in -n...n {
                        let ff = centre.f + Double(a) * df, pp = centre.phi + Double(b) * dphi
                        guard ff > 0 else { continue }
                        let p = hexPower(ff, pp)
                        if p > best.p { best = (ff, pp, p) }
                    }
                }
            }
        }
        frequency = best.f
        var phi = best.phi.truncatingRemainder(dividingBy: 60)
        if phi < 0 { phi += 60 }
        peakAngle = phi
        // The ring at the peak radius: mean power and angular harmonics.
        let m = 360
        var total = 0.0, h2 = (0.0, 0.0), h4 = (0.0, 0.0), h6 = (0.0, 0.0)
        for k in 0..<m {
            let a = Double(k) * 2 * .pi / Double(m)
            let p = s.power(fx: best.f * cos(a), fy: best.f * sin(a))
            total += p
            h2.0 += p * cos(2 * a); h2.1 += p * sin(2 * a)
            h4.0 += p * cos(4 * a); h4.1 += p * sin(4 * a)
            h6.0 += p * cos(6 * a); h6.1 += p * sin(6 * a)
        }
        let mean = total / Double(m)
        peakContrast = (0..<3).map { j in
            let a = (phi + 60 * Double(j)) * .pi / 180
            return mean > 0 ? s.power(fx: best.f * cos(a), fy: best.f * sin(a)) / mean : 0
        }
        func norm(_ h: (Double, Double)) -> Double { total > 0 ? (h.0 * h.0 + h.1 * h.1).squareRoot() / total : 0 }
        harmonics = (norm(h2), norm(h4), norm(h6))
    }
}
