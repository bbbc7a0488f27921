import Foundation
import Testing
import TestSupport

/// `repanalyze inspect` run as a user runs it: output, JSON, exit codes.
@Suite struct InspectCLITests {
    @Test func treeShowsDatasetsLayoutAndAttributes() throws {
        let r = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/h5py_types.h5"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("float32 [1000, 7]  chunks [64, 7], gzip 6, shuffle"))
        #expect(r.stdout.contains("@vlen_string = \"hello from h5py\""))
        #expect(r.stdout.contains("@float_array = [1.0, 0.5]"))
        #expect(r.stdout.contains("int64 [2, 2, 3, 2]"))
    }

    @Test func jsonHasTheSameTree() throws {
        let r = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/h5py_types.h5", "--json", "--stats"])
        #expect(r.status == 0)
        let doc = try #require(try TestJSON.object(with: Data(r.stdout.utf8)) as? [String: Any])
        let root = try #require(doc["root"] as? [String: Any])
        #expect(root["type"] as? String == "group")
        let chunked = try #require((root["children"] as? [[String: Any]])?.first { $0["name"] as? String == "chunked" })
        let gzip = try #require((chunked["children"] as? [[String: Any]])?.first { $0["name"] as? String == "gzip" })
        #expect(gzip["shape"] as? [Int] == [1000, 7])
        #expect(gzip["dtype"] as? String == "float32")
        #expect(gzip["chunks"] as? [Int] == [64, 7])
        #expect(gzip["compression"] as? String == "gzip")
        #expect(gzip["compression_opts"] as? Int == 6)
        let stats = try #require(gzip["stats"] as? [String: Any])
        #expect(stats["nan"] as? Int == 0 && stats["min"] as? Double == 0)
        #expect((root["attributes"] as? [String: Any])?["float_scalar"] as? Double == 2.5)
    }

    @Test func statsReportNaNAndInf() throws {
        let r = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/dump_nan.h5", "--stats"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("NaN 1  Inf 1 (first at [17, 2])"))
    }

    @Test func badInputExitsOneWithOneLine() throws {
        for file in ["truncated.h5", "random_bytes.h5", "missing.h5"] {
            let r = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/" + file])
            #expect(r.status == 1, "\(file)")
            #expect(r.stderr.hasPrefix("repanalyze: error: Tests/Fixtures/hdf5/\(file)"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func usageErrorExitsTwo() throws {
        #expect(try CLIRunner.run(["inspect"]).status == 2)
        #expect(try CLIRunner.run(["no-such-command"]).status == 2)
        let help = try CLIRunner.run(["inspect", "--help"])
        #expect(help.status == 0 && help.stdout.contains("Examples"))
    }
}

/// `inspect --dump`: the activation-dump checks every analysis command relies on, from the command line.
@Suite struct DumpCheckCLITests {
    @Test func goodDumpsInEveryLayout() throws {
        let plain = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/dump_time_major.h5", "--dump"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("activation dump: 200 samples × 5 units, all finite; box 0.0,1.0,0.0,1.0"))
        let renamed = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/dump_renamed_unit_major.h5", "--dump",
                                         "--positions", "pos", "--activations", "rnn/h", "--unit-major"])
        #expect(renamed.status == 0 && renamed.stdout.contains("200 samples × 5 units"))
        let batched = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/dump_batched.h5", "--dump"])
        #expect(batched.status == 0 && batched.stdout.contains("200 samples (4 batches × 50 steps) × 5 units"))
    }

    @Test func badDumpsExitOneNamingFileDatasetAndProblem() throws {
        let cases: [([String], String)] = [
            (["dump_nan.h5"], "'/activations': holds 1 NaN and 1 infinite value(s); the first at [17, 2]"),
            (["dump_wrong_rank.h5"], "dataset '/positions' has shape [200]; expected [T, 2] or [B, T, 2]"),
            (["dump_empty.h5"], "dataset '/positions' is empty (shape [0, 2])"),
            (["dump_mismatch.h5"], "'/activations': has 199 samples but positions '/positions' has 200"),
            (["dump_time_major.h5", "--activations", "hidden"], "no dataset '/hidden' (datasets in the file: /activations, /positions, /velocities)"),
            (["dump_renamed_unit_major.h5", "--positions", "pos", "--activations", "rnn/h"], "try --unit-major"),
            (["truncated.h5"], "truncated or corrupt"),
        ]
        for (args, fragment) in cases {
            let r = try CLIRunner.run(["inspect", "Tests/Fixtures/hdf5/" + args[0], "--dump"] + args.dropFirst())
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr.contains("Tests/Fixtures/hdf5/\(args[0])") && r.stderr.contains(fragment), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
    }
}
