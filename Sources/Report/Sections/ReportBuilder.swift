import Foundation
import RepIO
import Simulation

/// Turns `ReportContent` into the report's figures and HTML page: one function per section, each taking plain
/// values, so a section can be tested with synthetic inputs and wired to any analysis.
public struct ReportBuilder: Sendable {
    /// The content to show.
    public var content: ReportContent
    /// Example units per module in the rate-map figure.
    public var examplesPerModule = 8

    /// The section ids, in page order (what the browser test looks for); "sweep" follows "training" when a
    /// sweep is given.
    public static let sectionIDs = ["provenance", "ratemaps", "gridness", "fourier", "topology", "training", "truth"]

    /// A builder for `content`.
    public init(content: ReportContent) { self.content = content }

    /// A named figure (the name is the file stem used by `--png`).
    public struct NamedFigure: Sendable {
        public var name: String
        public var figure: Figure
    }

    /// The whole page.
    public func page() -> HTMLPage {
        var p = HTMLPage(title: "repanalyze report: \(content.title)",
                         subtitle: "Grid cells, modules and topology of a population's spatial code.")
        p.add(HTMLPage.Section(id: "provenance", title: "Input and provenance", blocks: [.keyValues(content.provenance)]))
        p.add(section("ratemaps", "Rate maps by module", rateMapBlocks()))
        p.add(section("gridness", "Gridness", gridnessBlocks()))
        p.add(section("fourier", "Fourier modules", fourierBlocks()))
        p.add(section("topology", "Topology of the largest module", topologyBlocks()))
        p.add(section("training", "Training run", trainingBlocks()))
        if let sw = content.sweep {
            p.add(section("sweep", "Training sweep", [
                .paragraph("Sweep folder: \(sw.folder). One row per run: its grid values and seed, steps done and planned, "
                    + "the loss terms of its last logged step and the metrics of its last evaluation when logged "
                    + "(click a column to sort)."),
                .table(headers: sw.columns, rows: sw.rows, sortable: true),
            ]))
        }
        if content.generalization != nil { p.add(section("generalization", "Out of distribution: box size", generalizationBlocks())) }
        if content.truth != nil { p.add(section("truth", "Ground truth (simulated input)", truthBlocks())) }
        return p
    }

    /// Every figure of the page with a file stem, for `--png DIR`.
    public func figures() -> [NamedFigure] {
        var out: [NamedFigure] = []
        for block in [rateMapBlocks(), gridnessBlocks(), fourierBlocks(), topologyBlocks(), trainingBlocks(), generalizationBlocks()] {
            for b in block { if case .figures(let fs) = b { out += fs.map { NamedFigure(name: Self.stem($0.title), figure: $0) } } }
        }
        var seen: [String: Int] = [:]
        return out.map { nf in
            var n = nf
            let k = seen[nf.name, default: 0]
            seen[nf.name] = k + 1
            if k > 0 { n.name += "_\(k + 1)" }
            return n
        }
    }

    static func stem(_ title: String) -> String {
        var s = ""
        for ch in title.lowercased() {
            if ch.isLetter || ch.isNumber { s.append(ch) } else if !s.hasSuffix("_") { s.append("_") }
        }
        while s.hasSuffix("_") { s.removeLast() }
        return s.isEmpty ? "figure" : s
    }

    private func section(_ id: String, _ title: String, _ blocks: [HTMLPage.Block]) -> HTMLPage.Section {
        var b = blocks
        if b.isEmpty { b = [.note(content.unavailable[id] ?? "Nothing to show for this input.")] }
        else if let why = content.unavailable[id] { b.insert(.note(why), at: 0) }
        return HTMLPage.Section(id: id, title: title, blocks: b)
    }

    // MARK: Rate maps

    /// Score of a unit for ranking examples (score_60, NaN last).
    private func score60(of unit: Int) -> Double {
        content.gridness?.first { $0.unit == unit }?.score60 ?? .nan
    }

    func rateMapBlocks() -> [HTMLPage.Block] {
        guard let rm = content.rateMaps, !rm.maps.isEmpty else { return [] }
        let index = Dictionary(rm.units.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let sacIndex = content.autocorrelograms.map { s in Dictionary(s.units.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }) }
        var blocks: [HTMLPage.Block] = []
        func caption(_ u: Int) -> String {
            let g = score60(of: u)
            return g.isFinite ? "unit \(u)  g=\(String(format: "%.2f", g))" : "unit \(u)"
        }
        func examples(_ units: [Int]) -> [Int] {
            let present = units.filter { index[$0] != nil }
            let ranked = present.sorted { a, b in
                let x = score60(of: a), y = score60(of: b)
                if x.isFinite != y.isFinite { return x.isFinite }
                return x.isFinite ? x > y : a < b
            }
            return Array(ranked.prefix(examplesPerModule))
        }
        func mapFigure(_ units: [Int], title: String) -> [Figure] {
            var figs: [Figure] = []
            let panels = units.compactMap { u in index[u].map {
                MapGrid.Panel(map: HeatMap(rows: rm.rows, columns: rm.columns, values: rm.maps[$0]), caption: caption(u))
            } }
            var g = MapGrid(panels: panels, title: "\(title): rate maps", columns: 8, panelSize: 96,
                            mapWidthMetres: rm.widthMetres, colorBarLabel: "mean activation")
            g.colorBarEnds = ("min", "max")
            figs.append(g.figure())
            if let sac = content.autocorrelograms, let si = sacIndex {
                let sp = units.compactMap { u in si[u].map {
                    MapGrid.Panel(map: HeatMap(rows: sac.rows, columns: sac.columns, values: sac.maps[$0], range: (-1, 1),
                                               colorMap: .rdBuReversed), caption: caption(u))
                } }
                if !sp.isEmpty {
                    var sg = MapGrid(panels: sp, title: "\(title): autocorrelograms", columns: 8, panelSize: 96,
                                     mapWidthMetres: sac.widthMetres, colorBarLabel: "correlation")
                    sg.colorBarEnds = ("-1", "1")
                    figs.append(sg.figure())
                }
            }
            return figs
        }
        if let modules = content.modules, !modules.isEmpty {
            blocks.append(.paragraph("Each row of maps is one grid module (sorted by period); examples are the module's "
                + "units with the highest score_60. Each map is scaled to its own range; grey bins were never visited."))
            for m in modules.sorted(by: { $0.period < $1.period }) {
                let title = "module \(m.id) (period \(String(format: "%.3f", m.period)) m, \(m.units.count) units)"
                blocks.append(.figures(mapFigure(examples(m.units), title: title)))
            }
        } else {
            let units = examples(rm.units)
            blocks.append(.paragraph("Modules are not known for this input, so the first units (or the best-scoring ones) "
                + "are shown. Each map is scaled to its own range; grey bins were never visited."))
            blocks.append(.figures(mapFigure(Array(units.prefix(16)), title: "units")))
        }
        return blocks
    }

    // MARK: Gridness

    func gridnessBlocks() -> [HTMLPage.Block] {
        guard let g = content.gridness, !g.isEmpty else { return [] }
        let t = content.gridnessThreshold
        let h60 = Histogram(values: g.map(\.score60), bins: 30, threshold: (t, "\(t)"), xLabel: "score_60",
                            title: "score_60 (hexagonal)").figure()
        var h90 = Histogram(values: g.map(\.score90), bins: 30, threshold: (t, "\(t)"), xLabel: "score_90",
                            title: "score_90 (square)")
        h90.color = Palette.color(1)
        let above = g.filter { $0.score60 > t }.count
        var moduleOf: [Int: Int] = [:]
        for m in content.modules ?? [] { for u in m.units { moduleOf[u] = m.id } }
        let kinds = content.truth?.kinds
        var headers = ["unit", "score_60", "score_60_minmax", "score_90", "spacing_m", "orientation_deg", "module"]
        if kinds != nil { headers.append("true kind") }
        let rows: [[String]] = g.sorted { $0.unit < $1.unit }.map { s in
            var r = [String(s.unit), num(s.score60), num(s.score60MinMax), num(s.score90), num(s.spacing), num(s.orientation, 1),
                     moduleOf[s.unit].map(String.init) ?? "-"]
            if let kinds { r.append(s.unit < kinds.count ? kinds[s.unit] : "?") }
            return r
        }
        return [
            .paragraph("\(above) of \(g.count) units have score_60 above \(t) (DeepMind / Banino 2018 score; "
                + "click a column header to sort the table)."),
            .figures([h60, h90.figure()]),
            .table(headers: headers, rows: rows, sortable: true),
        ]
    }

    // MARK: Fourier

    func fourierBlocks() -> [HTMLPage.Block] {
        var blocks: [HTMLPage.Block] = []
        let modules = (content.modules ?? []).sorted { $0.period < $1.period }
        if !modules.isEmpty {
            let ratios = zip(modules, modules.dropFirst()).map { String(format: "%.2f", $1.period / $0.period) }
            blocks.append(.table(headers: ["module", "period_m", "orientation_deg", "units"], rows: modules.map {
                [String($0.id), num($0.period), num($0.orientation, 1), String($0.units.count)]
            }, sortable: false))
            if !ratios.isEmpty { blocks.append(.paragraph("Ratios of successive module periods: " + ratios.joined(separator: ", ") + ".")) }
        }
        let spectra = modules.filter { $0.meanSpectrum != nil }
        if !spectra.isEmpty {
            var panels: [MapGrid.Panel] = [], overlays: [[(x: Double, y: Double)]] = []
            for m in spectra {
                guard let s = m.meanSpectrum else { continue }
                panels.append(MapGrid.Panel(map: HeatMap(rows: s.rows, columns: s.columns, values: s.values, colorMap: .magma),
                                            caption: "module \(m.id)"))
                let size = 140.0
                let scale = size / Double(max(s.rows, s.columns))
                // Spectrum rows are drawn bottom-up like maps.
                overlays.append(m.latticePeaks.map { (x: ($0.column + 0.5) * scale, y: (Double(s.rows) - $0.row - 0.5) * scale) })
            }
            var g = MapGrid(panels: panels, title: "mean power spectrum per module (dots: fitted lattice peaks)", columns: 4,
                            panelSize: 140, colorBarLabel: "power")
            g.overlays = overlays
            blocks.append(.figures([g.figure()]))
        }
        var figs: [Figure] = []
        if let p = content.unitPeriods, p.contains(where: \.isFinite) {
            figs.append(Histogram(values: p.filter(\.isFinite), bins: 30, xLabel: "period (m)", title: "grid period of grid-like units").figure())
        }
        if let o = content.unitOrientations, o.contains(where: \.isFinite) {
            var h = Histogram(values: o.filter(\.isFinite), bins: 30, range: 0...60, xLabel: "orientation (degrees)",
                              title: "grid orientation of grid-like units")
            h.color = Palette.color(2)
            figs.append(h.figure())
        }
        let phased = modules.filter { !$0.phases.isEmpty }
        if !phased.isEmpty {
            // Phases drawn in the rhombic unit cell: (u, v) → u·a1 + v·a2 with a1 = (1, 0), a2 = (1/2, √3/2).
            var x: [Double] = [], y: [Double] = [], grp: [Int] = []
            for (k, m) in phased.enumerated() {
                for ph in m.phases { x.append(ph.u + ph.v / 2); y.append(ph.v * 3.0.squareRoot() / 2); grp.append(k) }
            }
            var s = ScatterPlot(x: x, y: y, groups: grp, groupNames: phased.map { "module \($0.id)" }, xLabel: "position in the unit cell (periods)",
                                yLabel: "(periods)", title: "phase coverage (unit cell)", xRange: 0...1.5, yRange: 0...0.87)
            s.radius = 4
            s.outline = [(0, 0), (1, 0), (1.5, 3.0.squareRoot() / 2), (0.5, 3.0.squareRoot() / 2), (0, 0)]
            figs.append(s.figure(width: 470, height: 300))
        }
        if !figs.isEmpty { blocks.append(.figures(figs)) }
        return blocks
    }

    // MARK: Topology

    func topologyBlocks() -> [HTMLPage.Block] {
        guard let t = content.topology else { return [] }
        let plots = PersistencePlots(diagrams: t.diagrams, title: "H0-H\(max(t.diagrams.count - 1, 0))")
        var figs = [plots.barcode(), plots.diagram()]
        if let first = t.projection.first, first.count >= 2 {
            let pts = t.projection.filter { $0.count >= 2 }
            var s = ScatterPlot(x: pts.map { $0[0] }, y: pts.map { $0[1] }, xLabel: "PC1", yLabel: "PC2",
                                title: "population activity, PC1 vs PC2")
            s.radius = 1.5
            figs.append(s.figure(width: 340, height: 320))
            if first.count >= 3 {
                var s3 = ScatterPlot(x: pts.map { $0[0] }, y: pts.map { $0.count >= 3 ? $0[2] : .nan }, xLabel: "PC1", yLabel: "PC3",
                                     title: "population activity, PC1 vs PC3")
                s3.radius = 1.5
                figs.append(s3.figure(width: 340, height: 320))
            }
        }
        let betti = "(" + t.betti.map(String.init).joined(separator: ", ") + ")"
        let torus = t.betti.count >= 3 && Array(t.betti.prefix(3)) == [1, 2, 1]
        var blocks: [HTMLPage.Block] = [
            .paragraph("\(t.description). Betti numbers \(betti)" + (torus ? " — consistent with a torus." : ".")),
            .figures(figs),
            .table(headers: ["dimension", "bars", "infinite", "longest finite"], rows: t.diagrams.enumerated().map { k, d in
                let fin = d.filter { $0.death.isFinite }.map { $0.death - $0.birth }
                return ["H\(k)", String(d.count), String(d.count - fin.count), num(fin.max() ?? .nan)]
            }, sortable: false),
        ]
        if let view = t.torus {
            blocks.append(.paragraph("Where on its torus the module is at each moment (`repanalyze torus`): \(view.description). "
                + "Left: every sample at its two angles on the flat torus, coloured by its x and by its y position — "
                + "positions a lattice period apart land on the same point, so the twisted torus shows as diagonal colour bands. "
                + "Middle: each angle averaged per spatial bin (a cyclic colour scale): the phase maps, stripes along the lattice. "
                + "Right: the samples on a torus of revolution by their two angles, brightness = how many."))
            blocks.append(.figures(TorusFigures(view: view).all()))
        }
        return blocks
    }

    // MARK: Training

    func trainingBlocks() -> [HTMLPage.Block] {
        guard let tr = content.training else { return [] }
        var blocks: [HTMLPage.Block] = [.paragraph("Run folder: \(tr.runDirectory). One panel per logged term against the "
            + "training step (log scale when a term is always positive; the y range covers the 1st–99th percentile, so "
            + "rare spikes are drawn on the frame's edge).")]
        let figs: [Figure] = tr.curves.map { c in
            let positive = c.y.contains { $0.isFinite } && c.y.allSatisfy { !$0.isFinite || $0 > 0 }
            var p = LinePlot(series: [c], xLabel: "step", yLabel: c.name, title: c.name, logY: positive)
            p.yRange = LinePlot.robustRange(c.y, logY: positive)
            p.legend = false
            return p.figure(width: 330, height: 230)
        }
        if !figs.isEmpty { blocks.append(.figures(figs)) }
        if !tr.config.isEmpty { blocks.append(.preformatted(tr.config)) }
        return blocks
    }

    // MARK: Truth

    func truthBlocks() -> [HTMLPage.Block] {
        guard let t = content.truth else { return [] }
        var counts: [String: Int] = [:]
        for k in t.kinds { counts[k, default: 0] += 1 }
        var blocks: [HTMLPage.Block] = [
            .paragraph("The input was simulated; its truth: " + counts.sorted { $0.key < $1.key }.map { "\($1) \($0)" }.joined(separator: ", ") + "."),
        ]
        let found = (content.modules ?? []).sorted { $0.period < $1.period }
        let rows: [[String]] = zip(t.modulePeriods, t.moduleOrientations).enumerated().map { i, pt in
            let members = t.unitModules.filter { $0 == i }.count
            var r = [String(i), num(pt.0), num(pt.1, 1), String(members)]
            if let nearest = found.min(by: { abs(log($0.period / pt.0)) < abs(log($1.period / pt.0)) }) {
                r += ["module \(nearest.id)", num(nearest.period), String(format: "%+.1f %%", 100 * (nearest.period / pt.0 - 1))]
            } else { r += ["-", "-", "-"] }
            return r
        }
        blocks.append(.table(headers: ["true module", "period_m", "orientation_deg", "units", "nearest found", "found period_m", "period error"],
                             rows: rows, sortable: false))
        if !found.isEmpty {
            var assigned = [Int](repeating: -1, count: t.unitModules.count)
            for m in found { for u in m.units where u >= 0 && u < assigned.count { assigned[u] = m.id } }
            let ari = ModuleRecovery.adjustedRandIndex(t.unitModules, assigned)
            blocks.append(.paragraph("Module assignment against the truth: adjusted Rand index \(String(format: "%.3f", ari)) "
                + "over all \(assigned.count) units (non-grid and unassigned units form one \"no module\" group; 1 = perfect)."))
        }
        return blocks
    }
}

/// A table cell for a number: NaN as "nan", `digits` decimals.
func num(_ x: Double, _ digits: Int = 3) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    return String(format: "%.\(digits)f", x)
}
