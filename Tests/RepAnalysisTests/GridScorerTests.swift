import Foundation
import Testing
@testable import RepAnalysis
import TestSupport

@Suite struct GridScorerTests {
    @Test(arguments: GridReference.sets)
    func matchesDeepMindScores(set: String) throws {
        guard let maps = try GridReference.maps(set), let ref = try GridReference.results(set) else { return }
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
        #expect(d60 < 1e-6 && d60mm < 1e-6 && d90 < 1e-6)
        #expect(maskMismatch == 0)
    }
}
