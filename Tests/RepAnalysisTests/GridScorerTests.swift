import Foundation
import RepIO
import Testing
@testable import RepAnalysis
import TestSupport

@Suite struct GridScorerTests {
    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project"), arguments: GridReference.sets)
    func matchesDeepMindScores(set: String) throws {
        guard let maps = try GridReference.maps(set), let ref = try GridReference.results(set) else { Issue.record("../shared/reference is there but a file is missing"); return }
        let h = maps.shape[1], w = maps.shape[2], n = maps.shape[0]
        #expect(ref.count == n)
        let scorer = GridScorer(height: h, width: w)
        let ws = GridScorer.Workspace(for: scorer)
        var d60 = 0.0, d60mm = 0.0, d90 = 0.0, maskMismatch = 0
        for i in 0..<n {
            let s = scorer.score(GridReference.map(maps, i), workspace: ws)
            let r = ref[i]
            d60 = max(d60, abs(s.score60 - (r["score_60"] as! Double)))
            d60mm = max(d60mm, abs(s.score60MinMax - (r["score_60_minmax"] as! Double)))
            d90 = max(d90, abs(s.score90 - (r["score_90"] as! Double)))
            let m60 = (r["mask_60"] as! [Double])[1], m90 = (r["mask_90"] as! [Double])[1]
            if abs(scorer.masks.parameters[s.mask60].outer - m60) > 1e-12 || abs(scorer.masks.parameters[s.mask90].outer - m90) > 1e-12 {
                maskMismatch += 1
            }
        }
        print("scores \(set): max |diff| score_60 \(d60), score_60_minmax \(d60mm), score_90 \(d90); mask mismatches \(maskMismatch)")
        #expect(d60 < 1e-13 && d60mm < 1e-13 && d90 < 1e-13)   // the bound `gridness --help` and the READMEs state
        #expect(maskMismatch == 0)
    }
}

/// The project's own small fixture (scripts/make_grid_fixtures.py: the DeepMind formulas restated with
/// NumPy/SciPy), usable without ../shared.
@Suite struct GridScorerSmallFixtureTests {
    @Test func matchesScriptedDeepMindScores() throws {
        let f = try HDF5File(Fixtures.project("grid/scorer_small.h5"))
        let maps: ShapedArray<Double> = try f.read("maps")
        let sacs: ShapedArray<Double> = try f.read("sac")
        let scores: ShapedArray<Double> = try f.read("scores")
        let masks: ShapedArray<Int64> = try f.read("mask_index")
        let n = maps.shape[1], sacSize = (2 * n - 1) * (2 * n - 1)
        let scorer = GridScorer(height: n, width: n)
        let ws = GridScorer.Workspace(for: scorer)
        for i in 0..<maps.shape[0] {
            let s = scorer.score(GridReference.map(maps, i), workspace: ws)
            let sac = ws.lastAutocorrelogram
            let worstSAC = (0..<sacSize).map { abs(sac[$0] - sacs.values[i * sacSize + $0]) }.max()!
            #expect(worstSAC < 1e-12)
            #expect(abs(s.score60 - scores.values[3 * i]) < 1e-13)
            #expect(abs(s.score60MinMax - scores.values[3 * i + 1]) < 1e-13)
            #expect(abs(s.score90 - scores.values[3 * i + 2]) < 1e-13)
            #expect([s.mask60, s.mask60MinMax, s.mask90] == masks.values[(3 * i)..<(3 * i + 3)].map { Int($0) })
        }
    }
}

/// Many threads planning FFTs of different sizes and scoring at once give exactly the single-thread results.
@Suite struct GridScorerConcurrencyTests {
    @Test func parallelScoringIsDeterministic() {
        var maps: [Float] = []
        for u in 0..<24 {
            let m = GridAnalyticTests.lattice(20, period: 0.2 + 0.02 * Double(u), orientation: Double(u) * 2.5, kind: "hex")
            maps += m.enumerated().map { $0.offset % 11 == u % 11 ? Float.nan : Float($0.element) }
        }
        let scorer = GridScorer(height: 20, width: 20)
        let one = scorer.scoreAll(maps: maps, units: 24, threads: 1)
        let many = scorer.scoreAll(maps: maps, units: 24, threads: 6)
        #expect(one.map(\.score60) == many.map(\.score60))
        #expect(one.map(\.score90) == many.map(\.score90))
        #expect(one.map(\.mask60) == many.map(\.mask60))
    }

    @Test func concurrentPlanningOfManySizes() async {
        // Fresh sizes each: every task plans (under the cache's lock) while others execute.
        let results = await withTaskGroup(of: (Int, Double).self) { group in
            for n in 5..<21 {
                group.addTask {
                    let m = (0..<(n * n)).map { sin(Double($0) * 0.31) }
                    let a = Autocorrelogram(map: m, height: n, width: n)
                    return (n, a.values[(n - 1) * (2 * n - 1) + (n - 1)])
                }
            }
            var out: [(Int, Double)] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { abs($0.1 - 1) < 1e-12 })   // lag (0, 0) is 1 for every size
    }
}
