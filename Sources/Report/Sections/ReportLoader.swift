import Foundation
import RepIO

/// Reads the report's inputs from the files other commands write: gridness JSON, modules JSON, barcode JSON
/// (ripser.py's `dgms` layout), a training run folder and a simulation's `/truth`. (Rate maps are read by the CLI's
/// `MapInput`, shared with `gridness` and `modules`.)
public enum ReportLoader {
    static func jsonObject(_ path: String) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ReportError.missing(path: path, what: "file") }
        let obj: Any
        do { obj = try JSONSerialization.jsonObject(with: data) } catch {
            throw ReportError.badJSON(file: path, reason: "not valid JSON (\((error as NSError).localizedDescription))")
        }
        guard let dict = obj as? [String: Any] else { throw ReportError.badJSON(file: path, reason: "expected a JSON object at the top level") }
        return dict
    }

    /// A JSON number, or NaN for null / missing / true / false.
    static func double(_ v: Any?) -> Double {
        if let n = v as? NSNumber, !isBool(n) { return n.doubleValue }
        return .nan
    }

    /// Whether a parsed JSON value is true/false. (`x is Bool` is also true for the numbers 0 and 1 on Linux, so the
    /// NSNumber's type code is what tells them apart.)
    static func isBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }

    /// Per-unit scores from `repanalyze gridness --json` (`{"units": [{"unit", "score_60", …}]}`).
    public static func gridness(json path: String) throws -> [ReportContent.UnitScores] {
        let d = try jsonObject(path)
        guard let units = d["units"] as? [[String: Any]] else {
            throw ReportError.badJSON(file: path, reason: "expected \"units\": [{\"unit\": …, \"score_60\": …}] (gridness JSON)")
        }
        return try units.enumerated().map { i, u in
            guard let unit = (u["unit"] as? NSNumber)?.intValue, unit >= 0 else {
                throw ReportError.badJSON(file: path, reason: "units[\(i)] has no non-negative integer \"unit\"")
            }
            return ReportContent.UnitScores(unit: unit, score60: double(u["score_60"]), score60MinMax: double(u["score_60_minmax"]),
                                            score90: double(u["score_90"]), spacing: double(u["spacing_m"]),
                                            orientation: double(u["orientation_deg"]))
        }
    }

    /// Modules and per-unit periods from `repanalyze modules --json`.
    public static func modules(json path: String) throws -> (modules: [ReportContent.Module], periods: [Double], orientations: [Double]) {
        let d = try jsonObject(path)
        guard let mods = d["modules"] as? [[String: Any]] else {
            throw ReportError.badJSON(file: path, reason: "expected \"modules\": [{\"module\": …, \"period_m\": …, \"units\": […]}] (modules JSON)")
        }
        let modules: [ReportContent.Module] = try mods.enumerated().map { i, m in
            guard let id = (m["module"] as? NSNumber)?.intValue, let units = m["units"] as? [NSNumber] else {
                throw ReportError.badJSON(file: path, reason: "modules[\(i)] needs an integer \"module\" and a list \"units\"")
            }
            return ReportContent.Module(id: id, period: double(m["period_m"]), orientation: double(m["orientation_deg"]),
                                        units: units.map(\.intValue))
        }
        var periods: [Double] = [], orientations: [Double] = []
        if let units = d["units"] as? [[String: Any]] {
            let n = (units.compactMap { ($0["unit"] as? NSNumber)?.intValue }.max() ?? -1) + 1
            guard n <= 10_000_000 else { throw ReportError.badJSON(file: path, reason: "unit index \(n - 1) is implausibly large") }
            periods = [Double](repeating: .nan, count: n); orientations = periods
            for u in units {
                guard let i = (u["unit"] as? NSNumber)?.intValue, i >= 0, (u["grid_like"] as? Bool) ?? true else { continue }
                periods[i] = double(u["period_m"]); orientations[i] = double(u["orientation_deg"])
            }
        }
        return (modules, periods, orientations)
    }

    /// Diagrams and Betti numbers from `repanalyze barcode --json` (ripser.py's layout: death null = infinite).
    public static func barcode(json path: String) throws -> (diagrams: [PersistenceBars], betti: [Int]?) {
        let d = try jsonObject(path)
        guard let dgms = d["dgms"] as? [[Any]] else {
            throw ReportError.badJSON(file: path, reason: "expected \"dgms\": [[[birth, death], …], …] (barcode JSON)")
        }
        let diagrams: [PersistenceBars] = try dgms.enumerated().map { k, dim in
            try dim.enumerated().map { i, pair in
                guard let p = pair as? [Any], p.count == 2, let b = p[0] as? NSNumber else {
                    throw ReportError.badJSON(file: path, reason: "dgms[\(k)][\(i)] is not a [birth, death] pair")
                }
                let death = p[1] is NSNull ? Double.infinity : double(p[1])
                return (birth: b.doubleValue, death: death)
            }
        }
        return (diagrams, (d["betti"] as? [NSNumber])?.map(\.intValue))
    }

    /// Loss curves and config of a training run folder (`log.jsonl`, `config.json`).
    ///
    /// Every numeric key of the log except `step` and `time` becomes a curve against `step` (or the line number):
    /// the total first, then the terms alphabetically, then `grad_norm` and `lr`.
    public static func training(runDirectory dir: String) throws -> ReportContent.Training {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw ReportError.missing(path: dir, what: "run folder")
        }
        let logPath = (dir as NSString).appendingPathComponent("log.jsonl")
        guard let data = FileManager.default.contents(atPath: logPath) else {
            throw ReportError.missing(path: logPath, what: "training log (log.jsonl)")
        }
        var keys: [String] = []
        var xs: [String: [Double]] = [:], ys: [String: [Double]] = [:]
        for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            guard let obj = try? JSONSerialization.jsonObject(with: Data(t.utf8)) as? [String: Any] else {
                throw ReportError.badLogLine(file: logPath, line: n + 1, reason: "not a JSON object")
            }
            let step = (obj["step"] as? NSNumber)?.doubleValue ?? Double(n)
            for (k, v) in obj where k != "step" && k != "time" {
                guard let num = v as? NSNumber, !isBool(num) else { continue }
                if ys[k] == nil { keys.append(k) }
                xs[k, default: []].append(step); ys[k, default: []].append(num.doubleValue)
            }
        }
        // A fixed order (JSON objects have none): the total first, the terms alphabetically, optimiser values last.
        func rank(_ k: String) -> (Int, String) { (k == "total" || k == "loss" ? 0 : (k == "grad_norm" || k == "lr") ? 2 : 1, k) }
        let curves = keys.sorted { rank($0) < rank($1) }.map { LinePlot.Series(name: $0, x: xs[$0] ?? [], y: ys[$0] ?? []) }
        let configPath = (dir as NSString).appendingPathComponent("config.json")
        let config = FileManager.default.contents(atPath: configPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return ReportContent.Training(curves: curves, config: config, runDirectory: dir)
    }

    /// The truth written by `repanalyze simulate`, or nil when the file has no `/truth`.
    public static func truth(_ file: HDF5File) throws -> ReportContent.Truth? {
        guard file.exists("/truth/kind"), file.exists("/truth/module"), file.exists("/truth/module_period_m") else { return nil }
        let kinds = try file.readStrings("/truth/kind").values
        let modules: ShapedArray<Int32> = try file.read("/truth/module")
        let periods: ShapedArray<Double> = try file.read("/truth/module_period_m")
        let orient: ShapedArray<Double> = file.exists("/truth/module_orientation_deg")
            ? try file.read("/truth/module_orientation_deg") : ShapedArray(shape: [periods.count], values: [Double](repeating: .nan, count: periods.count))
        return ReportContent.Truth(modulePeriods: periods.values, moduleOrientations: orient.values, kinds: kinds,
                                   unitModules: modules.values.map(Int.init))
    }
}
