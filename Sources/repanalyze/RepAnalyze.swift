import ArgumentParser
import Foundation

/// The `repanalyze` command: one subcommand per job a researcher does with a network's spatial code.
@main
struct RepAnalyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repanalyze",
        abstract: "Analyse learned spatial representations: rate maps, gridness, grid modules, topology, training.",
        discussion: """
        Input files are HDF5 activation dumps as PyTorch, JAX or h5py code writes them: `positions` [T,2] in metres and `activations` [T,N] (one column per unit). Start with `repanalyze inspect FILE.h5` to see what a file holds; docs/dump-format.md describes the format.

        Exit codes: 0 success, 1 bad input (the message names the file and dataset), 2 usage error.

        \(GlobalOptions.help)
        """,
        version: "0.1.0",
        subcommands: [Demo.self, Inspect.self],
        groupedSubcommands: [
            CommandGroup(name: "Grid analysis", subcommands: [
                RateMapsCommand.self, GridnessCommand.self, ModulesCommand.self, BatchCommand.self, MergeCommand.self]),
            CommandGroup(name: "Topology", subcommands: [BarcodeCommand.self, TorusCommand.self]),
            CommandGroup(name: "Training", subcommands: [Train.self, SweepCommand.self, Loss.self, RolloutCommand.self, GeneralizationCommand.self, ExportWeights.self]),
            CommandGroup(name: "Simulation and reports", subcommands: [Simulate.self, ReportCommand.self]),
            CommandGroup(name: "Benchmarks", subcommands: [BenchGridCommand.self, BenchTrain.self]),
        ]
    )

    /// Parses and runs the subcommand, mapping outcomes to the documented exit codes: usage errors 2, bad
    /// input (any error the libraries throw) 1 with a one-line message on stderr.
    static func main() {
        var command: ParsableCommand
        let arguments: [String]
        switch GlobalOptions.apply(Array(CommandLine.arguments.dropFirst())) {
        case .success(let rest): arguments = rest
        case .failure(let bad):
            FileHandle.standardError.write(Data("repanalyze: error: \(bad.text)\n".utf8))
            Foundation.exit(2)
        }
        do {
            command = try parseAsRoot(arguments)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            try command.run()
        } catch {
            // Help requested from inside a subcommand, `ExitCode`s and `CleanExit`s keep argument-parser's
            // behaviour; validation errors are usage errors (2); everything else is bad input (1).
            switch exitCode(for: error) {
            case .success:
                self.exit(withError: error)
            case .validationFailure:
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            default:
                if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
                FileHandle.standardError.write(Data("repanalyze: error: \(error)\n".utf8))
                Foundation.exit(1)
            }
        }
    }
}
