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
    /// The y range shown; nil = all values. Values outside are drawn on the frame's edge (spikes stay visible
    /// without flattening the rest).
    public var yRange: ClosedRange<Double>?
    /// Whether to draw a legend (off for a single named curve whose name is the title).
    public var legend = true

    /// A plot of `series`.
    public init(series: [Series], xLabel: String, yLabel: String, title: String, logY: Bool = false) {
        self.series = series; self.xLabel = xLabel; self.yLabel = yLabel; self.title = title; self.logY = logY
    }

    /// A y range holding the values between the `lower` and `upper` quantiles (padded by 5 %), so that a few spikes
    /// do not flatten a curve; on a log axis the quantiles of the positive values.
    public static func robustRange(_ values: [Double], logY: Bool, lower: Double = 0.01, upper: Double = 0.99) -> ClosedRange<Double>? {
        let v = values.filter { $0.isFinite && (!logY || $0 > 0) }.sorted()
        guard let first = v.first, let last = v.last else { return nil }
        func q(_ p: Double) -> Double { v[min(v.count - 1, max(0, Int((p * Double(v.count - 1)).rounded())))] }
        var lo = q(lower), hi = q(upper)
        if lo == hi { lo = first; hi = last }
        if hi - lo <= 1e-9 * max(abs(hi), abs(lo)) { return nil }  // constant: the axes' own widening reads better
        if logY { return (lo / 1.2)...(hi * 1.2) }
        let pad = 0.05 * max(hi - lo, abs(hi) * 1e-3, 1e-12)
        return (lo - pad)...(hi + pad)
    }

    /// The plot as a figure.
    public func figure(width: Int = 560, height: Int = 300) -> Figure {
        var f = Figure(width: width, height: height, title: title)
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            for (x, y) in zip(s.x, s.y) where x.isFinite && y.isFinite && (!logY || y > 0) { xs.append(x); ys.append(y) }
        }
        let legendWidth = legend ? 130.0 : 0
        let yr = yRange ?? ((ys.min() ?? 0)...(ys.max() ?? 1))
        let ax = Axes(left: 70, top: 30, width: Double(width) - 90 - legendWidth, height: Double(height) - 80,
                      x: (xs.min() ?? 0)...(xs.max() ?? 1), y: yr, logY: logY)
        f.add(.text(title, x: Double(width) / 2, y: 6, anchor: .middle, bold: true))
        for (i, s) in series.enumerated() {
            var seg: [(Double, Double)] = []
            for (x, y) in zip(s.x, s.y) {
                if x.isFinite && y.isFinite && (!logY || y > 0) { seg.append((ax.px(x), min(max(ax.py(y), ax.top), ax.top + ax.height))) }
            }
            f.add(.line(points: seg, color: Palette.color(i), width: 1.5))
            if legend {
                let ly = ax.top + 4 + Double(i) * 18
                f.add(.line(points: [(ax.left + ax.width + 12, ly + 7), (ax.left + ax.width + 32, ly + 7)], color: Palette.color(i), width: 2))
                f.add(.text(s.name, x: ax.left + ax.width + 36, y: ly))
            }
        }
        if xs.isEmpty { f.add(.text("no finite values", x: ax.left + ax.width / 2, y: ax.top + ax.height / 2, anchor: .middle)) }
        ax.draw(into: &f, xLabel: xLabel, yLabel: yLabel)
        return f
    }
}
