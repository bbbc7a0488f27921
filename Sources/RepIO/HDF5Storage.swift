import _CHDF5

extension HDF5File {
    /// Which parts of a dataset the file really stores, and the value everything else reads as.
    struct StoredRegions {
        /// Boxes (start, count), clipped to the dataset's shape, that hold written data.
        var regions: [(start: [Int], count: [Int])]
        /// The fill value of unwritten storage (0 unless the dataset defines one).
        var fill: Double
    }

    /// The allocated chunks of a chunked dataset (HDF5 allocates none for chunks never written), or the whole
    /// dataset when it is stored contiguously and allocated; nothing when no storage was ever allocated. Lets a
    /// scan of a dataset declared terabytes large but never written finish in time ∝ what the file holds.
    func storedRegions(_ datasetPath: String) throws -> StoredRegions {
        let d = try openDataset(datasetPath)
        defer { d.close() }
        let shape = d.info.shape
        var fill = 0.0
        let plist = H5Dget_create_plist(d.dset)
        if plist >= 0 {
            defer { H5Pclose(plist) }
            var defined = H5D_FILL_VALUE_UNDEFINED
            if H5Pfill_value_defined(plist, &defined) >= 0, defined != H5D_FILL_VALUE_UNDEFINED {
                var v = 0.0
                if H5Pget_fill_value(plist, ra_native_double(), &v) >= 0 { fill = v }
            }
        }
        let whole = StoredRegions(regions: [(start: [Int](repeating: 0, count: shape.count), count: shape)], fill: fill)
        guard let chunk = d.info.chunks, !shape.isEmpty else {
            // Contiguous or compact: stored whole once anything was written.
            return H5Dget_storage_size(d.dset) == 0 && !shape.isEmpty ? StoredRegions(regions: [], fill: fill) : whole
        }
        var n: hsize_t = 0
        guard H5Dget_num_chunks(d.dset, d.space, &n) >= 0 else {
            throw HDF5Error.unreadable(file: path, reason: "the chunk index of dataset '\(d.info.path)' cannot be read: the file is truncated or corrupt")
        }
        var regions: [(start: [Int], count: [Int])] = []
        var offset = [hsize_t](repeating: 0, count: shape.count)
        for i in 0..<n {
            var mask: UInt32 = 0, addr: haddr_t = 0, size: hsize_t = 0
            guard H5Dget_chunk_info(d.dset, d.space, i, &offset, &mask, &addr, &size) >= 0 else {
                throw HDF5Error.unreadable(file: path, reason: "chunk \(i) of dataset '\(d.info.path)' cannot be located: the file is truncated or corrupt")
            }
            let start = offset.map { Int(clamping: $0) }
            // A damaged index can point outside the dataset: such a chunk holds nothing the dataset shows.
            guard zip(start, shape).allSatisfy({ $0 < $1 }) else { continue }
            let count = (0..<shape.count).map { Swift.min(chunk[$0], shape[$0] - start[$0]) }
            regions.append((start, count))
        }
        // Chunk order is the index's, not row-major: sort so the first non-finite value found is the first.
        regions.sort { $0.start.lexicographicallyPrecedes($1.start) }
        return StoredRegions(regions: regions, fill: fill)
    }
}
