import Foundation
import Testing
@testable import RepAnalysis
import TestSupport

/// Spacing and orientation from the SAC against the known lattices of the shared population and adversarial maps.
@Suite struct GridGeometryTests {
    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project"), arguments: ["ratemaps_32", "ratemaps_44"])
    func populationSpacingAndOrientation(set: String) throws {
        guard let maps = try GridReference.maps(set), let tp = Fixtures.shared("grid/population_truth.json") else { Issue.record("../shared/reference is there but a file is missing"); return }
        let truth = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: tp))) as? [String: Any])
        let cells = try #require(truth["cells"] as? [[String: Any]])
        let nb = maps.shape[1]
        let scorer = GridScorer(height: nb, width: nb, binSize: (1 / Double(nb), 1 / Double(nb)))
        var errs: [Int: [Double]] = [:], oerrs: [Int: [Double]] = [:]
        for (i, c) in cells.enumerated() where c["kind"] as? String == "grid" {
            let s = scorer.score(GridReference.map(maps, i))
            let p = try #require(c["period_m"] as? Double), o = try #require(c["orientation_deg"] as? Double)
            let m = try #require(c["module"] as? Int)
            errs[m, default: []].append(abs(s.spacing - p) / p)
            oerrs[m, default: []].append(GridAnalyticTests.angleDiff60(s.orientation, o))
        }
        func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }
        var line = "SAC geometry \(set):"
        for m in errs.keys.sorted() {
            line += String(format: " module %d spacing median error %.1f%% (max %.1f%%), orientation median error %.1f° (max %.1f°);",
                           m, 100 * median(errs[m]!), 100 * errs[m]!.max()!, median(oerrs[m]!), oerrs[m]!.max()!)
            #expect(median(errs[m]!) < 0.05)
            #expect(median(oerrs[m]!) < 3)
        }
        print(line)
    }

    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project")) func adversarialLatticesFromTruth() throws {
        guard let maps = try GridReference.maps("adversarial"), let tp = Fixtures.shared("grid/adversarial_truth.json") else { Issue.record("../shared/reference is there but a file is missing"); return }
        let truth = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: tp))) as? [[String: Any]])
        let scorer = GridScorer(height: 32, width: 32)
        var line = "adversarial geometry:"
        for t in truth {
            let i = try #require(t["index"] as? Int), kind = t["kind"] as? String ?? ""
            let s = scorer.score(GridReference.map(maps, i))
            guard kind == "grid" || kind == "grid_elliptic", let p = t["period_m"] as? Double, let o = t["orientation_deg"] as? Double else { continue }
            line += String(format: " %@ spacing %.3f (truth %.2f) orientation %.1f (truth %.0f) aspect %.2f;",
                           t["name"] as! String, s.spacing, p, s.orientation, o, s.ellipseAspectRatio)
            if kind == "grid" {
                #expect(abs(s.spacing - p) / p < 0.06, "\(t["name"]!)")
                #expect(GridAnalyticTests.angleDiff60(s.orientation, o) < 3, "\(t["name"]!)")
            }
            if kind == "grid_elliptic", let k = t["stretch"] as? Double { #expect(abs(s.ellipseAspectRatio - k) < 0.05) }
        }
        print(line)
    }
}
