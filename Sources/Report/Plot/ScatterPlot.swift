/// A scatter plot of points coloured by group (phase coverage of a module, a 2-D projection of activity).
public struct ScatterPlot: Sendable {
    public var x: [Double], y: [Double]
    /// Group of each point (colour); empty = one group.
    public var groups: [Int]
    /// Names of the groups for the legend (optional).
    public var groupNames: [String]
    public var xLabel: String, yLabel: String, title: String
    /// Fixed ranges; nil = the data's.
    public var xRange: ClosedRange<Double>?, yRange: ClosedRange<Double>?
    /// Point radius in pixels.
    public var radius: Double = 3
    /// An outline drawn under the points, in data coordinates (e.g. the unit cell of a lattice).
    public var outline: [(Double, Double)] = []
    /// A colour per point (overrides the groups), e.g. a sample's x position on a colour map.
    public var colors: [RGBA] = []

    /// A scatter plot.
    public init(x: [Double], y: [Double], groups: [Int] = [], groupNames: [String] = [], xLabel: String,
                yLabel: String, title: String, xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil) {
        self.x = x; self.y = y; self.groups = groups; self.groupNames = groupNames
        self.xLabel = xLabel; self.yLabel = yLabel; self.title = title; self.xRange = xRange; self.yRange = yRange
    }

    /// The plot as a figure.
    public func figure(width: Int = 320, height: Int = 300) -> Figure {
        var f = Figure(width: width, height: height, title: title)
        let fx = x.filter(\.isFinite), fy = y.filter(\.isFinite)
        let legend = groupNames.isEmpty ? 0.0 : 110
        let ax = Axes(left: 64, top: 30, width: Double(width) - 80 - legend, height: Double(height) - 80,
                      x: xRange ?? ((fx.min() ?? 0)...(fx.max() ?? 1)), y: yRange ?? ((fy.min() ?? 0)...(fy.max() ?? 1)))
        f.add(.text(title, x: Double(width) / 2, y: 6, anchor: .middle, bold: true))
        if !outline.isEmpty { f.add(.line(points: outline.map { (ax.px($0.0), ax.py($0.1)) }, color: RGBA(120, 120, 120), width: 1)) }
        for i in 0..<min(x.count, y.count) where x[i].isFinite && y[i].isFinite {
            let g = i < groups.count ? groups[i] : 0
            var c = i < colors.count ? colors[i] : Palette.color(g); c.a = 200
            f.add(.circle(x: ax.px(x[i]), y: ax.py(y[i]), radius: radius, fill: c))
        }
        for (g, name) in groupNames.enumerated() {
            let ly = ax.top + 4 + Double(g) * 18
            f.add(.circle(x: ax.left + ax.width + 18, y: ly + 7, radius: 4, fill: Palette.color(g)))
            f.add(.text(name, x: ax.left + ax.width + 28, y: ly))
        }
        ax.draw(into: &f, xLabel: xLabel, yLabel: yLabel)
        return f
    }
}
