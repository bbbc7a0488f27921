import Foundation
import Testing
import TestSupport

/// The network in examples/trained/ still gives the figures recorded when it was shipped (examples/trained/
/// expected.json): a regression test of the README's numbers, through the commands a user runs.
@Suite struct TrainedNetworkTests {
    @Test func shippedNetworkGivesTheRecordedFigures() throws {
        let root = Fixtures.packageRoot.appendingPathComponent("examples/trained")
        let expected = try #require(try TestJSON.object(with: Data(contentsOf: root.appendingPathComponent("expected.json"))) as? [String: Any])
        try withTemporaryDirectory("trained") { dir in
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let walks = dir.appendingPathComponent("walks.h5").path
            let rolloutArgs = try #require(expected["rollout"] as? [String])
            let r = try CLIRunner.run(["rollout", root.appendingPathComponent("checkpoint.h5").path, "-o", walks] + rolloutArgs)
            #expect(r.status == 0, "\(r.stderr)")

            let gridJSON = dir.appendingPathComponent("grid.json").path
            #expect(try CLIRunner.run(["gridness", walks, "--json", gridJSON]).status == 0)
            let grid = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: gridJSON))) as? [String: Any])
            let units = try #require(grid["units"] as? [[String: Any]])
            let above = units.filter { ($0["score_60"] as? Double ?? -1) > 0.3 }.count
            let recorded = try #require(expected["units_score60_above_0_3"] as? Int)
            #expect(units.count == expected["units"] as? Int)
            #expect(abs(above - recorded) <= 4, "\(above) units above 0.3, recorded \(recorded)")

            let modJSON = dir.appendingPathComponent("modules.json").path
            #expect(try CLIRunner.run(["modules", walks, "--json", modJSON]).status == 0)
            let mods = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: modJSON))) as? [String: Any])
            let modules = try #require(mods["modules"] as? [[String: Any]])
            #expect(modules.count == expected["modules"] as? Int)
            let periods = modules.compactMap { $0["period_m"] as? Double }
            for (p, q) in zip(periods, try #require(expected["module_periods_m"] as? [Double])) {
                #expect(abs(p - q) / q < 0.03, "period \(p) m, recorded \(q) m")
            }
            let pairs = try #require(mods["module_pairs"] as? [[String: Any]])
            #expect(pairs.first?["superlattice"] as? Bool == true)
            #expect(pairs.first?["index"] as? Int == expected["superlattice_index"] as? Int)
            let ratio = try #require(pairs.first?["period_ratio"] as? Double)
            #expect(abs(ratio - (try #require(expected["period_ratio"] as? Double))) < 0.05)
        }
    }
}
