import Foundation
import Testing
@testable import TopologyTDA

/// Representative cocycles checked by their defining properties, not against the code that made them.
@Suite struct CocycleTests {
    /// δc evaluated on the triangle {a < b < c}: c(bc) − c(ac) + c(ab) mod p.
    func coboundary(_ c: [[Int]: Int], _ a: Int, _ b: Int, _ d: Int, _ p: Int) -> Int {
        let v = (c[[b, d]] ?? 0) - (c[[a, d]] ?? 0) + (c[[a, b]] ?? 0)
        return ((v % p) + p) % p
    }

    @Test(arguments: [2, 3, 47]) func circleCocycleIsClosedBeforeDeathAndWindsOnce(_ p: Int) throws {
        let n = 60
        var pts = [Double]()
        for k in 0..<n { let a = 2 * Double.pi * Double(k) / Double(n); pts += [cos(a), sin(a)] }
        let dm = try DistanceMatrix(points: pts, dimension: 2)
        let b = try PersistentCohomology.barcode(of: dm, maxDimension: 1, coefficient: p, cocycles: true)
        let h1 = b.diagrams[1]
        #expect(h1.count == 1)
        let cocycle = try #require(h1.cocycles?.first)
        var c = [[Int]: Int]()
        for (s, x) in zip(cocycle.simplices, cocycle.coefficients) {
            #expect(s.count == 2 && s[0] < s[1] && x > 0 && x < p)
            c[s] = x
        }
        // Closed: δc = 0 on every triangle that is in the complex before the bar dies.
        let death = Float(h1.intervals[0].death)
        var checked = 0
        for a in 0..<n { for e in (a + 1)..<n { for f in (e + 1)..<n {
            let diam = max(dm[a, e], dm[a, f], dm[e, f])
            if diam < death { #expect(coboundary(c, a, e, f, p) == 0); checked += 1 }
        } } }
        #expect(checked > 1000)
        // Not exact: it pairs non-trivially with the 60-gon (edges k→k+1; the closing edge is [0, 59] reversed).
        var winding = 0
        for k in 0..<(n - 1) { winding += c[[k, k + 1]] ?? 0 }
        winding -= c[[0, n - 1]] ?? 0
        #expect(((winding % p) + p) % p != 0)
    }

    @Test func cocyclesOnlyWhenAskedAndOnePerBar() throws {
        let pts: [Double] = [0, 0, 1, 0, 1, 1, 0, 1]
        #expect(try PersistentCohomology.barcode(ofPoints: pts, dimension: 2).diagrams[1].cocycles == nil)
        let dm = try DistanceMatrix(points: pts, dimension: 2)
        let b = try PersistentCohomology.barcode(of: dm, maxDimension: 2, cocycles: true)
        #expect(b.diagrams[0].cocycles == nil)
        #expect(b.diagrams[1].cocycles?.count == b.diagrams[1].count && b.diagrams[2].cocycles?.count == 0)
    }
}
