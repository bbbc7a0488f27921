import Foundation
import RepAnalysis
import RepIO

/// The HDF5 forms of gridness and module results and the gridness summary, shared by `gridness`, `modules` and `batch`.
public enum GridOutputs {
    /// Writes per-unit gridness arrays under `group` ("/" or "/inputs/0003"): `GridnessDocument`'s HDF5 form.
    public static func writeGridness(_ scores: [GridScores], masks: RingMasks, to f: HDF5File, group: String) throws {
        try GridnessDocument.writeUnits(GridnessDocument.units(scores, masks: masks), to: f, group: group)
    }

    /// Writes per-unit module results and the population's mean spectrum under `group`.
    public static func writeModules(_ d: ModuleDetection, to f: HDF5File, group: String) throws {
        let g = group == "/" ? "" : group
        let n = d.units.count
        try f.write(ShapedArray(shape: [n], values: d.units.map(\.fit.period)), to: "\(g)/period_m")
        try f.write(ShapedArray(shape: [n], values: d.units.map(\.fit.orientation)), to: "\(g)/lattice_orientation_deg")
        try f.write(ShapedArray(shape: [n], values: d.units.map { Int32($0.gridLike ? 1 : 0) }), to: "\(g)/grid_like")
        try f.write(ShapedArray(shape: [n], values: d.units.map { Int32($0.module ?? -1) }), to: "\(g)/module")
        try f.write(ShapedArray(shape: [d.modules.count], values: d.modules.map(\.period)), to: "\(g)/module_period_m")
        try f.write(ShapedArray(shape: [d.modules.count], values: d.modules.map(\.orientation)), to: "\(g)/module_orientation_deg")
        if let s = d.meanSpectrum {
            let path = "\(g)/mean_power_spectrum"
            try f.write(ShapedArray(shape: [s.size, s.size], values: s.values), to: path, gzip: 4)
            try f.setAttribute("frequency_step_cycles_per_m", of: path, .floats([s.frequencyStep.x, s.frequencyStep.y]))
            try f.setAttribute("axis_order", of: path, .string("fy, fx; zero frequency at [size/2, size/2]; each unit's spectrum normalised to total 1"))
        }
    }

    /// "n units: k with score_60 > 0.3; quartiles …" for stdout (the threshold is `GridCriteria.gridScoreThreshold`).
    public static func gridnessSummary(_ scores: [GridScores]) -> String {
        let v = scores.map(\.score60).filter(\.isFinite).sorted()
        guard !v.isEmpty else { return "\(scores.count) units: no finite score" }
        func q(_ p: Double) -> String { String(format: "%.3f", v[min(v.count - 1, Int(p * Double(v.count - 1) + 0.5))]) }
        let t = GridCriteria.gridScoreThreshold
        let above = v.filter { $0 > t }.count
        var lines = ["\(scores.count) units; \(above) with score_60 > \(t) (\(String(format: "%.0f", 100 * Double(above) / Double(scores.count)))%)",
                     "score_60 min \(q(0))  25% \(q(0.25))  median \(q(0.5))  75% \(q(0.75))  max \(q(1))"]
        // A coarse histogram of score_60, 0.25 wide.
        var bins: [Int: Int] = [:]
        for x in v { bins[Int((x / 0.25).rounded(.down)), default: 0] += 1 }
        let peak = bins.values.max() ?? 1
        for k in (bins.keys.min() ?? 0)...(bins.keys.max() ?? 0) {
            let c = bins[k] ?? 0
            let label = String(format: "%6.2f..%5.2f", Double(k) * 0.25, Double(k + 1) * 0.25)
            lines.append("  \(label) \(String(repeating: "#", count: (40 * c + peak - 1) / peak)) \(c)")
        }
        return lines.joined(separator: "\n")
    }
}
