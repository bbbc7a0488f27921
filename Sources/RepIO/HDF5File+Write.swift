import Foundation
import _CHDF5

extension HDF5File {
    /// Writes `array` as a dataset at `datasetPath` (parents created, an existing dataset replaced).
    ///
    /// `chunks` sets the chunk shape; `gzip` (0–9) compresses with deflate, as h5py's `compression="gzip"`, and
    /// picks chunks itself when none are given. Scalars (`shape == []`) are written contiguous.
    public func write<T: HDF5Scalar>(_ array: ShapedArray<T>, to datasetPath: String,
                                     chunks: [Int]? = nil, gzip: Int? = nil) throws {
        try writeRaw(shape: array.shape, fileType: T.fileType, memType: T.memoryType, to: datasetPath,
                     chunks: chunks, gzip: gzip) { d in
            array.values.withUnsafeBytes { buf in
                H5Dwrite(d, T.memoryType, ra_s_all(), ra_s_all(), hid_t(H5P_DEFAULT), buf.baseAddress)
            }
        }
    }

    /// Writes strings as a dataset of variable-length UTF-8 strings (h5py's default for `str`).
    public func write(_ strings: ShapedArray<String>, to datasetPath: String) throws {
        let type = H5Tcopy(ra_c_s1())
        defer { H5Tclose(type) }
        H5Tset_size(type, ra_t_variable())
        H5Tset_cset(type, H5T_CSET_UTF8)
        try writeRaw(shape: strings.shape, fileType: type, memType: type, to: datasetPath, chunks: nil, gzip: nil) { d in
            withCStringArray(strings.values) { ptrs in
                H5Dwrite(d, type, ra_s_all(), ra_s_all(), hid_t(H5P_DEFAULT), ptrs)
            }
        }
    }

    /// Deletes the link at `objectPath` if there is one (the space is reclaimed when the file is repacked).
    public func remove(_ objectPath: String) throws {
        let p = Self.normalise(objectPath)
        guard exists(p) else { return }
        guard H5Ldelete(id, p, hid_t(H5P_DEFAULT)) >= 0 else {
            throw HDF5Error.writeFailed(file: path, path: p, reason: "cannot remove (is the file open read-only?)")
        }
    }

    private func writeRaw(shape: [Int], fileType: hid_t, memType: hid_t, to datasetPath: String,
                          chunks: [Int]?, gzip: Int?, body: (hid_t) -> herr_t) throws {
        let p = Self.normalise(datasetPath)
        guard p != "/" else { throw HDF5Error.writeFailed(file: path, path: p, reason: "the root is a group; give a dataset name") }
        if let gzip, !(0...9).contains(gzip) {
            throw HDF5Error.writeFailed(file: path, path: p, reason: "gzip level \(gzip) is outside 0...9")
        }
        if let chunks {
            guard chunks.count == shape.count, !shape.isEmpty, chunks.allSatisfy({ $0 > 0 }) else {
                throw HDF5Error.writeFailed(file: path, path: p,
                                            reason: "chunk shape \(shapeString(chunks)) does not fit data of shape \(shapeString(shape))")
            }
        }
        try createParents(of: p)
        try remove(p)

        let dims = shape.map { hsize_t($0) }
        let space = shape.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dims.count), dims, nil)
        defer { H5Sclose(space) }
        let dcpl = H5Pcreate(ra_p_dataset_create())
        defer { H5Pclose(dcpl) }
        let wantChunks = chunks ?? ((gzip != nil && !shape.isEmpty) ? Self.defaultChunks(shape) : nil)
        if var c = wantChunks.map({ zip($0, shape).map { hsize_t(max(1, min($0, max($1, 1)))) } }) {
            H5Pset_chunk(dcpl, Int32(c.count), &c)
            if let gzip {
                H5Pset_shuffle(dcpl)
                H5Pset_deflate(dcpl, UInt32(gzip))
            }
        }
        let d = H5Dcreate2(id, p, fileType, space, hid_t(H5P_DEFAULT), dcpl, hid_t(H5P_DEFAULT))
        guard d >= 0 else { throw HDF5Error.writeFailed(file: path, path: p, reason: "cannot create dataset (is the file open read-only?)") }
        defer { H5Dclose(d) }
        if shape.reduce(1, *) == 0 { return }
        guard body(d) >= 0 else { throw HDF5Error.writeFailed(file: path, path: p, reason: "writing the values failed (disk full?)") }
    }

    /// Chunks of about 1 MiB of 4-byte values along the first axis, whole along the others (capped per axis),
    /// which suits reading rows in blocks.
    static func defaultChunks(_ shape: [Int]) -> [Int] {
        var chunks = shape.map { max(1, min($0, 1 << 16)) }
        let rowSize = chunks.dropFirst().reduce(1, *)
        chunks[0] = max(1, min(shape[0], (1 << 18) / max(rowSize, 1)))
        return chunks
    }
}

/// Calls `body` with a C array of NUL-terminated copies of `strings`.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafeRawPointer) -> R) -> R {
    let cstrings = strings.map { strdup($0) }
    defer { cstrings.forEach { free($0) } }
    return cstrings.withUnsafeBytes { body($0.baseAddress!) }
}
