import Foundation
import Testing
import TestSupport

/// `pair_fraction` on the command line: `train --print-config` shows it, `--set` checks it, and `bench-train --set`
/// times a step with it.
@Suite struct PairFractionCLITests {
    @Test func printConfigShowsAndChecksTheKey() throws {
        let plain = try CLIRunner.run(["train", "--print-config"])
        let doc = try #require(try TestJSON.object(with: Data(plain.stdout.utf8)) as? [String: Any])
        #expect(doc["pair_fraction"] as? Double == 1, "the default is every pair")
        let half = try CLIRunner.run(["train", "--print-config", "--set", "pair_fraction=0.5"])
        let halfDoc = try #require(try TestJSON.object(with: Data(half.stdout.utf8)) as? [String: Any])
        #expect(halfDoc["pair_fraction"] as? Double == 0.5)
        for bad in ["0", "-0.5", "1.5", "nan"] {
            let r = try CLIRunner.run(["train", "--print-config", "--set", "pair_fraction=\(bad)"])
            #expect(r.status == 2 && r.stderr.contains("config key 'pair_fraction'"), "\(bad): \(r.status) \(r.stderr)")
        }
    }

    @Test func benchTrainTakesSet() throws {
        let r = try CLIRunner.run(["bench-train", "--units", "4", "--width", "8", "--batch", "4", "--seq", "5", "--steps", "1",
                                   "--threads", "1", "--set", "pair_fraction=0.5"], timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("N=4 H=8 B=4 T=5") && r.stdout.contains("pair_fraction 0.5: pairs of 10 of 20 states"), "\(r.stdout)")
        let bad = try CLIRunner.run(["bench-train", "--units", "4", "--set", "pair_fraction=2"], timeout: 60)
        #expect(bad.status == 2 && bad.stderr.contains("config key 'pair_fraction'"), "\(bad.stderr)")
        let noEquals = try CLIRunner.run(["bench-train", "--set", "pair_fraction"], timeout: 60)
        #expect(noEquals.status == 2 && noEquals.stderr.contains("KEY=VALUE"), "\(noEquals.stderr)")
    }
}
