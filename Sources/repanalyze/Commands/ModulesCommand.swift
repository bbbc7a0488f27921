import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report

/// `repanalyze modules INPUT.h5`: grid modules from the units' Fourier spectra.
struct ModulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modules",
        abstract: "Find grid modules: per-unit hexagonal lattice fit of the rate map's power spectrum, then clustering by period.",
        discussion: """
        Per unit: the mean-subtracted map (NaN → 0) is zero-padded to 256×256 and Fourier transformed; the six-fold \
        peak set (radius |f|, angle φ + 60°·j) with the most power gives the period λ = (2/√3)/|f| and the lattice \
        orientation. A unit is grid-like when each of the three peak directions stands out of its ring and the \
        ring's power is six-fold symmetric rather than isotropic (place fields, noise), two-fold (bands) or \
        four-fold (square lattices). Grid-like units are grouped into modules wherever sorted log-periods jump by \
        more than --module-gap; the number of modules is found, not given.

        For every pair of modules the coarse lattice is tested for being a superlattice of the fine one (its \
        primitive vectors integer combinations of the fine ones, within 0.12 fine periods: ratio √3 at 30°, 2 at 0°, \
        ...): such "modules" are one lattice at two scales, not independent codes. The phase test asks whether the \
        coarse units' fields sit on fine units' lattice vertices more closely than random phases would (p-value \
        against 999 uniform draws). JSON: `module_pairs`.

        INPUT: rate maps [N, H, W] (--dataset) or an activation dump (rate maps computed with the rate-map options).

        Examples:
          repanalyze modules run.h5 --json modules.json
          repanalyze modules maps.h5 --dataset ratemaps_44 -o modules.h5
          (-o also writes the population's mean power spectrum)
        """)

    @Argument(help: "Rate maps [N,H,W] or an activation dump (HDF5).")
    var input: String

    @Option(help: ArgumentHelp("Dataset of rate maps in INPUT (default: 'ratemaps' when present, else INPUT is read as a dump).", valueName: "PATH"))
    var dataset: String?

    @Option(help: ArgumentHelp("Write the modules as JSON to this file ('-' for stdout).", valueName: "MODULES.json"))
    var json: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write per-unit results and the mean power spectrum to this HDF5 file.", valueName: "MODULES.h5"))
    var output: String?

    @Option(name: .customLong("module-gap"), help: ArgumentHelp("Jump in ln(period) that separates two modules (0.15 ≈ 16%).", valueName: "LN"))
    var moduleGap = 0.15

    @Option(name: .customLong("min-module-size"), help: ArgumentHelp("Fewest grid-like units that make a module; smaller groups are reported with module null.", valueName: "K"))
    var minModuleSize = 3

    @OptionGroup(title: "Activation dump") var dumpOptions: DumpOptions
    @OptionGroup(title: "Rate maps (for dumps)") var mapOptions: RateMapOptions

    mutating func validate() throws {
        guard moduleGap > 0, moduleGap.isFinite else { throw ValidationError("--module-gap must be a positive number") }
        guard minModuleSize >= 1 else { throw ValidationError("--min-module-size must be at least 1") }
    }

    func run() throws {
        let input = try MapInput.load(self.input, dataset: dataset, dump: dumpOptions.layout, options: mapOptions.request)
        var settings = ModuleDetection.Settings()
        settings.moduleGap = moduleGap
        settings.minModuleSize = minModuleSize
        let d = ModuleDetection(maps: input.maps, units: input.units, rows: input.rows, columns: input.columns,
                                binSize: input.binSize, settings: settings)
        let outputs = OutputSet()    // --json and -o land together, or neither
        if let json { try JSONDocument.stage(ModulesDocument(d), to: json, in: outputs) }
        if let output {
            try outputs.stageHDF5(to: output) { f in
                try GridOutputs.writeModules(d, to: f, group: "/")
                try f.setAttribute("source", .string(self.input))
            }
        }
        try outputs.commit()
        if json != "-" {
            print("\(self.input): \(input.origin)" + (input.boxKnown ? "" : "; no box in the file: periods assume a 1 m box (give --box)"))
            print(Self.summary(d))
        }
    }

    static func summary(_ d: ModuleDetection) -> String {
        let grid = d.units.filter(\.gridLike).count
        var lines = ["\(d.units.count) units, \(grid) grid-like, \(d.modules.count) module(s)"]
        for m in d.modules {
            lines.append(String(format: "  module %d: period %.3f m, orientation %.1f°, %d units", m.index, m.period, m.orientation, m.units.count))
        }
        if !d.periodRatios.isEmpty {
            lines.append("  period ratios: " + d.periodRatios.map { String(format: "%.3f", $0) }.joined(separator: ", "))
        }
        for r in d.relations {
            var line = String(format: "  modules %d–%d: ratio %.3f, orientations %.1f° apart: ", r.fine, r.coarse, r.ratio, r.orientationDifference)
            line += r.isSuperlattice
                ? String(format: "coarse lattice = superlattice of index %d of the fine one (residual %.2f periods) — commensurate, not independent", r.index, r.residual)
                : String(format: "no superlattice relation (residual %.2f periods) — independent lattices", r.residual)
            if let p = r.phaseLocking {
                line += String(format: "; phase test: coarse fields %.3f fine periods from the nearest fine unit's vertices (chance %.3f, p %.3g)",
                               p.observedMean, p.nullMean, p.pValue)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
