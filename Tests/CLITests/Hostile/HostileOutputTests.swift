import Foundation
import Testing
import TestSupport

/// Class 4 of issue 10: a command's outputs are committed together after everything succeeded; a run that exits
/// non-zero writes and replaces nothing. Before the fix `batch` replaced the results file with one of errors, and
/// `report --png` replaced the page before failing on the figures folder.
@Suite struct HostileOutputTests {
    @Test func batchWithNothingAnalysableKeepsTheResults() throws {
        try withTemporaryDirectory("hostile") { dir in
            try Hostile.sentinels(["results.h5", "results.json"], in: dir)
            let h5 = dir.appendingPathComponent("results.h5").path, js = dir.appendingPathComponent("results.json").path
            let bad = Hostile.file("trunc_800.h5")
            let two = try Hostile.run(["batch", bad, Hostile.file("trunc_2048.h5"), "-o", h5, "--json", js, "--no-progress"])
            #expect(two.status == 1 && !two.signalled)
            #expect(two.stderr.contains("none of the 2 input file(s)"))
            let missing = "/nonexistent/folder-of-runs"
            Hostile.expectBadInput(try Hostile.run(["batch", missing, "-o", h5, "--no-progress"]), naming: missing, "missing folder")
            Hostile.expectUntouched(dir, ["results.h5", "results.json"], "batch")
        }
    }

    @Test func reportWhosePngFolderCannotBeMadeKeepsThePage() throws {
        try withTemporaryDirectory("hostile") { dir in
            try Hostile.sentinels(["report.html", "figures"], in: dir)      // "figures" is a file: not a folder
            let r = try Hostile.run(["report", Hostile.file("good_dump.h5"), "--no-topology", "-o", dir.appendingPathComponent("report.html").path,
                                     "--png", dir.appendingPathComponent("figures").path])
            Hostile.expectBadInput(r, naming: "figures", "report --png FILE")
            Hostile.expectUntouched(dir, ["report.html", "figures"], "report")
        }
    }

    /// (Passed before the fix too: kept as a guard. Removing a --png folder made by a run that fails later is
    /// tested on OutputSet itself, in HostileIOTests.)
    @Test func reportOnADamagedDumpWritesNeitherPageNorFolder() throws {
        try withTemporaryDirectory("hostile") { dir in
            try Hostile.sentinels(["report.html"], in: dir)
            let r = try Hostile.run(["report", Hostile.file("trunc_2048.h5"), "-o", dir.appendingPathComponent("report.html").path,
                                     "--png", dir.appendingPathComponent("figs/new").path])
            #expect(r.status == 1)
            Hostile.expectUntouched(dir, ["report.html"], "report on a damaged dump")
        }
    }

    @Test func lossWritesBothOutputsOrNeither() throws {
        try withTemporaryDirectory("hostile") { dir in
            try Hostile.sentinels(["loss.json"], in: dir)
            let r = try Hostile.run(["loss", Hostile.file("good_ref.h5"), "--json", dir.appendingPathComponent("loss.json").path,
                                     "--gradients", "/nonexistent/grads.h5"])
            Hostile.expectBadInput(r, naming: "/nonexistent/grads.h5", "loss --gradients into a missing folder")
            Hostile.expectUntouched(dir, ["loss.json"], "loss")
        }
    }

    @Test func barcodeWritesBothOutputsOrNeither() throws {
        try withTemporaryDirectory("hostile") { dir in
            try Hostile.sentinels(["bars.h5"], in: dir)
            let r = try Hostile.run(["barcode", Hostile.file("good_cloud.h5"), "-o", dir.appendingPathComponent("bars.h5").path,
                                     "--json", "/nonexistent/bars.json", "--quiet"])
            Hostile.expectBadInput(r, naming: "/nonexistent/bars.json", "barcode --json into a missing folder")
            Hostile.expectUntouched(dir, ["bars.h5"], "barcode")
        }
    }

    @Test func gridnessAndModulesWriteBothOutputsOrNeither() throws {
        try withTemporaryDirectory("hostile") { dir in
            try Hostile.sentinels(["out.h5"], in: dir)
            let h5 = dir.appendingPathComponent("out.h5").path
            for cmd in ["gridness", "modules"] {
                let r = try Hostile.run([cmd, Hostile.file("good_dump.h5"), "-o", h5, "--json", "/nonexistent/out.json"])
                Hostile.expectBadInput(r, naming: "/nonexistent/out.json", cmd)
            }
            Hostile.expectUntouched(dir, ["out.h5"], "gridness/modules")
        }
    }
}
