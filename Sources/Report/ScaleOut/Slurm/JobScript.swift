import Foundation
import RepAnalysis
import RepIO


/// An array-job script as repanalyze writes it: comments that explain it, `#SBATCH` lines, a bash body.
/// Users edit it (partition, account, time limit); an existing script is therefore kept, not overwritten.
public struct JobScript {
    public var comments: [String]
    public var directives: [String]
    public var body: [String]

    public var text: String {
        (["#!/bin/bash"] + comments.map { "# " + $0 } + directives.map { "#SBATCH " + $0 } + [""] + body)
            .joined(separator: "\n") + "\n"
    }

    /// Writes the script (atomically, executable) unless one is there; returns false when kept.
    @discardableResult
    public func write(to path: String) throws -> Bool {
        if FileManager.default.fileExists(atPath: path) { return false }
        try AtomicOutput.write(Data(text.utf8), to: path)
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return true
    }

    /// `path` without its extension: `out/results.h5` → `out/results`.
    public static func stem(_ path: String) -> String { (path as NSString).deletingPathExtension }

    public static func makeDirectory(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw InputError("\(path): cannot create the folder (\(error.localizedDescription))")
        }
    }
}
