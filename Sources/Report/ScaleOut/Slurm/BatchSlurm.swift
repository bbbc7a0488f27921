import Foundation

/// `batch … -o RESULTS.h5 --slurm N`: the array-job script RESULTS.sbatch (task I runs `batch --shard I/N` into
/// RESULTS.shards/), its sbatch command, and with --submit / --wait the submission, the wait and the merge.
/// Re-running submits only the shards whose outputs are missing (or stale: other inputs or settings).
public struct BatchSlurm {
    /// What `batch` was asked: its inputs, outputs, settings string and SLURM options.
    public struct Request {
        public var inputs: [String], output: String, json: String?, settings: String
        public var sbatchArgs: String?, submit: Bool, wait: Bool
        public init(inputs: [String], output: String, json: String?, settings: String, sbatchArgs: String?, submit: Bool, wait: Bool) {
            self.inputs = inputs; self.output = output; self.json = json; self.settings = settings
            self.sbatchArgs = sbatchArgs; self.submit = submit; self.wait = wait
        }
    }

    public let batch: Request
    public let tasks: Int
    /// Told each step's one line: the script written, the command to submit or merge, the job submitted.
    public let say: (String) -> Void

    public init(batch: Request, tasks: Int, say: @escaping (String) -> Void) { self.batch = batch; self.tasks = tasks; self.say = say }

    public var output: String { Shell.absolute(batch.output) }
    public var scriptPath: String { JobScript.stem(output) + ".sbatch" }
    public var shardDir: String { JobScript.stem(output) + ".shards" }
    public func shardPath(_ i: Int) -> String { (shardDir as NSString).appendingPathComponent(ShardSpec.fileName(i, of: tasks)) }
    public func logPath(_ i: Int) -> String { shardDir + "/logs/shard-\(i).log" }

    public var mergeCommand: String {
        "repanalyze merge \(Shell.quote(shardDir)) -o \(Shell.quote(output))" + (batch.json.map { " --json " + Shell.quote(Shell.absolute($0)) } ?? "")
    }

    public func script() -> JobScript {
        let forwarded = Shell.forwardedArguments(
            after: "batch", droppingValued: ["-o", "--output", "--json", "--jobs", "--slurm", "--sbatch-args", "--shard"],
            flags: ["--submit", "--wait", "--no-progress"])
        let name = (JobScript.stem(output) as NSString).lastPathComponent
        return JobScript(
            comments: [
                "Written by `repanalyze batch --slurm \(tasks)`: task I of this array analyses shard I of \(tasks) of the",
                "inputs below (split by sorted path) and writes \(shardDir)/shard-0000I-of-…h5.",
                "Edit freely: add #SBATCH lines for your cluster (--partition, --account, --time, --mem).",
                "Submit: sbatch \(Shell.quote(scriptPath))     (only some shards: sbatch --array=1,3 …)",
                "Merge:  " + mergeCommand,
                "The program must be reachable from the compute nodes at the path below.",
            ],
            directives: ["--job-name=repanalyze-\(name)", "--array=0-\(tasks - 1)", "--cpus-per-task=1",
                         "--output=\(shardDir)/logs/shard-%a.log"],
            body: [
                "set -eu",
                "cd \(Shell.quote(FileManager.default.currentDirectoryPath))",
                "I=${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: it is an array job}",
                "exec \(Shell.quote(Shell.executable)) batch \(Shell.join(forwarded)) --no-progress \\",
                "  --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --shard \"$I/\(tasks)\" \\",
                "  -o \"$(printf \(Shell.quote(shardDir + "/shard-%05d-of-" + String(format: "%05d", tasks) + ".h5")) \"$I\")\"",
            ])
    }

    public func run() throws {
        let all = try BatchInputs.expand(batch.inputs)
        guard !all.isEmpty else { throw InputError("\(batch.inputs.joined(separator: " ")): no *.h5 or *.hdf5 files found") }
        try JobScript.makeDirectory(shardDir + "/logs")
        let fresh = try script().write(to: scriptPath)
        say(fresh ? "wrote \(scriptPath)" : "keeping \(scriptPath) (yours to edit; delete it to have it written again)")
        let settings = batch.settings
        let missing = (0..<tasks).filter {
            !ShardRecord.isDone(shardPath($0), index: $0, count: tasks, settings: settings, allPaths: all)
        }
        let merge = mergeCommand
        if missing.isEmpty {
            say("all \(tasks) shards are done in \(shardDir)")
            if batch.wait { return try mergeShards() }
            say("merge them with: \(merge)")
            return
        }
        let sbatch = Sbatch(script: scriptPath, array: missing.count == tasks ? nil : missing,
                            extra: Shell.split(batch.sbatchArgs ?? ""))
        say((missing.count == tasks ? "" : "\(tasks - missing.count) of \(tasks) shards done; ") + "submit with: \(sbatch.command)")
        guard batch.submit || batch.wait else {
            say("then, when the array has finished: \(merge)")
            return
        }
        let job = try sbatch.submit(wait: batch.wait)
        say("submitted job \(job): \(missing.count) task(s), logs in \(shardDir)/logs/")
        guard batch.wait else {
            say("when it has finished: \(merge)")
            return
        }
        let failed = missing.filter {
            !ShardRecord.isDone(shardPath($0), index: $0, count: tasks, settings: settings, allPaths: all)
        }
        if !failed.isEmpty {
            let named = failed.prefix(5).map { "task \(job)_\($0) (log \(logPath($0)))" }.joined(separator: ", ")
            throw InputError("\(failed.count) of \(missing.count) task(s) failed, no shard written: \(named)\(failed.count > 5 ? ", …" : ""); fix and run this command again to resubmit only those")
        }
        try mergeShards()
    }

    public func mergeShards() throws {
        let merger = try ShardMerger(paths: (0..<tasks).map(shardPath), allowMissing: false)
        let analysed = try merger.write(to: batch.output, json: batch.json)
        say("merged \(tasks) shards: \(analysed) of \(merger.record.allPaths.count) files analysed; results in \(batch.output)" + (batch.json.map { " and \($0)" } ?? ""))
        if analysed == 0 { throw InputError("none of the \(merger.record.allPaths.count) input file(s) could be analysed (see \(shardDir)/logs/)") }
    }
}
