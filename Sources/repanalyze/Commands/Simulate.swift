import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Simulation

/// `repanalyze simulate -o DUMP.h5`: a synthetic population with known ground truth.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate grid-cell modules and other units along a rat-like walk, with the ground truth.",
        discussion: """
        Writes an activation dump (positions [T,2], velocities [T,2], activations [T,N]; box attributes) that every \
        repanalyze command reads, with the truth of every unit under /truth: kind (grid, place, band, random_field, \
        noise), module (-1 if not a grid cell), period_m, orientation_deg (angle of a lattice vector, counter-clockwise \
        from +x, in [0, 60)), phase_m (a field centre), amplitude. Use it to check that a pipeline \
        recovers what is there. The same seed gives the same file.

        The walk: Rayleigh speeds (scale 0.13 m/s), Gaussian turning, slowing and turning away near walls \
        (Sorscher et al. 2019). Grid cells: three plane waves 60° apart; within a module all cells share period and \
        orientation and differ in phase (uniform over the unit cell) and peak rate (± --amplitude-jitter).

        Examples:
          repanalyze simulate -o sim.h5
          repanalyze simulate -o sim.h5 --periods 0.35,0.5 --cells-per-module 40 \\
              --steps 100000 --seed 7
          repanalyze simulate -o sheared.h5 --shear 0.1 --box 1.5,1.0 --noise 0.1
        """)

    @Option(name: .shortAndLong, help: ArgumentHelp("The dump to write.", valueName: "DUMP.h5"))
    var output: String

    @Option(help: ArgumentHelp("Box size in metres: `W` (square) or `W,H`. The box starts at (0, 0).", valueName: "W[,H]"))
    var box = "1.0"

    @Option(help: "Number of samples along the walk.")
    var steps = 50_000

    @Option(help: "Time step in seconds.")
    var dt = 0.02

    @Option(help: "Number of grid modules (default: 3, or the number of --periods).")
    var modules: Int?

    @Option(help: ArgumentHelp("Module periods (field spacing) in metres; default 0.30,0.42,0.59 (ratio 1.4).",
                               valueName: "P1,P2,..."))
    var periods: String?

    @Option(help: ArgumentHelp("Module orientations in degrees, in [0, 60); default: random per module.", valueName: "O1,O2,..."))
    var orientations: String?

    @Option(help: "Grid cells in each module.")
    var cellsPerModule = 32

    @Option(help: "Peak rates vary uniformly within 1 ± this.")
    var amplitudeJitter = 0.2

    @Option(help: "Lattice shear: maps are evaluated at (x + shear·y, y); 0 = perfect hexagonal lattices.")
    var shear = 0.0

    @Option(help: "Place cells (Gaussian fields).")
    var placeCells = 8
    @Option(help: "Band cells (plane waves).")
    var bandCells = 4
    @Option(help: "Smooth random spatial fields.")
    var randomFields = 4
    @Option(help: "Units without spatial tuning (noise only).")
    var noiseUnits = 4

    @Option(help: "Standard deviation of the Gaussian noise added to every unit at every sample.")
    var noise = 0.05

    @Option(help: "Random seed; the same seed gives the same file.")
    var seed: UInt64 = 1

    @Flag(help: "Keep the units in order (modules first) instead of shuffling the columns.")
    var noShuffle = false

    /// The parsed and checked parameters.
    func parameters() throws -> (Trajectory.Parameters, GridCellPopulation.Parameters) {
        let b = try parseList(box, name: "--box")
        guard b.count == 1 || b.count == 2, b.allSatisfy({ $0.isFinite && $0 > 0 && $0 <= 1000 }) else {
            throw ValidationError("--box needs one or two sizes in metres, each in (0, 1000]: got '\(box)'")
        }
        guard steps > 0, steps <= 100_000_000 else { throw ValidationError("--steps must be in 1...100000000, got \(steps)") }
        guard dt.isFinite, dt > 0, dt <= 10 else { throw ValidationError("--dt must be a time step in (0, 10] seconds, got \(dt)") }
        var tp = Trajectory.Parameters(boxWidth: b[0], boxHeight: b.count == 2 ? b[1] : b[0], steps: steps, dt: dt)
        tp.wallBorder = min(0.03, min(tp.boxWidth, tp.boxHeight) / 10)

        var pp = GridCellPopulation.Parameters()
        if let periods {
            pp.periods = try parseList(periods, name: "--periods")
            guard pp.periods.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw ValidationError("--periods must be positive lengths in metres: got '\(periods)'")
            }
            if let modules, modules != pp.periods.count {
                throw ValidationError("--modules \(modules) but --periods gives \(pp.periods.count) periods")
            }
        } else if let modules {
            guard (0...20).contains(modules) else { throw ValidationError("--modules must be in 0...20, got \(modules)") }
            pp.periods = (0..<modules).map { 0.30 * pow(1.4, Double($0)) }
        }
        if let orientations {
            let o = try parseList(orientations, name: "--orientations")
            guard o.count == pp.periods.count, o.allSatisfy({ $0.isFinite }) else {
                throw ValidationError("--orientations needs one finite angle per module (\(pp.periods.count)): got '\(orientations)'")
            }
            pp.orientationsDeg = o.map { ($0.truncatingRemainder(dividingBy: 60) + 60).truncatingRemainder(dividingBy: 60) }
        }
        for (name, v) in [("--cells-per-module", cellsPerModule), ("--place-cells", placeCells), ("--band-cells", bandCells),
                          ("--random-fields", randomFields), ("--noise-units", noiseUnits)] {
            guard (0...100_000).contains(v) else { throw ValidationError("\(name) must be in 0...100000, got \(v)") }
        }
        pp.cellsPerModule = cellsPerModule
        pp.placeCells = placeCells; pp.bandCells = bandCells; pp.randomFields = randomFields; pp.noiseUnits = noiseUnits
        guard amplitudeJitter.isFinite, (0...1).contains(amplitudeJitter) else {
            throw ValidationError("--amplitude-jitter must be in [0, 1], got \(amplitudeJitter)")
        }
        guard shear.isFinite, abs(shear) <= 1 else { throw ValidationError("--shear must be in [-1, 1], got \(shear)") }
        guard noise.isFinite, noise >= 0 else { throw ValidationError("--noise must be a standard deviation >= 0, got \(noise)") }
        pp.amplitudeJitter = amplitudeJitter; pp.shear = shear; pp.noise = noise; pp.shuffle = !noShuffle
        let n = pp.periods.count * cellsPerModule + placeCells + bandCells + randomFields + noiseUnits
        guard n > 0 else { throw ValidationError("nothing to simulate: every unit count is 0") }
        guard steps.multipliedReportingOverflow(by: n).partialValue <= 1_000_000_000, !steps.multipliedReportingOverflow(by: n).overflow else {
            throw ValidationError("\(steps) samples × \(n) units is over 10^9 activations (4 GB); use fewer --steps or units")
        }
        return (tp, pp)
    }

    func run() throws {
        let (tp, pp) = try parameters()
        let dump = SimulatedDump.simulate(trajectory: tp, population: pp, seed: seed)
        try AtomicOutput.writeHDF5(to: output) { f in try dump.write(to: f) }
        let grid = pp.periods.count * pp.cellsPerModule
        print("wrote \(output): \(dump.sampleCount) samples × \(dump.unitCount) units, box \(fmtNum(tp.boxWidth))×\(fmtNum(tp.boxHeight)) m, dt \(fmtNum(tp.dt)) s, seed \(seed)")
        print("  \(grid) grid cells in \(pp.periods.count) modules:", dump.moduleTruth.enumerated().map {
            "module \($0.offset) period \(fmtNum($0.element.period)) m, orientation \(String(format: "%.1f", $0.element.orientationDeg))°"
        }.joined(separator: "; "))
        print("  non-grid: \(pp.placeCells) place, \(pp.bandCells) band, \(pp.randomFields) random-field, \(pp.noiseUnits) noise; noise sd \(fmtNum(pp.noise))")
        print("  truth under /truth (kind, module, period_m, orientation_deg, phase_m, amplitude)")
    }
}

/// Parses "0.3,0.42" into numbers, naming the option in the message.
func parseList(_ s: String, name: String) throws -> [Double] {
    let parts = s.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    var out: [Double] = []
    for p in parts {
        guard let v = Double(p) else { throw ValidationError("\(name): '\(p)' is not a number (expected a comma-separated list)") }
        out.append(v)
    }
    return out
}

/// A number printed short: 0.3 not 0.30000000000000004.
func fmtNum(_ x: Double) -> String {
    var s = String(format: "%.4g", x)
    if s.contains("e") { return s }
    if s.contains(".") { while s.hasSuffix("0") { s.removeLast() }; if s.hasSuffix(".") { s.removeLast() } }
    return s
}
