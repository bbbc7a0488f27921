/// Line plots of named series (loss curves of each term against step), with a legend.
public struct LinePlot: Sendable {
    /// One named curve.
    public struct Series: Sendable {
        public var name: String
        public var x: [Double], y: [Double]
        /// A curve from paired x and y values (non-finite pairs are skipped when drawn).
        public init(name: String, x: [Double], y: [Double]) { self.name = name; self.x = x; self.y = y }
    }
    public var series: [Series]
    public var xLabel: String, yLabel: String, title: String
    /// Log-scale y (only positive values are drawn).
    public var logY: Bool

    /// A plot of `series`.
    public init(series: [Series], xLabel: String, yLabel: String, title: String, logY: Bool = false) {
        self.series = series; self.xLabel = xLabel; self.yLabel = yLabel; self.title = title; self.logY = logY
    }

    /// The plot as a figure.
    public func figure(width: Int = 560, height: Int = 300) -> Figure {
        var f = Figure(width: width, height: height, title: title)
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            for (x, y) in zip(s.x, s.y) where x.isFinite && y.isFinite && (!logY || y > 0) { xs.append(x); ys.append(y) }
        }
        let legendWidth = 130.0
        let ax = Axes(left: 70, top: 30, width: Double(width) - 90 - legendWidth, height: Double(height) - 80,
                      x: (xs.min() ?? 0)...(xs.max() ?? 1), y: (ys.min() ?? 0)...(ys.max() ?? 1), logY: logY)
        f.add(.text(title, x: Double(width) / 2, y: 6, anchor: .middle, bold: true))
        for (i, s) in series.enumerated() {
            var seg: [(Double, Double)] = []
            for (x, y) in zip(s.x, s.y) {
                if x.isFinite && y.isFinite && (!logY || y > 0) { seg.append((ax.px(x), ax.py(y))) }
            }
            f.add(.line(points: seg, color: Palette.color(i), width: 1.5))
            let ly = ax.top + 4 + Double(i) * 18
            f.add(.line(points: [(ax.left + ax.width + 12, ly + 7), (ax.left + ax.width + 32, ly + 7)], color: Palette.color(i), width: 2))
            f.add(.text(s.name, x: ax.left + ax.width + 36, y: ly))
        }
        if xs.isEmpty { f.add(.text("no finite values", x: ax.left + ax.width / 2, y: ax.top + ax.height / 2, anchor: .middle)) }
        ax.draw(into: &f, xLabel: xLabel, yLabel: yLabel)
        return f
    }
}
