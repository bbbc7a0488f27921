import ArgumentParser
import Foundation
import RepIO
import Trainer

/// `repanalyze bench-train`: optimiser steps per second of the trainer, optionally beside JAX in the same run.
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-train",
        abstract: "Measure the trainer's optimiser steps per second (and JAX's, on the same shapes, with --jax).",
        discussion: """
        Times full optimiser steps (accumulation 2: two fresh batches, forward, losses, backward, clipping, AdamW) \
        at the paper's shapes by default, after one warm-up step, and shows where the time goes. With --jax PYTHON \
        it also runs scripts/bench_trainer_jax.py (the same step in JAX, jit on the CPU) in that interpreter, so \
        both numbers come from the same machine at the same time. Build with `swift build -c release` first.

        Example:
          .build/release/repanalyze bench-train --units 64 128 256 --steps 5 --jax .venv/bin/python
        """)

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Numbers of recurrent units N to measure.", valueName: "N"))
    var units: [Int] = [128]

    @Option(help: "MLP width H.")
    var width = 256
    @Option(help: "Batch size B (permutations).")
    var batch = 130
    @Option(help: "Sequence length T.")
    var seq = 60
    @Option(help: "Rows per block of the pairwise Gram products.")
    var rowBlock = TrainerConfig().rowBlock
    @Option(name: .customLong("set"), help: ArgumentHelp("Override one config key as `train --set` does, e.g. --set pair_fraction=0.5 (repeatable; applied after --width, --batch, --seq and --row-block; N comes from --units; --jax gets only the shape options).", valueName: "KEY=VALUE"))
    var overrides: [String] = []
    @Option(help: "Timed optimiser steps per setting (after one warm-up step).")
    var steps = 5
    @Option(help: ArgumentHelp("Threads for the trainer's chunks (default: the available cores; OpenBLAS runs on one thread inside each).", valueName: "N"))
    var threads: Int?
    @Option(help: ArgumentHelp("Python with jax installed: also time the JAX step (scripts/bench_trainer_jax.py).", valueName: "PYTHON"))
    var jax: String?
    @Option(help: ArgumentHelp("Timed steps for JAX (each takes seconds).", valueName: "K"))
    var jaxSteps = 2

    func validate() throws {
        guard !units.isEmpty, units.allSatisfy({ $0 >= 1 && $0 <= 1024 }) else { throw ValidationError("--units must be between 1 and 1024") }
        guard steps >= 1, jaxSteps >= 1, batch >= 1, seq >= 2, width >= 1 else { throw ValidationError("counts must be positive (seq ≥ 2)") }
        guard rowBlock >= 1 else { throw ValidationError("--row-block must be at least 1 (got \(rowBlock))") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
        try ConfigOverrides.check(overrides)
    }

    func run() throws {
        for n in units {
            var c = TrainerConfig()
            c.mlpWidth = width; c.batch = batch; c.seq = seq; c.rowBlock = rowBlock
            c = try ConfigOverrides.apply(overrides, to: c)
            c.hidden = n
            try c.validate(file: "command line")
            let loop = TrainingLoop(state: TrainingState(config: c), workers: threads ?? ParallelChunks.availableCores)
            _ = try loop.step()
            // With --jax the machine's load may drift while JAX runs: time ours before and after JAX and use the mean.
            let before = loop.timers
            let first = try timeSteps(loop)
            let after = loop.timers
            let per = Double(steps * c.accumulation)
            func ms(_ k: KeyPath<PhaseTimers, Double>) -> String { String(format: "%.1f", (after[keyPath: k] - before[keyPath: k]) / per * 1000) }
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let pairs = c.pairFraction < 1 ? String(format: "; pair_fraction %g: pairs of %d of %d states", c.pairFraction, c.pairSubsetCount ?? 0, c.batch * c.seq) : ""
            print(String(format: "repanalyze N=%d H=%d B=%d T=%d: %.3f steps/s (%.3f s/step; accumulation %d", n, c.mlpWidth, c.batch, c.seq, 1 / first, first, c.accumulation) + pairs + ")")
            print("  per batch (ms): MLP forward \(ms(\.mlpForward)), recurrence \(ms(\.recurrence)), pairwise losses \(ms(\.pairwise)), capacity+CI \(ms(\.otherLosses)), BPTT \(ms(\.bptt)), MLP backward \(ms(\.mlpBackward)); peak RSS \(usage.ru_maxrss / 1024) MB")
            print("  pairwise split (ms): pair counts \(ms(\.pairCounts)), Gram products \(ms(\.pairGram)), exp/mask terms \(ms(\.pairTerms)), gradient products \(ms(\.pairBackward))")
            fflushStdout()
            if let jax {
                let jaxRate = try runJAX(python: jax, units: n)
                let second = try timeSteps(loop)
                let ours = 2 / (first + second)
                print(String(format: "JAX        N=%d: %.3f steps/s; repanalyze again after JAX: %.3f steps/s  →  repanalyze (mean %.3f) / JAX = %.1f×",
                             n, jaxRate, 1 / second, ours, ours / jaxRate))
                fflushStdout()
            }
        }
    }

    /// Seconds per optimiser step over `steps` steps.
    func timeSteps(_ loop: TrainingLoop) throws -> Double {
        let t0 = Date()
        for _ in 0..<steps { _ = try loop.step() }
        return Date().timeIntervalSince(t0) / Double(steps)
    }

    /// Flushes print's buffer so progress shows when stdout is a file.
    func fflushStdout() { fflush(nil) }

    /// Runs the JAX benchmark script for one N and returns its steps per second.
    func runJAX(python: String, units n: Int) throws -> Double {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/bench_trainer_jax.py").path
        let local = FileManager.default.fileExists(atPath: "scripts/bench_trainer_jax.py") ? "scripts/bench_trainer_jax.py" : script
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [local, "--units", "\(n)", "--width", "\(width)", "--batch", "\(batch)", "--seq", "\(seq)",
                       "--steps", "\(jaxSteps)", "--json"]
        let out = Pipe()
        p.standardOutput = out
        do { try p.run() } catch { throw ValidationError("cannot run \(python): \(error.localizedDescription)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0,
              let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
              let rate = (try? JSONDecoder().decode([String: JSONValue].self, from: Data(line.utf8)))?["steps_per_second"]?.number else {
            throw ValidationError("the JAX benchmark (\(local)) failed with status \(p.terminationStatus)")
        }
        return rate
    }
}
