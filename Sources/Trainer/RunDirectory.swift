import Foundation
import RepIO

/// A training run's folder: `checkpoint.h5` (atomic, every `checkpoint_every` steps and at the end),
/// `log.jsonl` (one JSON object per logging step: step, time, total, sep, inv, cap, ci, grad_norm, lr) and
/// `config.json` (the run's config, for reading).
public struct RunDirectory {
    /// The folder.
    public let path: String
    /// RUN_DIR/checkpoint.h5.
    public var checkpointPath: String { (path as NSString).appendingPathComponent("checkpoint.h5") }
    /// RUN_DIR/log.jsonl.
    public var logPath: String { (path as NSString).appendingPathComponent("log.jsonl") }
    /// RUN_DIR/config.json.
    public var configPath: String { (path as NSString).appendingPathComponent("config.json") }

    /// The run folder at `path` (nothing is created until `start`).
    public init(_ path: String) { self.path = path }

    /// Starts a new run in the folder (created if missing); refuses a folder that already holds a checkpoint.
    /// `initial` replaces the random initial weights (e.g. weights trained elsewhere, read with `Parameters.read`).
    public func start(_ config: TrainerConfig, initial: Parameters? = nil, workers: Int = ParallelChunks.availableCores) throws -> TrainingLoop {
        if FileManager.default.fileExists(atPath: checkpointPath) {
            throw TrainerError.badFile(file: checkpointPath, dataset: "/", reason: "the run folder already holds a run; continue it with --resume \(path) or choose another folder")
        }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw TrainerError.io(path: path, reason: "cannot create the run folder")
        }
        var state = TrainingState(config: config)
        if let initial {
            guard initial.units == config.hidden, initial.width == config.mlpWidth else {
                throw TrainerError.badConfig(file: "--init", key: "hidden", reason: "the initial weights have N = \(initial.units), H = \(initial.width) but the config says hidden \(config.hidden), mlp_width \(config.mlpWidth)")
            }
            state.params = initial
        }
        try AtomicOutput.write(Data((config.jsonString() + "\n").utf8), to: configPath)
        try AtomicOutput.write(Data(), to: logPath)
        try Checkpoint.write(state, to: checkpointPath)
        return TrainingLoop(state: state, workers: workers)
    }

    /// Reopens the run from its last checkpoint and drops log lines written after it (a killed run may have
    /// logged steps whose checkpoint never landed), so the log continues exactly.
    public func resume(workers: Int = ParallelChunks.availableCores) throws -> TrainingLoop {
        guard FileManager.default.fileExists(atPath: checkpointPath) else {
            throw TrainerError.badFile(file: checkpointPath, dataset: "/", reason: "no checkpoint to resume from (is \(path) a run folder?)")
        }
        let state = try Checkpoint.read(checkpointPath)
        // Temporary files of writes a kill interrupted (AtomicOutput names them ".NAME.tmp-PID-RANDOM").
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        where name.hasPrefix(".checkpoint.h5.tmp-") || name.hasPrefix(".log.jsonl.tmp-") {
            try? FileManager.default.removeItem(atPath: (path as NSString).appendingPathComponent(name))
        }
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let s = try? JSONDecoder().decode(TrainingLogLine.Step.self, from: Data(line.utf8)).step,
                  s <= state.step else { continue }
            kept.append(line)
        }
        try AtomicOutput.write(Data(kept.map { $0 + "\n" }.joined().utf8), to: logPath)
        return TrainingLoop(state: state, workers: workers)
    }

    /// Trains until `loop.state.step == loop.state.config.steps`, logging, checkpointing and reporting each
    /// step to `progress`. When `shouldStop` says so (checked between steps: SIGTERM, see `StopSignal`), writes a
    /// checkpoint of the current step and returns true, so `resume` continues exactly from there.
    /// `evaluate`, when given, is called every `evaluateEvery` steps (and at the last step) with the state after
    /// the step; the line it returns is appended to the log (an evaluation record: `step` plus its own keys).
    @discardableResult
    public func train(_ loop: TrainingLoop, evaluateEvery: Int = 0, evaluate: ((TrainingState) -> String)? = nil,
                      shouldStop: () -> Bool = { false }, progress: (StepRecord) -> Void) throws -> Bool {
        guard let log = FileHandle(forWritingAtPath: logPath) else {
            throw TrainerError.io(path: logPath, reason: "cannot open the log for appending")
        }
        defer { try? log.close() }
        _ = try? log.seekToEnd()
        let c = loop.state.config
        var saved = loop.state.step   // start and resume leave a checkpoint of the current step
        while loop.state.step < c.steps {
            if shouldStop() {
                if saved != loop.state.step { try Checkpoint.write(loop.state, to: checkpointPath) }
                return true
            }
            let r = try loop.step()
            if r.step % c.logEvery == 0 || r.step == c.steps {
                log.write(Data((Self.logLine(r) + "\n").utf8))
            }
            if let evaluate, evaluateEvery > 0, r.step % evaluateEvery == 0 || r.step == c.steps {
                log.write(Data((evaluate(loop.state) + "\n").utf8))
            }
            if r.step % c.checkpointEvery == 0 || r.step == c.steps {
                try Checkpoint.write(loop.state, to: checkpointPath)
                saved = r.step
            }
            progress(r)
        }
        return false
    }

    /// One log.jsonl line (non-finite numbers as null).
    public static func logLine(_ r: StepRecord) -> String { TrainingLogLine(r).text }
}
