import Foundation
import Testing
@testable import RepAnalysis
import TestSupport

@Suite struct AutocorrelogramTests {
    @Test(arguments: GridReference.sets)
    func matchesDeepMindSAC(set: String) throws {
        guard let maps = try GridReference.maps(set), let ref = try GridReference.autocorrelograms(set) else { return }
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
        #expect(worst < 1e-9)
    }
}
