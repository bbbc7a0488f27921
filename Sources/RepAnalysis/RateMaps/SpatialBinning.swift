import Foundation
import RepIO

/// The spatial bins of a rate map: an arena box cut into `columns` x-bins and `rows` y-bins of equal size.
///
/// Sample (x, y) goes to ix = ⌊(x − x0)/dx⌋ and iy = ⌊(y − y0)/dy⌋, with x == x1 (y == y1) in the last bin and
/// samples outside the box (or NaN) dropped — NumPy's `histogram2d` convention for the closed last edge.
public struct SpatialBinning: Sendable, Equatable {
    /// The arena in metres.
    public let box: ArenaBox
    /// Number of x bins (map columns) and y bins (map rows).
    public let columns: Int, rows: Int

    /// Bins of equal size: `columns` along x and `rows` along y.
    public init(box: ArenaBox, columns: Int, rows: Int) throws {
        guard box.isValid else { throw RateMapError.invalidBox(box.description) }
        guard columns >= 1, rows >= 1, columns <= 100_000, rows <= 100_000, columns * rows <= 100_000_000 else {
            throw RateMapError.invalidBins("\(columns)x\(rows)")
        }
        self.box = box
        self.columns = columns
        self.rows = rows
    }

    /// Bins of about `binSize` metres: round(width / binSize) columns and round(height / binSize) rows (at
    /// least one each), so the bins tile the box exactly; the actual size is `binWidth` × `binHeight`.
    public init(box: ArenaBox, binSize: Double) throws {
        guard binSize.isFinite, binSize > 0 else { throw RateMapError.invalidBins("bin size \(binSize) m") }
        guard box.isValid else { throw RateMapError.invalidBox(box.description) }
        let c = (box.width / binSize).rounded(), r = (box.height / binSize).rounded()
        guard c <= 100_000, r <= 100_000 else { throw RateMapError.invalidBins("bin size \(binSize) m gives \(c)x\(r) bins") }
        try self.init(box: box, columns: max(1, Int(c)), rows: max(1, Int(r)))
    }

    /// Bin width along x in metres.
    public var binWidth: Double { box.width / Double(columns) }
    /// Bin height along y in metres.
    public var binHeight: Double { box.height / Double(rows) }
    /// Number of bins.
    public var count: Int { rows * columns }

    /// Bin edges along x (columns + 1 values) and along y (rows + 1 values), in metres.
    public var xEdges: [Double] { (0...columns).map { box.x0 + Double($0) * binWidth } }
    /// Bin edges along y.
    public var yEdges: [Double] { (0...rows).map { box.y0 + Double($0) * binHeight } }

    /// The flat bin index iy·columns + ix of a position, or nil when it lies outside the box.
    @inline(__always)
    public func bin(x: Double, y: Double) -> Int? {
        guard x >= box.x0, x <= box.x1, y >= box.y0, y <= box.y1 else { return nil }
        let ix = min(Int(((x - box.x0) / binWidth).rounded(.down)), columns - 1)
        let iy = min(Int(((y - box.y0) / binHeight).rounded(.down)), rows - 1)
        return iy &* columns &+ ix
    }

    /// Parses `--bins 32` (32×32) or `--bins 32x44` (32 x-bins × 44 y-bins).
    public static func parseBins(_ text: String) -> (columns: Int, rows: Int)? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        let nums = parts.map { Int($0.trimmingCharacters(in: .whitespaces)) }
        switch nums.count {
        case 1: if let n = nums[0], n >= 1 { return (n, n) }
        case 2: if let a = nums[0], let b = nums[1], a >= 1, b >= 1 { return (a, b) }
        default: break
        }
        return nil
    }
}
