import Foundation
import RepAnalysis
import RepIO
import Testing
import TestSupport

/// `repanalyze train`, `loss` and `rollout` run as a user runs them.
@Suite struct TrainCLITests {
    static let tinyConfig = #"{"hidden": 8, "mlp_width": 16, "batch": 4, "seq": 10, "lr": 0.001, "checkpoint_every": 3, "log_every": 1, "seed": 4}"#

    func writeConfig(_ dir: URL, _ text: String = tinyConfig) throws -> String {
        let p = dir.appendingPathComponent("run.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// Log lines without the wall-clock field.
    func losses(_ runDir: String) throws -> [String] {
        try String(contentsOfFile: runDir + "/log.jsonl", encoding: .utf8).split(separator: "\n").map {
            $0.replacingOccurrences(of: #""time":[^,]*,"#, with: "", options: .regularExpression)
        }
    }

    @Test func resumedRunMatchesUninterruptedRun() throws {
        try withTemporaryDirectory("train-cli") { dir in
            let cfg = try writeConfig(dir)
            let straight = dir.appendingPathComponent("straight").path, split = dir.appendingPathComponent("split").path
            let a = try CLIRunner.run(["train", "--config", cfg, "--steps", "8", "-o", straight, "--quiet"])
            #expect(a.status == 0, "\(a.stderr)")
            let b1 = try CLIRunner.run(["train", "--config", cfg, "--steps", "4", "-o", split, "--quiet"])
            #expect(b1.status == 0, "\(b1.stderr)")
            let b2 = try CLIRunner.run(["train", "--resume", split, "--steps", "8", "--quiet"])
            #expect(b2.status == 0, "\(b2.stderr)")
            let la = try losses(straight), lb = try losses(split)
            #expect(la.count == 8 && la == lb)
            let fa = try HDF5File(straight + "/checkpoint.h5"), fb = try HDF5File(split + "/checkpoint.h5")
            for name in ["W0", "b0", "W1", "b1", "W2", "b2", "g0_raw"] {
                let x: ShapedArray<Float> = try fa.read("/params/\(name)"), y: ShapedArray<Float> = try fb.read("/params/\(name)")
                #expect(x == y, "\(name) differs between the straight and the resumed run")
            }
            #expect(try fa.attribute("step").doubles == [8])
        }
    }

    @Test func progressGoesToStderr() throws {
        try withTemporaryDirectory("train-cli") { dir in
            let r = try CLIRunner.run(["train", "--config", try writeConfig(dir), "--steps", "2", "-o", dir.appendingPathComponent("r").path])
            #expect(r.status == 0)
            #expect(r.stderr.contains("step 2/2") && r.stderr.contains("steps/s") && r.stderr.contains("ETA") && r.stderr.contains("ci "))
        }
    }

    @Test func badConfigExitsOneNamingFileAndKey() throws {
        try withTemporaryDirectory("train-cli") { dir in
            for (text, key) in [(#"{"sigma_g": "wide"}"#, "sigma_g"), (#"{"sigma_g": -0.4}"#, "sigma_g"),
                                (#"{"reduction": "median"}"#, "reduction"), (#"{"sigmaG": 0.4}"#, "sigmaG")] {
                let cfg = try writeConfig(dir, text)
                let r = try CLIRunner.run(["train", "--config", cfg, "-o", dir.appendingPathComponent("x").path])
                #expect(r.status == 1, "\(text)")
                #expect(r.stderr.hasPrefix("repanalyze: error: \(cfg): config key '\(key)'"), "\(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1)
            }
            let notJSON = try writeConfig(dir, "{ nope")
            let r = try CLIRunner.run(["train", "--config", notJSON, "-o", dir.appendingPathComponent("x").path])
            #expect(r.status == 1 && r.stderr.contains(notJSON) && r.stderr.contains("not valid JSON"))
        }
    }

    @Test func usageErrorsExitTwo() throws {
        try withTemporaryDirectory("train-usage") { dir in
            let x = dir.appendingPathComponent("x").path, y = dir.appendingPathComponent("y").path
            #expect(try CLIRunner.run(["train"]).status == 2)
            #expect(try CLIRunner.run(["train", "-o", x, "--resume", y]).status == 2)
            let ablation = try CLIRunner.run(["train", "-o", x, "--ablation", "no-such"])
            #expect(ablation.status == 2 && ablation.stderr.contains("no-capacity") && ablation.stderr.contains("no-ci"), "\(ablation.stderr)")
            #expect(!FileManager.default.fileExists(atPath: x))
            let missing = try CLIRunner.run(["train", "--resume", "/nonexistent/run"])
            #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/run"))
        }
    }

    @Test func printConfigRoundTrips() throws {
        let r = try CLIRunner.run(["train", "--print-config", "--ablation", "no-capacity"])
        #expect(r.status == 0)
        let doc = try #require(try TestJSON.object(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc["l_cap"] as? Double == 0 && doc["hidden"] as? Int == 128 && doc["reduction"] as? String == "mean")
    }

    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project")) func initWeightsStartsFromGivenWeights() throws {
        guard let ref = Fixtures.shared("trainer/tiny.h5") else { Issue.record("../shared/reference is there but a file is missing"); return }
        try withTemporaryDirectory("train-init") { dir in
            let run = dir.appendingPathComponent("r").path
            let r = try CLIRunner.run(["train", "--init-weights", ref, "--set", "batch=4", "--set", "seq=8", "--steps", "0", "-o", run, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            let a: ShapedArray<Float> = try HDF5File(ref).read("/params/W2"), b: ShapedArray<Float> = try HDF5File(run + "/checkpoint.h5").read("/params/W2")
            #expect(a == b)
            let bad = try CLIRunner.run(["train", "--init-weights", "Tests/Fixtures/hdf5/dump_time_major.h5", "-o", dir.appendingPathComponent("x").path])
            #expect(bad.status == 1 && bad.stderr.contains("/params/W0"))
        }
    }

    @Test func setOverridesOneKey() throws {
        let r = try CLIRunner.run(["train", "--print-config", "--set", "lr=0.001", "--set", "reduction=sum", "--set", "permute=false"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try TestJSON.object(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc["lr"] as? Double == 0.001 && doc["reduction"] as? String == "sum" && doc["permute"] as? Bool == false)
        let bad = try CLIRunner.run(["train", "--print-config", "--set", "sigma_x=-1"])
        // A bad --set value is a bad option value: a usage error (issue 10), still naming the key.
        #expect(bad.status == 2 && bad.stderr.contains("--set: config key 'sigma_x'"), "\(bad.stderr)")
        let typo = try CLIRunner.run(["train", "--print-config", "--set", "learning_rate=1"])
        #expect(typo.status == 2 && typo.stderr.contains("'learning_rate': unknown key"))
    }

    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project")) func lossMatchesReferenceDump() throws {
        guard let path = Fixtures.shared("trainer/small.h5") else { Issue.record("../shared/reference is there but a file is missing"); return }
        try withTemporaryDirectory("loss-cli") { dir in
            let grads = dir.appendingPathComponent("g.h5").path
            let r = try CLIRunner.run(["loss", path, "--json", "-", "--gradients", grads])
            #expect(r.status == 0, "\(r.stderr)")
            let doc = try #require(try TestJSON.object(with: Data(r.stdout.utf8)) as? [String: Any])
            let ref = try HDF5File(path)
            for key in ["total", "sep", "inv", "cap", "ci"] {
                let want: ShapedArray<Double> = try ref.read("/f64/loss/\(key)")
                let got = try #require(doc[key] as? Double)
                #expect(abs(got - want.values[0]) <= 1e-4 * abs(want.values[0]), "\(key)")
            }
            #expect(doc["n_sep"] as? Int == 100306 && doc["n_inv"] as? Int == 1774 && doc["n_ci"] as? Int == 16)
            let g = try HDF5File(grads)
            let w2: ShapedArray<Float> = try g.read("/grads/W2"), w2Ref: ShapedArray<Double> = try ref.read("/f64/grads/W2")
            let scale = w2Ref.values.map(abs).max() ?? 1
            let err = zip(w2.values, w2Ref.values).map { abs(Double($0) - $1) }.max() ?? 0
            #expect(err / scale < 1e-4)
        }
    }

    @Test func lossOnBadInputExitsOneNamingTheDataset() throws {
        let r = try CLIRunner.run(["loss", "Tests/Fixtures/hdf5/dump_time_major.h5"])
        #expect(r.status == 1 && r.stderr.hasPrefix("repanalyze: error: Tests/Fixtures/hdf5/dump_time_major.h5") && r.stderr.contains("/params/W0"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        let missing = try CLIRunner.run(["loss", "no/such/file.h5"])
        #expect(missing.status == 1 && missing.stderr.contains("no/such/file.h5"))
    }

    @Test func rolloutWritesAnActivationDump() throws {
        try withTemporaryDirectory("rollout-cli") { dir in
            let run = dir.appendingPathComponent("r").path
            #expect(try CLIRunner.run(["train", "--config", try writeConfig(dir), "--steps", "1", "-o", run, "--quiet"]).status == 0)
            let out = dir.appendingPathComponent("dump.h5").path
            let r = try CLIRunner.run(["rollout", run + "/checkpoint.h5", "-o", out, "--box", "1.5", "--steps", "3000", "--seed", "2"])
            #expect(r.status == 0, "\(r.stderr)")
            let dump = try ActivationDump.load(out)
            #expect(dump.sampleCount == 3000 && dump.unitCount == 8 && dump.velocities != nil)
            #expect(dump.box == ArenaBox(x0: 0, x1: 1.5, y0: 0, y1: 1.5))
            let xs = stride(from: 0, to: 6000, by: 2).map { dump.positions.values[$0] }
            #expect(xs.allSatisfy { $0 >= 0 && $0 <= 1.5 } && Set(xs.map { Int($0 * 10) }).count > 3)
            // Every state lies on the unit sphere (NormReLU) or is zero.
            for t in stride(from: 0, to: 3000, by: 97) {
                let row = dump.activations.values[(t * 8)..<(t * 8 + 8)]
                let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
                #expect(abs(norm - 1) < 1e-4 || norm == 0)
            }
            // The analyses read the dump directly.
            for command in ["gridness", "modules"] {
                let a = try CLIRunner.run([command, out])
                #expect(a.status == 0 && a.stdout.contains("8 units"), "\(command): \(a.stderr)")
            }
            // Training-distribution walks: W walks of L steps from the centre, steps within ±vmax per axis.
            let walks = dir.appendingPathComponent("walks.h5").path
            let w = try CLIRunner.run(["rollout", run + "/checkpoint.h5", "-o", walks, "--walk", "training", "--walks", "50", "--seq", "12", "--box", "2"])
            #expect(w.status == 0, "\(w.stderr)")
            let wd = try ActivationDump.load(walks)
            #expect(wd.sampleCount == 600 && wd.unitCount == 8)
            if let v = wd.velocities, wd.sampleCount == 600 {
                for walk in 0..<50 {
                    for t in 0..<12 {
                        let i = 2 * (walk * 12 + t)
                        let (px, py) = t == 0 ? (1.0, 1.0) : (wd.positions.values[i - 2], wd.positions.values[i - 1])
                        #expect(abs(wd.positions.values[i] - px - v.values[i]) < 1e-9 && abs(wd.positions.values[i + 1] - py - v.values[i + 1]) < 1e-9)
                        #expect(abs(v.values[i]) <= 0.15 && abs(v.values[i + 1]) <= 0.15)
                    }
                }
            }
            let bad = try CLIRunner.run(["rollout", "Tests/Fixtures/hdf5/dump_time_major.h5", "-o", out])
            #expect(bad.status == 1 && bad.stderr.contains("/params/W0"), "\(bad.stderr)")
        }
    }
}

/// `kill -9` in the middle of a run, then `--resume`: the same weights as a run never interrupted.
@Suite struct TrainKillResumeTests {
    @Test func killedRunResumesToTheSameWeights() throws {
        try withTemporaryDirectory("train-kill") { dir in
            let cfg = dir.appendingPathComponent("run.json").path
            try Data(#"{"hidden": 8, "mlp_width": 16, "batch": 4, "seq": 10, "lr": 0.001, "checkpoint_every": 7, "log_every": 5, "seed": 9}"#.utf8)
                .write(to: URL(fileURLWithPath: cfg))
            let steps = "400"
            let straight = dir.appendingPathComponent("straight").path, killed = dir.appendingPathComponent("killed").path
            #expect(try CLIRunner.run(["train", "--config", cfg, "--steps", steps, "-o", straight, "--quiet"]).status == 0)

            let p = Process()
            p.executableURL = CLIRunner.executable
            p.arguments = ["train", "--config", cfg, "--steps", steps, "-o", killed, "--quiet"]
            p.currentDirectoryURL = Fixtures.packageRoot
            try p.run()
            // Wait for the first checkpoint after step 0, then kill without warning.
            let deadline = Date().addingTimeInterval(20)
            while p.isRunning, Date() < deadline {
                if let log = try? String(contentsOfFile: killed + "/log.jsonl", encoding: .utf8), log.split(separator: "\n").count >= 3 { break }
                usleep(2000)
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let stepAtKill = try HDF5File(killed + "/checkpoint.h5").attribute("step").doubles?.first ?? -1
            #expect(stepAtKill >= 0 && stepAtKill < 400, "the kill should land mid-run (checkpoint step \(stepAtKill))")
            let r = try CLIRunner.run(["train", "--resume", killed, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            let fa = try HDF5File(straight + "/checkpoint.h5"), fb = try HDF5File(killed + "/checkpoint.h5")
            for name in ["W0", "W2", "b2", "g0_raw"] {
                let x: ShapedArray<Float> = try fa.read("/params/\(name)"), y: ShapedArray<Float> = try fb.read("/params/\(name)")
                #expect(x == y, "\(name)")
            }
            let logA = try String(contentsOfFile: straight + "/log.jsonl", encoding: .utf8).split(separator: "\n")
            let logB = try String(contentsOfFile: killed + "/log.jsonl", encoding: .utf8).split(separator: "\n")
            #expect(logA.count == logB.count && logA.count == 80)
            // No temporary checkpoint files left behind by the kill are mistaken for the checkpoint.
            #expect(FileManager.default.fileExists(atPath: killed + "/checkpoint.h5"))
        }
    }
}
