import Foundation
import _CHDF5

/// An open HDF5 file: the handle through which datasets, groups and attributes are read and written.
///
/// The file closes when the value is released (or at `close()`). Paths are absolute or relative to the root,
/// with `/` between groups: `"activations"`, `"/run1/rnn/h"`.
public final class HDF5File {
    /// How the file is opened.
    public enum Mode: Sendable {
        /// Read only; the file must exist.
        case readOnly
        /// Read and write an existing file.
        case readWrite
        /// Create a new file, replacing any file at that path.
        case create
    }

    /// The path given when opening, used in every message.
    public let path: String
    /// The HDF5 file id.
    let id: hid_t
    /// False once `close()` has run.
    private(set) var isOpen = true

    /// Opens or creates the file at `path`.
    public init(_ path: String, mode: Mode = .readOnly) throws {
        ra_silence_errors()
        self.path = path
        switch mode {
        case .create:
            let fid = H5Fcreate(path, ra_f_acc_trunc(), hid_t(H5P_DEFAULT), hid_t(H5P_DEFAULT))
            guard fid >= 0 else {
                throw HDF5Error.writeFailed(file: path, path: "/", reason: "cannot create the file (\(directoryProblem(path)))")
            }
            id = fid
        case .readOnly, .readWrite:
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw HDF5Error.fileNotFound(file: path)
            }
            guard !isDir.boolValue else { throw HDF5Error.unreadable(file: path, reason: "it is a directory") }
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw HDF5Error.unreadable(file: path, reason: "permission denied")
            }
            let sig = H5Fis_hdf5(path)
            guard sig > 0 else {
                throw sig == 0 ? HDF5Error.notHDF5(file: path)
                               : HDF5Error.unreadable(file: path, reason: "the file could not be opened")
            }
            let flags = mode == .readOnly ? ra_f_acc_rdonly() : ra_f_acc_rdwr()
            let fid = H5Fopen(path, flags, hid_t(H5P_DEFAULT))
            guard fid >= 0 else {
                throw HDF5Error.unreadable(file: path, reason: "the file is truncated or corrupt (HDF5 rejected its metadata)")
            }
            id = fid
            // A root group that cannot be read (damaged object header or index) would otherwise look like an
            // empty file to every command ("no dataset 'positions'"); say what is wrong instead.
            guard rootIsReadable() else {
                throw HDF5Error.unreadable(file: path, reason: "the file is damaged: its root group cannot be read (HDF5 rejected its object header or index)")
            }
        }
    }

    deinit { if isOpen { H5Fclose(id) } }

    /// Flushes and closes the file now (instead of when the value is released), reporting a failed flush.
    public func close() throws {
        guard isOpen else { return }
        isOpen = false
        guard H5Fclose(id) >= 0 else {
            throw HDF5Error.writeFailed(file: path, path: "/", reason: "closing the file failed (disk full?)")
        }
    }

    /// Writes everything buffered to disk.
    public func flush() throws {
        guard H5Fflush(id, H5F_SCOPE_GLOBAL) >= 0 else {
            throw HDF5Error.writeFailed(file: path, path: "/", reason: "flush failed (disk full?)")
        }
    }

    // MARK: - Paths and groups

    /// Normalises `"a/b"`, `"/a/b/"` to `"/a/b"`.
    public static func normalise(_ p: String) -> String {
        let parts = p.split(separator: "/", omittingEmptySubsequences: true)
        return "/" + parts.joined(separator: "/")
    }

    /// Whether a link exists at every level of `objectPath` (and resolves to an object).
    public func exists(_ objectPath: String) -> Bool {
        let p = Self.normalise(objectPath)
        if p == "/" { return true }
        var prefix = ""
        for part in p.split(separator: "/") {
            prefix += "/" + part
            guard H5Lexists(id, prefix, hid_t(H5P_DEFAULT)) > 0 else { return false }
        }
        return H5Oexists_by_name(id, p, hid_t(H5P_DEFAULT)) > 0
    }

    /// Whether `objectPath` is a group.
    public func isGroup(_ objectPath: String) -> Bool {
        guard exists(objectPath) else { return false }
        let o = H5Oopen(id, Self.normalise(objectPath), hid_t(H5P_DEFAULT))
        guard o >= 0 else { return false }
        defer { H5Oclose(o) }
        return H5Iget_type(o) == H5I_GROUP
    }

    /// Creates the group at `groupPath` and any missing parents (like `mkdir -p`).
    public func createGroup(_ groupPath: String) throws {
        let p = Self.normalise(groupPath)
        var prefix = ""
        for part in p.split(separator: "/") {
            prefix += "/" + part
            if exists(prefix) {
                guard isGroup(prefix) else {
                    throw HDF5Error.writeFailed(file: path, path: p, reason: "'\(prefix)' exists and is not a group")
                }
                continue
            }
            let g = H5Gcreate2(id, prefix, hid_t(H5P_DEFAULT), hid_t(H5P_DEFAULT), hid_t(H5P_DEFAULT))
            guard g >= 0 else { throw HDF5Error.writeFailed(file: path, path: prefix, reason: "cannot create group") }
            H5Gclose(g)
        }
    }

    /// Creates the parent groups of a dataset path.
    func createParents(of objectPath: String) throws {
        let p = Self.normalise(objectPath)
        guard let slash = p.lastIndex(of: "/"), slash != p.startIndex else { return }
        try createGroup(String(p[..<slash]))
    }

    /// The names of the links directly inside a group, in name order.
    public func children(of groupPath: String = "/") throws -> [String] {
        let p = Self.normalise(groupPath)
        guard isGroup(p) else { throw HDF5Error.objectNotFound(file: path, path: p, existing: datasetPaths()) }
        guard let names = listGroup(p) else {
            throw HDF5Error.unreadable(file: path, reason: "group '\(p)' cannot be listed (corrupt file?)")
        }
        return names
    }
}

extension HDF5File {
    /// Whether the root group opens and its index can be read (its link count, and the first link's name): cheap
    /// enough for every open, and it catches a root object header that fails its checksum or a damaged B-tree/heap.
    func rootIsReadable() -> Bool {
        let g = H5Gopen2(id, "/", hid_t(H5P_DEFAULT))
        guard g >= 0 else { return false }
        defer { H5Gclose(g) }
        var info = H5G_info_t()
        guard H5Gget_info(g, &info) >= 0 else { return false }
        return info.nlinks == 0 || H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, 0, nil, 0, hid_t(H5P_DEFAULT)) >= 0
    }
}

/// Why a file could not be created: names a missing or read-only directory.
private func directoryProblem(_ path: String) -> String {
    let dir = (path as NSString).deletingLastPathComponent
    let d = dir.isEmpty ? "." : dir
    var isDir: ObjCBool = false
    if !FileManager.default.fileExists(atPath: d, isDirectory: &isDir) || !isDir.boolValue {
        return "directory '\(d)' does not exist"
    }
    if !FileManager.default.isWritableFile(atPath: d) { return "directory '\(d)' is not writable" }
    return "HDF5 refused"
}
