import Foundation
import RepAnalysis
import RepIO
import Testing
import TestSupport

/// Against the real daemons of the one-node cluster `make test` starts (scripts/slurm_cluster.sh). Where it could
/// not start, these tests are skipped with the reason.
@Suite(.serialized, .enabled(if: SlurmCluster.available, Comment(rawValue: SlurmCluster.unavailableReason ?? "")))
struct SlurmCLITests {
    @Test func fourShardsOnSlurmMergeToTheSingleProcessBatch() throws {
        try withTemporaryDirectory("slurm-batch") { dir in
            let full = try ShardFixtures.unsharded(in: dir)
            let out = dir.appendingPathComponent("res.h5").path, json = dir.appendingPathComponent("res.json").path
            let args = ["batch", ShardFixtures.folder.path, "-o", out, "--json", json, "--bins", "16", "--slurm", "4"]
            let r = try CLIRunner.run(args + ["--submit", "--wait"])
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            #expect(r.stdout.contains("submitted job") && r.stdout.contains("merged 4 shards: 5 of 6 files analysed"))
            #expect(try HDF5Compare.differences(full.h5, out) == [])
            #expect(try Data(contentsOf: URL(fileURLWithPath: json)) == Data(contentsOf: URL(fileURLWithPath: full.json)))

            // A missing shard: merge refuses and names it; the batch resubmits only that one.
            let shards = dir.appendingPathComponent("res.shards").path
            try FileManager.default.removeItem(atPath: shards + "/shard-00002-of-00004.h5")
            let partial = dir.appendingPathComponent("partial.h5").path
            let m = try CLIRunner.run(["merge", shards, "-o", partial])
            #expect(m.status == 1 && m.stderr.contains("missing shard(s) 2 of 4") && !FileManager.default.fileExists(atPath: partial), "\(m.stderr)")
            try FileManager.default.removeItem(atPath: out)
            let again = try CLIRunner.run(args + ["--wait", "--sbatch-args", "--job-name=resubmitted --time=10"])
            #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
            #expect(again.stdout.contains("3 of 4 shards done; submit with: sbatch --array=2 --job-name=resubmitted --time=10 ")
                    && again.stdout.contains("submitted job"), "\(again.stdout)")
            #expect(try HDF5Compare.differences(full.h5, out) == [])
        }
    }

    @Test func aFailedTaskIsNamedWithItsLog() throws {
        try withTemporaryDirectory("slurm-fail") { dir in
            let out = dir.appendingPathComponent("res.h5").path
            let args = ["batch", ShardFixtures.folder.path, "-o", out, "--slurm", "2", "--bins", "16"]
            #expect(try CLIRunner.run(args).status == 0)
            // Break task 1 by editing the script the way a user might (a typo in an option).
            let script = dir.appendingPathComponent("res.sbatch").path
            let text = try String(contentsOfFile: script, encoding: .utf8)
            try text.replacingOccurrences(of: "--shard \"$I/2\"", with: "--shard \"$I/2\" $( [ \"$I\" = 1 ] && echo --no-such-option )")
                .write(toFile: script, atomically: true, encoding: .utf8)
            let r = try CLIRunner.run(args + ["--wait"])
            #expect(r.status == 1 && r.stderr.contains("1 of 2 task(s) failed") && r.stderr.contains("res.shards/logs/shard-1.log"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func sweepOfTwoConfigsRunsAsOneArray() throws {
        try withTemporaryDirectory("slurm-sweep") { dir in
            let spec = try SweepFixtures.write(in: dir), out = dir.appendingPathComponent("sw").path
            let r = try CLIRunner.run(["sweep", spec, "-o", out, "--slurm", "--submit", "--wait"])
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            #expect(r.stdout.contains("submitted job") && r.stdout.contains("2 task(s)") && r.stdout.contains("all 2 runs done"))
            let script = try String(contentsOfFile: out + "/sweep.sbatch", encoding: .utf8)
            #expect(script.contains("#SBATCH --array=0-1") && script.contains("--requeue") && script.contains("--signal=B:TERM@120"))
            let s = try CLIRunner.run(["sweep", out, "--summary"])
            #expect(s.status == 0 && s.stdout.split(separator: "\n").count == 3, "\(s.stdout)")
            let rows = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8).split(separator: "\n")
            #expect(rows.count == 3 && rows[1].hasPrefix("000_lr=0.001_seed=3,0.001,3,20,20,") && rows[2].hasPrefix("001_lr=0.002_seed=3,0.002,3,20,20,"))
        }
    }

    @Test func sigtermedThenRequeuedTaskEndsWithTheUninterruptedWeights() throws {
        try withTemporaryDirectory("slurm-requeue") { dir in
            let spec = try SweepFixtures.write(in: dir, steps: 6000, grid: #"{"lr": [0.001]}"#), out = dir.appendingPathComponent("sw").path
            let r = try CLIRunner.run(["sweep", spec, "-o", out, "--slurm", "--submit"])
            #expect(r.status == 0, "\(r.stderr)")
            let job = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("submitted job ") }?.split(separator: " ")[2].dropLast()).description
            let run = out + "/runs/000_lr=0.001_seed=3"
            // Mid-training (some log lines written), SIGTERM to the task as a preemption or time limit sends it.
            let started = SlurmCluster.wait(seconds: 60) { ((try? String(contentsOfFile: run + "/log.jsonl", encoding: .utf8)) ?? "").split(separator: "\n").count >= 10 }
            #expect(started, "the task did not start training within 60 s")
            #expect(try SlurmCluster.run("scancel", ["--batch", "--signal=TERM", job]).status == 0)
            #expect(SlurmCluster.wait(seconds: 60) { SlurmCluster.states(job).isEmpty })
            let step = try HDF5File(run + "/checkpoint.h5").attribute("step").doubles?.first ?? -1
            #expect(step > 0 && step < 6000, "checkpoint at step \(step): SIGTERM did not stop the run mid-training")
            let log = try String(contentsOfFile: out + "/logs/task-0.log", encoding: .utf8)
            #expect(log.contains("stopped by SIGTERM at step \(Int(step))"), "\(log)")
            // Requeued (and released at once: SLURM otherwise holds a requeued job back for a while).
            #expect(try SlurmCluster.run("scontrol", ["requeue", job]).status == 0)
            _ = try SlurmCluster.run("scontrol", ["update", "JobId=\(job)", "StartTime=now"])
            // Right after `requeue` squeue may briefly list nothing (the job between states), so wait for the finished
            // checkpoint itself, then for the job to leave the queue (seen once in a loaded run: the old check passed at
            // once and read the SIGTERM checkpoint).
            #expect(SlurmCluster.wait(seconds: 180) { ((try? HDF5File(run + "/checkpoint.h5").attribute("step").doubles) ?? nil) == [6000] })
            #expect(SlurmCluster.wait(seconds: 60) { SlurmCluster.states(job).isEmpty })
            #expect(try HDF5File(run + "/checkpoint.h5").attribute("step").doubles == [6000])
            let straight = dir.appendingPathComponent("straight").path
            let t = try CLIRunner.run(["train", "--config", out + "/configs/000_lr=0.001_seed=3.json", "-o", straight, "--quiet", "--threads", "1"])
            #expect(t.status == 0, "\(t.stderr)")
            #expect(try SweepFixtures.params(run + "/checkpoint.h5") == SweepFixtures.params(straight + "/checkpoint.h5"))
            let strip = { (p: String) in try String(contentsOfFile: p, encoding: .utf8).replacingOccurrences(of: #""time":[^,]*,"#, with: "", options: .regularExpression) }
            #expect(try strip(run + "/log.jsonl") == strip(straight + "/log.jsonl"))
        }
    }
}
