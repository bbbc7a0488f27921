import Foundation
import Testing
import TestSupport

/// `generalization` (the shipped network in boxes of several sizes) gives exactly what the file-based commands
/// give for the same walks — `rollout --walk training` → `gridness` → `modules` — and `report` shows it.
@Suite struct GeneralizationCLITests {
    static let checkpoint = Fixtures.packageRoot.appendingPathComponent("examples/trained/checkpoint.h5").path

    @Test func equalsRolloutThenGridnessThenModules() throws {
        try withTemporaryDirectory("generalization") { dir in
            let json = dir.appendingPathComponent("ood.json").path
            let r = try CLIRunner.run(["generalization", Self.checkpoint, "--boxes", "1,2", "--samples", "24000", "--json", json])
            #expect(r.status == 0, "\(r.stderr)")
            let doc = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
            let boxes = try #require(doc["boxes"] as? [[String: Any]])
            #expect(boxes.count == 2)
            for (side, box) in zip([1, 2], boxes) {
                // The policy `generalization --help` states: 30·side² steps (at least 20), 16 bins per metre.
                let seq = max(20, 30 * side * side), walks = 24000 / seq, bins = 16 * side
                #expect(box["walk_length"] as? Int == seq && box["walks"] as? Int == walks && box["bins"] as? Int == bins)
                let dump = dir.appendingPathComponent("w\(side).h5").path
                #expect(try CLIRunner.run(["rollout", Self.checkpoint, "-o", dump, "--walk", "training", "--walks", "\(walks)",
                                           "--seq", "\(seq)", "--box", "\(side)", "--seed", "5"]).status == 0)
                let g = dir.appendingPathComponent("g\(side).json").path, m = dir.appendingPathComponent("m\(side).json").path
                #expect(try CLIRunner.run(["gridness", dump, "--bins", "\(bins)", "--json", g]).status == 0)
                #expect(try CLIRunner.run(["modules", dump, "--bins", "\(bins)", "--json", m]).status == 0)
                let grid = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: g))) as? [String: Any])
                let scores = try #require(grid["units"] as? [[String: Any]]).compactMap { $0["score_60"] as? Double }.sorted()
                #expect(box["grid_units"] as? Int == scores.filter { $0 > 0.3 }.count)
                #expect(box["median_score_60"] as? Double == scores[scores.count / 2])
                let mods = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: m))) as? [String: Any])
                let periods = try #require(mods["modules"] as? [[String: Any]]).compactMap { $0["period_m"] as? Double }
                #expect(try #require(box["modules"] as? [[String: Any]]).compactMap { $0["period_m"] as? Double } == periods)
            }
            // In the box it was trained in, the shipped network keeps its two modules (examples/trained/README.md).
            #expect((boxes[1]["modules"] as? [Any])?.count == 2)

            let page = dir.appendingPathComponent("report.html").path
            let rep = try CLIRunner.run(["report", dir.appendingPathComponent("w2.h5").path, "-o", page, "--no-topology", "--generalization", json])
            #expect(rep.status == 0, "\(rep.stderr)")
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.contains("<section id=\"generalization\">") && html.contains("grid units against box size"))
        }
    }

    @Test func badInputIsNamed() throws {
        #expect(try CLIRunner.run(["generalization", Self.checkpoint, "--boxes", "1,x"]).status == 2)
        #expect(try CLIRunner.run(["generalization", Self.checkpoint, "--samples", "10"]).status == 2)
        // A JSON path that cannot be written fails at once, before any rollout.
        let noDir = try CLIRunner.run(["generalization", Self.checkpoint, "--json", "/nonexistent-dir/ood.json"])
        #expect(noDir.status == 1 && noDir.stderr.contains("/nonexistent-dir/ood.json") && !noDir.stdout.contains("| 1 m"), "\(noDir.stderr)")
        try withTemporaryDirectory("generalization-bad") { dir in
            let bad = dir.appendingPathComponent("bad.json").path
            try Data(#"{"checkpoint": "c.h5", "grid_threshold": 0.3, "boxes": [{"box_m": "two"}]}"#.utf8).write(to: URL(fileURLWithPath: bad))
            let sim = dir.appendingPathComponent("sim.h5").path
            #expect(try CLIRunner.run(["simulate", "-o", sim, "--steps", "2000"]).status == 0)
            let r = try CLIRunner.run(["report", sim, "-o", dir.appendingPathComponent("r.html").path, "--generalization", bad])
            #expect(r.status == 1 && r.stderr.contains(bad), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.html").path))
        }
    }
}
