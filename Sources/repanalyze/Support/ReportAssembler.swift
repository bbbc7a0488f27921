import Foundation
import RepAnalysis

/// Gathers a report's content from the input file, the JSON results of other commands and a run folder, running
/// the analyses this build has for what is missing; says in each section what is not available and why.
struct ReportAssembler {
    var input: String
    var mapsDataset: String?
    var layout: DumpLayout
    var scoresJSON: String?, modulesJSON: String?, barcodeJSON: String?
    var runDirectory: String?
    /// Progress and findings, one line each.
    var log: (String) -> Void

    static let gridPending = "Computed by the grid-analysis module (rate maps, gridness, Fourier modules; issue 3), "
        + "which is not in this build yet."
    static let topologyPending = "Computed by the persistent-homology module (TopologyTDA; issue 6), which is not in "
        + "this build yet."

    func assemble() throws -> ReportContent {
        let file = try HDF5File(input)
        var c = ReportContent(title: (input as NSString).lastPathComponent)
        let size = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? nil
        c.provenance = [("file", (input as NSString).standardizingPath + (size.map { "  (\(ByteCountFormatter.string(fromByteCount: Int64($0), countStyle: .file)))" } ?? ""))]

        // Rate maps: a stored stack, else (when this build has rate maps) computed from the dump.
        let mapsName = mapsDataset ?? ["ratemaps", "ratemaps_32", "maps"].first { file.exists($0) }
        if let mapsName {
            guard file.exists(mapsName) else {
                throw HDF5Error.objectNotFound(file: input, path: mapsName, existing: file.datasetPaths())
            }
            let stack = try ReportLoader.mapStack(file, dataset: mapsName)
            c.rateMaps = stack
            c.provenance.append(("rate maps", "\(mapsName) [\(stack.maps.count), \(stack.rows), \(stack.columns)]"))
            log("rate maps: \(stack.maps.count) units, \(stack.rows)×\(stack.columns) bins (from \(mapsName))")
        } else if file.exists(layout.positions) && file.exists(layout.activations) {
            let reader = try DumpReader(input, layout: layout)
            c.provenance.append(("datasets", "\(layout.positions) [\(reader.sampleCount), 2], \(layout.activations) [\(reader.sampleCount), \(reader.unitCount)]"
                                 + (layout.unitMajor ? " (unit-major)" : "")))
            if let b = reader.box { c.provenance.append(("box", "\(b)")) }
            c.unavailable["ratemaps"] = "Rate maps: " + Self.gridPending
            log("rate maps: not available in this build (grid analysis pending)")
        } else {
            throw ReportError.badDataset(file: input, dataset: layout.activations,
                                        reason: "the file has neither rate maps (ratemaps [N,H,W]) nor an activation dump (\(layout.positions) + \(layout.activations)); see `repanalyze inspect`")
        }
        for a in ["box_size_m", "box_origin_m", "dt_s", "seed", "generator"] where file.hasAttribute(a) {
            c.provenance.append(("@" + a, "\((try? file.attribute(a))?.description ?? "?")"))
        }

        if let scoresJSON {
            c.gridness = try ReportLoader.gridness(json: scoresJSON)
            c.provenance.append(("gridness", scoresJSON))
            log("gridness: \(c.gridness?.count ?? 0) units from \(scoresJSON)")
        } else {
            c.unavailable["gridness"] = "Gridness: " + Self.gridPending + " Pass `--scores SCORES.json` to show precomputed scores."
        }
        if let modulesJSON {
            let m = try ReportLoader.modules(json: modulesJSON)
            c.modules = m.modules; c.unitPeriods = m.periods; c.unitOrientations = m.orientations
            c.provenance.append(("modules", modulesJSON))
            log("modules: \(m.modules.count) from \(modulesJSON): periods " + m.modules.map { String(format: "%.3f m", $0.period) }.joined(separator: ", "))
        } else {
            c.unavailable["fourier"] = "Fourier modules: " + Self.gridPending + " Pass `--modules MODULES.json` to show precomputed modules."
        }
        if let barcodeJSON {
            let b = try ReportLoader.barcode(json: barcodeJSON)
            let betti = b.betti ?? b.diagrams.map { $0.filter { !$0.death.isFinite }.count }
            c.topology = ReportContent.Topology(description: "Barcode from \(barcodeJSON)", diagrams: b.diagrams, betti: betti)
            c.provenance.append(("barcode", barcodeJSON))
            log("topology: \(b.diagrams.count) dimensions from \(barcodeJSON), betti \(betti)")
        } else {
            c.unavailable["topology"] = "Topology: " + Self.topologyPending + " Pass `--barcode BARS.json` to show a precomputed barcode."
        }
        if let runDirectory {
            c.training = try ReportLoader.training(runDirectory: runDirectory)
            c.provenance.append(("training run", runDirectory))
            log("training: \(c.training?.curves.count ?? 0) loss terms from \(runDirectory)")
        } else {
            c.unavailable["training"] = "No training run given (`--run RUN_DIR` with log.jsonl and config.json)."
        }
        if let t = try ReportLoader.truth(file) {
            c.truth = t
            log("truth: simulated input with \(t.modulePeriods.count) modules (periods " + t.modulePeriods.map { String(format: "%.2f", $0) }.joined(separator: ", ") + " m)")
        }
        c.provenance.append(("made by", "repanalyze \(RepAnalyze.configuration.version), \(ISO8601DateFormatter().string(from: Date()))"))
        c.provenance.append(("command", CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")))
        return c
    }
}
