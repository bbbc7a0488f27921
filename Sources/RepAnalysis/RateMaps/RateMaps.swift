/// Rate maps of N units on one spatial binning: mean activation per bin, NaN where a bin was not visited
/// (or had fewer samples than the minimum occupancy). Stored [unit, y-bin, x-bin] (row = y), row-major.
public struct RateMaps: Sendable {
    /// The bins the maps are computed on.
    public var binning: SpatialBinning
    /// Number of units.
    public var units: Int
    /// Map values, `values[(unit * rows + iy) * columns + ix]`.
    public var values: [Float]
    /// Samples per bin (occupancy), `counts[iy * columns + ix]`, after the speed filter.
    public var counts: [Int32]

    /// Rows (y bins) of every map.
    public var rows: Int { binning.rows }
    /// Columns (x bins) of every map.
    public var columns: Int { binning.columns }

    /// The map of one unit, rows×columns as Doubles.
    public func map(_ unit: Int) -> [Double] {
        let s = rows * columns
        return values[(unit * s)..<((unit + 1) * s)].map(Double.init)
    }
}
