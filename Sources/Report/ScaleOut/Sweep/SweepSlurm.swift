import Foundation

/// A sweep as one SLURM array: task I trains run I (starting it, or resuming it from its checkpoint when the
/// task was requeued after a preemption or time limit). Asks for SIGTERM 120 s before the limit, on which
/// `train` writes a checkpoint and exits; `--requeue` lets SLURM put a preempted task back in the queue.
public struct SweepSlurm {
    public let folder: SweepFolder
    public let names: [String]

    public init(folder: SweepFolder, names: [String]) { self.folder = folder; self.names = names }

    public func script() -> JobScript {
        let exe = Shell.quote(Shell.executable)
        return JobScript(
            comments: [
                "Written by `repanalyze sweep --slurm`: task I trains run I of the sweep in \(folder.path) — a new run,",
                "or, when its folder holds a checkpoint (a requeued task), a resumed one. train writes a checkpoint and",
                "exits on SIGTERM, which SLURM sends 120 s before the time limit (--signal) and on preemption.",
                "Edit freely: add #SBATCH lines for your cluster (--partition, --account, --time, --mem).",
                "Submit: sbatch \(Shell.quote(folder.scriptPath))     (only some runs: sbatch --array=1,3 …)",
                "Summary: repanalyze sweep \(Shell.quote(folder.path)) --summary",
            ],
            directives: ["--job-name=repanalyze-sweep", "--array=0-\(names.count - 1)", "--cpus-per-task=1",
                         "--output=\(folder.sub("logs"))/task-%a.log", "--open-mode=append", "--requeue",
                         "--signal=B:TERM@120"],
            body: [
                "set -eu",
                "cd \(Shell.quote(folder.path))",
                "RUNS=(" + names.map(Shell.quote).joined(separator: " ") + ")",
                "NAME=${RUNS[${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: it is an array job}]}",
                "if [ -f \"runs/$NAME/checkpoint.h5\" ]; then",
                "  exec \(exe) train --resume \"runs/$NAME\"" + evalSuffix,
                "else",
                "  exec \(exe) train --config \"configs/$NAME.json\" -o \"runs/$NAME\" --threads \"${SLURM_CPUS_PER_TASK:-1}\"" + evalSuffix,
                "fi",
            ])
    }

    /// " --eval-every K" when the sweep asks for evaluations.
    public var evalSuffix: String { folder.evalArguments.isEmpty ? "" : " " + folder.evalArguments.joined(separator: " ") }

    public func logPath(_ task: Int) -> String { folder.sub("logs/task-\(task).log") }
}
