import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report
import Trainer

/// `repanalyze generalization`: a trained network in boxes of several sizes (out of distribution).
struct GeneralizationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generalization",
        abstract: "Roll a trained network out in boxes of several sizes and score its grids and modules in each.",
        discussion: """
        Does the code hold beyond the box the network was trained in? For each box side: walks drawn like the \
        training batches (velocity components Uniform(−vmax, vmax), the checkpoint's vmax), each from the box \
        centre, 30·side² steps long (at least 20) so they reach the walls, --samples samples in all; rate maps of \
        16 bins per metre; DeepMind gridness; Fourier modules and whether successive modules are commensurate. The \
        same steps as `rollout --walk training` → `gridness` → `modules` with their defaults, without the files.

        Examples:
          repanalyze generalization examples/trained/checkpoint.h5 --boxes 1,2,3,4 --json ood.json
          repanalyze report walks.h5 -o report.html --generalization ood.json
        """)

    @Argument(help: "A training checkpoint (or any file with /params in the reference layout).")
    var checkpoint: String

    @Option(help: ArgumentHelp("Box sides in metres, comma-separated.", valueName: "M,M,..."))
    var boxes = "1,2,3,4"

    @Option(help: ArgumentHelp("Samples (walk steps) per box.", valueName: "N"))
    var samples = 240_000

    @Option(help: ArgumentHelp("Seed of the walks (the same walks' velocities in every box).", valueName: "S"))
    var seed: UInt64 = 5

    @Option(help: ArgumentHelp("Write the results as JSON (- for stdout).", valueName: "FILE.json"))
    var json: String?

    var sides: [Double] { boxes.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        let parts = boxes.split(separator: ",", omittingEmptySubsequences: false)
        guard !parts.isEmpty, sides.count == parts.count, sides.allSatisfy({ $0.isFinite && $0 >= 0.25 && $0 <= 20 }) else {
            throw ValidationError("--boxes '\(boxes)' must be box sides in metres between 0.25 and 20, comma-separated, e.g. 1,2,3,4")
        }
        guard samples >= 1000, samples <= 5_000_000 else { throw ValidationError("--samples must be between 1000 and 5000000") }
    }

    func run() throws {
        if let json, json != "-" { try AtomicOutput.checkTarget(json) }   // before minutes of rollouts
        let f = try HDF5File(checkpoint)
        let params = try Parameters.read(from: f)
        var config = TrainerConfig()
        if f.hasAttribute("config"), let text = try f.attribute("config").stringValue {
            config = try TrainerConfig.decode(Data(text.utf8), file: "\(checkpoint) (attribute config)", strict: false)
        }
        guard Double(samples) * Double(params.units) <= 1e9 else {
            throw InputError("\(checkpoint): \(samples) samples × \(params.units) units would need more than 4 GB; lower --samples")
        }
        var study = BoxGeneralization()
        study.sides = sides; study.samplesPerBox = samples; study.seed = seed
        print("| box | walks × steps | units score_60 > \(GridCriteria.gridScoreThreshold) | median score_60 | modules: period (units) | ratio | pair |")
        print("|---|---|---|---|---|---|---|")
        let doc = try study.run(params: params, config: config, checkpoint: checkpoint) { print(Self.row($0)) }
        if let json { try JSONDocument.write(doc, to: json) }
    }

    /// One box as a Markdown table row (the table of Sources/Trainer/README.md).
    static func row(_ b: GeneralizationDocument.Box) -> String {
        let mods = b.modules.isEmpty ? "none" : b.modules.map { String(format: "%.3f m (%d)", $0.periodMetres, $0.units) }.joined(separator: ", ")
        let ratio = b.periodRatios.isEmpty ? "—" : b.periodRatios.map { String(format: "%.2f", $0) }.joined(separator: ", ")
        let pair = b.modulePairs.isEmpty ? "—" : b.modulePairs.map { $0.superlattice ? "superlattice, index \($0.index)" : "independent" }.joined(separator: "; ")
        return String(format: "| %g m | %d × %d | %d of %d | %.2f | ", b.sideMetres, b.walks, b.walkLength, b.gridUnits, b.units, b.medianScore60)
            + "\(mods) | \(ratio) | \(pair) |"
    }
}
