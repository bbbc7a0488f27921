import ArgumentParser

/// `batch --slurm N [--sbatch-args "…"] [--submit] [--wait]`.
struct SlurmBatchOptions: ParsableArguments {
    @Option(name: .customLong("slurm"), help: ArgumentHelp(
        "Write a SLURM array-job script of N tasks beside RESULTS.h5 (task I analyses --shard I/N into a shard folder) and print its sbatch command.",
        valueName: "N"))
    var tasks: Int?

    @Option(name: .customLong("sbatch-args"), parsing: .unconditional, help: ArgumentHelp(
        "Extra sbatch options for the submission, e.g. \"--partition=cpu --time=1:00:00\" (or add #SBATCH lines to the script).",
        valueName: "\"ARGS\""))
    var sbatchArgs: String?

    @Flag(help: "Submit the script with sbatch (only the shards whose outputs are missing).")
    var submit = false

    @Flag(help: "Submit, wait until every task has ended, then merge the shards into RESULTS.h5.")
    var wait = false

    func validate() throws {
        if let tasks, tasks < 1 { throw ValidationError("--slurm must be at least 1 (the number of array tasks)") }
        if tasks == nil, submit || wait || sbatchArgs != nil {
            throw ValidationError("--submit, --wait and --sbatch-args go with --slurm N")
        }
    }
}
