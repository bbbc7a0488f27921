import _CHDF5

/// The element type of a dataset or attribute, as users know it from NumPy (`float32`, `int64`, `bool` ...).
public enum HDF5DataType: Equatable, Sendable, CustomStringConvertible {
    /// IEEE half precision (NumPy `float16`): read as Float32 (HDF5 converts), never written.
    case float16
    case float32, float64
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    /// h5py's bool: an 8-bit enum with members FALSE = 0 and TRUE = 1.
    case bool
    /// A string, fixed length (`size` bytes) or variable length (`size == nil`).
    case string(size: Int?)
    /// Anything else (compound, other enums, references, ...), with HDF5's class name.
    case other(String)

    /// The NumPy-style name (`float32`, `|S8`-like strings are written `string[8]` / `string`).
    public var description: String {
        switch self {
        case .float16: return "float16"
        case .float32: return "float32"
        case .float64: return "float64"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .uint8: return "uint8"
        case .uint16: return "uint16"
        case .uint32: return "uint32"
        case .uint64: return "uint64"
        case .bool: return "bool"
        case .string(let size): return size.map { "string[\($0)]" } ?? "string"
        case .other(let name): return name
        }
    }

    /// Numbers (and bools) convert to any numeric Swift type on read; strings and compounds do not.
    public var isNumeric: Bool {
        switch self {
        case .string, .other: return false
        default: return true
        }
    }

    /// Floating point on disk.
    public var isFloatingPoint: Bool { self == .float16 || self == .float32 || self == .float64 }

    /// Classifies an HDF5 datatype id.
    init(typeID t: hid_t) {
        let size = H5Tget_size(t)
        switch H5Tget_class(t) {
        case H5T_FLOAT:
            self = size == 2 ? .float16 : size == 4 ? .float32 : size == 8 ? .float64 : .other("float\(size * 8)")
        case H5T_INTEGER:
            let signed = H5Tget_sign(t) == H5T_SGN_2
            switch (size, signed) {
            case (1, true): self = .int8
            case (2, true): self = .int16
            case (4, true): self = .int32
            case (8, true): self = .int64
            case (1, false): self = .uint8
            case (2, false): self = .uint16
            case (4, false): self = .uint32
            case (8, false): self = .uint64
            default: self = .other("int\(size * 8)")
            }
        case H5T_STRING:
            self = H5Tis_variable_str(t) > 0 ? .string(size: nil) : .string(size: size)
        case H5T_ENUM:
            self = HDF5DataType.isH5pyBool(t) ? .bool : .other("enum")
        case H5T_COMPOUND: self = .other("compound")
        case H5T_ARRAY: self = .other("array")
        case H5T_VLEN: self = .other("vlen")
        case H5T_REFERENCE: self = .other("reference")
        case H5T_OPAQUE: self = .other("opaque")
        case H5T_BITFIELD: self = .other("bitfield")
        default: self = .other("unknown type")
        }
    }

    /// h5py stores NumPy bools as an enum over int8 with members FALSE and TRUE.
    private static func isH5pyBool(_ t: hid_t) -> Bool {
        guard H5Tget_nmembers(t) == 2, H5Tget_size(t) == 1 else { return false }
        func name(_ i: UInt32) -> String? {
            guard let p = H5Tget_member_name(t, i) else { return nil }
            defer { H5free_memory(p) }
            return String(cString: p)
        }
        return name(0) == "FALSE" && name(1) == "TRUE"
    }
}
