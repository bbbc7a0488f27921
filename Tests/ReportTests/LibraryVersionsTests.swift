import Report
import Testing

@Suite struct LibraryVersionsTests {
    /// Both versions are dotted numbers (HDF5 major.minor.release, FFTW 3.x.y), as provenance lines need.
    @Test func versionsAreDottedNumbers() {
        for v in [LibraryVersions.hdf5, LibraryVersions.fftw] {
            let parts = v.split(separator: ".")
            #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "\(v)")
        }
        #expect(LibraryVersions.fftw.hasPrefix("3."))
    }
}
