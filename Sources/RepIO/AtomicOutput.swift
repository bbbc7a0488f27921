import Foundation

/// Writes an output file so that an interrupted run never leaves a half-written result where a good one was:
/// everything goes to a temporary file beside the target, which is renamed into place only when complete.
public enum AtomicOutput {
    /// Why an output could not be written.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// A fresh temporary path in the target's directory (same file system, so the rename is atomic).
    public static func temporaryPath(for target: String) -> String {
        let url = URL(fileURLWithPath: target)
        let dir = url.deletingLastPathComponent()
        let name = ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        return dir.appendingPathComponent(name).path
    }

    /// Fails unless `target` could be written: its directory exists and it is not itself a directory. Commands call
    /// it before long computations, so a mistyped output path costs nothing.
    public static func checkTarget(_ target: String) throws {
        let dir = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw Failure(path: target, reason: "directory '\(dir)' does not exist")
        }
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDir), isDir.boolValue {
            throw Failure(path: target, reason: "it is a directory")
        }
    }

    /// Runs `body` with a temporary path to write to, then renames it onto `target`. If `body` throws, the
    /// temporary file is removed and `target` is left as it was.
    public static func write(to target: String, _ body: (String) throws -> Void) throws {
        try checkTarget(target)
        let tmp = temporaryPath(for: target)
        do {
            try body(tmp)
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw error
        }
        guard rename(tmp, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: tmp)
            throw Failure(path: target, reason: reason)
        }
    }

    /// Writes `data` (a JSON or HTML document) atomically to `target`.
    public static func write(_ data: Data, to target: String) throws {
        try write(to: target) { tmp in
            guard FileManager.default.createFile(atPath: tmp, contents: data) else {
                throw Failure(path: target, reason: "cannot create '\(tmp)' (directory not writable or disk full?)")
            }
        }
    }

    /// Creates a new HDF5 file atomically at `target`: `body` fills it, then it is closed and renamed into place.
    public static func writeHDF5(to target: String, _ body: (HDF5File) throws -> Void) throws {
        try write(to: target) { tmp in try createHDF5(at: tmp, body) }
    }

    /// Creates the HDF5 file `path`, lets `body` fill it and closes it (also when `body` throws).
    static func createHDF5(at path: String, _ body: (HDF5File) throws -> Void) throws {
        let file = try HDF5File(path, mode: .create)
        do {
            try body(file)
            try file.close()
        } catch {
            try? file.close()
            throw error
        }
    }
}
