import Foundation
import RepAnalysis
import RepIO
import Testing
import TestSupport

/// A folder of small dumps (five simulated, one corrupt) for the shard, merge and SLURM tests.
enum ShardFixtures {
    /// Shared by every test of the process, so removed at its exit rather than after one test.
    static let root = try? TemporaryDirectory("shard-dumps")

    static let folder: URL = {
        let dir = root?.url ?? FileManager.default.temporaryDirectory.appendingPathComponent("shard-dumps-unwritable")
        let dumps = dir.appendingPathComponent("dumps")
        atexit { if let u = ShardFixtures.root?.url { try? FileManager.default.removeItem(at: u) } }
        try? FileManager.default.createDirectory(at: dumps, withIntermediateDirectories: true)
        for seed in 1...5 {
            _ = try? CLIRunner.run(["simulate", "-o", dumps.appendingPathComponent("d\(seed).h5").path, "--steps", "6000",
                                    "--modules", "2", "--cells-per-module", "3", "--seed", "\(seed)"])
        }
        try? FileManager.default.copyItem(atPath: Fixtures.project("hdf5/truncated.h5"), toPath: dumps.appendingPathComponent("zbad.h5").path)
        return dumps
    }()

    /// `batch` of the whole folder in one process: RESULTS.h5 and RESULTS.json in `dir`.
    static func unsharded(in dir: URL) throws -> (h5: String, json: String) {
        let h5 = dir.appendingPathComponent("full.h5").path, json = dir.appendingPathComponent("full.json").path
        let r = try CLIRunner.run(["batch", folder.path, "-o", h5, "--json", json, "--bins", "16", "--no-progress"])
        #expect(r.status == 0, "\(r.stderr)")
        return (h5, json)
    }

    static func shard(_ i: Int, of n: Int, in dir: URL, extra: [String] = []) throws -> String {
        let out = dir.appendingPathComponent("s\(i)of\(n).h5").path
        let r = try CLIRunner.run(["batch", folder.path, "-o", out, "--shard", "\(i)/\(n)", "--bins", "16", "--no-progress"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }
}

/// `batch --shard I/N` and `merge`, on this machine (no SLURM needed).
@Suite struct ShardMergeCLITests {
    @Test func mergedShardsEqualTheUnshardedBatch() throws {
        try withTemporaryDirectory("shard-merge") { dir in
            let full = try ShardFixtures.unsharded(in: dir)
            let shards = try (0..<3).map { try ShardFixtures.shard($0, of: 3, in: dir) }
            // Each shard records I, N and the full input list, and holds a contiguous block of the sorted paths.
            let all = try HDF5File(full.h5).readStrings("paths").values
            #expect(all.count == 6)
            var seen: [String] = []
            for (i, s) in shards.enumerated() {
                let f = try HDF5File(s)
                #expect(try f.attribute("index", of: "/shard").doubles == [Double(i)])
                #expect(try f.attribute("count", of: "/shard").doubles == [3])
                #expect(try f.readStrings("/shard/all_paths").values == all)
                seen += try f.readStrings("paths").values
            }
            #expect(seen == all.sorted())
            let merged = dir.appendingPathComponent("merged.h5").path, json = dir.appendingPathComponent("merged.json").path
            let r = try CLIRunner.run(["merge"] + shards.reversed() + ["-o", merged, "--json", json])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("3 of 3 shards merged: 5 of 6 files analysed"))
            #expect(try HDF5Compare.differences(full.h5, merged) == [])
            #expect(try Data(contentsOf: URL(fileURLWithPath: json)) == Data(contentsOf: URL(fileURLWithPath: full.json)))
            #expect(try HDF5File(merged).read("status", as: Int32.self).values == [1, 1, 1, 1, 1, 0])
        }
    }

    @Test func mergeRefusesMissingOverlappingForeignAndCorruptShards() throws {
        try withTemporaryDirectory("shard-refuse") { dir in
            let s = try (0..<4).map { try ShardFixtures.shard($0, of: 4, in: dir) }
            let out = dir.appendingPathComponent("out.h5").path
            func refused(_ shards: [String], _ needle: String) throws {
                let r = try CLIRunner.run(["merge"] + shards + ["-o", out])
                #expect(r.status == 1 && r.stderr.contains(needle), "\(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1)
                #expect(!FileManager.default.fileExists(atPath: out))
            }
            try refused([s[0], s[2]], "missing shard(s) 1, 3 of 4")
            let twin = dir.appendingPathComponent("twin.h5").path
            try FileManager.default.copyItem(atPath: s[1], toPath: twin)
            try refused(s + [twin], "are both shard 1 of 4")
            try withTemporaryDirectory("shard-other") { otherDir in
                let other = try ShardFixtures.shard(1, of: 4, in: otherDir, extra: ["--nan", "exclude"])
                try refused([s[0], other, s[2], s[3]], "different settings")
                let foreign = dir.appendingPathComponent("foreign.h5").path
                let d = ShardFixtures.folder.path
                #expect(try CLIRunner.run(["batch", d + "/d1.h5", d + "/d2.h5", "-o", foreign, "--shard", "1/4", "--bins", "16", "--no-progress"]).status == 0)
                try refused([s[0], foreign, s[2], s[3]], "different inputs")
                let of3 = try ShardFixtures.shard(1, of: 3, in: dir)
                try refused([s[0], of3], "not the same batch")
                let corrupt = dir.appendingPathComponent("corrupt.h5").path
                try FileManager.default.copyItem(atPath: Fixtures.project("hdf5/truncated.h5"), toPath: corrupt)
                try refused([s[0], corrupt, s[2], s[3]], corrupt)
                try refused([s[0], Fixtures.project("hdf5/dump_time_major.h5")], "dump_time_major.h5: not a shard")

                let partial = try CLIRunner.run(["merge", s[0], s[2], "-o", out, "--allow-missing"])
                #expect(partial.status == 0, "\(partial.stderr)")
                #expect(partial.stdout.contains("missing shards (their inputs have status 0): 1, 3"))
                let f = try HDF5File(out)
                #expect(try f.read("status", as: Int32.self).values.filter { $0 == 1 }.count == 2)
                #expect(try f.attribute("error", of: "/inputs/00001").stringValue == "not analysed: shard 1 of 4 is missing")
            }
        }
    }

    @Test func badShardAndSlurmValuesAreUsageErrors() throws {
        try withTemporaryDirectory("shard-usage") { tmp in
            let out = tmp.appendingPathComponent("r.h5").path
            for args in [["--shard", "3/3"], ["--shard", "-1/2"], ["--shard=-1/2"], ["--shard", "1"], ["--slurm", "0"],
                         ["--shard", "0/2", "--slurm", "2"], ["--submit"]] {
                let r = try CLIRunner.run(["batch", ShardFixtures.folder.path, "-o", out] + args)
                #expect(r.status == 2, "\(args): \(r.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func slurmScriptIsWrittenAndSbatchMissingIsExplained() throws {
        try withTemporaryDirectory("slurm-script") { dir in
            let out = dir.appendingPathComponent("res.h5").path
            let r = try CLIRunner.run(["batch", ShardFixtures.folder.path, "-o", out, "--slurm", "3", "--bins", "16"])
            #expect(r.status == 0, "\(r.stderr)")
            let script = dir.appendingPathComponent("res.sbatch").path
            #expect(r.stdout.contains("submit with: sbatch \(script)") && r.stdout.contains("repanalyze merge"))
            let text = try String(contentsOfFile: script, encoding: .utf8)
            #expect(text.contains("#SBATCH --array=0-2") && text.contains("--shard \"$I/3\"") && text.contains("--bins 16"))
            let exec = text.split(separator: "\n").filter { $0.hasPrefix("exec ") || $0.hasPrefix("  ") }.joined(separator: " ")
            #expect(exec.contains(" batch ") && !exec.contains("--slurm") && !FileManager.default.fileExists(atPath: out), "\(exec)")
            // Edits survive a second run; with sbatch missing, --submit says where the script is.
            try (text + "#SBATCH --partition=mine\n").write(toFile: script, atomically: true, encoding: .utf8)
            let m = try CLIRunner.run(["batch", ShardFixtures.folder.path, "-o", out, "--slurm", "3", "--bins", "16", "--submit"],
                                      environment: ["PATH": "/nonexistent"])
            #expect(m.status == 1 && m.stderr.contains("sbatch not found") && m.stderr.contains("written to \(script)"), "\(m.stderr)")
            #expect(try String(contentsOfFile: script, encoding: .utf8).contains("--partition=mine"))
        }
    }
}
