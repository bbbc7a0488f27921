import Foundation

extension ReportBuilder {
    /// "Out of distribution": `generalization --json` as a table and two plots against the box side — the fraction
    /// of units with score_60 above the threshold, and each module's period.
    func generalizationBlocks() -> [HTMLPage.Block] {
        guard let g = content.generalization, !g.boxes.isEmpty else { return [] }
        let t = g.gridThreshold
        var blocks: [HTMLPage.Block] = [
            .paragraph("\(g.checkpoint) rolled out in square boxes of \(g.boxes.map { String(format: "%g", $0.sideMetres) }.joined(separator: ", ")) m "
                + "on walks drawn like its training batches, each from the box centre, longer in larger boxes (`repanalyze generalization`). "
                + "Rate maps of 16 bins per metre; DeepMind gridness; Fourier modules."),
            .table(headers: ["box_m", "walks × steps", "score_60 > \(t)", "median score_60", "modules: period_m (units)", "ratios", "pairs"],
                   rows: g.boxes.map { b in
                       [String(format: "%g", b.sideMetres), "\(b.walks) × \(b.walkLength)", "\(b.gridUnits) of \(b.units)",
                        String(format: "%.2f", b.medianScore60),
                        b.modules.isEmpty ? "none" : b.modules.map { String(format: "%.3f (%d)", $0.periodMetres, $0.units) }.joined(separator: ", "),
                        b.periodRatios.isEmpty ? "—" : b.periodRatios.map { String(format: "%.2f", $0) }.joined(separator: ", "),
                        b.modulePairs.isEmpty ? "—" : b.modulePairs.map { $0.superlattice ? "superlattice, index \($0.index)" : "independent" }.joined(separator: "; ")]
                   }, sortable: false),
        ]
        let sides = g.boxes.map(\.sideMetres)
        var fraction = LinePlot(series: [.init(name: "score_60 > \(t)", x: sides, y: g.boxes.map { Double($0.gridUnits) / Double(max($0.units, 1)) })],
                                xLabel: "box side (m)", yLabel: "fraction of units", title: "grid units against box size")
        fraction.yRange = 0...1
        fraction.legend = false
        // Module k of every box (modules are sorted by period), so a period that holds shows as a flat line.
        let most = g.boxes.map(\.modules.count).max() ?? 0
        let periods = (0..<most).map { k in
            LinePlot.Series(name: "module \(k)", x: sides, y: g.boxes.map { k < $0.modules.count ? $0.modules[k].periodMetres : .nan })
        }
        var figs = [fraction.figure(width: 330, height: 230)]
        if most > 0 {
            var p = LinePlot(series: periods, xLabel: "box side (m)", yLabel: "period (m)", title: "module periods against box size")
            let top = periods.flatMap(\.y).filter(\.isFinite).max() ?? 1
            p.yRange = 0...(1.2 * top)   // from zero, so a period that holds reads as flat, not as noise blown up
            figs.append(p.figure(width: 330, height: 230))
        }
        blocks.append(.figures(figs))
        return blocks
    }
}
