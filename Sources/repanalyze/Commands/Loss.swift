import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report
import Trainer

/// `repanalyze loss FILE.h5`: the objective and its gradient for stored weights and a stored batch.
struct Loss: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the loss terms and every parameter's gradient for weights and a batch stored in a file.",
        discussion: """
        FILE holds /params/W0 [2,H], b0 [H], W1 [H,H], b1 [H], W2 [H,N·N], b2 [N·N], g0_raw [N], the batch \
        /batch/base_vel [T,2], /batch/perm [B,T] (and optionally /batch/pos [B,T,2]; otherwise the running sums of \
        the velocities) and optionally a root attribute `config` (JSON; sigma_x, sigma_g, l_sep, l_inv, l_cap, \
        l_ci, reduction, eps are used). This is the layout of ../shared/reference/trainer dumps: use it to check \
        the trainer against your own PyTorch/JAX code.

        Prints the terms (total, sep, inv, cap, ci, n_sep, n_inv, n_ci); --json writes them as JSON ('-' for \
        stdout) and --gradients writes d total / d param to /grads/<name> of an HDF5 file.

        Example:
          repanalyze loss ../shared/reference/trainer/small.h5 --json - --gradients grads.h5
        """)

    @Argument(help: "HDF5 file with /params, /batch and a config attribute.")
    var file: String

    @Option(help: ArgumentHelp("Write the loss terms as JSON to this file ('-' for stdout).", valueName: "OUT.json"))
    var json: String?

    @Option(help: ArgumentHelp("Write every parameter's gradient to /grads/<name> of this HDF5 file.", valueName: "GRADS.h5"))
    var gradients: String?

    func run() throws {
        let dump = try ReferenceDump(path: file)
        let ws = Workspace(dump.config)
        var grad: [Float] = []
        let t = Objective.lossAndGradient(ws, params: dump.params, batch: dump.batch, config: dump.config, gradient: &grad)
        let doc = LossDocument(t)
        // Both outputs land together, or neither (a gradients file that cannot be written keeps the old JSON).
        let outputs = OutputSet()
        if let json { try JSONDocument.stage(doc, to: json, in: outputs) }
        if let gradients {
            try outputs.stageHDF5(to: gradients) { f in
                for e in dump.params.entries {
                    try f.write(ShapedArray(shape: e.shape, values: Array(grad[e.offset..<(e.offset + e.count)])), to: "/grads/\(e.name)")
                }
                try f.setAttribute("source", .string(file))
            }
        }
        try outputs.commit()
        if json != "-" {
            print(String(format: "total %.9g\nsep   %.9g (%d pairs)\ninv   %.9g (%d pairs)\ncap   %.9g\nci    %.9g (%d steps)\niso   %.9g",
                         t.total, t.sep, t.nSep, t.inv, t.nInv, t.cap, t.ci, t.nCI, t.iso))
        }
    }
}
