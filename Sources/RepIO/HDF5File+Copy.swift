import Foundation
import _CHDF5

extension HDF5File {
    /// Copies the object at `source` in `other` (a group with everything below it, or a dataset; attributes,
    /// chunking and filters included, values bit for bit) to `destination` in this file, whose parent group must
    /// exist. `repanalyze merge` builds a results file from its shards' groups this way.
    public func copy(_ source: String, from other: HDF5File, to destination: String) throws {
        guard other.exists(source) else {
            throw HDF5Error.writeFailed(file: path, path: destination, reason: "\(other.path) has no \(source) to copy")
        }
        guard H5Ocopy(other.id, source, id, destination, hid_t(H5P_DEFAULT), hid_t(H5P_DEFAULT)) >= 0 else {
            throw HDF5Error.writeFailed(file: path, path: destination, reason: "copying \(source) from \(other.path) failed")
        }
    }
}
