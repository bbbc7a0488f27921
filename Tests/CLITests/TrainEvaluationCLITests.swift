import Foundation
import RepAnalysis
import RepIO
import Testing
import TestSupport

/// `train --eval-every`, `export-weights`: evaluations are logged and leave training untouched; exported weights
/// roll out exactly like the checkpoint.
@Suite struct TrainEvaluationCLITests {
    static let config = #"{"hidden": 8, "mlp_width": 16, "batch": 4, "seq": 10, "lr": 0.001, "checkpoint_every": 5, "log_every": 1, "seed": 4, "init": "identity", "l_iso": 1, "l_inv": 0, "l_ci": 0}"#

    /// Writes the config into `dir`; returns its path.
    func writeConfig(in dir: URL) throws -> String {
        let p = dir.appendingPathComponent("run.json").path
        try Data(Self.config.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    @Test func evaluationsAreLoggedAndLeaveTheWeightsUnchanged() throws {
        try withTemporaryDirectory("train-eval") { dir in
            let cfg = try writeConfig(in: dir)
            let plain = dir.appendingPathComponent("plain").path, evaluated = dir.appendingPathComponent("eval").path
            let a = try CLIRunner.run(["train", "--config", cfg, "--steps", "10", "-o", plain, "--quiet"])
            #expect(a.status == 0, "\(a.stderr)")
            let b = try CLIRunner.run(["train", "--config", cfg, "--steps", "10", "--eval-every", "4", "-o", evaluated, "--quiet"])
            #expect(b.status == 0, "\(b.stderr)")
            let fa = try HDF5File(plain + "/checkpoint.h5"), fb = try HDF5File(evaluated + "/checkpoint.h5")
            for name in ["W0", "b0", "W1", "b1", "W2", "b2", "g0_raw"] {
                let x: ShapedArray<Float> = try fa.read("/params/\(name)"), y: ShapedArray<Float> = try fb.read("/params/\(name)")
                #expect(x == y, "\(name) differs with evaluations on")
            }
            let lines = try String(contentsOfFile: evaluated + "/log.jsonl", encoding: .utf8).split(separator: "\n")
            let evals = try lines.compactMap { try TestJSON.object(with: Data($0.utf8)) as? [String: Any] }
                .filter { $0["kind"] as? String == "eval" }
            // Steps 4, 8 and the last step, 10.
            #expect(evals.map { $0["step"] as? Int } == [4, 8, 10])
            for e in evals {
                let f = try #require(e["grid_fraction"] as? Double)
                #expect(f >= 0 && f <= 1)
                #expect(e["modules"] is Int && e["spatial_ratio"] != nil && e["eval_seconds"] is Double)
            }
            // Betti numbers on the first evaluation only when a module was found; the key is never made up.
            #expect(lines.count == 13)
        }
    }

    @Test func evalEveryZeroIsAUsageError() throws {
        try withTemporaryDirectory("train-eval-usage") { dir in
            let r = try CLIRunner.run(["train", "--eval-every", "0", "-o", dir.appendingPathComponent("never-written").path])
            #expect(r.status == 2)
            #expect(r.stderr.contains("--eval-every"))
        }
    }

    @Test func exportedWeightsRollOutLikeTheCheckpoint() throws {
        try withTemporaryDirectory("train-eval") { dir in
            let cfg = try writeConfig(in: dir)
            let run = dir.appendingPathComponent("run").path
            #expect(try CLIRunner.run(["train", "--config", cfg, "--steps", "3", "-o", run, "--quiet"]).status == 0)
            let weights = dir.appendingPathComponent("w.h5").path
            let e = try CLIRunner.run(["export-weights", run + "/checkpoint.h5", "-o", weights])
            #expect(e.status == 0, "\(e.stderr)")
            #expect(!(try HDF5File(weights)).exists("/adam/m/W2"))
            var acts: [[Float]] = []
            for src in [run + "/checkpoint.h5", weights] {
                let out = dir.appendingPathComponent("r-\(acts.count).h5").path
                let r = try CLIRunner.run(["rollout", src, "-o", out, "--walk", "training", "--walks", "20", "--seed", "3"])
                #expect(r.status == 0, "\(r.stderr)")
                let a: ShapedArray<Float> = try HDF5File(out).read("activations")
                acts.append(a.values)
            }
            #expect(acts[0] == acts[1] && !acts[0].isEmpty)
        }
    }
}
