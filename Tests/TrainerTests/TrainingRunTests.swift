import Foundation
import RepIO
import Testing
import TestSupport
@testable import Trainer

func tinyConfig() -> TrainerConfig {
    var c = TrainerConfig()
    c.hidden = 8; c.mlpWidth = 16; c.batch = 4; c.seq = 10; c.steps = 8; c.checkpointEvery = 3; c.logEvery = 1
    c.lr = 1e-3; c.seed = 5
    return c
}

@Suite struct TrainingRunTests {
    /// K steps straight and K/2 steps + resume from the checkpoint + K/2 steps give bit-identical weights,
    /// optimiser state, generator state and log lines.
    @Test func resumedRunEqualsUninterruptedRun() throws {
        let c = tinyConfig()
        try withTemporaryDirectory("trainer-straight") { tmpA in
            try withTemporaryDirectory("trainer-resumed") { tmpB in
                let dirA = tmpA.path, dirB = tmpB.path
                let a = RunDirectory(dirA), b = RunDirectory(dirB)
                let loopA = try a.start(c)
                try a.train(loopA) { _ in }

                var half = c
                half.steps = 4
                let loopB1 = try b.start(half)
                try b.train(loopB1) { _ in }
                let loopB2 = try b.resume()
                #expect(loopB2.state.step == 4)
                loopB2.setTargetSteps(c.steps)
                try b.train(loopB2) { _ in }

                #expect(loopA.state.params == loopB2.state.params)
                #expect(loopA.state.adam == loopB2.state.adam)
                #expect(loopA.state.rng == loopB2.state.rng)
                #expect(loopA.state.plateau == loopB2.state.plateau)
                func losses(_ path: String) throws -> [String] {
                    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
                        // Drop the wall-clock field, the only one allowed to differ.
                        $0.replacingOccurrences(of: #""time":[^,]*,"#, with: "", options: .regularExpression)
                    }
                }
                let logA = try losses(a.logPath), logB = try losses(b.logPath)
                #expect(logA.count == 8 && logA == logB)
                let fromDisk = try Checkpoint.read(b.checkpointPath)
                #expect(fromDisk.params == loopA.state.params && fromDisk.step == 8)
            }
        }
    }

    /// The work is cut into fixed chunks, so the number of worker threads changes nothing: a run on one thread, and
    /// one that starts on one thread and resumes on four, end with bit-identical weights. The shapes make every cut
    /// bite: several row blocks and row chunks of the pairwise pass, several column chunks of the MLP products.
    @Test func resumedOnMoreThreadsIsBitIdentical() throws {
        var c = tinyConfig()
        c.hidden = 48; c.mlpWidth = 80; c.batch = 10; c.seq = 30; c.rowBlock = 128; c.steps = 4; c.checkpointEvery = 2
        try withTemporaryRunDirectories { a, b in
            let loopA = try a.start(c, workers: 1)
            try a.train(loopA) { _ in }
            var half = c
            half.steps = 2
            try b.train(try b.start(half, workers: 1)) { _ in }
            let loopB = try b.resume(workers: 4)
            loopB.setTargetSteps(c.steps)
            try b.train(loopB) { _ in }
            #expect(loopB.state.step == 4)
            #expect(loopA.state.params == loopB.state.params)
            #expect(loopA.state.adam == loopB.state.adam)
        }
    }

    private func withTemporaryRunDirectories(_ body: (RunDirectory, RunDirectory) throws -> Void) throws {
        try withTemporaryDirectory("trainer-threads-1") { a in
            try withTemporaryDirectory("trainer-threads-4") { b in try body(RunDirectory(a.path), RunDirectory(b.path)) }
        }
    }

    /// Warm-up: step k (1-based) uses lr·k/warmup_steps until the full rate, then the schedule's rate; a resume in
    /// the middle of the warm-up continues the same ramp.
    @Test func warmupRampsTheLearningRate() throws {
        var c = tinyConfig()
        c.warmupSteps = 4; c.steps = 6
        let loop = TrainingLoop(state: TrainingState(config: c))
        var rates: [Float] = []
        for _ in 0..<6 { rates.append(try loop.step().lr) }
        #expect(rates == [c.lr * 0.25, c.lr * 0.5, c.lr * 0.75, c.lr, c.lr, c.lr])
        // Bad values name the key.
        #expect(throws: TrainerError.self) { try TrainerConfig.decode(Data(#"{"warmup_steps": -1}"#.utf8), file: "w.json") }
        do { _ = try TrainerConfig.decode(Data(#"{"warmup_steps": -1}"#.utf8), file: "w.json") } catch {
            #expect("\(error)".contains("warmup_steps") && "\(error)".contains("w.json"))
        }
    }

    /// A resume drops log lines newer than the checkpoint (as after a kill between checkpoint and log).
    @Test func resumeTruncatesLogToCheckpoint() throws {
        var c = tinyConfig()
        c.steps = 5; c.checkpointEvery = 2
        try withTemporaryDirectory("trainer-trunc") { tmp in
            let dir = RunDirectory(tmp.path)
            let loop = try dir.start(c)
            // Train 5 steps but keep the checkpoint of step 4 (rewrite it as a kill after step 4's save would).
            try dir.train(loop) { r in if r.step == 4 { try? Checkpoint.write(loop.state, to: dir.checkpointPath + ".keep") } }
            try FileManager.default.removeItem(atPath: dir.checkpointPath)
            try FileManager.default.moveItem(atPath: dir.checkpointPath + ".keep", toPath: dir.checkpointPath)
            let resumed = try dir.resume()
            #expect(resumed.state.step == 4)
            let lines = try String(contentsOfFile: dir.logPath, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 4)
        }
    }

    /// AdamW on one fixed batch drives the objective down (the optimiser and the gradient agree in sign).
    @Test func adamReducesTheLossOnAFixedBatch() throws {
        var c = tinyConfig()
        c.lr = 3e-3
        var state = TrainingState(config: c)
        let batch = TrajectoryBatch.sample(c, rng: &state.rng)
        let ws = Workspace(c)
        var grad: [Float] = []
        var losses: [Double] = []
        for _ in 0..<30 {
            let t = Objective.lossAndGradient(ws, params: state.params, batch: batch, config: c, gradient: &grad)
            losses.append(t.total)
            clipGlobalNorm(&grad, maxNorm: c.clipNorm)
            state.applyUpdate(gradient: grad, lr: c.lr)
        }
        #expect(losses[29] < 0.5 * losses[0], "loss \(losses[0]) → \(losses[29])")
    }

    /// "init": "identity" starts W(v) near the identity; the default random init does not.
    @Test func identityInitialisation() {
        var c = tinyConfig()
        c.initialization = .identity
        var rng = Xoshiro256(seed: 2)
        let p = Parameters.initial(c, rng: &rng)
        let batch = TrajectoryBatch.sample(c, rng: &rng)
        let ws = Workspace(c)
        Objective.forward(ws, params: p, batch: batch, config: c)
        let n = c.hidden
        var offDiagonal: Float = 0, diagonalError: Float = 0
        for k in 0..<c.seq {
            let w = ws.recurrentMatrix(k)
            for i in 0..<n { for j in 0..<n {
                if i == j { diagonalError = max(diagonalError, abs(w[i * n + j] - 1)) } else { offDiagonal = max(offDiagonal, abs(w[i * n + j])) }
            } }
        }
        #expect(diagonalError < 0.5 && offDiagonal < 0.5, "W(v) − I up to \(diagonalError), \(offDiagonal)")
        #expect(diagonalError + offDiagonal > 0.01, "W(v) must depend on v")
    }

    @Test func configErrorsNameTheKey() throws {
        #expect(throws: TrainerError.badConfig(file: "run.json", key: "sigma_g", reason: "must be a positive number")) {
            try TrainerConfig.decode(Data(#"{"sigma_g": -1}"#.utf8), file: "run.json")
        }
        #expect(throws: TrainerError.badConfig(file: "run.json", key: "sigmag", reason: "unknown key (run `repanalyze train --print-config` for the valid ones)")) {
            try TrainerConfig.decode(Data(#"{"sigmag": 1}"#.utf8), file: "run.json")
        }
        do {
            _ = try TrainerConfig.decode(Data(#"{"batch": "many"}"#.utf8), file: "run.json")
            Issue.record("expected a type error")
        } catch let e as TrainerError {
            #expect(e.description.hasPrefix("run.json: config key 'batch'"))
        }
        // Round trip of the defaults.
        let d = TrainerConfig()
        #expect(try TrainerConfig.decode(Data(d.jsonString().utf8), file: "x") == d)
    }

    @Test func generatorMatchesPublishedXoshiroOutput() {
        // Reference: xoshiro256** from state (1, 2, 3, 4) (the authors' C code) gives 11520, 0, 1509978240, 1215971899390074240.
        var g = Xoshiro256(words: [1, 2, 3, 4])!
        #expect([g.next(), g.next(), g.next(), g.next()] == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }
}
