import Foundation
import RepAnalysis
import RepIO

/// Gathers a report's content from the input file, the JSON results of other commands and a run folder, running
/// the analyses this build has for what is missing; says in each section what is not available and why.
public struct ReportAssembler {
    public var input: String
    public var mapsDataset: String?
    public var layout: DumpLayout
    public var mapOptions: RateMapRequest
    public var scoresJSON: String?, modulesJSON: String?, barcodeJSON: String?
    public var runDirectory: String?
    /// The torus check of the largest module (nil: skipped).
    public var topology: TopologyPipeline? = TopologyPipeline()
    /// Progress and findings, one line each.
    public var log: (String) -> Void
    /// The program and version named in the provenance ("repanalyze 0.4.0").
    public var producer = "repanalyze"

    public init(input: String, mapsDataset: String?, layout: DumpLayout, mapOptions: RateMapRequest,
                scoresJSON: String?, modulesJSON: String?, barcodeJSON: String?, runDirectory: String?,
                topology: TopologyPipeline? = TopologyPipeline(), producer: String = "repanalyze",
                log: @escaping (String) -> Void) {
        self.input = input; self.mapsDataset = mapsDataset; self.layout = layout; self.mapOptions = mapOptions
        self.scoresJSON = scoresJSON; self.modulesJSON = modulesJSON; self.barcodeJSON = barcodeJSON
        self.runDirectory = runDirectory; self.topology = topology; self.producer = producer; self.log = log
    }

    public func assemble() throws -> ReportContent {
        let file = try HDF5File(input)
        var c = ReportContent(title: (input as NSString).lastPathComponent)
        let size = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? nil
        c.provenance = [("file", (input as NSString).standardizingPath + (size.map { "  (\(ByteCountFormatter.string(fromByteCount: Int64($0), countStyle: .file)))" } ?? ""))]

        // The cheap inputs first, so that a bad JSON file or run folder fails before minutes of analysis.
        let givenScores = try scoresJSON.map(ReportLoader.gridness(json:))
        let givenModules = try modulesJSON.map(ReportLoader.modules(json:))
        let givenBarcode = try barcodeJSON.map(ReportLoader.barcode(json:))
        let givenTraining = try runDirectory.map(ReportLoader.training(runDirectory:))

        // Rate maps: a stored stack, else computed from the dump; then gridness and modules unless given.
        let mapsName = mapsDataset ?? ["ratemaps", "ratemaps_32", "maps"].first { file.exists($0) }
        let isDump = file.exists(layout.positions) && file.exists(layout.activations)
        if mapsName == nil && isDump {
            let reader = try DumpReader(input, layout: layout)
            c.provenance.append(("datasets", "\(layout.positions) [\(reader.sampleCount), 2], \(layout.activations) [\(reader.sampleCount), \(reader.unitCount)]"
                                 + (layout.unitMajor ? " (unit-major)" : "")))
        }
        if mapsName == nil { log("rate maps: computing from the dump …") }
        let maps = try MapInput.load(input, dataset: mapsName, dump: layout, options: mapOptions)
        c.provenance.append(("rate maps", maps.origin))
        c.provenance.append(("box", maps.boxKnown ? "x \(maps.box.x0)…\(maps.box.x1) m, y \(maps.box.y0)…\(maps.box.y1) m"
                                                   : "unknown (1 m assumed for metres; give --box)"))
        c.provenance.append(("bins", "\(maps.columns) × \(maps.rows) (x × y), \(String(format: "%.3g", maps.binSize.x)) m"))
        log("rate maps: \(maps.units) units, \(maps.origin)")
        if let scoresJSON, let givenScores {
            c.gridness = givenScores
            c.provenance.append(("gridness", scoresJSON))
            log("gridness: \(c.gridness?.count ?? 0) units from \(scoresJSON)")
        }
        if let modulesJSON, let m = givenModules {
            c.modules = m.modules; c.unitPeriods = m.periods; c.unitOrientations = m.orientations
            c.provenance.append(("modules", modulesJSON))
            log("modules: \(m.modules.count) from \(modulesJSON): periods " + m.modules.map { String(format: "%.3f m", $0.period) }.joined(separator: ", "))
        }
        GridPipeline(input: maps).fill(&c, scoresGiven: scoresJSON != nil, modulesGiven: modulesJSON != nil, log: log)
        for a in ["box_size_m", "box_origin_m", "dt_s", "seed", "generator"] where file.hasAttribute(a) {
            c.provenance.append(("@" + a, "\((try? file.attribute(a))?.description ?? "?")"))
        }

        if let barcodeJSON, let b = givenBarcode {
            let betti = b.betti ?? b.diagrams.map { $0.filter { !$0.death.isFinite }.count }
            c.topology = ReportContent.Topology(description: "Barcode from \(barcodeJSON)", diagrams: b.diagrams, betti: betti)
            c.provenance.append(("barcode", barcodeJSON))
            log("topology: \(b.diagrams.count) dimensions from \(barcodeJSON), betti \(betti)")
        } else if topology == nil {
            c.unavailable["topology"] = "Topology was skipped (--no-topology)."
        } else if !isDump || mapsName != nil {
            c.unavailable["topology"] = "Topology needs the population's activity over time (an activation dump); this input holds rate maps. "
                + "Pass `--barcode BARS.json` (from `repanalyze barcode`) to show a barcode."
        } else if let m = TopologyPipeline.largest(c.modules ?? []), let topology {
            log("topology: module \(m.id) (\(m.units.count) units): PCA \(topology.pca), \(topology.landmarks) landmarks, H0–H\(topology.maxDimension) …")
            var last = Date.distantPast
            let t = try topology.run(dump: input, layout: layout, units: m.units, label: "module \(m.id) (period \(String(format: "%.3f", m.period)) m)") { dim, done, total in
                if Date().timeIntervalSince(last) > 2 || done == total { last = Date(); if total > 0 && dim > 0 { log("  H\(dim): \(done)/\(total) columns reduced") } }
            }
            c.topology = t
            if t.betti.count >= 3, Array(t.betti.prefix(3)) == [1, 2, 1] {
                // A torus: where on it the module is at each moment, for the report's pictures.
                do {
                    let mt = try ModuleTorus.decode(dump: input, layout: layout, units: m.units, pca: topology.pca,
                                                    landmarks: min(500, topology.landmarks), prime: 47, seed: topology.seed)
                    c.topology?.torus = mt.view(box: maps.box)
                    log("torus: module \(m.id): " + mt.description)
                } catch {
                    log("torus: module \(m.id): \(error)")
                }
            }
            log("topology: betti (" + t.betti.map(String.init).joined(separator: ", ") + ")" + (t.betti.prefix(3) == [1, 2, 1] ? " — consistent with a torus" : ""))
        } else {
            c.unavailable["topology"] = "Topology: no grid module was found, so there is no module to test for a torus."
        }
        if let runDirectory, let givenTraining {
            c.training = givenTraining
            c.provenance.append(("training run", runDirectory))
            log("training: \(c.training?.curves.count ?? 0) loss terms from \(runDirectory)")
        } else {
            c.unavailable["training"] = "No training run given (`--run RUN_DIR` with log.jsonl and config.json)."
        }
        if let t = try ReportLoader.truth(file) {
            c.truth = t
            log("truth: simulated input with \(t.modulePeriods.count) modules (periods " + t.modulePeriods.map { String(format: "%.2f", $0) }.joined(separator: ", ") + " m)")
        }
        c.provenance.append(("made by", "\(producer) (\(LibraryVersions.summary)), \(ISO8601DateFormatter().string(from: Date()))"))
        c.provenance.append(("command", CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")))
        return c
    }
}
