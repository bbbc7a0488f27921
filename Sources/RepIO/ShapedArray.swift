/// An n-dimensional array in row-major (C) order: the shape and one contiguous Swift array of values.
///
/// This is what HDF5 datasets are read into and written from; `values[i0 * s1 * s2 + i1 * s2 + i2]` is element
/// `[i0, i1, i2]`, as in NumPy and h5py.
public struct ShapedArray<Element> {
    /// The extent of each axis; `[]` for a scalar.
    public var shape: [Int]
    /// The elements in row-major order; `values.count == shape.reduce(1, *)`.
    public var values: [Element]

    public init(shape: [Int], values: [Element]) {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == values.count,
                     "ShapedArray: \(values.count) values do not fill shape \(shape)")
        self.shape = shape
        self.values = values
    }

    /// The number of axes (0 for a scalar).
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { values.count }
}

extension ShapedArray: Equatable where Element: Equatable {}
extension ShapedArray: Sendable where Element: Sendable {}

extension ShapedArray where Element: BinaryFloatingPoint {
    /// How many values are NaN and how many are ±infinity, and the flat index of the first of either.
    public func nonFiniteSummary() -> (nan: Int, infinite: Int, firstIndex: Int?) {
        var nan = 0, inf = 0
        var first: Int?
        for (i, v) in values.enumerated() where !v.isFinite {
            if v.isNaN { nan += 1 } else { inf += 1 }
            if first == nil { first = i }
        }
        return (nan, inf, first)
    }

    /// The multi-index of flat position `flat`, for messages ("first NaN at [17, 2]").
    public func index(ofFlat flat: Int) -> [Int] { multiIndex(ofFlat: flat, shape: shape) }
}

/// The multi-index of row-major flat position `flat` in an array of `shape`.
public func multiIndex(ofFlat flat: Int, shape: [Int]) -> [Int] {
    var rest = flat
    var idx = [Int](repeating: 0, count: shape.count)
    for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
        idx[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return idx
}
