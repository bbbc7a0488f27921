import Foundation

/// The report's pictures of a module's torus: the flat torus coloured by x and by y, the two phase maps, and the
/// torus of revolution.
struct TorusFigures {
    var view: TorusView
    /// At most this many samples in each flat-torus scatter (every k-th).
    var scatterPoints = 4000

    func all() -> [Figure] {
        [flat(byX: true), flat(byX: false), phaseMaps(), revolution()]
    }

    /// θ1 against θ2, each sample coloured by its x (or y) position on viridis.
    func flat(byX: Bool) -> Figure {
        let step = max(1, view.angles.count / scatterPoints)
        let idx = Array(stride(from: 0, to: view.angles.count, by: step))
        let (lo, hi) = byX ? (view.box.x0, view.box.x1) : (view.box.y0, view.box.y1)
        var s = ScatterPlot(x: idx.map { view.angles[$0].0 }, y: idx.map { view.angles[$0].1 },
                            xLabel: "angle 1 (rad)", yLabel: "angle 2 (rad)",
                            title: "flat torus, coloured by \(byX ? "x" : "y")", xRange: 0...(2 * .pi), yRange: 0...(2 * .pi))
        s.colors = idx.map { ColorMap.viridis.color(byX ? view.positions[$0].0 : view.positions[$0].1, lo: lo, hi: hi) }
        s.radius = 1.5
        return s.figure(width: 320, height: 320)
    }

    /// Each angle's circular mean per spatial bin.
    func phaseMaps() -> Figure {
        let panels = (0..<2).map { k in
            var m = HeatMap(rows: 32, columns: 32, values: view.phaseMap(k), range: (0, 2 * .pi))
            m.colorMap = .phase
            return MapGrid.Panel(map: m, caption: "angle \(k + 1) by position")
        }
        var g = MapGrid(panels: panels, title: "phase maps", columns: 2, panelSize: 128, mapWidthMetres: view.box.width,
                        colorBarLabel: "angle (cyclic)")
        g.colorBarEnds = ("0", "2 pi")
        return g.figure()
    }

    /// The samples placed on a torus of revolution.
    func revolution() -> Figure {
        let size = 300
        var f = Figure(width: size + 20, height: size + 40, title: "the torus")
        f.add(.text("the module on a torus of revolution", x: Double(size + 20) / 2, y: 6, anchor: .middle, bold: true))
        // Rendered at half the size and drawn at full size: fewer, fuller pixels read as a density.
        f.add(.image(view.torusImage(size: size / 2), x: 10, y: 30, width: Double(size), height: Double(size)))
        return f
    }
}
