/// A histogram of scores (e.g. gridness) with an optional threshold line, as in the papers' gridness panels.
public struct Histogram: Sendable {
    /// The values; NaN and infinite values are left out (and counted in `skipped`).
    public var values: [Double]
    /// Number of equal-width bins.
    public var bins: Int = 30
    /// The binned range; nil uses the finite min/max.
    public var range: ClosedRange<Double>?
    /// A vertical line (e.g. the 0.3 gridness threshold) with its label.
    public var threshold: (value: Double, label: String)?
    /// Axis label under the plot.
    public var xLabel: String
    /// The figure's title.
    public var title: String
    /// Bar colour.
    public var color: RGBA = Palette.color(0)

    /// A histogram of `values`.
    public init(values: [Double], bins: Int = 30, range: ClosedRange<Double>? = nil,
                threshold: (value: Double, label: String)? = nil, xLabel: String, title: String) {
        self.values = values; self.bins = bins; self.range = range; self.threshold = threshold
        self.xLabel = xLabel; self.title = title
    }

    /// Counts per bin over the range (the last bin includes its upper edge) and the number of skipped values.
    public func counts() -> (counts: [Int], range: ClosedRange<Double>, skipped: Int) {
        let finite = values.filter { $0.isFinite }
        let r = Axes.widen(range ?? ((finite.min() ?? 0)...(finite.max() ?? 1)))
        let nb = max(bins, 1)
        var c = [Int](repeating: 0, count: nb)
        for v in finite where v >= r.lowerBound && v <= r.upperBound {
            let i = Int(((v - r.lowerBound) / (r.upperBound - r.lowerBound) * Double(nb)).rounded(.down))
            c[min(max(i, 0), nb - 1)] += 1
        }
        return (c, r, values.count - finite.count)
    }

    /// The histogram as a figure.
    public func figure(width: Int = 420, height: Int = 280) -> Figure {
        var f = Figure(width: width, height: height, title: title)
        let (c, r, skipped) = counts()
        var xr = r
        if let t = threshold?.value, t.isFinite { xr = min(r.lowerBound, t)...max(r.upperBound, t) }
        let ax = Axes(left: 64, top: 30, width: Double(width) - 84, height: Double(height) - 80, x: xr,
                      y: 0...Double(max(c.max() ?? 1, 1)))
        f.add(.text(title, x: Double(width) / 2, y: 6, anchor: .middle, bold: true))
        let bw = (r.upperBound - r.lowerBound) / Double(c.count)
        for (i, n) in c.enumerated() where n > 0 {
            let x0 = ax.px(r.lowerBound + Double(i) * bw), x1 = ax.px(r.lowerBound + Double(i + 1) * bw)
            f.add(.rect(x: x0, y: ax.py(Double(n)), width: max(x1 - x0 - 1, 1), height: ax.py(0) - ax.py(Double(n)), fill: color))
        }
        if let (t, label) = threshold, t.isFinite {
            let above = values.filter { $0.isFinite && $0 > t }.count
            let x = ax.px(t)
            f.add(.line(points: [(x, ax.top), (x, ax.top + ax.height)], color: RGBA(214, 39, 40), width: 2, dashed: true))
            f.add(.text("\(label): \(above) of \(values.count - skipped) above", x: x + 4, y: ax.top + 2, color: RGBA(214, 39, 40)))
        }
        ax.draw(into: &f, xLabel: xLabel + (skipped > 0 ? "  (\(skipped) NaN left out)" : ""), yLabel: "units")
        return f
    }
}
