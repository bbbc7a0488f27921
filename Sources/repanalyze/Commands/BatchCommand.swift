import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report

/// `repanalyze batch FILES… -o RESULTS.h5`: gridness and modules for a whole set of dumps.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Gridness and grid modules for every dump (or rate-map file) in a set of files and folders.",
        discussion: """
        Folders are searched (not recursively) for *.h5 / *.hdf5 files. Files are analysed in parallel, and the \
        units of a file in parallel when there are fewer files than --jobs; a progress bar goes to stderr. A file \
        that cannot be read or analysed is reported on stderr, recorded in the results with its error, and \
        skipped: it never stops the batch. Exit status: 0 when at least one file was analysed, 1 when none was.

        RESULTS.h5 holds `paths` and `status` (1 = analysed) for every input in order, and for input k a group \
        /inputs/<k> (k zero-padded to 5 digits) with attribute `path` and the gridness and module arrays of \
        `repanalyze gridness -o` / `repanalyze modules -o` (or attribute `error`).

        Examples:
          repanalyze batch runs/ -o results.h5 --json results.json --jobs 8
          repanalyze batch a.h5 b.h5 --bins 44 -o results.h5

        On a cluster: --shard I/N analyses shard I of N (inputs split by sorted path into N blocks; the file \
        has the layout above for its inputs, plus /shard with I, N, the settings and the full input list); \
        `repanalyze merge` joins the shards into the file one process would have written. --slurm N writes a SLURM array-job script \
        that does both (--submit runs sbatch, --wait also merges):
          repanalyze batch runs/ -o results.h5 --slurm 16 --submit
          repanalyze merge results.shards/ -o results.h5     # when the array has finished
        """)

    @Argument(help: "Dumps or rate-map files, or folders of them.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The results file to write (HDF5).", valueName: "RESULTS.h5"))
    var output: String

    @Option(help: ArgumentHelp("Also write the results as JSON to this file.", valueName: "RESULTS.json"))
    var json: String?

    @Option(help: ArgumentHelp("Threads (default: the cores this process may use: all, or its taskset/SLURM CPUs).", valueName: "N"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Dataset of rate maps in map files (dumps are recognised by their positions/activations).", valueName: "PATH"))
    var dataset: String?

    @Option(name: .customLong("nan"), help: ArgumentHelp("NaN bins in the autocorrelogram: 'zero' (the reference) or 'exclude'.", valueName: "POLICY"))
    var nanPolicy: NaNPolicy = .zeroFill
    /// --nan's spelling, as the outputs record it.
    var nan: String { nanPolicy.rawValue }

    @Flag(name: .customLong("no-progress"), help: "Do not draw the progress bar.")
    var noProgress = false

    @Option(help: ArgumentHelp("Analyse only shard I (0-based) of N; the output records I, N and the full input list for `repanalyze merge`.", valueName: "I/N"))
    var shard: ShardSpec?

    @OptionGroup(title: "SLURM (array jobs)") var slurm: SlurmBatchOptions

    @OptionGroup(title: "Activation dump") var dumpOptions: DumpOptions
    @OptionGroup(title: "Rate maps (for dumps)") var mapOptions: RateMapOptions

    mutating func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if inputs.isEmpty { throw ValidationError("give at least one file or folder") }
        if shard != nil, slurm.tasks != nil { throw ValidationError("--shard and --slurm exclude each other (--slurm writes a script whose tasks use --shard)") }
    }

    /// Every option that changes the numbers, as one string: shards to be merged must agree on it.
    var settings: String {
        let l = dumpOptions.layout, m = mapOptions
        func o<T>(_ x: T?) -> String { x.map { "\($0)" } ?? "-" }
        return "nan=\(nan) dataset=\(o(dataset)) positions=\(l.positions) activations=\(l.activations) velocities=\(l.velocities) " +
            "unit_major=\(l.unitMajor) box=\(o(m.box)) bins=\(o(m.bins)) bin_size=\(o(m.binSize)) min_occupancy=\(m.minOccupancy) " +
            "smooth=\(o(m.smooth)) speed_min=\(o(m.speedMin))"
    }

    /// One input's outcome.
    struct Outcome: Sendable {
        var path: String
        var error: String?
        var scores: [GridScores] = []
        var masks: RingMasks?
        var modules: ModuleDetection?
        var origin = ""
    }

    func run() throws {
        if let tasks = slurm.tasks {
            let request = BatchSlurm.Request(inputs: inputs, output: output, json: json, settings: settings,
                                             sbatchArgs: slurm.sbatchArgs, submit: slurm.submit, wait: slurm.wait)
            return try BatchSlurm(batch: request, tasks: tasks, say: { print($0) }).run()
        }
        let allFiles = try BatchInputs.expand(inputs)
        guard !allFiles.isEmpty else { throw InputError("\(inputs.joined(separator: " ")): no *.h5 or *.hdf5 files found") }
        let files = shard.map { $0.select(from: allFiles).map { allFiles[$0] } } ?? allFiles
        let threads = jobs ?? ParallelChunks.availableCores
        let workers = max(1, min(threads, files.count))
        let unitThreads = max(1, threads / workers)
        let progress = noProgress ? nil : ProgressBar(total: files.count, label: "files")
        let policy = nanPolicy
        let layout = dumpOptions.layout, options = mapOptions, dataset = self.dataset
        var outcomes = [Outcome?](repeating: nil, count: files.count)
        outcomes.withUnsafeMutableBufferPointer { buf in
            nonisolated(unsafe) let out = buf
            // One chunk per file, handed to whichever worker is free; each writes its own slot.
            ParallelChunks(workers: workers).run(files.count) { k in
                out[k] = Self.analyse(files[k], dataset: dataset, layout: layout, options: options, policy: policy, threads: unitThreads)
                progress?.advance()
            }
        }
        progress?.finish()
        let results = outcomes.map { $0! }
        // One input and it failed: its own message is the one line (nothing is written).
        if results.count == 1, shard == nil, let e = results[0].error { throw InputError("\(e); \(output) was not written") }
        for r in results where r.error != nil {
            FileHandle.standardError.write(Data("repanalyze: skipped \(r.path): \(r.error!)\n".utf8))
        }
        let ok = results.filter { $0.error == nil }
        // Nothing analysed: fail before writing, so an earlier good results file is not replaced by one of errors. A
        // shard still writes its results file (all entries failed): `merge` needs every shard.
        if ok.isEmpty, shard == nil { throw InputError("none of the \(files.count) input file(s) could be analysed (each one's problem is listed above); \(output) was not written") }
        try write(results, allFiles: allFiles)
        print("\(ok.count) of \(results.count) files analysed; results in \(output)" + (json.map { " and \($0)" } ?? ""))
        for r in ok {
            let above = r.scores.filter { $0.score60 > GridCriteria.gridScoreThreshold }.count
            let mods = r.modules.map { "\($0.modules.count) module(s)" + ($0.modules.isEmpty ? "" : " (periods " + $0.modules.map { String(format: "%.3f", $0.period) }.joined(separator: ", ") + " m)") } ?? ""
            print("  \(r.path): \(r.scores.count) units, \(above) with score_60 > \(GridCriteria.gridScoreThreshold), \(mods)")
        }
    }

    static func analyse(_ path: String, dataset: String?, layout: DumpLayout, options: RateMapOptions,
                        policy: NaNPolicy, threads: Int) -> Outcome {
        do {
            let input = try MapInput.load(path, dataset: dataset, dump: layout, options: options.request, strict: false)
            let scorer = GridScorer(height: input.rows, width: input.columns, nanPolicy: policy, binSize: input.binSize)
            let scores = scorer.scoreAll(maps: input.maps, units: input.units, threads: threads)
            let modules = ModuleDetection(maps: input.maps, units: input.units, rows: input.rows, columns: input.columns, binSize: input.binSize)
            return Outcome(path: path, error: nil, scores: scores, masks: scorer.masks, modules: modules, origin: input.origin)
        } catch {
            return Outcome(path: path, error: "\(error)")
        }
    }

    private func write(_ results: [Outcome], allFiles: [String]) throws {
        let outputs = OutputSet()    // -o and --json land together, or neither
        try outputs.stageHDF5(to: output) { f in
            try f.write(ShapedArray(shape: [results.count], values: results.map(\.path)), to: "paths")
            try f.write(ShapedArray(shape: [results.count], values: results.map { Int32($0.error == nil ? 1 : 0) }), to: "status")
            try f.setAttribute("nan_policy", .string(nan))
            for (k, r) in results.enumerated() {
                let g = String(format: "/inputs/%05d", k)
                try f.createGroup(g)
                try f.setAttribute("path", of: g, .string(r.path))
                if let e = r.error {
                    try f.setAttribute("error", of: g, .string(e))
                    continue
                }
                try f.setAttribute("maps", of: g, .string(r.origin))
                try GridOutputs.writeGridness(r.scores, masks: r.masks!, to: f, group: g)
                if let m = r.modules { try GridOutputs.writeModules(m, to: f, group: g + "/modules") }
            }
            if let shard {
                let record = ShardRecord(index: shard.index, count: shard.count, settings: settings, allPaths: allFiles)
                try record.write(json: try results.map { try JSONDocument.line(Self.file($0)) }, to: f)
            }
        }
        if let json {
            try JSONDocument.stage(BatchResults(files: results.map(Self.file)), to: json, in: outputs)
        }
        try outputs.commit()
    }

    /// One input's entry in RESULTS.json.
    static func file(_ r: Outcome) -> BatchResults.File {
        if let e = r.error { return BatchResults.File(path: r.path, error: e) }
        return BatchResults.File(path: r.path, scores: r.scores, masks: r.masks!, modules: r.modules)
    }
}
