import Foundation
import Testing
import TestSupport

/// Class 3 of issue 10, and the damaged-file sweep: the file's structure is walked iteratively, each group once,
/// to a bounded depth; truncated and bit-flipped files fail every command with exit 1 and one line naming the file,
/// leaving the outputs already there untouched. Before the fix a damaged root object header segfaulted `ratemaps`
/// (unbounded recursion in datasetPaths) and a group containing itself twice made `inspect` run for 2^64 steps.
@Suite struct HostileStructureTests {
    @Test(arguments: ["cycle_group.h5", "cycle_root.h5"])
    func hardLinkCyclesAreShownOnce(_ name: String) throws {
        let r = try Hostile.run(["inspect", Hostile.file(name)], timeout: 120)
        #expect(r.status == 0 && !r.timedOut, "\(r.stderr)")
        #expect(r.stdout.contains("the same group as"), "\(r.stdout)")
        let json = try Hostile.run(["inspect", Hostile.file(name), "--json"], timeout: 120)
        #expect(json.status == 0 && json.stdout.contains("\"not_shown\""))
    }

    @Test func groupOptionNamingADatasetShowsIt() throws {
        let r = try Hostile.run(["inspect", Hostile.file("good_dump.h5"), "--group", "positions"])
        #expect(r.status == 0 && r.stdout.contains("float64 [400, 2]"), "\(r.stderr)")
    }

    @Test func nestingIsBoundedNotFollowedToTheEnd() throws {
        let r = try Hostile.run(["inspect", Hostile.file("deep_groups.h5")], timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("nested deeper than 64 levels"))
    }

    @Test func damagedRootGroupIsNamedNotAnEmptyFile() throws {
        for name in ["flip_root_ohdr.h5", "flip_btree.h5", "flip_heap.h5"] {
            let f = Hostile.file(name)
            for args in [["inspect", f], ["ratemaps", f, "-o", "/nonexistent/x.h5"]] {
                Hostile.expectBadInput(try Hostile.run(args, timeout: 120), naming: f, mentions: ["damaged"], "\(args[0]) \(name)")
            }
        }
    }

    @Test func damagedObjectInsideIsReportedAfterTheReadablePart() throws {
        let f = Hostile.file("flip_dataset_ohdr.h5")
        let r = try Hostile.run(["inspect", f])
        Hostile.expectBadInput(r, naming: f, mentions: ["damaged", "/positions"], "inspect")
        #expect(r.stdout.contains("activations"), "the readable part is still shown")
    }

    static let damaged = ["trunc_8.h5", "trunc_96.h5", "trunc_800.h5", "trunc_2048.h5", "trunc_12284.h5", "trunc_24468.h5",
                          "flip_superblock.h5", "flip_superblock_v2.h5", "flip_btree.h5", "flip_heap.h5", "flip_snod.h5",
                          "flip_root_ohdr.h5", "flip_dataset_ohdr.h5"]

    /// Every reading command on every damaged file: exit 1, one line naming it, outputs untouched.
    @Test(arguments: damaged)
    func everyCommandFailsCleanlyOnADamagedFile(_ name: String) throws {
        let f = Hostile.file(name)
        let outs = ["out.h5", "out.json", "out.html"]
        try withTemporaryDirectory("hostile") { dir in
            try Hostile.sentinels(outs, in: dir)
            let h5 = dir.appendingPathComponent("out.h5").path, js = dir.appendingPathComponent("out.json").path
            let commands: [[String]] = [
                ["inspect", f], ["inspect", f, "--stats"], ["inspect", f, "--dump"], ["ratemaps", f, "-o", h5],
                ["gridness", f, "--json", js, "-o", h5], ["modules", f, "--json", js], ["barcode", f, "--json", js, "-o", h5],
                ["loss", f, "--json", js, "--gradients", h5], ["rollout", f, "-o", h5],
                ["report", f, "--no-topology", "-o", dir.appendingPathComponent("out.html").path],
                ["batch", f, "-o", h5, "--json", js, "--no-progress"],
            ]
            for args in commands {
                Hostile.expectBadInput(try Hostile.run(args, timeout: 300), naming: f, "\(args.joined(separator: " "))")
            }
            Hostile.expectUntouched(dir, outs, name)
        }
    }
}
