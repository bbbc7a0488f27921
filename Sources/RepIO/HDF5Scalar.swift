import _CHDF5

/// A Swift number type that HDF5 datasets and attributes can be read into and written from.
///
/// Reading converts between numeric types the way h5py's `astype` would (HDF5 does the conversion); a float
/// type accepts any numeric dataset, an integer type accepts only integer and bool datasets, so a float file
/// is never silently truncated to integers.
public protocol HDF5Scalar: Sendable {
    /// The in-memory HDF5 type (native byte order).
    static var memoryType: hid_t { get }
    /// The type written to files (little-endian IEEE / two's complement, as NumPy on x86 writes).
    static var fileType: hid_t { get }
    /// The NumPy name of the type written.
    static var dataType: HDF5DataType { get }
    /// Zero, to allocate buffers.
    static var zero: Self { get }
    /// The value of an h5py bool (0 or 1), so bool datasets can be read as numbers.
    static func fromBool(_ b: Bool) -> Self
}

extension HDF5Scalar {
    /// Whether a dataset of `stored` type may be read as `Self`.
    static func canRead(_ stored: HDF5DataType) -> Bool {
        guard stored.isNumeric else { return false }
        if dataType.isFloatingPoint { return true }
        return !stored.isFloatingPoint
    }
}

extension Float: HDF5Scalar {
    public static var memoryType: hid_t { ra_native_float() }
    public static var fileType: hid_t { ra_ieee_f32le() }
    public static var dataType: HDF5DataType { .float32 }
    public static var zero: Float { 0 }
    public static func fromBool(_ b: Bool) -> Float { b ? 1 : 0 }
}
extension Double: HDF5Scalar {
    public static var memoryType: hid_t { ra_native_double() }
    public static var fileType: hid_t { ra_ieee_f64le() }
    public static var dataType: HDF5DataType { .float64 }
    public static var zero: Double { 0 }
    public static func fromBool(_ b: Bool) -> Double { b ? 1 : 0 }
}
extension Int32: HDF5Scalar {
    public static var memoryType: hid_t { ra_native_int32() }
    public static var fileType: hid_t { ra_std_i32le() }
    public static var dataType: HDF5DataType { .int32 }
    public static var zero: Int32 { 0 }
    public static func fromBool(_ b: Bool) -> Int32 { b ? 1 : 0 }
}
extension Int64: HDF5Scalar {
    public static var memoryType: hid_t { ra_native_int64() }
    public static var fileType: hid_t { ra_std_i64le() }
    public static var dataType: HDF5DataType { .int64 }
    public static var zero: Int64 { 0 }
    public static func fromBool(_ b: Bool) -> Int64 { b ? 1 : 0 }
}
extension UInt8: HDF5Scalar {
    public static var memoryType: hid_t { ra_native_uint8() }
    public static var fileType: hid_t { ra_std_u8le() }
    public static var dataType: HDF5DataType { .uint8 }
    public static var zero: UInt8 { 0 }
    public static func fromBool(_ b: Bool) -> UInt8 { b ? 1 : 0 }
}

extension Bool: HDF5Scalar {
    /// h5py's bool type: an enum over int8 with FALSE = 0 and TRUE = 1, created once.
    public static var memoryType: hid_t { h5pyBoolType }
    public static var fileType: hid_t { h5pyBoolType }
    public static var dataType: HDF5DataType { .bool }
    public static var zero: Bool { false }
    public static func fromBool(_ b: Bool) -> Bool { b }
}

/// The enum type h5py uses for NumPy bools. Created once per process and never closed (HDF5 closes it at exit).
let h5pyBoolType: hid_t = {
    let t = H5Tenum_create(ra_native_int8())
    var f: Int8 = 0, tr: Int8 = 1
    H5Tenum_insert(t, "FALSE", &f)
    H5Tenum_insert(t, "TRUE", &tr)
    return t
}()
