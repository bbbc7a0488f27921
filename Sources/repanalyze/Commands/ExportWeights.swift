import ArgumentParser
import Foundation
import RepAnalysis
import Trainer

/// `repanalyze export-weights`: a checkpoint's weights alone, to share or commit.
struct ExportWeights: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-weights",
        abstract: "Write a training checkpoint's weights alone (float32, gzip; no optimiser moments) to share or commit.",
        discussion: """
        The file holds /params/<name> in the reference layout (W0 b0 W1 b1 W2 b2 g0_raw) and the run's config, \
        step and training seconds as attributes — about a quarter of the checkpoint. `rollout`, `loss` and \
        `train --init-weights` read it; continuing the run exactly (`train --resume`) needs the full checkpoint.

        Example:
          repanalyze export-weights runs/a/checkpoint.h5 -o trained.h5
        """)

    @Argument(help: "A training checkpoint (RUN_DIR/checkpoint.h5).")
    var checkpoint: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The weights file to write.", valueName: "WEIGHTS.h5"))
    var output: String

    func run() throws {
        let state = try Checkpoint.read(checkpoint)
        try Checkpoint.writeWeights(state, to: output)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        print("wrote \(output): step \(state.step), N \(state.params.units), H \(state.params.width), \(bytes / 1024) KiB")
    }
}
