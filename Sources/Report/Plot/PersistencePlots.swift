import TopologyTDA

/// A persistence diagram per homology dimension: bars as (birth, death), death = +infinity for a bar that never dies.

/// The barcode of H0, H1, H2… (one panel, dimensions stacked, longest bars first) and the persistence diagram.
public struct PersistencePlots: Sendable {
    /// Bars per dimension, `diagrams[k]` for H_k.
    public var diagrams: [[PersistenceInterval]]
    /// Title prefix (e.g. "module 1").
    public var title: String
    /// At most this many bars per dimension are drawn in the barcode (the longest); the rest are counted.
    public var maxBarsPerDimension = 40

    /// Plots of `diagrams`.
    public init(diagrams: [[PersistenceInterval]], title: String) { self.diagrams = diagrams; self.title = title }

    /// The largest finite value (birth or death) in any dimension, for a shared axis; 1 when there is none.
    public var finiteMax: Double {
        var m = 0.0
        for d in diagrams { for b in d { if b.birth.isFinite { m = max(m, b.birth) }; if b.death.isFinite { m = max(m, b.death) } } }
        return m > 0 ? m : 1
    }

    /// The barcode: one horizontal bar per class, infinite bars run to the right edge with an arrow.
    public func barcode(width: Int = 520, height: Int = 360) -> Figure {
        var f = Figure(width: width, height: height, title: "\(title) barcode")
        f.add(.text("\(title): barcode", x: Double(width) / 2, y: 6, anchor: .middle, bold: true))
        let top = 30.0, bottom = Double(height) - 64
        let xmax = finiteMax * 1.08
        let ax = Axes(left: 60, top: top, width: Double(width) - 80, height: bottom - top, x: 0...xmax, y: 0...1)
        let shown = diagrams.map { d in Array(d.sorted { ($0.death - $0.birth) > ($1.death - $1.birth) }.prefix(maxBarsPerDimension)) }
        let total = max(shown.reduce(0) { $0 + $1.count } + diagrams.count, 1)
        let rowH = min((bottom - top) / Double(total), 8)
        var y = top + 2
        for (k, bars) in shown.enumerated() {
            let c = Palette.color(k)
            f.add(.text("H\(k)", x: 8, y: y - 2, color: c, bold: true))
            let hidden = diagrams[k].count - bars.count
            if hidden > 0 { f.add(.text("+\(hidden)", x: 8, y: y + 12, color: c)) }
            for b in bars where b.birth.isFinite {
                let x0 = ax.px(max(b.birth, 0)), x1 = b.death.isFinite ? ax.px(b.death) : ax.left + ax.width
                f.add(.rect(x: x0, y: y, width: max(x1 - x0, 1), height: max(rowH - 1.5, 1), fill: c))
                if !b.death.isFinite { f.add(.text(">", x: x1 - 8, y: y - 4, color: c)) }
                y += rowH
            }
            y += rowH
            f.add(.line(points: [(ax.left, y - rowH / 2), (ax.left + ax.width, y - rowH / 2)], color: RGBA(220, 220, 220)))
        }
        let grey = RGBA(90, 90, 90)
        f.add(.line(points: [(ax.left, bottom), (ax.left + ax.width, bottom)], color: grey))
        for t in Axes.ticks(0...xmax) {
            f.add(.line(points: [(ax.px(t), bottom), (ax.px(t), bottom + 4)], color: grey))
            f.add(.text(Axes.label(t), x: ax.px(t), y: bottom + 6, anchor: .middle))
        }
        f.add(.text("filtration value (distance)", x: ax.left + ax.width / 2, y: bottom + 22, anchor: .middle))
        let hiddenTotal = zip(diagrams, shown).map { $0.count - $1.count }.reduce(0, +)
        if hiddenTotal > 0 {
            f.add(.text("longest \(maxBarsPerDimension) bars per dimension shown; +N: shorter bars not drawn",
                        x: ax.left + ax.width / 2, y: bottom + 40, anchor: .middle, color: RGBA(100, 100, 100)))
        }
        return f
    }

    /// The persistence diagram: death against birth per dimension, the diagonal, infinite deaths on a top line.
    public func diagram(width: Int = 360, height: Int = 360) -> Figure {
        var f = Figure(width: width, height: height, title: "\(title) persistence diagram")
        let m = finiteMax * 1.1
        let ax = Axes(left: 64, top: 30, width: Double(width) - 84, height: Double(height) - 80, x: 0...m, y: 0...m * 1.08)
        f.add(.text("\(title): persistence diagram", x: Double(width) / 2, y: 6, anchor: .middle, bold: true))
        f.add(.line(points: [(ax.px(0), ax.py(0)), (ax.px(m), ax.py(m))], color: RGBA(150, 150, 150)))
        let infY = ax.py(m * 1.04)
        f.add(.line(points: [(ax.left, infY), (ax.left + ax.width, infY)], color: RGBA(150, 150, 150), dashed: true))
        f.add(.text("inf", x: ax.left + 3, y: infY - 14, color: RGBA(110, 110, 110)))
        for (k, bars) in diagrams.enumerated() {
            var c = Palette.color(k); c.a = 210
            for b in bars where b.birth.isFinite {
                f.add(.circle(x: ax.px(b.birth), y: b.death.isFinite ? ax.py(b.death) : infY, radius: 3, fill: c))
            }
            f.add(.circle(x: ax.left + ax.width - 40, y: ax.top + ax.height - 14 - Double(diagrams.count - 1 - k) * 16, radius: 4, fill: Palette.color(k)))
            f.add(.text("H\(k)", x: ax.left + ax.width - 32, y: ax.top + ax.height - 21 - Double(diagrams.count - 1 - k) * 16))
        }
        ax.draw(into: &f, xLabel: "birth", yLabel: "death")
        return f
    }
}
