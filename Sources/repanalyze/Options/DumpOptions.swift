import ArgumentParser
import RepAnalysis
import RepIO

/// Where an activation dump's data lives in the file: shared by every command that reads dumps.
struct DumpOptions: ParsableArguments {
    @Option(name: .customLong("positions"), help: ArgumentHelp(
        "Dataset of positions in metres, [T,2] or batched [B,T,2].", valueName: "PATH"))
    var positionsPath = "positions"

    @Option(name: .customLong("activations"), help: ArgumentHelp(
        "Dataset of activations, [T,N] (one column per unit) or batched [B,T,N], e.g. `rnn/h`.", valueName: "PATH"))
    var activationsPath = "activations"

    @Option(name: .customLong("velocities"), help: ArgumentHelp(
        "Dataset of velocities, same shape as the positions; used when present.", valueName: "PATH"))
    var velocitiesPath = "velocities"

    @Flag(name: .customLong("unit-major"), help: "The activations are stored [N,T] (one row per unit).")
    var unitMajor = false

    /// The layout these options describe.
    var layout: DumpLayout {
        DumpLayout(positions: positionsPath, activations: activationsPath, velocities: velocitiesPath, unitMajor: unitMajor)
    }
}
