import ArgumentParser

/// The `repanalyze` command: one subcommand per job a researcher does with a network's spatial code.
@main
struct RepAnalyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repanalyze",
        abstract: "Analyse learned spatial representations: rate maps, gridness, grid modules, topology, training.",
        discussion: """
        Input files are HDF5 activation dumps as PyTorch, JAX or h5py code writes them: `positions` [T,2] in metres
        and `activations` [T,N] (one column per unit). Start with `repanalyze inspect FILE.h5` to see what a file holds.

        Exit codes: 0 success, 1 bad input (the message names the file and dataset), 2 usage error.
        """,
        version: "0.1.0",
        subcommands: [Inspect.self]
    )
}
