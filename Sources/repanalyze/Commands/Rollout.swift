import ArgumentParser
import Foundation
import RepAnalysis
import Trainer

/// `repanalyze rollout`: drive a trained network along a rat-like walk and write an activation dump.
struct RolloutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Run a trained network along a simulated rat trajectory and write an activation dump.",
        discussion: """
        The walk is the Sorscher et al. (2019) generator: Rayleigh forward speeds (scale 0.13·2π m/s), Gaussian \
        turning (σ 11.52 rad/s), dt 0.02 s, slowing to a quarter and turning away within 0.03 m of a wall; it \
        starts at the box centre, where the network starts from its g_0. The dump holds `positions` [T,2] (m, \
        box corner at 0,0), `activations` [T,N], `velocities` [T,2] (m per step) and the attributes \
        box_size_m / box_origin_m, so gridness, modules and barcode read it directly.

        Example:
          repanalyze rollout runs/a/checkpoint.h5 -o rollout.h5 --box 2 --seed 1
        """)

    @Argument(help: "A training checkpoint (or any file with /params in the reference layout).")
    var checkpoint: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The activation dump to write.", valueName: "DUMP.h5"))
    var output: String

    @Option(help: ArgumentHelp("Side of the square box in metres.", valueName: "METRES"))
    var box = 2.0

    @Option(help: ArgumentHelp("Number of time steps to simulate.", valueName: "T"))
    var steps = 100_000

    @Option(help: ArgumentHelp("Time step in seconds (steps of about 2.5·dt m on average); 0.02 as Sorscher et al. Training batches step up to 0.15 m per axis, so a larger dt (0.05–0.1) probes the range the network was trained on.", valueName: "SECONDS"))
    var dt = 0.02

    @Option(help: ArgumentHelp("Seed of the trajectory.", valueName: "S"))
    var seed: UInt64 = 0

    func validate() throws {
        guard box.isFinite, box > 0.1 else { throw ValidationError("--box must be a side length above 0.1 m") }
        guard steps >= 1, steps <= 50_000_000 else { throw ValidationError("--steps must be between 1 and 50000000") }
        guard dt.isFinite, dt > 0, dt <= 1 else { throw ValidationError("--dt must be in (0, 1] seconds") }
    }

    func run() throws {
        let f = try HDF5File(checkpoint)
        let params = try Parameters.read(from: f)
        // Activations are held in memory before writing: keep them under about 4 GB.
        guard Double(steps) * Double(params.units) <= 1e9 else {
            throw CommandError("\(checkpoint): \(steps) steps × \(params.units) units would need \(Int(Double(steps) * Double(params.units) * 4 / 1e9)) GB; use at most \(Int(1e9) / params.units) steps")
        }
        var eps: Float = 1e-8
        if f.hasAttribute("config"), let json = try f.attribute("config").stringValue {
            eps = try TrainerConfig.decode(Data(json.utf8), file: "\(checkpoint) (attribute config)", strict: false).eps
        }
        // The simulator's walk (one generator for `simulate` and `rollout`), one sample longer: the network sees
        // the displacement of step t (metres per step) and its state belongs to the position after it.
        var rng = Xoshiro256(seed: seed)
        let walk = Trajectory.simulate(.sorscher(box: box, steps: steps + 1, dt: dt), rng: &rng)
        let velocities = walk.velocities.prefix(2 * steps).map { $0 * dt }
        let positions = Array(walk.positions.dropFirst(2))
        let act = Rollout.states(params: params, eps: eps, velocities: velocities.map { Float($0) })
        try AtomicOutput.writeHDF5(to: output) { out in
            try out.write(ShapedArray(shape: [steps, 2], values: positions), to: "positions")
            try out.write(ShapedArray(shape: [steps, params.units], values: act), to: "activations", gzip: 4)
            try out.write(ShapedArray(shape: [steps, 2], values: velocities), to: "velocities")
            try out.setAttribute("box_size_m", .floats([box, box]))
            try out.setAttribute("box_origin_m", .floats([0, 0]))
            try out.setAttribute("source_checkpoint", .string(checkpoint))
            try out.setAttribute("trajectory", .string("Sorscher et al. 2019 generator, dt \(dt) s, seed \(seed)"))
        }
        print("wrote \(output): \(steps) steps × \(params.units) units, box \(box) m")
    }
}
