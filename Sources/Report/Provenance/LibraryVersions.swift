import _CFFTW
import _CHDF5

/// The versions of the C libraries repanalyze runs on, for provenance ("HDF5 1.10.8, FFTW 3.3.10").
public enum LibraryVersions {
    /// HDF5's version as the library reports it at run time.
    public static var hdf5: String {
        var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
        guard H5get_libversion(&major, &minor, &release) >= 0 else { return "unknown" }
        return "\(major).\(minor).\(release)"
    }

    /// FFTW's version string (`fftw-3.3.10-sse2-avx` → `3.3.10`).
    public static var fftw: String {
        let full = String(cString: ra_fftw_version())
        let parts = full.split(separator: "-")
        return parts.count > 1 ? String(parts[1]) : full
    }

    /// One line for report headers and logs.
    public static var summary: String { "HDF5 \(hdf5), FFTW \(fftw)" }
}
