/// Summary numbers of a numeric dataset — count, NaN and infinity counts, min, max, mean of the finite values —
/// computed in blocks, so a dataset larger than memory is read with memory near one block, and reading only the
/// storage the file really holds: a chunked dataset declared huge but never written (h5py allocates nothing for
/// unwritten chunks) is summarised from its allocated chunks plus the fill value, in time ∝ the file's size.
public struct DatasetStatistics: Sendable, Equatable {
    public var count = 0
    public var nanCount = 0
    public var infiniteCount = 0
    public var finiteCount = 0
    public var min = Double.infinity
    public var max = -Double.infinity
    public var mean = Double.nan
    /// The index of the first NaN or infinity among the values stored in the file, if any (unwritten chunks, which
    /// hold the fill value, are not located).
    public var firstNonFinite: [Int]?

    public init() {}

    /// Adds `n` copies of `v` (the fill value of unwritten chunks), with the running sum of finite values.
    mutating func add(_ v: Double, times n: Int, sum: inout Double) {
        guard n > 0 else { return }
        if v.isFinite {
            finiteCount += n
            sum += v * Double(n)
            if v < min { min = v }
            if v > max { max = v }
        } else if v.isNaN { nanCount += n } else { infiniteCount += n }
    }
}

extension HDF5File {
    /// Statistics of the numeric dataset at `datasetPath`, reading about `blockBytes` of it at a time.
    public func statistics(of datasetPath: String, blockBytes: Int = 64 << 20) throws -> DatasetStatistics {
        let info = try datasetInfo(datasetPath)
        guard info.dataType.isNumeric else {
            throw HDF5Error.wrongType(file: path, path: info.path, expected: "numbers", found: info.dataType.description)
        }
        // A damaged or hostile dataspace can claim more elements than an Int counts (2^62 rows × 4): bad input.
        guard let total = CheckedSize.product(info.shape) else {
            throw HDF5Error.invalidInput(file: path, path: info.path, reason: "declares shape \(shapeString(info.shape)), more elements than can be counted (damaged file?)")
        }
        var st = DatasetStatistics()
        st.count = total
        guard total > 0 else { return st }
        var sum = 0.0
        // Blocks of Doubles within both the requested block size and a fraction of the memory budget.
        let maxElements = Swift.max(1, Swift.min(blockBytes, MemoryBudget.bytes / 4) / 8)
        let storage = try storedRegions(info.path)
        var stored = 0
        for region in storage.regions {
            try forEachBlock(start: region.start, count: region.count, maxElements: maxElements) { s, c in
                let block: [Double] = info.shape.isEmpty ? try read(info.path, as: Double.self).values
                                                         : try read(info.path, start: s, count: c, as: Double.self).values
                var firstBad: Int?
                for (k, v) in block.enumerated() {
                    if v.isFinite {
                        sum += v
                        if v < st.min { st.min = v }
                        if v > st.max { st.max = v }
                    } else {
                        if v.isNaN { st.nanCount += 1 } else { st.infiniteCount += 1 }
                        if firstBad == nil { firstBad = k }
                    }
                }
                st.finiteCount += block.count - (block.filter { !$0.isFinite }.count)
                stored += block.count
                if let k = firstBad {
                    let local = multiIndex(ofFlat: k, shape: c)
                    let at = zip(s, local).map { $0 + $1 }
                    // Row-major order is lexicographic order of the index.
                    if st.firstNonFinite.map({ at.lexicographicallyPrecedes($0) }) ?? true { st.firstNonFinite = at }
                }
            }
        }
        st.add(storage.fill, times: total - stored, sum: &sum)
        if st.finiteCount > 0 { st.mean = sum / Double(st.finiteCount) } else { st.min = .nan; st.max = .nan }
        return st
    }

    /// Calls `body` with hyperslabs (start, count) that tile the box `start ..< start + count` in row-major order,
    /// each at most `maxElements` elements: whole trailing axes when they fit, else pieces of one axis.
    func forEachBlock(start: [Int], count: [Int], maxElements: Int, _ body: ([Int], [Int]) throws -> Void) throws {
        if count.isEmpty { try body([], []); return }
        if count.contains(0) { return }
        // The first axis j whose trailing axes (j+1...) fit in one block; blocks then take k indices along j.
        var j = count.count - 1, inner = 1
        while j > 0, let p = CheckedSize.product(inner, count[j]), p <= maxElements { inner = p; j -= 1 }
        let k = Swift.max(1, Swift.min(count[j], maxElements / inner))
        var index = [Int](repeating: 0, count: j)          // odometer over the axes before j
        while true {
            var a = 0
            while a < count[j] {
                var s = start, c = count
                for i in 0..<j { s[i] = start[i] + index[i]; c[i] = 1 }
                s[j] = start[j] + a
                c[j] = Swift.min(k, count[j] - a)
                try body(s, c)
                a += c[j]
            }
            var i = j - 1
            while i >= 0 {
                index[i] += 1
                if index[i] < count[i] { break }
                index[i] = 0
                i -= 1
            }
            if i < 0 { return }
        }
    }
}
