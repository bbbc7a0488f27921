import Foundation

/// Groups grid periods into modules by the gaps in log-period: sorted periods are cut wherever two neighbours
/// differ by more than `gap` in ln λ (0.15 ≈ a 16 % jump; grid modules step by about 1.4, ln 1.4 ≈ 0.34).
/// The number of modules is what the data gives, not an input.
public enum ModuleClustering {
    /// Module index (0 = smallest period) for each period, in input order; NaN periods get nil.
    public static func cluster(periods: [Double], gap: Double = 0.15) -> [Int?] {
        let order = periods.indices.filter { periods[$0].isFinite && periods[$0] > 0 }.sorted { periods[$0] < periods[$1] }
        var out = [Int?](repeating: nil, count: periods.count)
        var module = 0
        for (k, i) in order.enumerated() {
            if k > 0 && log(periods[i]) - log(periods[order[k - 1]]) > gap { module += 1 }
            out[i] = module
        }
        return out
    }

    /// Six-fold circular mean of orientations in degrees, in [0, 60).
    public static func meanOrientation(_ degrees: [Double]) -> Double {
        var sx = 0.0, sy = 0.0
        for d in degrees where d.isFinite {
            sx += cos(6 * d * .pi / 180); sy += sin(6 * d * .pi / 180)
        }
        guard sx != 0 || sy != 0 else { return .nan }
        var o = atan2(sy, sx) * 180 / .pi / 6
        if o < 0 { o += 60 }
        return o >= 60 ? 0 : o
    }
}
