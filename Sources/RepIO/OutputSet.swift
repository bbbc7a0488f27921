import Foundation

/// The outputs of one command, committed together: each is written in full to a temporary file beside its target
/// as the command goes, and only `commit()` — called once everything has succeeded — renames them into place. If
/// the command fails before that (a later output cannot be written, a later step finds bad input), the temporary
/// files are removed when the set is released and every existing output is left byte-for-byte as it was: a failed
/// run never replaces a good result, not even one of several.
public final class OutputSet {
    private var staged: [(tmp: String, target: String)] = []
    private var createdDirectories: [String] = []
    private var afterCommit: [() -> Void] = []
    private var committed = false

    public init() {}

    /// Writes an output through `body`, which gets the temporary path to create; it replaces `target` at `commit()`.
    public func stage(to target: String, _ body: (String) throws -> Void) throws {
        let dir = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw AtomicOutput.Failure(path: target, reason: "directory '\(dir)' does not exist")
        }
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDir), isDir.boolValue {
            throw AtomicOutput.Failure(path: target, reason: "it is a directory")
        }
        let tmp = AtomicOutput.temporaryPath(for: target)
        do { try body(tmp) } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw error
        }
        staged.append((tmp, target))
    }

    /// Stages bytes (a JSON document, an HTML page, a PNG).
    public func stage(_ data: Data, to target: String) throws {
        try stage(to: target) { tmp in
            guard FileManager.default.createFile(atPath: tmp, contents: data) else {
                throw AtomicOutput.Failure(path: target, reason: "cannot create '\(tmp)' (directory not writable or disk full?)")
            }
        }
    }

    /// Stages a new HDF5 file that `body` fills.
    public func stageHDF5(to target: String, _ body: (HDF5File) throws -> Void) throws {
        try stage(to: target) { tmp in try AtomicOutput.createHDF5(at: tmp, body) }
    }

    /// Creates the folder `path` for outputs (with parents) unless it exists; a folder created here is removed
    /// again (when still empty) if the set is never committed.
    public func makeDirectory(_ path: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw AtomicOutput.Failure(path: path, reason: "it exists and is not a folder") }
            return
        }
        // Record every level created, outermost last, so an uncommitted set removes exactly those.
        var missing: [String] = []
        var p = URL(fileURLWithPath: path).standardizedFileURL.path
        while !p.isEmpty, p != "/", !FileManager.default.fileExists(atPath: p) {
            missing.append(p)
            p = (p as NSString).deletingLastPathComponent
        }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw AtomicOutput.Failure(path: path, reason: "cannot create the folder (\((error as NSError).localizedDescription))")
        }
        createdDirectories += missing
    }

    /// Runs `action` (e.g. writing a document to stdout) at commit, after the files are in place.
    public func onCommit(_ action: @escaping () -> Void) { afterCommit.append(action) }

    /// Renames every staged output onto its target, in the order staged.
    public func commit() throws {
        committed = true
        for (i, s) in staged.enumerated() where rename(s.tmp, s.target) != 0 {
            let reason = String(cString: strerror(errno))
            for rest in staged[i...] { try? FileManager.default.removeItem(atPath: rest.tmp) }
            throw AtomicOutput.Failure(path: s.target, reason: reason)
        }
        staged = []
        for a in afterCommit { a() }
    }

    deinit {
        guard !committed else { return }
        for s in staged { try? FileManager.default.removeItem(atPath: s.tmp) }
        for d in createdDirectories { rmdir(d) }    // only succeeds on an empty folder
    }
}
