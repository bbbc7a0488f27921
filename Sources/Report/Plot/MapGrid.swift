import Foundation

/// A panel of 2-D maps (rate maps, autocorrelograms, power spectra) in a grid, each with a caption, plus a colour
/// bar and a scale bar: the paper's module figure.
public struct MapGrid: Sendable {
    /// One map and its caption.
    public struct Panel: Sendable {
        public var map: HeatMap
        public var caption: String
        /// A map with a caption such as "unit 17  g=0.84".
        public init(map: HeatMap, caption: String) { self.map = map; self.caption = caption }
    }
    public var panels: [Panel]
    public var title: String
    /// Panels per row.
    public var columns: Int = 8
    /// Size of one map in pixels (its longer side).
    public var panelSize: Int = 96
    /// Extent of one map in metres (width); with it a scale bar of `scaleBarMetres` is drawn.
    public var mapWidthMetres: Double?
    public var scaleBarMetres: Double = 0.25
    /// What the colour bar shows, e.g. "rate (each map scaled to its own min–max)".
    public var colorBarLabel: String
    /// The colour bar's end labels.
    public var colorBarEnds: (String, String) = ("min", "max")
    /// Markers drawn over panels in pixel offsets from the panel's top-left corner (e.g. lattice vectors), per panel.
    public var overlays: [[(x: Double, y: Double)]] = []

    /// A grid of panels.
    public init(panels: [Panel], title: String, columns: Int = 8, panelSize: Int = 96, mapWidthMetres: Double? = nil,
                colorBarLabel: String) {
        self.panels = panels; self.title = title; self.columns = columns; self.panelSize = panelSize
        self.mapWidthMetres = mapWidthMetres; self.colorBarLabel = colorBarLabel
    }

    /// The grid as a figure.
    public func figure() -> Figure {
        let cols = max(1, min(columns, max(panels.count, 1)))
        let rows = max(1, (panels.count + cols - 1) / cols)
        let gap = 10, captionH = 18, titleH = 28, barW = 76
        let cellW = panelSize + gap, cellH = panelSize + captionH + gap
        let w = max(10 + cols * cellW + barW, BitmapFont.width(of: title) + 24), h = titleH + rows * cellH + 40
        var f = Figure(width: w, height: h, title: title)
        f.add(.text(title, x: 10, y: 6, bold: true))
        for (i, p) in panels.enumerated() {
            let r = i / cols, c = i % cols
            let aspect = Double(p.map.columns) / Double(max(p.map.rows, 1))
            let pw = aspect >= 1 ? Double(panelSize) : Double(panelSize) * aspect
            let ph = aspect >= 1 ? Double(panelSize) / aspect : Double(panelSize)
            let x = Double(10 + c * cellW), y = Double(titleH + r * cellH)
            f.add(.image(p.map.image(), x: x, y: y, width: pw, height: ph))
            f.add(.rect(x: x, y: y, width: pw, height: ph, fill: nil, stroke: RGBA(120, 120, 120)))
            f.add(.text(p.caption, x: x + pw / 2, y: y + ph + 2, anchor: .middle))
            if i < overlays.count {
                for o in overlays[i] { f.add(.circle(x: x + o.x, y: y + o.y, radius: 3, fill: RGBA(255, 255, 255, 230))) }
            }
        }
        // Colour bar, right of the grid.
        let cm = panels.first?.map.colorMap ?? .viridis
        let bx = Double(10 + cols * cellW + 8), by = Double(titleH), bh = Double(min(rows * cellH - gap, 200))
        f.add(.image(HeatMap.colorBar(cm, width: 1, height: 128), x: bx, y: by, width: 14, height: bh))
        f.add(.rect(x: bx, y: by, width: 14, height: bh, fill: nil, stroke: RGBA(120, 120, 120)))
        f.add(.text(colorBarEnds.1, x: bx + 18, y: by - 2))
        f.add(.text(colorBarEnds.0, x: bx + 18, y: by + bh - 12))
        f.add(.text(colorBarLabel, x: bx + 50, y: by + bh / 2, anchor: .middle, color: RGBA(60, 60, 60), vertical: true))
        // Scale bar under the first panel.
        let footY = Double(titleH + rows * cellH) + 4
        if let mw = mapWidthMetres, mw > 0, let first = panels.first {
            let aspect = Double(first.map.columns) / Double(max(first.map.rows, 1))
            let pw = aspect >= 1 ? Double(panelSize) : Double(panelSize) * aspect
            var len = scaleBarMetres
            while len > mw && len > 1e-6 { len /= 2 }
            let px = pw * len / mw
            f.add(.rect(x: 10, y: footY + 4, width: px, height: 4, fill: .black))
            f.add(.text(len >= 1 ? "\(Axes.label(len)) m" : "\(Axes.label(len * 100)) cm", x: 14 + px, y: footY - 1))
        }
        return f
    }
}
