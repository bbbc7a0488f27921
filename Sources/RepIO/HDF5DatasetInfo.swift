import _CHDF5

/// What a dataset is without reading its values: shape, element type, storage layout, compression.
public struct HDF5DatasetInfo: Equatable, Sendable {
    /// The absolute path, e.g. `/run1/activations`.
    public var path: String
    /// The extent of each axis; `[]` for a scalar.
    public var shape: [Int]
    /// The element type.
    public var dataType: HDF5DataType
    /// The chunk shape, or nil when the dataset is stored contiguously (or compact).
    public var chunks: [Int]?
    /// The gzip (deflate) level, or nil when not compressed with gzip.
    public var gzipLevel: Int?
    /// Whether the byte-shuffle filter is applied (h5py's `shuffle=True`).
    public var shuffle: Bool
    /// Other filters by HDF5 name (e.g. "szip", "lzf"); reading them needs the matching plugin.
    public var otherFilters: [String]

    /// The rank (number of axes).
    public var rank: Int { shape.count }
    /// The number of elements; Int.max when the declared shape's product overflows (a damaged or hostile
    /// dataspace can claim 2^62 rows), so size checks against `MemoryBudget` refuse it instead of trapping.
    public var count: Int { CheckedSize.product(shape) ?? Int.max }
}

/// An open dataset with its dataspace and type; closes all three ids on `close()`.
struct OpenDataset {
    let dset: hid_t
    let space: hid_t
    let type: hid_t
    let info: HDF5DatasetInfo

    func close() {
        H5Tclose(type)
        H5Sclose(space)
        H5Dclose(dset)
    }
}

extension HDF5File {
    /// Opens the dataset at `datasetPath`, or throws a message that lists the datasets that exist.
    func openDataset(_ datasetPath: String) throws -> OpenDataset {
        let p = Self.normalise(datasetPath)
        guard exists(p) else { throw HDF5Error.objectNotFound(file: path, path: p, existing: datasetPaths()) }
        let o = H5Oopen(id, p, hid_t(H5P_DEFAULT))
        guard o >= 0 else { throw HDF5Error.unreadable(file: path, reason: "object '\(p)' cannot be opened (corrupt file?)") }
        let kind = H5Iget_type(o)
        H5Oclose(o)
        guard kind == H5I_DATASET else {
            if kind == H5I_GROUP { throw HDF5Error.notADataset(file: path, path: p) }
            throw HDF5Error.unreadable(file: path, reason: "'\(p)' is neither a group nor a dataset")
        }
        let d = H5Dopen2(id, p, hid_t(H5P_DEFAULT))
        guard d >= 0 else { throw HDF5Error.unreadable(file: path, reason: "dataset '\(p)' cannot be opened (corrupt file?)") }
        let s = H5Dget_space(d)
        let t = H5Dget_type(d)
        guard s >= 0, t >= 0 else {
            if s >= 0 { H5Sclose(s) }
            if t >= 0 { H5Tclose(t) }
            H5Dclose(d)
            throw HDF5Error.unreadable(file: path, reason: "dataset '\(p)' has unreadable metadata (corrupt file?)")
        }
        let rank = Int(H5Sget_simple_extent_ndims(s))
        guard rank >= 0 else {
            H5Sclose(s); H5Tclose(t); H5Dclose(d)
            throw HDF5Error.unreadable(file: path, reason: "dataset '\(p)' has an unreadable dataspace (corrupt file?)")
        }
        var dims = [hsize_t](repeating: 0, count: max(rank, 1))
        if rank > 0 { H5Sget_simple_extent_dims(s, &dims, nil) }
        // hsize_t is unsigned: a damaged dataspace can claim extents beyond Int.max, which Int() would trap on.
        // Clamped, they are refused later by the size checks (and shown as they are clamped by `inspect`).
        let shape = rank > 0 ? dims.prefix(rank).map { Int(clamping: $0) } : []
        var info = HDF5DatasetInfo(path: p, shape: H5Sget_simple_extent_type(s) == H5S_NULL ? [0] : shape,
                                   dataType: HDF5DataType(typeID: t), chunks: nil, gzipLevel: nil,
                                   shuffle: false, otherFilters: [])
        readLayout(d, rank: rank, into: &info)
        return OpenDataset(dset: d, space: s, type: t, info: info)
    }

    /// Fills chunking and filters from the dataset-creation property list.
    private func readLayout(_ d: hid_t, rank: Int, into info: inout HDF5DatasetInfo) {
        let plist = H5Dget_create_plist(d)
        guard plist >= 0 else { return }
        defer { H5Pclose(plist) }
        if H5Pget_layout(plist) == H5D_CHUNKED, rank > 0 {
            var c = [hsize_t](repeating: 0, count: rank)
            if H5Pget_chunk(plist, Int32(rank), &c) >= 0 { info.chunks = c.map { Int(clamping: $0) } }
        }
        let n = H5Pget_nfilters(plist)
        guard n > 0 else { return }
        for i in 0..<UInt32(n) {
            var flags: UInt32 = 0
            var nelmts = 8
            var cd = [UInt32](repeating: 0, count: 8)
            var name = [CChar](repeating: 0, count: 64)
            var config: UInt32 = 0
            let f = H5Pget_filter2(plist, i, &flags, &nelmts, &cd, 64, &name, &config)
            switch f {
            case H5Z_FILTER_DEFLATE: info.gzipLevel = nelmts > 0 ? Int(cd[0]) : 0
            case H5Z_FILTER_SHUFFLE: info.shuffle = true
            case H5Z_FILTER_FLETCHER32: info.otherFilters.append("fletcher32")
            default:
                let s = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                info.otherFilters.append(s.isEmpty ? "filter \(f)" : s)
            }
        }
    }

    /// Shape, type and layout of the dataset at `datasetPath`.
    public func datasetInfo(_ datasetPath: String) throws -> HDF5DatasetInfo {
        let d = try openDataset(datasetPath)
        defer { d.close() }
        return d.info
    }
}
