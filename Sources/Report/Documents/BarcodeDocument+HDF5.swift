import RepIO

/// The HDF5 form of a barcode (`barcode -o`): one dataset per dimension, `dgm_0`, `dgm_1`, … [m, 2] with infinite
/// deaths as +inf, `idx_perm` with `--n-perm`, and the scalars as root attributes. The writer and the reader share
/// it; timings, warnings and cocycles are in the JSON only.
extension BarcodeDocument {
    public func write(to f: HDF5File) throws {
        for (k, bars) in dgms.enumerated() {
            try f.write(ShapedArray(shape: [bars.count, 2], values: bars.flatMap { [$0.birth, $0.death] }), to: "dgm_\(k)")
        }
        if let idxPerm {
            try f.write(ShapedArray(shape: [idxPerm.count], values: idxPerm.map(Int64.init)), to: CodingKeys.idxPerm.rawValue)
        }
        if let rCover { try f.setAttribute(CodingKeys.rCover.rawValue, .float(rCover)) }
        if let betti { try f.setAttribute(CodingKeys.betti.rawValue, .integers(betti.map(Int64.init), shape: [betti.count])) }
        if let threshold { try f.setAttribute(CodingKeys.threshold.rawValue, .float(threshold)) }
        if let t = thresholdGiven, !t.isNaN { try f.setAttribute(CodingKeys.thresholdGiven.rawValue, .float(t)) }
        for (key, value) in [(CodingKeys.coeff, coeff), (.nPoints, nPoints), (.nEdges, nEdges)] {
            if let value { try f.setAttribute(key.rawValue, .integer(Int64(value))) }
        }
        if let summary { try f.setAttribute(CodingKeys.summary.rawValue, .string(summary)) }
    }

    /// Reads what `write` wrote; errors name the file and the dataset.
    public init(hdf5 f: HDF5File) throws {
        var dgms: [[Bar]] = []
        while f.exists("dgm_\(dgms.count)") {
            let name = "dgm_\(dgms.count)"
            let v: ShapedArray<Double> = try f.read(name)
            guard v.shape.count == 2, v.shape[1] == 2 else { throw InputError("\(f.path): \(name) is not [m, 2] (shape \(v.shape))") }
            dgms.append((0..<v.shape[0]).map { Bar(birth: v.values[2 * $0], death: v.values[2 * $0 + 1]) })
        }
        guard !dgms.isEmpty else { throw InputError("\(f.path): no dgm_0 dataset (not written by `repanalyze barcode -o`)") }
        self.init(dgms: dgms)
        func attribute(_ key: CodingKeys) throws -> HDF5AttributeValue? {
            f.hasAttribute(key.rawValue) ? try f.attribute(key.rawValue) : nil
        }
        func int(_ key: CodingKeys) throws -> Int? { try attribute(key)?.doubles?.first.map { Int($0) } }
        func double(_ key: CodingKeys) throws -> Double? { try attribute(key)?.doubles?.first }
        if f.exists(CodingKeys.idxPerm.rawValue) {
            idxPerm = try f.read(CodingKeys.idxPerm.rawValue, as: Int64.self).values.map { Int($0) }
        }
        rCover = try double(.rCover)
        betti = try attribute(.betti)?.doubles?.map { Int($0) }
        threshold = try double(.threshold)
        thresholdGiven = try double(.thresholdGiven) ?? .nan
        coeff = try int(.coeff); nPoints = try int(.nPoints); nEdges = try int(.nEdges)
        summary = try attribute(.summary)?.stringValue
    }
}
