import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report
import Simulation
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

        `--walk training` drives the network instead with walks like the ones it was trained on: `--walks` \
        independent sequences of `--seq` steps (default: the checkpoint's `seq`) with velocity components \
        i.i.d. Uniform(−vmax, vmax) (the checkpoint's `vmax`), each starting at the box centre from g_0. Its rate \
        maps show what the network learned where it was trained; the Sorscher walk shows whether the code \
        survives long paths and small steps it never saw. The dump then holds the walks one after another \
        ([walks·seq, ·]); samples that leave the box are kept in the file and ignored by the rate maps.

        Examples:
          repanalyze rollout runs/a/checkpoint.h5 -o rollout.h5 --box 2 --seed 1
          repanalyze rollout runs/a/checkpoint.h5 -o walks.h5 --walk training --walks 4000
        """)

    @Argument(help: "A training checkpoint (or any file with /params in the reference layout).")
    var checkpoint: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The activation dump to write.", valueName: "DUMP.h5"))
    var output: String

    @Option(help: ArgumentHelp("Side of the square box in metres.", valueName: "METRES"))
    var box = 2.0

    @Option(help: ArgumentHelp("With --walk sorscher: number of time steps to simulate.", valueName: "T"))
    var steps = 100_000

    @Option(help: ArgumentHelp("With --walk sorscher: time step in seconds (steps of about 2.5·dt m on average); 0.02 as Sorscher et al. Training batches step up to 0.15 m per axis, so a larger dt (0.05–0.1) probes the range the network was trained on.", valueName: "SECONDS"))
    var dt = 0.02

    @Option(help: ArgumentHelp("Seed of the trajectory.", valueName: "S"))
    var seed: UInt64 = 0

    enum Walk: String, ExpressibleByArgument, CaseIterable { case sorscher, training }

    @Option(help: ArgumentHelp("sorscher: one long rat-like walk (--steps, --dt); training: many short walks from the centre drawn like the training batches (--walks, --seq).", valueName: "KIND"))
    var walk: Walk = .sorscher

    @Option(help: ArgumentHelp("With --walk training: number of independent walks.", valueName: "W"))
    var walks = 2000

    @Option(help: ArgumentHelp("With --walk training: steps per walk (default: the checkpoint's seq).", valueName: "L"))
    var seq: Int?

    func validate() throws {
        guard box.isFinite, box > 0.1 else { throw ValidationError("--box must be a side length above 0.1 m") }
        guard steps >= 1, steps <= 50_000_000 else { throw ValidationError("--steps must be between 1 and 50000000") }
        guard dt.isFinite, dt > 0, dt <= 1 else { throw ValidationError("--dt must be in (0, 1] seconds") }
        guard walks >= 1, walks <= 10_000_000 else { throw ValidationError("--walks must be between 1 and 10000000") }
        if let seq { guard seq >= 1, seq <= 100_000 else { throw ValidationError("--seq must be between 1 and 100000") } }
    }

    func run() throws {
        let f = try HDF5File(checkpoint)
        let params = try Parameters.read(from: f)
        var config = TrainerConfig()
        if f.hasAttribute("config"), let json = try f.attribute("config").stringValue {
            config = try TrainerConfig.decode(Data(json.utf8), file: "\(checkpoint) (attribute config)", strict: false)
        }
        let walkLength = seq ?? config.seq
        let total = walk == .training ? walks * walkLength : steps
        // Activations are held in memory before writing: keep them under about 4 GB.
        guard Double(total) * Double(params.units) <= 1e9 else {
            throw InputError("\(checkpoint): \(total) steps × \(params.units) units would need \(Int(Double(total) * Double(params.units) * 4 / 1e9)) GB; use at most \(Int(1e9) / params.units) steps")
        }
        var rng = Xoshiro256(seed: seed)
        let positions: [Double], velocities: [Double], description: String
        switch walk {
        case .sorscher:
            // The simulator's walk (one generator for `simulate` and `rollout`), one sample longer: the network
            // sees the displacement of step t (metres per step) and its state belongs to the position after it.
            let w = Trajectory.simulate(.sorscher(box: box, steps: steps + 1, dt: dt), rng: &rng)
            velocities = w.velocities.prefix(2 * steps).map { $0 * dt }
            positions = Array(w.positions.dropFirst(2))
            description = "Sorscher et al. 2019 generator, dt \(dt) s, seed \(seed)"
        case .training:
            (positions, velocities) = NetworkRollout.trainingWalks(count: walks, length: walkLength, vmax: config.vmax,
                                                         start: box / 2, rng: &rng)
            description = "\(walks) training-distribution walks of \(walkLength) steps from the box centre, velocity components Uniform(-\(config.vmax), \(config.vmax)) m per step, seed \(seed)"
        }
        let act = Rollout.states(params: params, eps: config.eps, velocities: velocities.map { Float($0) },
                                 restartEvery: walk == .training ? walkLength : 0)
        try NetworkRollout.writeDump(to: output, positions: positions, velocities: velocities, activations: act, units: params.units,
                           box: box, checkpoint: checkpoint, description: description, walkLength: walk == .training ? walkLength : nil)
        print("wrote \(output): \(total) steps × \(params.units) units, box \(box) m")
    }
}
