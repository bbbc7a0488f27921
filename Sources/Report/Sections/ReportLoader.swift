import Foundation
import RepIO
import TopologyTDA

/// Reads the report's inputs from the files other commands write: gridness JSON, modules JSON, barcode JSON
/// (ripser.py's `dgms` layout), a training run folder and a simulation's `/truth`. (Rate maps are read by the CLI's
/// `MapInput`, shared with `gridness` and `modules`.)
public enum ReportLoader {
    /// Decodes the document at `path`: a missing file is `ReportError.missing`, anything else wrong a
    /// `DocumentError` naming the file and the key.
    static func document<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else { throw ReportError.missing(path: path, what: "file") }
        return try JSONDocument.decode(type, from: data, file: path)
    }

    /// Per-unit scores from `repanalyze gridness --json` (`GridnessDocument`).
    public static func gridness(json path: String) throws -> [ReportContent.UnitScores] {
        try document(GridnessDocument.self, path).units.map { u in
            ReportContent.UnitScores(unit: u.unit, score60: u.score60, score60MinMax: u.score60MinMax, score90: u.score90,
                                     spacing: u.spacing, orientation: u.orientation)
        }
    }

    /// Modules and per-unit periods from `repanalyze modules --json` (`ModulesDocument`); units that are not
    /// grid-like have no period (NaN).
    public static func modules(json path: String) throws -> (modules: [ReportContent.Module], periods: [Double], orientations: [Double]) {
        let d = try document(ModulesDocument.self, path)
        let modules = d.modules.map { ReportContent.Module(id: $0.module, period: $0.period, orientation: $0.orientation, units: $0.units) }
        var periods: [Double] = [], orientations: [Double] = []
        if !d.units.isEmpty {
            let n = (d.units.map(\.unit).max() ?? -1) + 1
            guard n <= 10_000_000 else { throw ReportError.badJSON(file: path, reason: "unit index \(n - 1) is implausibly large") }
            periods = [Double](repeating: .nan, count: n); orientations = periods
            for u in d.units where u.unit >= 0 && u.gridLike {
                periods[u.unit] = u.period; orientations[u.unit] = u.orientation
            }
        }
        return (modules, periods, orientations)
    }

    /// Diagrams and Betti numbers from `repanalyze barcode --json` (`BarcodeDocument`: ripser.py's layout).
    public static func barcode(json path: String) throws -> (diagrams: [[PersistenceInterval]], betti: [Int]?) {
        let d = try document(BarcodeDocument.self, path)
        return (d.dgms.map { $0.map { PersistenceInterval(birth: $0.birth, death: $0.death) } }, d.betti)
    }

    /// Loss curves and config of a training run folder (`log.jsonl`, `config.json`).
    ///
    /// Every numeric key of the log except `step` and `time` becomes a curve against `step` (or the line number):
    /// the total first, then the terms alphabetically, then `grad_norm` and `lr`. Lines are read as open JSON
    /// objects (`JSONValue`), not as `TrainingLogLine`/`EvaluationLogLine`, so a log written by another trainer
    /// (a `loss` key, say) shows too.
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
            // Any JSON object is a line: our training and evaluation lines, or another trainer's log.
            guard case .object(let obj)? = try? JSONDecoder().decode(JSONValue.self, from: Data(t.utf8)) else {
                throw ReportError.badLogLine(file: logPath, line: n + 1, reason: "not a JSON object")
            }
            let step = obj["step"]?.number ?? Double(n)
            for (k, v) in obj.sorted(by: { $0.key < $1.key }) where k != "step" && k != "time" {
                guard let num = v.number else { continue }
                if ys[k] == nil { keys.append(k) }
                xs[k, default: []].append(step); ys[k, default: []].append(num)
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
