import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report

/// `repanalyze report INPUT.h5 -o report.html`: one self-contained page with the paper's figures.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page with the figures of a population's spatial code.",
        discussion: """
        INPUT is an activation dump (positions + activations) or a file of rate maps [units, y-bins, x-bins] \
        (`--dataset PATH`, default: the first of ratemaps, ratemaps_32, maps that exists). The page has sections for \
        rate maps by module (with autocorrelograms), gridness (histograms with the 0.3 line, sortable table), Fourier \
        modules (spectra, periods, orientations, phases), topology of the largest module (PCA to 6, furthest-point \
        landmarks, Vietoris–Rips H0–H2: barcode, persistence diagram, Betti numbers, a projection), the training run (`--run`), a training sweep's table (`--sweep`), and the input's provenance. Images are \
        embedded; the page needs no network. A section whose analysis is not available says so.

        Results other commands wrote can be passed in: `--scores` (gridness --json), `--modules` (modules --json), \
        `--barcode` (barcode --json).

        Examples:
          repanalyze simulate -o sim.h5
          repanalyze report sim.h5 -o report.html --png figures/
          repanalyze report maps.h5 --scores s.json --modules m.json \\
              --barcode bars.json -o report.html
          repanalyze report rollout.h5 --run runs/paper -o report.html
          repanalyze report rollout.h5 --run sweeps/inv/runs/003_l_inv=0.3_lr=0.0003_seed=2 --sweep sweeps/inv -o report.html
        """)

    @Argument(help: ArgumentHelp("The activation dump or rate-map file.", valueName: "INPUT.h5"))
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The HTML page to write.", valueName: "report.html"))
    var output: String

    @Option(name: .customLong("run"), help: ArgumentHelp("A training run folder (log.jsonl, config.json) whose loss curves and config to show.", valueName: "RUN_DIR"))
    var runDirectory: String?

    @Option(help: ArgumentHelp("A sweep folder (`repanalyze sweep … -o SWEEP_DIR`) whose runs to tabulate.", valueName: "SWEEP_DIR"))
    var sweep: String?

    @Option(help: ArgumentHelp("The JSON of `repanalyze generalization`: the network in boxes of several sizes, as an \"Out of distribution\" section.", valueName: "FILE.json"))
    var generalization: String?

    @Option(help: ArgumentHelp("Also write every figure as a PNG into this folder (created if missing).", valueName: "DIR"))
    var png: String?

    @Option(help: ArgumentHelp("Dataset of rate maps [units, y-bins, x-bins] in INPUT (default: 'ratemaps' when present, else INPUT is read as a dump).", valueName: "PATH"))
    var dataset: String?

    @Option(help: ArgumentHelp("Gridness results to show (the JSON of `repanalyze gridness --json`).", valueName: "SCORES.json"))
    var scores: String?

    @Option(help: ArgumentHelp("Grid modules to show (the JSON of `repanalyze modules --json`).", valueName: "MODULES.json"))
    var modules: String?

    @Option(help: ArgumentHelp("Barcode to show (the JSON of `repanalyze barcode --json`).", valueName: "BARS.json"))
    var barcode: String?

    @Option(help: ArgumentHelp("Landmarks for the torus check of the largest module (dumps only).", valueName: "M"))
    var landmarks = 800

    @Flag(name: .customLong("no-topology"), help: "Skip the torus check (persistent homology of the largest module).")
    var noTopology = false

    @OptionGroup(title: "Activation dump") var dump: DumpOptions
    @OptionGroup(title: "Rate maps (for dumps)") var mapOptions: RateMapOptions

    func validate() throws {
        guard (10...20_000).contains(landmarks) else { throw ValidationError("--landmarks must be in 10...20000, got \(landmarks)") }
    }

    func run() throws {
        try ReportWriter.checkWritable(output)
        let sweepTable = try sweep.map { try SweepSummary(SweepFolder($0)) }   // a bad folder fails before the analyses
        let boxes = try generalization.map { try JSONDocument.read(GeneralizationDocument.self, file: $0) }
        var content = try ReportAssembler(input: input, mapsDataset: dataset, layout: dump.layout, mapOptions: mapOptions.request, scoresJSON: scores,
                                          modulesJSON: modules, barcodeJSON: barcode, runDirectory: runDirectory,
                                          topology: noTopology ? nil : TopologyPipeline(landmarks: landmarks),
                                          producer: "repanalyze \(RepAnalyze.configuration.version)", log: { print($0) }).assemble()
        if let generalization, let boxes {
            content.generalization = boxes
            content.provenance.append(("box sizes", generalization))
        }
        if let sweep, let t = sweepTable {
            content.sweep = ReportContent.Sweep(folder: sweep, columns: t.columns, rows: t.rows.map { r in t.columns.map { SweepSummary.cell(r[$0]) } })
            content.provenance.append(("training sweep", sweep))
        }
        try ReportWriter.write(content, html: output, pngDirectory: png).print(html: output, pngDirectory: png)
    }
}

extension ReportWriter.Written {
    /// Says what was written, one line per output.
    func print(html: String, pngDirectory: String?) {
        Swift.print("wrote \(html) (\(pageBytes / 1024) KB): sections with content: \(sections.joined(separator: ", "))")
        if let dir = pngDirectory { Swift.print("wrote \(figureCount) PNG figures to \(dir)") }
    }
}
