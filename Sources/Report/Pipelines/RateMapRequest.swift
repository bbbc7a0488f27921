import RepAnalysis
import RepIO

/// How rate maps are made from an activation dump, as the user asked for them (`ratemaps`, `gridness`, `modules`,
/// `batch`, `report`): the CLI's `RateMapOptions` parse into this; library users build it directly.
public struct RateMapRequest: Sendable {
    /// The arena; nil: the file's box_origin_m/box_size_m attributes, else the positions' extent.
    public var box: ArenaBox?
    /// Bins (x, y); nil: `binSize`, else 32×32.
    public var bins: (columns: Int, rows: Int)?
    /// Bin size in metres instead of `bins`.
    public var binSize: Double?
    /// Bins with fewer samples become NaN.
    public var minOccupancy: Int
    /// Gaussian smoothing sigma in bins; nil: none.
    public var smooth: Double?
    /// Samples slower than this (m/s) are dropped; nil: none.
    public var speedMin: Double?

    public init(box: ArenaBox? = nil, bins: (columns: Int, rows: Int)? = nil, binSize: Double? = nil,
                minOccupancy: Int = 1, smooth: Double? = nil, speedMin: Double? = nil) {
        self.box = box; self.bins = bins; self.binSize = binSize
        self.minOccupancy = minOccupancy; self.smooth = smooth; self.speedMin = speedMin
    }

    /// The explicit box, if given.
    public var explicitBox: ArenaBox? { box }

    /// The binning of `box` this request asks for (default 32×32).
    public func binning(for box: ArenaBox) throws -> SpatialBinning {
        if let binSize { return try SpatialBinning(box: box, binSize: binSize) }
        let (c, r) = bins ?? (32, 32)
        return try SpatialBinning(box: box, columns: c, rows: r)
    }
}
