import Foundation

/// A plot frame: data ranges mapped onto a pixel rectangle, with ticks and labels drawn into a `Figure`.
public struct Axes: Sendable {
    /// The plotting rectangle in figure pixels.
    public var left: Double, top: Double, width: Double, height: Double
    /// Data ranges.
    public var xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
    /// Logarithmic y axis (loss curves).
    public var logY = false

    /// A frame over the given ranges (degenerate ranges are widened so nothing divides by zero).
    public init(left: Double, top: Double, width: Double, height: Double, x: ClosedRange<Double>, y: ClosedRange<Double>, logY: Bool = false) {
        self.left = left; self.top = top; self.width = width; self.height = height
        self.logY = logY
        xRange = Axes.widen(x)
        if logY {
            let lo = max(y.lowerBound, 1e-12), hi = max(y.upperBound, lo * 10)
            yRange = Axes.widen(log10(lo)...log10(hi))
        } else {
            yRange = Axes.widen(y)
        }
    }

    static func widen(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
        guard r.lowerBound.isFinite, r.upperBound.isFinite else { return 0...1 }
        if r.upperBound > r.lowerBound { return r }
        let d = max(abs(r.lowerBound) * 0.1, 0.5)
        return (r.lowerBound - d)...(r.upperBound + d)
    }

    /// Pixel x of a data x.
    public func px(_ x: Double) -> Double { left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * width }
    /// Pixel y of a data y (log10 taken first on a log axis).
    public func py(_ y: Double) -> Double {
        let v = logY ? log10(max(y, 1e-300)) : y
        return top + height - (v - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * height
    }

    /// Draws the frame, ticks, tick labels and axis labels.
    public func draw(into f: inout Figure, xLabel: String, yLabel: String) {
        let grey = RGBA(90, 90, 90)
        f.add(.rect(x: left, y: top, width: width, height: height, fill: nil, stroke: grey))
        for t in Axes.ticks(xRange) {
            let x = px(t)
            f.add(.line(points: [(x, top + height), (x, top + height + 4)], color: grey))
            f.add(.text(Axes.label(t), x: x, y: top + height + 6, anchor: .middle, color: .black))
        }
        if logY {
            var e = yRange.lowerBound.rounded(.up)
            while e <= yRange.upperBound + 1e-9 {
                let y = top + height - (e - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * height
                f.add(.line(points: [(left - 4, y), (left, y)], color: grey))
                f.add(.text(Axes.label(pow(10, e)), x: left - 6, y: y - 7, anchor: .end))
                e += 1
            }
        } else {
            for t in Axes.ticks(yRange) {
                let y = py(t)
                f.add(.line(points: [(left - 4, y), (left, y)], color: grey))
                f.add(.text(Axes.label(t), x: left - 6, y: y - 7, anchor: .end))
            }
        }
        f.add(.text(xLabel, x: left + width / 2, y: top + height + 22, anchor: .middle))
        f.add(.text(yLabel, x: left - 52, y: top + height / 2, anchor: .middle, vertical: true))
    }

    /// About five round tick values inside `r` (steps of 1, 2 or 5 times a power of ten).
    public static func ticks(_ r: ClosedRange<Double>, target: Int = 5) -> [Double] {
        let span = r.upperBound - r.lowerBound
        guard span > 0, span.isFinite else { return [r.lowerBound] }
        let raw = span / Double(target)
        let mag = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
        var out: [Double] = []
        var t = (r.lowerBound / step).rounded(.up) * step
        while t <= r.upperBound + step * 1e-9 && out.count < 50 {
            out.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return out
    }

    /// A tick label: at most 3 significant decimals, exponent form for very large or small values.
    public static func label(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        if v == 0 { return "0" }
        if abs(v) >= 1e5 || abs(v) < 1e-3 { return String(format: "%.0e", v) }
        var s = String(format: "%.3f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
