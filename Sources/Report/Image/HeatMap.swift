/// A 2-D map drawn as an image: one square block per bin, NaN bins in grey, row 0 of the map at the bottom
/// (maps are stored [y-bin, x-bin] with y increasing upwards, as the animal's box is drawn).
public struct HeatMap: Sendable {
    /// Height and width of the map in bins.
    public var rows: Int, columns: Int
    /// Values, row-major [rows, columns]; NaN = no data.
    public var values: [Double]
    /// The colour scale's ends; nil takes the finite minimum and maximum.
    public var range: (lo: Double, hi: Double)?
    /// The colour map.
    public var colorMap: ColorMap = .viridis
    /// The colour of NaN bins.
    public var nanColor: RGBA = .nanGrey

    /// A heat map of a [rows, columns] array.
    public init(rows: Int, columns: Int, values: [Double], range: (lo: Double, hi: Double)? = nil,
                colorMap: ColorMap = .viridis) {
        self.rows = rows; self.columns = columns; self.values = values; self.range = range; self.colorMap = colorMap
    }

    /// A heat map of a [rows, columns] Float array.
    public init(rows: Int, columns: Int, values: [Float], range: (lo: Double, hi: Double)? = nil,
                colorMap: ColorMap = .viridis) {
        self.init(rows: rows, columns: columns, values: values.map(Double.init), range: range, colorMap: colorMap)
    }

    /// The scale actually used: `range`, or the finite min/max (0...1 when there is no finite value).
    public var effectiveRange: (lo: Double, hi: Double) {
        if let range { return range }
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        return lo <= hi ? (lo, hi) : (0, 1)
    }

    /// The map as an image, `pixelsPerBin` pixels per bin, y flipped so that y grows upwards.
    public func image(pixelsPerBin: Int = 1) -> RGBAImage {
        let s = max(pixelsPerBin, 1)
        var img = RGBAImage(width: columns * s, height: rows * s)
        let (lo, hi) = effectiveRange
        for r in 0..<rows {
            for c in 0..<columns {
                let i = r * columns + c
                let v = i < values.count ? values[i] : .nan
                img.fill(x: c * s, y: (rows - 1 - r) * s, width: s, height: s, colorMap.color(v, lo: lo, hi: hi, nan: nanColor))
            }
        }
        return img
    }

    /// A vertical colour bar, low at the bottom, `width`×`height` pixels.
    public static func colorBar(_ map: ColorMap, width: Int = 12, height: Int = 128) -> RGBAImage {
        var img = RGBAImage(width: width, height: height)
        for y in 0..<height {
            let t = height > 1 ? Double(height - 1 - y) / Double(height - 1) : 0.5
            img.fill(x: 0, y: y, width: width, height: 1, map.color(t, lo: 0, hi: 1))
        }
        return img
    }
}
