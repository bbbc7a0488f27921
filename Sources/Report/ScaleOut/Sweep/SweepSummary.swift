import Foundation
import Trainer
import RepAnalysis
import RepIO


/// One row per run of a sweep: its grid values and seed, steps done and planned, the final loss terms (the last
/// training line of log.jsonl) and, when the log has evaluation records (lines without `grad_norm`), every
/// numeric key of the last one (`step` as `eval_step`). Loss columns are `final_total`, `final_sep`, …. Written as SWEEP_DIR/summary.csv and summary.json, and printed as a table.
public struct SweepSummary {
    public static let lossKeys = ["total", "sep", "inv", "cap", "ci", "iso", "grad_norm", "lr"]

    public var columns: [String] = []
    public var rows: [[String: JSONValue]] = []

    public init(_ folder: SweepFolder) throws {
        let m = try SweepManifest.read(folder.manifestPath)
        var evalKeys = Set<String>()
        for run in m.runs {
            let name = run.name
            var row: [String: JSONValue] = ["run": .string(name), "seed": .unsigned(run.seed)]
            for key in m.keys { row[key] = .string(run.grid[key] ?? "") }
            let target = (try? Data(contentsOf: URL(fileURLWithPath: folder.configPath(name))))
                .flatMap { try? JSONDecoder().decode([String: JSONValue].self, from: $0) }?["steps"]?.number.map { Int($0) }
            row["target_steps"] = target.map { .integer(Int64($0)) } ?? .null
            row["steps"] = .integer(Int64(folder.progress(name, target: target ?? 0).step ?? 0))
            // Lines as open objects: a training line has `grad_norm` (TrainingLogLine), an evaluation line not.
            let lines = ((try? String(contentsOfFile: folder.runDir(name) + "/log.jsonl", encoding: .utf8)) ?? "")
                .split(separator: "\n").compactMap { (try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)))?.object }
            let gradNorm = TrainingLogLine.CodingKeys.gradNorm.rawValue
            if let last = lines.last(where: { $0[gradNorm] != nil }) {
                for key in Self.lossKeys { row["final_" + key] = last[key]?.number.map(JSONValue.finite) ?? .null }
            }
            if let ev = lines.last(where: { $0[gradNorm] == nil }) {
                for (key, v) in ev where key != "time" {
                    guard let n = v.number else { continue }    // numbers only: not true/false, lists or text
                    let taken = ["run", "seed", "steps", "target_steps"] + m.keys
                    let col = key == "step" || taken.contains(key) ? "eval_" + key : key
                    row[col] = .finite(n)
                    evalKeys.insert(col)
                }
            }
            rows.append(row)
        }
        columns = ["run"] + m.keys + ["seed", "steps", "target_steps"] + Self.lossKeys.map { "final_" + $0 } + evalKeys.sorted()
    }

    public static func cell(_ v: JSONValue?) -> String {
        switch v {
        case nil, .null?: return ""
        case .number(let d)?: return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(format: "%.6g", d)
        case .string(let s)?: return s
        case let other?: return other.text
        }
    }

    public var csv: String {
        func esc(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        return ([columns.joined(separator: ",")] + rows.map { r in columns.map { esc(Self.cell(r[$0])) }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    public var table: String {
        let cells = [columns] + rows.map { r in columns.map { Self.cell(r[$0]) } }
        let widths = columns.indices.map { c in cells.map { $0[c].count }.max() ?? 0 }
        return cells.map { line in
            line.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    public func write(_ folder: SweepFolder) throws {
        try AtomicOutput.write(Data(csv.utf8), to: folder.sub("summary.csv"))
        try JSONDocument.write(SweepSummaryDocument(columns: columns, rows: rows), to: folder.sub("summary.json"))
    }
}
