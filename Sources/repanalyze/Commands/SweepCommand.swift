import ArgumentParser
import Foundation
import Report

/// `repanalyze sweep SWEEP.json -o SWEEP_DIR`: a grid of training runs, here or as one SLURM array.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Train a grid of configs × seeds (here, J at a time, or as one SLURM array) and tabulate the runs.",
        discussion: """
        SWEEP.json is a base config plus a grid of `--set` overrides and a list of seeds:
          {"base": "fast.json", "set": {"steps": 20000}, "grid": {"lr": [0.001, 0.0003]}, "seeds": [1, 2]}
        (base: a config file, relative to SWEEP.json, or an object of config keys; every combination of the \
        grid's values runs once per seed). SWEEP_DIR gets sweep.json (the runs), configs/NAME.json, one run \
        folder runs/NAME per point and logs/. Running the same command again trains only what is unfinished, \
        resuming runs from their checkpoints.

        With --slurm it writes SWEEP_DIR/sweep.sbatch, one array task per run, asking for SIGTERM 120 s before \
        the time limit and --requeue: on SIGTERM train writes a checkpoint and exits, and a requeued task \
        resumes from it. Edit the script to add your cluster's #SBATCH lines.

        Examples:
          repanalyze sweep lr.json -o sweeps/lr --jobs 2
          repanalyze sweep lr.json -o sweeps/lr --slurm --sbatch-args "--time=4:00:00" --submit
          repanalyze sweep sweeps/lr --summary          # table on stdout, summary.csv and summary.json
        """)

    @Argument(help: ArgumentHelp("The sweep file, or with --summary the sweep's folder.", valueName: "SWEEP.json | SWEEP_DIR"))
    var source: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The sweep's folder (created if missing).", valueName: "SWEEP_DIR"))
    var output: String?

    @Option(help: ArgumentHelp("Runs trained at the same time on this machine (each gets cores/J BLAS threads).", valueName: "J"))
    var jobs: Int = 1

    @Flag(help: "Write the runs as one SLURM array-job script (SWEEP_DIR/sweep.sbatch) instead of training here.")
    var slurm = false

    @Option(name: .customLong("sbatch-args"), parsing: .unconditional, help: ArgumentHelp("Extra sbatch options for the submission.", valueName: "\"ARGS\""))
    var sbatchArgs: String?

    @Flag(help: "With --slurm: submit the unfinished runs with sbatch.")
    var submit = false

    @Flag(help: "With --slurm: submit, and wait until every task has ended.")
    var wait = false

    @Flag(help: "Tabulate the runs of SWEEP_DIR: config, steps, final loss terms, evaluation metrics when logged.")
    var summary = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if summary, output != nil || slurm { throw ValidationError("--summary reads a sweep folder: repanalyze sweep SWEEP_DIR --summary") }
        if !summary, output == nil { throw ValidationError("give -o SWEEP_DIR (or SWEEP_DIR --summary)") }
        if !slurm, submit || wait || sbatchArgs != nil { throw ValidationError("--submit, --wait and --sbatch-args go with --slurm") }
    }

    func run() throws {
        if summary {
            let folder = SweepFolder(source), s = try SweepSummary(folder)
            try s.write(folder)
            print(s.table)
            return
        }
        let spec = try SweepSpec(file: source)
        let folder = SweepFolder(output!)
        try folder.prepare(spec)
        let todo = spec.points.enumerated().filter { !folder.progress($1.name, target: $1.config.steps).done }
        print("\(spec.points.count) runs in \(folder.path): \(spec.points.count - todo.count) done, \(todo.count) to train")
        if todo.isEmpty { return print("summary: repanalyze sweep \(Shell.quote(folder.path)) --summary") }
        if slurm { return try submitArray(folder, spec: spec, todo: todo.map(\.offset)) }
        let failed = try SweepLocal(folder: folder, jobs: jobs, say: { print($0) }).run(todo.map(\.element.name))
        if !failed.isEmpty {
            throw InputError("\(failed.count) of \(todo.count) runs failed (first: \(failed[0]), log \(folder.logPath(failed[0]))); run the same command again to resume them")
        }
        print("summary: repanalyze sweep \(Shell.quote(folder.path)) --summary")
    }

    func submitArray(_ folder: SweepFolder, spec: SweepSpec, todo: [Int]) throws {
        let names = spec.points.map(\.name)
        let slurm = SweepSlurm(folder: folder, names: names)
        print(try slurm.script().write(to: folder.scriptPath) ? "wrote \(folder.scriptPath)" : "keeping \(folder.scriptPath) (yours to edit; delete it to have it written again)")
        let sbatch = Sbatch(script: folder.scriptPath, array: todo.count == names.count ? nil : todo, extra: Shell.split(sbatchArgs ?? ""))
        print("submit with: \(sbatch.command)")
        guard submit || wait else { return }
        let job = try sbatch.submit(wait: wait)
        print("submitted job \(job): \(todo.count) task(s), logs in \(folder.sub("logs"))/")
        guard wait else { return }
        let unfinished = todo.filter { !folder.progress(names[$0], target: spec.points[$0].config.steps).done }
        if let first = unfinished.first {
            throw InputError("\(unfinished.count) of \(todo.count) runs did not finish: task \(job)_\(first) (\(names[first]), log \(slurm.logPath(first))); run the same command again to resume them")
        }
        print("all \(names.count) runs done; summary: repanalyze sweep \(Shell.quote(folder.path)) --summary")
    }
}
