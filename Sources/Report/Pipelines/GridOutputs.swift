import Foundation
import RepAnalysis
import RepIO

/// The JSON and HDF5 forms of gridness and module results, shared by `gridness`, `modules` and `batch`.
public enum GridOutputs {
    /// `{"unit": i, "score_60": …, …}` per unit, NaN as null; keys per the issue's contract plus extras.
    public static func gridnessJSON(_ scores: [GridScores], masks: RingMasks) -> [[String: Any]] {
        scores.enumerated().map { i, s in
            func mask(_ k: Int) -> [Double] { [masks.parameters[k].inner, masks.parameters[k].outer] }
            return [
                "unit": i,
                "score_60": JSONOutput.number(s.score60),
                "score_60_minmax": JSONOutput.number(s.score60MinMax),
                "score_90": JSONOutput.number(s.score90),
                "mask_60": mask(s.mask60),
                "mask_60_minmax": mask(s.mask60MinMax),
                "mask_90": mask(s.mask90),
                "spacing_m": JSONOutput.number(s.spacing),
                "orientation_deg": JSONOutput.number(s.orientation),
                "ellipse_aspect_ratio": JSONOutput.number(s.ellipseAspectRatio),
            ]
        }
    }

    /// Writes per-unit gridness arrays under `group` ("/" or "/inputs/0003").
    public static func writeGridness(_ scores: [GridScores], masks: RingMasks, to f: HDF5File, group: String) throws {
        let g = group == "/" ? "" : group
        let n = scores.count
        func put(_ name: String, _ v: [Double]) throws { try f.write(ShapedArray(shape: [n], values: v), to: "\(g)/\(name)") }
        try put("score_60", scores.map(\.score60))
        try put("score_60_minmax", scores.map(\.score60MinMax))
        try put("score_90", scores.map(\.score90))
        try put("spacing_m", scores.map(\.spacing))
        try put("orientation_deg", scores.map(\.orientation))
        try put("ellipse_aspect_ratio", scores.map(\.ellipseAspectRatio))
        for (name, pick) in [("mask_60", \GridScores.mask60), ("mask_60_minmax", \GridScores.mask60MinMax), ("mask_90", \GridScores.mask90)] {
            let v = scores.flatMap { [masks.parameters[$0[keyPath: pick]].inner, masks.parameters[$0[keyPath: pick]].outer] }
            try f.write(ShapedArray(shape: [n, 2], values: v), to: "\(g)/\(name)")
        }
    }

    /// The modules JSON document: units, modules, period_ratios.
    public static func modulesJSON(_ d: ModuleDetection) -> [String: Any] {
        [
            "units": d.units.enumerated().map { i, u -> [String: Any] in
                [
                    "unit": i,
                    "period_m": JSONOutput.number(u.fit.period),
                    "orientation_deg": JSONOutput.number(u.fit.orientation),
                    "grid_like": u.gridLike,
                    "module": u.module.map { $0 as Any } ?? NSNull(),
                    "sixfold": JSONOutput.number(u.fit.sixfold),
                    "peak_contrast": u.fit.peakContrast.map(JSONOutput.number),
                ]
            },
            "modules": d.modules.map { m -> [String: Any] in
                ["module": m.index, "period_m": JSONOutput.number(m.period),
                 "orientation_deg": JSONOutput.number(m.orientation), "units": m.units]
            },
            "period_ratios": d.periodRatios.map(JSONOutput.number),
            "module_pairs": d.relations.map { r -> [String: Any] in
                var o: [String: Any] = [
                    "fine": r.fine, "coarse": r.coarse, "period_ratio": JSONOutput.number(r.ratio),
                    "orientation_difference_deg": JSONOutput.number(r.orientationDifference),
                    "basis": r.basis, "index": r.index, "residual": JSONOutput.number(r.residual),
                    "superlattice": r.isSuperlattice,
                ]
                if let p = r.phaseLocking {
                    o["phase_locking"] = ["observed_mean": JSONOutput.number(p.observedMean), "null_mean": JSONOutput.number(p.nullMean),
                                          "p_value": JSONOutput.number(p.pValue), "coarse_units": p.coarseUnits] as [String: Any]
                }
                return o
            },
        ]
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

    /// "n units: k with score_60 > 0.3; quartiles …" for stdout.
    public static func gridnessSummary(_ scores: [GridScores]) -> String {
        let v = scores.map(\.score60).filter(\.isFinite).sorted()
        guard !v.isEmpty else { return "\(scores.count) units: no finite score" }
        func q(_ p: Double) -> String { String(format: "%.3f", v[min(v.count - 1, Int(p * Double(v.count - 1) + 0.5))]) }
        let above = v.filter { $0 > 0.3 }.count
        var lines = ["\(scores.count) units; \(above) with score_60 > 0.3 (\(String(format: "%.0f", 100 * Double(above) / Double(scores.count)))%)",
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
