import Foundation
import Testing
@testable import RepAnalysis
import TestSupport

@Suite struct AutocorrelogramTests {
    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project"), arguments: GridReference.sets)
    func matchesDeepMindSAC(set: String) throws {
        guard let maps = try GridReference.maps(set), let ref = try GridReference.autocorrelograms(set) else { Issue.record("../shared/reference is there but a file is missing"); return }
        let h = maps.shape[1], w = maps.shape[2], n = maps.shape[0]
        let ws = AutocorrelogramWorkspace(height: h, width: w)
        let size = (2 * h - 1) * (2 * w - 1)
        #expect(ref.shape == [n, 2 * h - 1, 2 * w - 1])
        var out = [Double](repeating: 0, count: size)
        var worst = 0.0
        for i in 0..<n {
            let m = GridReference.map(maps, i)
            m.withUnsafeBufferPointer { mp in out.withUnsafeMutableBufferPointer { ws.compute(map: mp, nan: .zeroFill, into: $0) } }
            for k in 0..<size { worst = max(worst, abs(out[k] - ref.values[i * size + k])) }
        }
        print("SAC \(set): max |diff| vs DeepMind = \(worst)")
        #expect(worst < 1e-12)   // the bound Sources/RepAnalysis/Gridness/README.md states
    }
}

/// `--nan exclude`: each lag's correlation over the pairs where both bins are valid, checked against a direct
/// loop over lags written here from the definition.
@Suite struct AutocorrelogramExcludeTests {
    static func direct(_ m: [Double], _ h: Int, _ w: Int) -> [Double] {
        var out = [Double](repeating: 0, count: (2 * h - 1) * (2 * w - 1))
        for u in (1 - h)..<h { for v in (1 - w)..<w {
            var n = 0.0, sa = 0.0, sb = 0.0, qa = 0.0, qb = 0.0, p = 0.0
            for i in 0..<h { for j in 0..<w {
                let i2 = i + u, j2 = j + v
                guard i2 >= 0, i2 < h, j2 >= 0, j2 < w else { continue }
                let a = m[i2 * w + j2], b = m[i * w + j]
                guard !a.isNaN, !b.isNaN else { continue }
                n += 1; sa += a; sb += b; qa += a * a; qb += b * b; p += a * b
            } }
            guard n > 0 else { continue }
            let va = qa / n - sa * sa / (n * n), vb = qb / n - sb * sb / (n * n)
            guard va > 1e-9, vb > 1e-9 else { continue }
            out[(u + h - 1) * (2 * w - 1) + (v + w - 1)] = (p / n - sa * sb / (n * n)) / (va.squareRoot() * vb.squareRoot())
        } }
        return out
    }

    @Test func excludeMatchesDirectDefinition() {
        let h = 12, w = 9
        var m = (0..<(h * w)).map { sin(Double($0) * 0.7) * 2 + cos(Double($0 % w)) }
        for k in stride(from: 3, to: h * w, by: 7) { m[k] = .nan }
        let got = Autocorrelogram(map: m, height: h, width: w, nan: .exclude).values
        let want = Self.direct(m, h, w)
        // Lags whose overlap has (near-)zero variance are 0 in both; elsewhere they agree to round-off.
        var worst = 0.0
        for k in 0..<got.count where want[k] != 0 { worst = max(worst, abs(got[k] - want[k])) }
        #expect(worst < 1e-9, "max |diff| \(worst)")
    }

    @Test func withoutNaNBothPoliciesAgree() {
        let m = (0..<100).map { sin(Double($0) * 0.37) + 0.1 * Double($0 % 10) }
        let a = Autocorrelogram(map: m, height: 10, width: 10, nan: .zeroFill).values
        let b = Autocorrelogram(map: m, height: 10, width: 10, nan: .exclude).values
        #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(abs(a[9 * 19 + 9] - 1) < 1e-12)  // lag (0,0)
    }
}
