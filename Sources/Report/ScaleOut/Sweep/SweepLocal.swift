import Foundation

/// Trains a sweep's unfinished runs on this machine, `jobs` at a time, each as its own `repanalyze train`
/// process (its output in SWEEP_DIR/logs/NAME.log); a run with a checkpoint resumes from it.
public struct SweepLocal: Sendable {
    public let folder: SweepFolder
    public let jobs: Int

    public init(folder: SweepFolder, jobs: Int) { self.folder = folder; self.jobs = jobs }

    /// Returns the names of the runs that failed.
    public func run(_ names: [String]) throws -> [String] {
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount / jobs)
        let lock = NSLock()
        nonisolated(unsafe) var next = 0
        nonisolated(unsafe) var failed: [String] = []
        DispatchQueue.concurrentPerform(iterations: min(jobs, names.count)) { _ in
            while true {
                lock.lock(); let k = next; next += 1; lock.unlock()
                guard k < names.count else { return }
                let name = names[k]
                let status = train(name, threads: threads)
                lock.lock()
                if status == 0 { print("run \(name): done") } else {
                    failed.append(name)
                    print("run \(name): failed (exit status \(status)); log \(folder.logPath(name))")
                }
                lock.unlock()
            }
        }
        return failed
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
