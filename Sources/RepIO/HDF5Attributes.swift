import _CHDF5

/// The value of an HDF5 attribute: numbers (integer or floating point) or strings, scalar or array.
public enum HDF5AttributeValue: Equatable, Sendable, CustomStringConvertible {
    case integers([Int64], shape: [Int])
    case floats([Double], shape: [Int])
    case strings([String], shape: [Int])
    /// A type this reader does not decode (compound, reference ...), by name.
    case unsupported(String)

    /// A scalar string attribute.
    public static func string(_ s: String) -> HDF5AttributeValue { .strings([s], shape: []) }
    /// A scalar floating-point attribute.
    public static func float(_ x: Double) -> HDF5AttributeValue { .floats([x], shape: []) }
    /// A scalar integer attribute.
    public static func integer(_ x: Int64) -> HDF5AttributeValue { .integers([x], shape: []) }
    /// A 1-D floating-point attribute.
    public static func floats(_ xs: [Double]) -> HDF5AttributeValue { .floats(xs, shape: [xs.count]) }

    /// The numbers as Doubles (integers converted), or nil for strings.
    public var doubles: [Double]? {
        switch self {
        case .integers(let v, _): return v.map(Double.init)
        case .floats(let v, _): return v
        default: return nil
        }
    }

    /// The single string of a scalar (or one-element) string attribute.
    public var stringValue: String? {
        if case .strings(let v, _) = self, v.count == 1 { return v[0] }
        return nil
    }

    /// `1.0`, `[1.0, 1.0]`, `"text"`: how `inspect` prints it.
    public var description: String {
        func list<T>(_ v: [T], _ shape: [Int], _ f: (T) -> String) -> String {
            shape.isEmpty && v.count == 1 ? f(v[0]) : "[" + v.map(f).joined(separator: ", ") + "]"
        }
        switch self {
        case .integers(let v, let s): return list(v, s) { String($0) }
        case .floats(let v, let s): return list(v, s) { formatNumber($0) }
        case .strings(let v, let s): return list(v, s) { "\"\($0)\"" }
        case .unsupported(let t): return "<\(t)>"
        }
    }
}

/// Shortest round-trip form, with `nan`/`inf` spelled as NumPy prints them.
func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    return "\(x)"
}

extension HDF5File {
    /// The names of the attributes of a group or dataset, in name order.
    public func attributeNames(of objectPath: String = "/") throws -> [String] {
        let o = try openObject(objectPath)
        defer { H5Oclose(o) }
        var info = H5O_info_t()
        guard H5Oget_info(o, &info) >= 0 else {
            throw HDF5Error.unreadable(file: path, reason: "attributes of '\(Self.normalise(objectPath))' cannot be listed")
        }
        var names: [String] = []
        for i in 0..<info.num_attrs {
            let n = H5Aget_name_by_idx(o, ".", H5_INDEX_NAME, H5_ITER_INC, i, nil, 0, hid_t(H5P_DEFAULT))
            guard n >= 0 else { continue }
            var buf = [CChar](repeating: 0, count: Int(n) + 1)
            H5Aget_name_by_idx(o, ".", H5_INDEX_NAME, H5_ITER_INC, i, &buf, Int(n) + 1, hid_t(H5P_DEFAULT))
            names.append(String(decoding: buf.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return names
    }

    /// Whether the object has an attribute `name`.
    public func hasAttribute(_ name: String, of objectPath: String = "/") -> Bool {
        guard let o = try? openObject(objectPath) else { return false }
        defer { H5Oclose(o) }
        return H5Aexists(o, name) > 0
    }

    /// Reads attribute `name` of a group or dataset.
    public func attribute(_ name: String, of objectPath: String = "/") throws -> HDF5AttributeValue {
        let objPath = Self.normalise(objectPath)
        let o = try openObject(objPath)
        defer { H5Oclose(o) }
        guard H5Aexists(o, name) > 0 else {
            throw HDF5Error.attributeNotFound(file: path, object: objPath, name: name, existing: (try? attributeNames(of: objPath)) ?? [])
        }
        let a = H5Aopen(o, name, hid_t(H5P_DEFAULT))
        guard a >= 0 else { throw HDF5Error.unreadable(file: path, reason: "attribute '\(name)' of '\(objPath)' cannot be opened") }
        defer { H5Aclose(a) }
        let t = H5Aget_type(a), s = H5Aget_space(a)
        defer { H5Tclose(t); H5Sclose(s) }
        let rank = Int(H5Sget_simple_extent_ndims(s))
        var dims = [hsize_t](repeating: 0, count: max(rank, 1))
        if rank > 0 { H5Sget_simple_extent_dims(s, &dims, nil) }
        let shape = rank > 0 ? dims.prefix(rank).map { Int(clamping: $0) } : []   // unsigned on disk: no trap
        let fail = HDF5Error.unreadable(file: path, reason: "attribute '\(name)' of '\(objPath)' cannot be read (corrupt file?)")
        // A damaged header can give an attribute any dataspace: check the count before allocating for it.
        guard let declared = CheckedSize.product(shape) else { throw fail }
        let count = H5Sget_simple_extent_type(s) == H5S_NULL ? 0 : declared
        try MemoryBudget.check(file: path, dataset: "\(objPath)@\(name)", shape: shape, elementSize: 16, what: "reading the attribute")

        switch HDF5DataType(typeID: t) {
        case .string:
            guard let v = try readStringValues(type: t, count: count, read: { m, b in H5Aread(a, m, b) }) else { throw fail }
            return .strings(v, shape: shape)
        case .float16, .float32, .float64:
            var v = [Double](repeating: 0, count: count)
            if count > 0 { guard H5Aread(a, ra_native_double(), &v) >= 0 else { throw fail } }
            return .floats(v, shape: shape)
        case .bool:
            var v = [Bool](repeating: false, count: count)
            if count > 0 { guard H5Aread(a, Bool.memoryType, &v) >= 0 else { throw fail } }
            return .integers(v.map { $0 ? 1 : 0 }, shape: shape)
        case let dt where dt.isNumeric:
            var v = [Int64](repeating: 0, count: count)
            if count > 0 { guard H5Aread(a, ra_native_int64(), &v) >= 0 else { throw fail } }
            return .integers(v, shape: shape)
        case let other:
            return .unsupported(other.description)
        }
    }

    /// Writes (or replaces) attribute `name` of a group or dataset; strings are stored as variable-length
    /// UTF-8, as h5py stores Python `str`.
    public func setAttribute(_ name: String, of objectPath: String = "/", _ value: HDF5AttributeValue) throws {
        let objPath = Self.normalise(objectPath)
        let o = try openObject(objPath)
        defer { H5Oclose(o) }
        if H5Aexists(o, name) > 0 { H5Adelete(o, name) }
        func create(_ type: hid_t, _ shape: [Int], _ write: (hid_t) -> herr_t) throws {
            let dims = shape.map { hsize_t($0) }
            let space = shape.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dims.count), dims, nil)
            defer { H5Sclose(space) }
            let a = H5Acreate2(o, name, type, space, hid_t(H5P_DEFAULT), hid_t(H5P_DEFAULT))
            guard a >= 0 else { throw HDF5Error.writeFailed(file: path, path: "\(objPath)@\(name)", reason: "cannot create attribute") }
            defer { H5Aclose(a) }
            guard shape.reduce(1, *) == 0 || write(a) >= 0 else {
                throw HDF5Error.writeFailed(file: path, path: "\(objPath)@\(name)", reason: "cannot write attribute")
            }
        }
        switch value {
        case .integers(let v, let shape):
            try create(ra_std_i64le(), shape) { a in H5Awrite(a, ra_native_int64(), v) }
        case .floats(let v, let shape):
            try create(ra_ieee_f64le(), shape) { a in H5Awrite(a, ra_native_double(), v) }
        case .strings(let v, let shape):
            let type = H5Tcopy(ra_c_s1())
            defer { H5Tclose(type) }
            H5Tset_size(type, ra_t_variable())
            H5Tset_cset(type, H5T_CSET_UTF8)
            try create(type, shape) { a in withCStringArray(v) { H5Awrite(a, type, $0) } }
        case .unsupported(let t):
            throw HDF5Error.writeFailed(file: path, path: "\(objPath)@\(name)", reason: "cannot write an attribute of type \(t)")
        }
    }

    /// Opens any object (group or dataset) by path; the caller closes it with H5Oclose.
    func openObject(_ objectPath: String) throws -> hid_t {
        let p = Self.normalise(objectPath)
        guard exists(p) else { throw HDF5Error.objectNotFound(file: path, path: p, existing: datasetPaths()) }
        let o = H5Oopen(id, p, hid_t(H5P_DEFAULT))
        guard o >= 0 else { throw HDF5Error.unreadable(file: path, reason: "object '\(p)' cannot be opened (corrupt file?)") }
        return o
    }
}
