import Foundation
import RepIO

/// Trains a sweep's unfinished runs on this machine, `jobs` at a time, each as its own `repanalyze train`
/// process (its output in SWEEP_DIR/logs/NAME.log); a run with a checkpoint resumes from it.
public struct SweepLocal: Sendable {
    public let folder: SweepFolder
    public let jobs: Int
    /// Told one line as each run ends ("run NAME: done", or failed with its log).
    public let say: @Sendable (String) -> Void

    public init(folder: SweepFolder, jobs: Int, say: @escaping @Sendable (String) -> Void) {
        self.folder = folder; self.jobs = jobs; self.say = say
    }

    /// Returns the names of the runs that failed, in the order given.
    public func run(_ names: [String]) throws -> [String] {
        let threads = max(1, ParallelChunks.availableCores / jobs)
        var status = [Int32](repeating: 0, count: names.count)
        status.withUnsafeMutableBufferPointer { buf in
            nonisolated(unsafe) let out = buf
            // One chunk per run, handed to whichever of the `jobs` workers is free.
            ParallelChunks(workers: jobs).run(names.count) { k in
                out[k] = train(names[k], threads: threads)
                say(out[k] == 0 ? "run \(names[k]): done" : "run \(names[k]): failed (exit status \(out[k])); log \(folder.logPath(names[k]))")
            }
        }
        return names.indices.filter { status[$0] != 0 }.map { names[$0] }
    }

    private func train(_ name: String, threads: Int) -> Int32 {
        let log = folder.logPath(name)
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        guard let out = FileHandle(forWritingAtPath: log) else { return -1 }
        defer { try? out.close() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Shell.executable)
        p.arguments = folder.trainArguments(name, threads: threads)
        p.standardOutput = out
        p.standardError = out
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
