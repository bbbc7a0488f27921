/// A point cloud: n points in R^d, row-major (point i is values[i·d ..< (i+1)·d]).
public struct PointCloud: Sendable, Equatable {
    /// Number of points n.
    public var count: Int
    /// Coordinates per point d.
    public var dimension: Int
    /// n·d coordinates, row-major.
    public var values: [Double]

    /// A cloud of `values.count / dimension` points; the count must divide.
    public init(values: [Double], dimension: Int) throws(TDAError) {
        guard dimension > 0 else { throw .shapeMismatch("points have dimension 0") }
        guard values.count % dimension == 0 else {
            throw .shapeMismatch("\(values.count) coordinates do not split into rows of \(dimension)")
        }
        self.values = values
        self.dimension = dimension
        count = values.count / dimension
    }

    /// The points at `indices`, in that order.
    public func rows(_ indices: [Int]) -> PointCloud {
        var v = [Double]()
        v.reserveCapacity(indices.count * dimension)
        for i in indices { v += values[(i * dimension)..<((i + 1) * dimension)] }
        return PointCloud(unchecked: v, dimension: dimension)
    }

    /// The coordinates at `columns` (e.g. one module's units).
    public func columns(_ columns: [Int]) throws(TDAError) -> PointCloud {
        guard !columns.isEmpty else { throw .invalidParameter("no units selected") }
        if let bad = columns.first(where: { $0 < 0 || $0 >= dimension }) {
            throw .invalidParameter("unit \(bad) does not exist (there are \(dimension) units, 0…\(dimension - 1))")
        }
        var v = [Double]()
        v.reserveCapacity(count * columns.count)
        for i in 0..<count { for c in columns { v.append(values[i * dimension + c]) } }
        return PointCloud(unchecked: v, dimension: columns.count)
    }

    init(unchecked values: [Double], dimension: Int) {
        self.values = values
        self.dimension = dimension
        count = dimension == 0 ? 0 : values.count / dimension
    }

    /// The first non-finite coordinate, if any, as (point, coordinate).
    public var firstNonFinite: (point: Int, coordinate: Int)? {
        values.firstIndex(where: { !$0.isFinite }).map { ($0 / dimension, $0 % dimension) }
    }
}
