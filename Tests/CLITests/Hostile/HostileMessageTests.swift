import Foundation
import RepAnalysis
import RepIO
import Testing
import TestSupport

/// Classes 6 and 7 of issue 10: messages name the file (and blame the file, not an option, when the file is the
/// cause); float16 activations are read as Float32. Before the fix: no file in the box message, "training diverged
/// at step 7" for a checkpoint holding NaN, and float16 refused as "expected floating-point numbers".
@Suite struct HostileMessageTests {
    @Test func boxNoSampleFallsIntoNamesTheFileAndWhereTheBoxCameFrom() throws {
        try withTemporaryDirectory("hostile-box") { dir in
            let f = Hostile.file("dump_outside_box.h5")
            Hostile.expectBadInput(try Hostile.run(["ratemaps", f, "-o", dir.appendingPathComponent("never-written.h5").path]), naming: f,
                                   mentions: ["none of the 400 samples", "box_size_m"], "ratemaps")
            let given = try Hostile.run(["gridness", Hostile.file("good_dump.h5"), "--box", "7,8,7,8"])
            Hostile.expectBadInput(given, naming: "good_dump.h5", mentions: ["7.0,8.0,7.0,8.0"], "gridness --box")
        }
    }

    @Test func resumeFromACheckpointHoldingNaNNamesTheCheckpoint() throws {
        try withTemporaryDirectory("hostile-train") { dir in
            let cfg = dir.appendingPathComponent("run.json").path
            try Data(#"{"hidden": 8, "mlp_width": 16, "batch": 4, "seq": 10, "checkpoint_every": 2, "seed": 1}"#.utf8).write(to: URL(fileURLWithPath: cfg))
            let run = dir.appendingPathComponent("run").path
            let first = try Hostile.run(["train", "--config", cfg, "--steps", "2", "-o", run, "--quiet"])
            try #require(first.status == 0, "\(first.stderr)")
            let ckpt = run + "/checkpoint.h5"
            do {
                let f = try HDF5File(ckpt, mode: .readWrite)
                var w = try f.read("/params/W1", as: Float.self)
                w.values[5] = .nan
                try f.write(w, to: "/params/W1")
                try f.close()
            }
            let r = try Hostile.run(["train", "--resume", run, "--steps", "4", "--quiet"])
            Hostile.expectBadInput(r, naming: "checkpoint.h5", mentions: ["/params/W1", "non-finite"], "train --resume")
            #expect(!r.stderr.contains("diverged"))
        }
    }

    @Test func float16ActivationsAreReadAsFloat32() throws {
        let f = Hostile.file("dump_float16.h5")
        let check = try Hostile.run(["inspect", f, "--dump"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("float16 [400, 6]") && check.stdout.contains("400 samples × 6 units, all finite"))
        // The corpus stores the same activations as float32 in good_dump.h5.
        let a = try HDF5File(f).read("activations", as: Float.self)
        let b = try HDF5File(Hostile.file("good_dump.h5")).read("activations", as: Float.self)
        #expect(a.shape == b.shape)
        // Half precision keeps 11 significant bits: values in [0, 1] within 2^-11 of the float32 ones.
        let worst = zip(a.values, b.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1.0 / 2048, "largest difference \(worst)")
        #expect(b.values.contains { $0 > 0.5 })     // the comparison is not between two arrays of zeros
    }
}
