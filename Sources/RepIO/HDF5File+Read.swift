import _CHDF5

extension HDF5File {
    /// Reads a whole dataset into a contiguous array, converting numbers to `T` (e.g. float64 → Float).
    public func read<T: HDF5Scalar>(_ datasetPath: String, as _: T.Type = T.self) throws -> ShapedArray<T> {
        let d = try openDataset(datasetPath)
        defer { d.close() }
        return try readSelection(d, start: [Int](repeating: 0, count: d.info.rank), count: d.info.shape, as: T.self)
    }

    /// Reads the hyperslab `start ..< start + count` (one range per axis) of a dataset.
    public func read<T: HDF5Scalar>(_ datasetPath: String, start: [Int], count: [Int],
                                    as _: T.Type = T.self) throws -> ShapedArray<T> {
        let d = try openDataset(datasetPath)
        defer { d.close() }
        return try readSelection(d, start: start, count: count, as: T.self)
    }

    /// Reads rows `rows` of a dataset along its first axis, all other axes whole; optionally only some
    /// `columns` of the last axis (in the order given). This is how a dump larger than memory is read in blocks.
    public func readRows<T: HDF5Scalar>(_ datasetPath: String, rows: Range<Int>, columns: [Int]? = nil,
                                        as _: T.Type = T.self) throws -> ShapedArray<T> {
        let d = try openDataset(datasetPath)
        defer { d.close() }
        let shape = d.info.shape
        guard !shape.isEmpty else {
            throw HDF5Error.wrongRank(file: path, path: d.info.path, expected: "at least one axis to take rows from", found: shape)
        }
        guard rows.lowerBound >= 0, rows.upperBound <= shape[0] else {
            throw HDF5Error.badSelection(file: path, path: d.info.path,
                                         reason: "rows \(rows.lowerBound)..<\(rows.upperBound) outside 0..<\(shape[0])")
        }
        var start = [Int](repeating: 0, count: shape.count)
        var count = shape
        start[0] = rows.lowerBound
        count[0] = rows.count
        guard let columns else { return try readSelection(d, start: start, count: count, as: T.self) }

        guard shape.count >= 2 else {
            throw HDF5Error.wrongRank(file: path, path: d.info.path, expected: "at least two axes to select columns", found: shape)
        }
        let width = shape[shape.count - 1]
        if let bad = columns.first(where: { $0 < 0 || $0 >= width }) {
            throw HDF5Error.badSelection(file: path, path: d.info.path, reason: "column \(bad) outside 0..<\(width)")
        }
        // HDF5 delivers a union of hyperslabs in file order, so select the sorted distinct columns as runs,
        // then reorder into the order asked for.
        let sorted = Array(Set(columns)).sorted()
        var runs: [(Int, Int)] = []
        for c in sorted {
            if let last = runs.last, last.0 + last.1 == c { runs[runs.count - 1].1 += 1 } else { runs.append((c, 1)) }
        }
        var runStarts: [[Int]] = []
        var runCounts: [[Int]] = []
        for (c0, n) in runs {
            var s = start, k = count
            s[s.count - 1] = c0
            k[k.count - 1] = n
            runStarts.append(s)
            runCounts.append(k)
        }
        var outShape = count
        outShape[outShape.count - 1] = sorted.count
        let got: ShapedArray<T> = try readUnion(d, starts: runStarts, counts: runCounts, outShape: outShape)
        if sorted == columns { return got }
        let pos = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
        let outer = got.count / max(sorted.count, 1)
        var values = [T](repeating: T.zero, count: outer * columns.count)
        for r in 0..<outer {
            for (j, c) in columns.enumerated() { values[r * columns.count + j] = got.values[r * sorted.count + pos[c]!] }
        }
        outShape[outShape.count - 1] = columns.count
        return ShapedArray(shape: outShape, values: values)
    }

    /// Reads a dataset of strings (fixed or variable length, as h5py writes them).
    public func readStrings(_ datasetPath: String) throws -> ShapedArray<String> {
        let d = try openDataset(datasetPath)
        defer { d.close() }
        guard case .string = d.info.dataType else {
            throw HDF5Error.wrongType(file: path, path: d.info.path, expected: "strings", found: d.info.dataType.description)
        }
        try MemoryBudget.check(file: path, dataset: d.info.path, shape: d.info.shape,
                               elementSize: max(H5Tget_size(d.type), MemoryLayout<String>.stride))
        let strings = try readStringValues(type: d.type, count: d.info.count) { memType, buf in
            H5Dread(d.dset, memType, ra_s_all(), ra_s_all(), hid_t(H5P_DEFAULT), buf)
        }
        guard let strings else {
            throw HDF5Error.unreadable(file: path, reason: "strings of dataset '\(d.info.path)' cannot be read (corrupt file?)")
        }
        return ShapedArray(shape: d.info.shape, values: strings)
    }

    // MARK: - Internals

    private func checkReadable<T: HDF5Scalar>(_ d: OpenDataset, as _: T.Type) throws {
        let stored = d.info.dataType
        if T.self == Bool.self ? stored != .bool : !T.canRead(stored) {
            throw HDF5Error.wrongType(file: path, path: d.info.path, expected: T.dataType.isFloatingPoint
                                      ? "numbers" : "\(T.dataType) (or another integer type)",
                                      found: stored.description)
        }
    }

    private func readSelection<T: HDF5Scalar>(_ d: OpenDataset, start: [Int], count: [Int], as _: T.Type) throws -> ShapedArray<T> {
        let shape = d.info.shape
        guard start.count == shape.count, count.count == shape.count else {
            throw HDF5Error.badSelection(file: path, path: d.info.path,
                                         reason: "selection has \(start.count) axes but the dataset has shape \(shapeString(shape))")
        }
        for a in 0..<shape.count {
            guard start[a] >= 0, count[a] >= 0, let end = CheckedSize.sum(start[a], count[a]), end <= shape[a] else {
                throw HDF5Error.badSelection(file: path, path: d.info.path,
                                             reason: "axis \(a): \(start[a]) + \(count[a]) values outside 0..<\(shape[a])")
            }
        }
        return try readUnion(d, starts: [start], counts: [count], outShape: count)
    }

    /// Reads the union of hyperslabs `starts[k] ..< starts[k] + counts[k]` into an array of `outShape`.
    private func readUnion<T: HDF5Scalar>(_ d: OpenDataset, starts: [[Int]], counts: [[Int]], outShape: [Int]) throws -> ShapedArray<T> {
        try checkReadable(d, as: T.self)
        // The one place every numeric read allocates: check the size the file asks for against the budget first.
        try MemoryBudget.check(file: path, dataset: d.info.path, shape: outShape, elementSize: MemoryLayout<T>.stride,
                               what: outShape == d.info.shape ? "reading it" : "reading \(shapeString(outShape)) of it")
        guard let n = CheckedSize.product(outShape) else {
            throw HDF5Error.badSelection(file: path, path: d.info.path, reason: "selection \(shapeString(outShape)) has more elements than can be addressed")
        }
        if n == 0 { return ShapedArray(shape: outShape, values: []) }
        let whole = starts.count == 1 && starts[0].allSatisfy { $0 == 0 } && counts[0] == d.info.shape

        var fileSpace = ra_s_all()
        var memSpace = ra_s_all()
        if !whole {
            fileSpace = H5Scopy(d.space)
            for k in starts.indices {
                let s = starts[k].map { hsize_t($0) }, c = counts[k].map { hsize_t($0) }
                H5Sselect_hyperslab(fileSpace, k == 0 ? H5S_SELECT_SET : H5S_SELECT_OR, s, nil, c, nil)
            }
            let dims = outShape.map { hsize_t($0) }
            memSpace = H5Screate_simple(Int32(dims.count), dims, nil)
        }
        defer {
            if !whole { H5Sclose(fileSpace); H5Sclose(memSpace) }
        }
        if d.info.dataType == .bool && T.self != Bool.self {
            var raw = [Bool](repeating: false, count: n)
            guard H5Dread(d.dset, Bool.memoryType, memSpace, fileSpace, hid_t(H5P_DEFAULT), &raw) >= 0 else {
                throw readFailure(d)
            }
            return ShapedArray(shape: outShape, values: raw.map(T.fromBool))
        }
        var values = [T](repeating: T.zero, count: n)
        let status = values.withUnsafeMutableBytes { buf in
            H5Dread(d.dset, T.memoryType, memSpace, fileSpace, hid_t(H5P_DEFAULT), buf.baseAddress)
        }
        guard status >= 0 else { throw readFailure(d) }
        return ShapedArray(shape: outShape, values: values)
    }

    private func readFailure(_ d: OpenDataset) -> HDF5Error {
        if !d.info.otherFilters.isEmpty {
            return .unreadable(file: path, reason: "dataset '\(d.info.path)' uses filter(s) \(d.info.otherFilters.joined(separator: ", ")) that this HDF5 build cannot decode")
        }
        return .unreadable(file: path, reason: "the data of '\(d.info.path)' cannot be read: the file is truncated or corrupt")
    }
}

/// Reads `count` strings of file type `type` through `read(memType, buffer)`, handling fixed- and
/// variable-length storage; nil when the read fails.
func readStringValues(type: hid_t, count: Int, read: (hid_t, UnsafeMutableRawPointer) -> herr_t) throws -> [String]? {
    if count == 0 { return [] }
    if H5Tis_variable_str(type) > 0 {
        let mem = H5Tcopy(ra_c_s1())
        defer { H5Tclose(mem) }
        H5Tset_size(mem, ra_t_variable())
        H5Tset_cset(mem, H5Tget_cset(type))
        var ptrs = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        let ok = ptrs.withUnsafeMutableBytes { read(mem, $0.baseAddress!) } >= 0
        defer { for p in ptrs where p != nil { H5free_memory(p) } }
        guard ok else { return nil }
        return ptrs.map { $0.map { String(cString: $0) } ?? "" }
    }
    let size = H5Tget_size(type)
    let mem = H5Tcopy(type)
    defer { H5Tclose(mem) }
    var bytes = [UInt8](repeating: 0, count: size * count)
    let ok = bytes.withUnsafeMutableBytes { read(mem, $0.baseAddress!) } >= 0
    guard ok else { return nil }
    return (0..<count).map { i in
        let slice = bytes[(i * size)..<((i + 1) * size)]
        return String(decoding: slice.prefix { $0 != 0 }, as: UTF8.self)
    }
}
