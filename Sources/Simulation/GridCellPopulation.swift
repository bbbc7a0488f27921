import Foundation
import RepIO

/// A simulated population: grid cells in K modules plus non-grid units, with the ground truth of every unit.
///
/// Within a module all cells share period and orientation (as in Stensola 2012) and differ in phase
/// (uniform over the unit cell) and peak rate (amplitude jitter).
public struct GridCellPopulation: Sendable {
    /// What to simulate.
    public struct Parameters: Sendable, Equatable {
        /// Period (field spacing, metres) of each module; the number of modules is `periods.count`.
        public var periods: [Double] = [0.30, 0.42, 0.59]
        /// Orientation of each module in degrees, in [0, 60); nil draws one per module at random.
        public var orientationsDeg: [Double]? = nil
        /// Grid cells per module.
        public var cellsPerModule: Int = 32
        /// Peak rates are drawn uniformly from [1 - j, 1 + j].
        public var amplitudeJitter: Double = 0.2
        /// Lattice shear of every module (0: perfect hexagonal lattices).
        public var shear: Double = 0
        /// Non-grid units of each kind.
        public var placeCells: Int = 8
        public var bandCells: Int = 4
        public var randomFields: Int = 4
        public var noiseUnits: Int = 4
        /// Standard deviation of the Gaussian noise added to every unit at every sample.
        public var noise: Double = 0.05
        /// Shuffle the columns, so that unit order says nothing about module (as in real recordings).
        public var shuffle: Bool = true

        /// The defaults of `repanalyze simulate`: three modules at 0.30, 0.42, 0.59 m, 32 cells each.
        public init() {}
    }

    /// The tuning of every unit, in column order.
    public var units: [SpatialUnit]

    /// Draws a population inside the box [x0, x0+w] × [y0, y0+h].
    public init(_ p: Parameters, boxOriginX: Double = 0, boxOriginY: Double = 0, boxWidth: Double = 1,
                boxHeight: Double = 1, rng: inout Xoshiro256) {
        var units: [SpatialUnit] = []
        for (m, period) in p.periods.enumerated() {
            let oDeg = p.orientationsDeg.flatMap { m < $0.count ? $0[m] : nil } ?? rng.nextUniform(0, 60)
            let o = oDeg * .pi / 180
            let a1 = (period * Foundation.cos(o), period * Foundation.sin(o))
            let a2 = (period * Foundation.cos(o + .pi / 3), period * Foundation.sin(o + .pi / 3))
            for _ in 0..<max(p.cellsPerModule, 0) {
                let u = rng.nextUnitDouble(), v = rng.nextUnitDouble()
                let amp = rng.nextUniform(1 - p.amplitudeJitter, 1 + p.amplitudeJitter)
                let cell = GridCell(period: period, orientation: o,
                                    phaseX: boxOriginX + u * a1.0 + v * a2.0, phaseY: boxOriginY + u * a1.1 + v * a2.1,
                                    amplitude: amp, shear: p.shear)
                units.append(.grid(cell, module: m))
            }
        }
        for _ in 0..<max(p.placeCells, 0) {
            units.append(.place(x: boxOriginX + rng.nextUniform(0.1, 0.9) * boxWidth,
                                y: boxOriginY + rng.nextUniform(0.1, 0.9) * boxHeight,
                                width: rng.nextUniform(0.05, 0.12), amplitude: rng.nextUniform(0.8, 1.2)))
        }
        for _ in 0..<max(p.bandCells, 0) {
            units.append(.band(period: rng.nextUniform(0.25, 0.6), orientation: rng.nextUniform(0, .pi),
                               phase: rng.nextUniform(0, 2 * .pi), amplitude: rng.nextUniform(0.8, 1.2)))
        }
        for _ in 0..<max(p.randomFields, 0) {
            units.append(.randomField(RandomField(amplitude: rng.nextUniform(0.8, 1.2), rng: &rng)))
        }
        for _ in 0..<max(p.noiseUnits, 0) {
            units.append(.noise(offset: 0.3))
        }
        if p.shuffle {
            // Fisher–Yates with our own generator, so the order is fixed by the seed.
            var i = units.count - 1
            while i > 0 {
                let j = rng.nextInt(below: i + 1)
                units.swapAt(i, j)
                i -= 1
            }
        }
        self.units = units
    }

    /// Activations [T,N] (time-major, float32) of every unit along `trajectory`, with Gaussian noise of
    /// standard deviation `noise` added (noise-only units get 5× the noise so that they are not flat).
    public func activations(along trajectory: Trajectory, noise: Double, rng: inout Xoshiro256) -> [Float] {
        let T = trajectory.count, N = units.count
        var out = [Float](repeating: 0, count: T * N)
        out.withUnsafeMutableBufferPointer { o in
            trajectory.positions.withUnsafeBufferPointer { pos in
                for (n, unit) in units.enumerated() {
                    let sd = unit.kind == "noise" ? max(5 * noise, 0.1) : noise
                    for t in 0..<T {
                        let r = unit.rate(x: pos[2 &* t], y: pos[2 &* t &+ 1])
                        let e = sd > 0 ? sd * rng.nextGaussian() : 0
                        o[t &* N &+ n] = Float(r + e)
                    }
                }
            }
        }
        return out
    }
}
