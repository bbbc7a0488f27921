import Foundation
import RepAnalysis
import RepIO
import Testing
import TestSupport

/// Tiny sweep files and helpers shared by the local and the SLURM sweep tests.
enum SweepFixtures {
    static let base = #"{"hidden": 8, "mlp_width": 16, "batch": 4, "seq": 10, "checkpoint_every": 50, "log_every": 5}"#

    /// A sweep of 2 configs (two learning rates) × 1 seed, `steps` steps each.
    static func write(in dir: URL, steps: Int = 20, grid: String = #"{"lr": [0.001, 0.002]}"#) throws -> String {
        let p = dir.appendingPathComponent("sweep.json").path
        try #"{"base": \#(base), "set": {"steps": \#(steps)}, "grid": \#(grid), "seeds": [3]}"#.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    static func params(_ checkpoint: String) throws -> [ShapedArray<Float>] {
        let f = try HDF5File(checkpoint)
        return try ["W0", "b0", "W1", "b1", "W2", "b2", "g0_raw"].map { try f.read("/params/\($0)") }
    }
}

/// `sweep` on this machine, `sweep --summary`, and `train` stopping cleanly on SIGTERM.
@Suite struct SweepCLITests {
    @Test func localSweepTrainsEveryPointAndSummarises() throws {
        try withTemporaryDirectory("sweep-local") { dir in
            let spec = try SweepFixtures.write(in: dir), out = dir.appendingPathComponent("sw").path
            let r = try CLIRunner.run(["sweep", spec, "-o", out, "--jobs", "2"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("2 runs in") && r.stdout.contains("0 done, 2 to train"))
            let names = try FileManager.default.contentsOfDirectory(atPath: out + "/runs").sorted()
            #expect(names == ["000_lr=0.001_seed=3", "001_lr=0.002_seed=3"])
            // Each run equals `train` with the same config by hand.
            let byHand = dir.appendingPathComponent("byhand").path
            #expect(try CLIRunner.run(["train", "--config", out + "/configs/\(names[1]).json", "-o", byHand, "--quiet", "--threads", "1"]).status == 0)
            #expect(try SweepFixtures.params(out + "/runs/\(names[1])/checkpoint.h5") == SweepFixtures.params(byHand + "/checkpoint.h5"))
            // An evaluation record in a log is passed through to the summary.
            let log = out + "/runs/\(names[0])/log.jsonl"
            try (try String(contentsOfFile: log, encoding: .utf8) + #"{"step": 20, "score_60_max": 0.25, "grid_units": 3}"# + "\n").write(toFile: log, atomically: true, encoding: .utf8)
            let s = try CLIRunner.run(["sweep", out, "--summary"])
            #expect(s.status == 0, "\(s.stderr)")
            let csv = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8).split(separator: "\n")
            #expect(csv.count == 3)
            #expect(csv[0] == "run,lr,seed,steps,target_steps,final_total,final_sep,final_inv,final_cap,final_ci,final_iso,final_grad_norm,final_lr,eval_step,grid_units,score_60_max")
            #expect(csv[1].hasPrefix("000_lr=0.001_seed=3,0.001,3,20,20,") && csv[1].hasSuffix(",20,3,0.25"))
            #expect(csv[2].hasPrefix("001_lr=0.002_seed=3,0.002,3,20,20,") && csv[2].hasSuffix(",,,"))
            let doc = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
            let rows = try #require(doc["rows"] as? [[String: Any]])
            #expect(rows.count == 2 && rows[1]["final_total"] is Double && rows[0]["score_60_max"] as? Double == 0.25)
            // The report shows the table.
            let page = dir.appendingPathComponent("report.html").path
            let rep = try CLIRunner.run(["report", ShardFixtures.folder.path + "/d1.h5", "--sweep", out, "--no-topology", "-o", page])
            #expect(rep.status == 0, "\(rep.stderr)")
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.contains("<section id=\"sweep\">") && html.contains("001_lr=0.002_seed=3") && html.contains("score_60_max"))
            // Nothing left to do on a second run; a different sweep in the same folder is refused.
            let again = try CLIRunner.run(["sweep", spec, "-o", out])
            #expect(again.status == 0 && again.stdout.contains("2 done, 0 to train"))
            try withTemporaryDirectory("sweep-other") { otherDir in
                let other = try SweepFixtures.write(in: otherDir, grid: #"{"lr": [0.001, 0.002, 0.003]}"#)
                let refused = try CLIRunner.run(["sweep", other, "-o", out])
                #expect(refused.status == 1 && refused.stderr.contains("holds another sweep"), "\(refused.stderr)")
            }
        }
    }

    @Test func exampleSweepPreparesEightRunsAndAScript() throws {
        try withTemporaryDirectory("sweep-example") { tmp in
            let out = tmp.appendingPathComponent("inv").path
            let r = try CLIRunner.run(["sweep", "examples/trainer/sweep-invariance.json", "-o", out, "--slurm", "--sbatch-args", "--time=2:00:00 --partition=cpu"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("8 runs in") && r.stdout.contains("submit with: sbatch --time=2:00:00 --partition=cpu \(out)/sweep.sbatch"), "\(r.stdout)")
            #expect(try String(contentsOfFile: out + "/sweep.sbatch", encoding: .utf8).contains("#SBATCH --array=0-7"))
            let config = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: out + "/configs/007_l_inv=1_lr=0.0003_seed=2.json"))) as? [String: Any])
            #expect(config["l_inv"] as? Double == 1 && config["lr"] as? Double == 0.0003 && config["seed"] as? Int == 2)
            #expect(config["steps"] as? Int == 20000 && config["hidden"] as? Int == 128 && config["warmup_steps"] as? Int == 2000)
        }
    }

    @Test func badSweepFilesNameTheFile() throws {
        try withTemporaryDirectory("sweep-bad") { dir in
            for (text, needle) in [("{ nope", "not a JSON object"), (#"{"grid": {"lr": 0.1}}"#, "'grid' must map"),
                                   (#"{"grid": {"no_such_key": [1]}}"#, "no_such_key"), (#"{"grids": {}}"#, "unknown key 'grids'")] {
                let p = dir.appendingPathComponent("s.json").path
                try text.write(toFile: p, atomically: true, encoding: .utf8)
                let r = try CLIRunner.run(["sweep", p, "-o", dir.appendingPathComponent("o").path])
                #expect(r.status == 1 && r.stderr.contains(p) && r.stderr.contains(needle), "\(text): \(r.stderr)")
            }
            #expect(try CLIRunner.run(["sweep", "x.json"]).status == 2)
            #expect(try CLIRunner.run(["sweep", "x.json", "-o", "d", "--submit"]).status == 2)
            #expect(try CLIRunner.run(["sweep", "x.json", "-o", "d", "--jobs", "0"]).status == 2)
        }
    }

    @Test func sigtermWritesACheckpointAndResumeIsExact() throws {
        try withTemporaryDirectory("train-term") { dir in
            let cfg = dir.appendingPathComponent("run.json").path
            try #"{"hidden": 8, "mlp_width": 16, "batch": 4, "seq": 10, "checkpoint_every": 1000, "log_every": 5, "seed": 5}"#.write(toFile: cfg, atomically: true, encoding: .utf8)
            let steps = "4000", stopped = dir.appendingPathComponent("stopped").path, straight = dir.appendingPathComponent("straight").path
            let p = Process()
            p.executableURL = CLIRunner.executable
            p.arguments = ["train", "--config", cfg, "--steps", steps, "-o", stopped, "--quiet", "--threads", "1"]
            let err = Pipe()
            p.standardError = err
            try p.run()
            _ = SlurmCluster.wait(seconds: 20) { ((try? String(contentsOfFile: stopped + "/log.jsonl", encoding: .utf8)) ?? "").split(separator: "\n").count >= 4 }
            kill(p.processIdentifier, SIGTERM)
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 143 && message.contains("stopped by SIGTERM at step"), "\(message)")
            let step = try HDF5File(stopped + "/checkpoint.h5").attribute("step").doubles?.first ?? -1
            #expect(step >= 20 && step < 4000 && step.truncatingRemainder(dividingBy: 1000) != 0, "checkpoint at step \(step): not written on SIGTERM")
            #expect(try CLIRunner.run(["train", "--resume", stopped, "--quiet"]).status == 0)
            #expect(try CLIRunner.run(["train", "--config", cfg, "--steps", steps, "-o", straight, "--quiet", "--threads", "1"]).status == 0)
            #expect(try SweepFixtures.params(stopped + "/checkpoint.h5") == SweepFixtures.params(straight + "/checkpoint.h5"))
        }
    }
}

/// `eval_every` in SWEEP.json: every run is trained with `--eval-every`, and the summary carries the evaluation.
@Suite struct SweepEvaluationCLITests {
    @Test func sweepRunsAreEvaluated() throws {
        try withTemporaryDirectory("sweep-eval") { dir in
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let p = dir.appendingPathComponent("sweep.json").path
            try #"{"base": \#(SweepFixtures.base), "set": {"steps": 10}, "grid": {"lr": [0.001]}, "seeds": [3], "eval_every": 5}"#
                .write(toFile: p, atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("sw").path
            let r = try CLIRunner.run(["sweep", p, "-o", out, "--jobs", "1"])
            #expect(r.status == 0, "\(r.stderr)")
            let log = try String(contentsOfFile: out + "/runs/000_lr=0.001_seed=3/log.jsonl", encoding: .utf8)
            #expect(log.components(separatedBy: "\"kind\":\"eval\"").count - 1 == 2, "\(log)")
            let s = try CLIRunner.run(["sweep", out, "--summary"])
            #expect(s.status == 0)
            let csv = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
            #expect(csv.contains("grid_fraction"), "\(csv)")
            // A bad value names the key.
            try #"{"grid": {"lr": [0.001]}, "eval_every": 0}"#.write(toFile: p, atomically: true, encoding: .utf8)
            let bad = try CLIRunner.run(["sweep", p, "-o", dir.appendingPathComponent("bad").path])
            #expect(bad.status == 1 && bad.stderr.contains("eval_every"))
        }
    }
}
