import Foundation

/// Groups grid periods into modules by the gaps in log-period: sorted periods are cut wherever two neighbours
/// differ by more than `gap` in ln λ (0.15 ≈ a 16 % jump; grid modules step by about 1.4, ln 1.4 ≈ 0.34).
/// The number of modules is what the data gives, not an input. A group smaller than `minSize` units is not a
/// module (a lone unit that passes the six-fold test — a band or a smooth random field with a lucky spectrum — would
/// otherwise be reported as a module of its own); its units stay unassigned.
public enum ModuleClustering {
    /// Module index (0 = smallest period) for each period, in input order; NaN periods and units of groups
    /// smaller than `minSize` get nil.
    public static func cluster(periods: [Double], gap: Double = 0.15, minSize: Int = 1) -> [Int?] {
        let order = periods.indices.filter { periods[$0].isFinite && periods[$0] > 0 }.sorted { periods[$0] < periods[$1] }
        var groups: [[Int]] = []
        for (k, i) in order.enumerated() {
            if k == 0 || log(periods[i]) - log(periods[order[k - 1]]) > gap { groups.append([]) }
            groups[groups.count - 1].append(i)
        }
        var out = [Int?](repeating: nil, count: periods.count)
        for (module, members) in groups.filter({ $0.count >= max(minSize, 1) }).enumerated() {
            for i in members { out[i] = module }
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
