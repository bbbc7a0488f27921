/// Summary numbers of a numeric dataset — count, NaN and infinity counts, min, max, mean of the finite values —
/// computed in blocks of rows so a dataset larger than memory is read with memory near one block.
public struct DatasetStatistics: Sendable, Equatable {
    public var count = 0
    public var nanCount = 0
    public var infiniteCount = 0
    public var finiteCount = 0
    public var min = Double.infinity
    public var max = -Double.infinity
    public var mean = Double.nan
    /// The row-major index of the first NaN or infinity, if any.
    public var firstNonFinite: [Int]?

    public init() {}
}

extension HDF5File {
    /// Statistics of the numeric dataset at `datasetPath`, reading about `blockBytes` of it at a time.
    public func statistics(of datasetPath: String, blockBytes: Int = 64 << 20) throws -> DatasetStatistics {
        let info = try datasetInfo(datasetPath)
        guard info.dataType.isNumeric else {
            throw HDF5Error.wrongType(file: path, path: info.path, expected: "numbers", found: info.dataType.description)
        }
        var st = DatasetStatistics()
        st.count = info.count
        guard info.count > 0 else { return st }
        var sum = 0.0
        // Scalars and 1-D datasets are read whole (as rows of one value each when 1-D).
        let rows = info.shape.first ?? 1
        let rowLength = info.shape.dropFirst().reduce(1, *)
        let rowsPerBlock = Swift.max(1, blockBytes / Swift.max(1, rowLength * 8))
        var r0 = 0
        while r0 < rows {
            let r1 = Swift.min(rows, r0 + rowsPerBlock)
            let block: [Double] = info.shape.isEmpty
                ? try read(info.path, as: Double.self).values
                : try readRows(info.path, rows: r0..<r1, as: Double.self).values
            for (k, v) in block.enumerated() {
                if v.isFinite {
                    st.finiteCount += 1
                    sum += v
                    if v < st.min { st.min = v }
                    if v > st.max { st.max = v }
                } else {
                    if v.isNaN { st.nanCount += 1 } else { st.infiniteCount += 1 }
                    if st.firstNonFinite == nil {
                        st.firstNonFinite = multiIndex(ofFlat: r0 * rowLength + k, shape: info.shape)
                    }
                }
            }
            r0 = r1
        }
        if st.finiteCount > 0 { st.mean = sum / Double(st.finiteCount) } else { st.min = .nan; st.max = .nan }
        return st
    }
}
