import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report
import Trainer

/// `repanalyze train`: trains the self-supervised grid-cell RNN (Schaeffer, Khona et al., NeurIPS 2023).
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the self-supervised grid-cell RNN of Schaeffer, Khona et al. (NeurIPS 2023).",
        discussion: """
        Every hyper-parameter has the paper's value by default and is a key of a JSON config (print them with \
        --print-config, edit, pass with --config). The run folder gets checkpoint.h5 (weights, AdamW moments, \
        step, generator state, config; replaced atomically every `checkpoint_every` steps), log.jsonl (one line \
        per `log_every` steps: step, time, total, sep, inv, cap, ci, grad_norm, lr) and config.json. \
        A run killed at any moment continues exactly from its last checkpoint with --resume: the resumed run \
        draws the same batches and reaches the same weights as one that was never interrupted. On SIGTERM (a \
        SLURM time limit, preemption or `scancel --signal=TERM`) the run writes a checkpoint of the current step \
        and exits with status 143, so a requeued task resumes exactly.

        Examples:
          repanalyze train --print-config > run.json
          repanalyze train --config run.json --steps 20000 --seed 1 -o runs/a
          repanalyze train --resume runs/a --steps 40000
          repanalyze train --config examples/trainer/fast.json -o runs/fast
          repanalyze train --ablation no-capacity --steps 5000 -o runs/nocap
          repanalyze train --set lr=1e-3 --set batch=64 --set seq=40 -o runs/b
          repanalyze train --set pair_fraction=0.5 -o runs/c   (pair terms on half the states: an estimate, faster)
        """)

    @Option(help: ArgumentHelp("JSON file of hyper-parameters; missing keys take the paper's defaults.", valueName: "run.json"))
    var config: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override one config key, e.g. --set lr=1e-3 --set reduction=sum (repeatable; keys as in --print-config).", valueName: "KEY=VALUE"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Total optimiser steps of the run (overrides the config's `steps`).", valueName: "K"))
    var steps: Int?

    @Option(help: ArgumentHelp("Seed of initial weights and batches (overrides the config's `seed`).", valueName: "S"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Switch on one of the paper's ablations.", valueName: "NAME"))
    var ablation: TrainerConfig.Ablation?

    @Option(name: .shortAndLong, help: ArgumentHelp("Run folder for checkpoint.h5, log.jsonl and config.json (created if missing).", valueName: "RUN_DIR"))
    var output: String?

    @Option(help: ArgumentHelp("Start from the weights in /params of this HDF5 file (a checkpoint, or weights exported from your own code in the reference layout) instead of a random initialisation; hidden and mlp_width are taken from it.", valueName: "WEIGHTS.h5"))
    var initWeights: String?

    @Option(help: ArgumentHelp("Continue the run in RUN_DIR from its last checkpoint.", valueName: "RUN_DIR"))
    var resume: String?

    @Flag(help: "Print the config (defaults, or --config with the flags applied) as JSON and exit.")
    var printConfig = false

    @Option(help: ArgumentHelp("Threads for the products, the pairwise losses and the recurrence; default: the available cores. The work is cut into fixed chunks, so the weights are bit-identical for any count (a run may resume on another machine).", valueName: "N"))
    var threads: Int?

    @Option(help: ArgumentHelp("Every K steps (and at the end), roll the network out on 20 batches like the training ones (20 permutations of a 40-step sequence each) and one long rat-like walk in a 2 m box and log to log.jsonl a line with \"kind\": \"eval\": the fraction of units with score_60 > 0.3, max and median score_60, modules and their periods and ratio, how spatial the code is (spatial_ratio: state distance within 5 cm over all pairs), and every 5th time the largest module's Betti numbers. Off by default; allowed with --resume.", valueName: "K"))
    var evalEvery: Int?

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    func validate() throws {
        if !printConfig {
            guard (output == nil) != (resume == nil) else {
                throw ValidationError("give either -o RUN_DIR (a new run) or --resume RUN_DIR (continue one)")
            }
        }
        if resume != nil, config != nil || seed != nil || ablation != nil || !overrides.isEmpty || initWeights != nil {
            throw ValidationError("--resume continues with the run's own config; --config, --set, --seed, --ablation and --init-weights apply to new runs only")
        }
        try ConfigOverrides.check(overrides)
        if let steps, steps < 0 { throw ValidationError("--steps must be ≥ 0") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let evalEvery, evalEvery < 1 { throw ValidationError("--eval-every must be at least 1 (steps between evaluations), got \(evalEvery)") }
    }

    /// The config from --config (if any) with --set, --steps, --seed and --ablation applied, in that order.
    func makeConfig() throws -> TrainerConfig {
        var c = TrainerConfig()
        if let config {
            guard let data = FileManager.default.contents(atPath: config) else {
                throw TrainerError.badConfig(file: config, key: "", reason: "cannot read the config file (missing or unreadable)")
            }
            c = try TrainerConfig.decode(data, file: config)
        }
        c = try ConfigOverrides.apply(overrides, to: c)
        if let steps { c.steps = steps }
        if let seed { c.seed = seed }
        if let ablation { c = c.applying(ablation) }
        try c.validate(file: config ?? "command line")
        return c
    }

    func run() throws {
        if printConfig {
            print(try makeConfig().jsonString())
            return
        }
        let workers = threads ?? ParallelChunks.availableCores
        let loop: TrainingLoop
        let dir: RunDirectory
        if let resume {
            dir = RunDirectory(resume)
            loop = try dir.resume(workers: workers)
            if let steps { loop.setTargetSteps(steps) }
        } else {
            dir = RunDirectory(output ?? "run")
            var config = try makeConfig()
            var initial: Parameters? = nil
            if let initWeights {
                let p = try Parameters.read(from: try HDF5File(initWeights))
                config.hidden = p.units
                config.mlpWidth = p.width
                try config.validate(file: initWeights)
                initial = p
            }
            loop = try dir.start(config, initial: initial, workers: workers)
        }
        let target = loop.state.config.steps
        let first = loop.state.step
        let progress = ProgressLine(enabled: !quiet, total: target, first: first)
        var evaluation = TrainingEvaluation()
        StopSignal.install()
        let stopped = try dir.train(loop, evaluateEvery: evalEvery ?? 0, evaluate: evalEvery == nil ? nil : { evaluation.line($0) },
                                    shouldStop: { StopSignal.requested }) { progress.update($0) }
        progress.finish()
        if stopped {
            FileHandle.standardError.write(Data("repanalyze: stopped by SIGTERM at step \(loop.state.step) of \(target); checkpoint \(dir.checkpointPath) written; continue with: repanalyze train --resume \(dir.path)\n".utf8))
            throw ExitCode(143)
        }
        if !quiet {
            FileHandle.standardError.write(Data("trained to step \(loop.state.step); checkpoint \(dir.checkpointPath), log \(dir.logPath)\n".utf8))
        }
    }
}

/// The progress line on stderr: step, steps/s, ETA and the loss terms; redrawn in place on a terminal,
/// one line every few seconds otherwise (logs, CI).
final class ProgressLine {
    let enabled: Bool, total: Int, first: Int
    let start = Date()
    var lastDraw = Date.distantPast
    let tty = isatty(2) != 0

    init(enabled: Bool, total: Int, first: Int) { self.enabled = enabled; self.total = total; self.first = first }

    func update(_ r: StepRecord) {
        guard enabled else { return }
        let now = Date()
        let interval = tty ? 0.2 : 5.0
        guard now.timeIntervalSince(lastDraw) >= interval || r.step == total else { return }
        lastDraw = now
        let rate = Double(r.step - first) / max(now.timeIntervalSince(start), 1e-9)
        let eta = rate > 0 ? Double(total - r.step) / rate : .infinity
        let t = r.terms
        let line = String(format: "step %d/%d  %.2f steps/s  ETA %@  total %.5g  sep %.4g  inv %.4g  cap %.4g  ci %.4g  iso %.4g  |g| %.3g  lr %.2g",
                          r.step, total, rate, Self.duration(eta), t.total, t.sep, t.inv, t.cap, t.ci, t.iso, r.gradNorm, Double(r.lr))
        FileHandle.standardError.write(Data((tty ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    func finish() { if enabled, tty { FileHandle.standardError.write(Data("\n".utf8)) } }

    static func duration(_ s: Double) -> String {
        guard s.isFinite else { return "?" }
        let x = Int(s)
        if x >= 86400 { return "\(x / 86400)d\((x % 86400) / 3600)h" }
        if x >= 3600 { return "\(x / 3600)h\((x % 3600) / 60)m" }
        if x >= 60 { return "\(x / 60)m\(x % 60)s" }
        return "\(x)s"
    }
}
