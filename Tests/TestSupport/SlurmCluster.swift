import Foundation

/// The one-node SLURM cluster `scripts/slurm_cluster.sh start` runs for the tests (started by `make test`).
/// Tests that need it are `.enabled(if: SlurmCluster.available, SlurmCluster.reason)`: where SLURM could not
/// start they are reported as skipped with the reason, never as passed.
public enum SlurmCluster {
    public static let directory = ProcessInfo.processInfo.environment["REPANALYZE_SLURM_DIR"] ?? "/tmp/repanalyze-slurm"

    /// Why SLURM is unavailable, or nil when `sinfo` sees an idle node.
    public static let unavailableReason: String? = {
        let conf = directory + "/slurm.conf"
        if let why = try? String(contentsOfFile: directory + "/unavailable", encoding: .utf8) {
            return "SLURM could not start: " + why.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard FileManager.default.fileExists(atPath: conf) else {
            return "no test cluster (\(conf) missing; `make test` starts one with scripts/slurm_cluster.sh start)"
        }
        guard ProcessInfo.processInfo.environment["SLURM_CONF"] == conf else {
            return "SLURM_CONF is not \(conf) (run the tests through `make test`, or export it)"
        }
        guard let r = try? run("timeout", ["10", "sinfo", "-h", "-o", "%t"]), r.status == 0,
              r.stdout.contains("idle") || r.stdout.contains("mix") || r.stdout.contains("alloc") else {
            return "sinfo does not show a usable node (see \(directory)/log/)"
        }
        return nil
    }()

    public static var available: Bool { unavailableReason == nil }

    /// Runs a SLURM client (`squeue`, `scancel`, `scontrol`) from PATH.
    public static func run(_ tool: String, _ arguments: [String]) throws -> CLIRunner.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLIRunner.Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// The states of a job's tasks as squeue shows them (empty once the job has left the queue).
    public static func states(_ job: String) -> [String] {
        ((try? run("squeue", ["-h", "-j", job, "-o", "%T"]))?.stdout ?? "").split(whereSeparator: \.isNewline).map(String.init)
    }

    /// Waits until `condition` holds, polling every 0.2 s; false on timeout.
    public static func wait(seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end { if condition() { return true }; usleep(200_000) }
        return condition()
    }
}
