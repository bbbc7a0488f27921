import Foundation
import RepIO

/// A simulated recording with known truth: the trajectory, the activations [T,N] and the tuning of every unit,
/// in the activation-dump layout every repanalyze command reads.
public struct SimulatedDump: Sendable {
    /// The walk.
    public var trajectory: Trajectory
    /// The population (the truth).
    public var population: GridCellPopulation
    /// Activations [T,N], time-major.
    public var activations: [Float]
    /// The walk's parameters (box, dt).
    public var trajectoryParameters: Trajectory.Parameters
    /// The population's parameters.
    public var populationParameters: GridCellPopulation.Parameters
    /// The seed everything was drawn from.
    public var seed: UInt64

    /// The number of samples T.
    public var sampleCount: Int { trajectory.count }
    /// The number of units N.
    public var unitCount: Int { population.units.count }

    /// Simulates walk, population and activations from one seed (the same seed gives the same file).
    public static func simulate(trajectory tp: Trajectory.Parameters, population pp: GridCellPopulation.Parameters,
                                seed: UInt64) -> SimulatedDump {
        // Separate streams, so that changing the walk length leaves the population unchanged.
        var walkRNG = Xoshiro256(seed: seed)
        var popRNG = Xoshiro256(seed: seed ^ 0x5EED_0F_9121D)
        var noiseRNG = Xoshiro256(seed: seed ^ 0xA0_15E)
        let walk = Trajectory.simulate(tp, rng: &walkRNG)
        let pop = GridCellPopulation(pp, boxOriginX: tp.boxOriginX, boxOriginY: tp.boxOriginY,
                                     boxWidth: tp.boxWidth, boxHeight: tp.boxHeight, rng: &popRNG)
        let acts = pop.activations(along: walk, noise: pp.noise, rng: &noiseRNG)
        return SimulatedDump(trajectory: walk, population: pop, activations: acts, trajectoryParameters: tp,
                             populationParameters: pp, seed: seed)
    }

    /// Writes the dump and its truth into an open (new) HDF5 file.
    ///
    /// Layout: `positions` [T,2] float64 (m), `velocities` [T,2] float64 (m/s), `head_direction_rad` [T],
    /// `time_s` [T], `activations` [T,N] float32; root attributes `box_size_m`, `box_origin_m`, `dt_s`, `seed`,
    /// `generator`. Truth under `/truth`: per unit `kind`, `module` (−1 if not a grid cell), `period_m`,
    /// `orientation_deg` (grid and band cells, else NaN), `phase_m` [N,2] (grid: a field centre; place: the
    /// centre; else NaN), `amplitude`, `shear`; per module `module_period_m`, `module_orientation_deg`.
    public func write(to file: HDF5File, gzip: Int? = 4) throws {
        let T = sampleCount, N = unitCount
        let tp = trajectoryParameters
        try file.write(ShapedArray(shape: [T, 2], values: trajectory.positions), to: "positions", gzip: gzip)
        try file.write(ShapedArray(shape: [T, 2], values: trajectory.velocities), to: "velocities", gzip: gzip)
        try file.write(ShapedArray(shape: [T], values: trajectory.headDirection), to: "head_direction_rad", gzip: gzip)
        try file.write(ShapedArray(shape: [T], values: (0..<T).map { Double($0) * tp.dt }), to: "time_s", gzip: gzip)
        try file.write(ShapedArray(shape: [T, N], values: activations), to: "activations", gzip: gzip)
        try file.setAttribute("box_size_m", of: "/", .floats([tp.boxWidth, tp.boxHeight]))
        try file.setAttribute("box_origin_m", of: "/", .floats([tp.boxOriginX, tp.boxOriginY]))
        try file.setAttribute("dt_s", of: "/", .float(tp.dt))
        try file.setAttribute("seed", of: "/", .integer(Int64(bitPattern: seed)))
        try file.setAttribute("generator", of: "/", .string("repanalyze simulate"))

        var kind: [String] = [], module: [Int32] = [], period: [Double] = [], orient: [Double] = []
        var phase: [Double] = [], amp: [Double] = [], shear: [Double] = []
        for u in population.units {
            kind.append(u.kind)
            switch u {
            case .grid(let g, let m):
                module.append(Int32(m)); period.append(g.period)
                orient.append(Self.orientationDegrees(g.orientation, modulo: 60))
                phase += [g.phaseX, g.phaseY]; amp.append(g.amplitude); shear.append(g.shear)
            case .place(let x, let y, _, let a):
                module.append(-1); period.append(.nan); orient.append(.nan)
                phase += [x, y]; amp.append(a); shear.append(.nan)
            case .band(let p, let o, _, let a):
                module.append(-1); period.append(p); orient.append(Self.orientationDegrees(o, modulo: 180))
                phase += [.nan, .nan]; amp.append(a); shear.append(.nan)
            case .randomField(let f):
                module.append(-1); period.append(.nan); orient.append(.nan)
                phase += [.nan, .nan]; amp.append(f.amplitude); shear.append(.nan)
            case .noise:
                module.append(-1); period.append(.nan); orient.append(.nan)
                phase += [.nan, .nan]; amp.append(.nan); shear.append(.nan)
            }
        }
        try file.write(ShapedArray(shape: [N], values: kind), to: "/truth/kind")
        try file.write(ShapedArray(shape: [N], values: module), to: "/truth/module")
        try file.write(ShapedArray(shape: [N], values: period), to: "/truth/period_m")
        try file.write(ShapedArray(shape: [N], values: orient), to: "/truth/orientation_deg")
        try file.write(ShapedArray(shape: [N, 2], values: phase), to: "/truth/phase_m")
        try file.write(ShapedArray(shape: [N], values: amp), to: "/truth/amplitude")
        try file.write(ShapedArray(shape: [N], values: shear), to: "/truth/shear")
        let modules = moduleTruth
        try file.write(ShapedArray(shape: [modules.count], values: modules.map(\.period)), to: "/truth/module_period_m")
        try file.write(ShapedArray(shape: [modules.count], values: modules.map(\.orientationDeg)),
                       to: "/truth/module_orientation_deg")
        try file.setAttribute("description", of: "/truth", .string(
            "ground truth of repanalyze simulate: per unit kind, module (-1 = not a grid cell), period_m, "
            + "orientation_deg (lattice vector angle ccw from +x, in [0,60) for grid cells), phase_m (a field centre), "
            + "amplitude, shear; per module module_period_m, module_orientation_deg"))
    }

    /// Period and orientation (degrees in [0, 60)) of each module, in module order.
    public var moduleTruth: [(period: Double, orientationDeg: Double)] {
        var out = [(Double, Double)?](repeating: nil, count: populationParameters.periods.count)
        for case .grid(let g, let m) in population.units where m < out.count && out[m] == nil {
            out[m] = (g.period, Self.orientationDegrees(g.orientation, modulo: 60))
        }
        return zip(out, populationParameters.periods).map { $0 ?? ($1, .nan) }
    }

    /// An angle in radians as degrees reduced into [0, modulo).
    static func orientationDegrees(_ radians: Double, modulo: Double) -> Double {
        var d = (radians * 180 / .pi).truncatingRemainder(dividingBy: modulo)
        if d < 0 { d += modulo }
        return d
    }
}
