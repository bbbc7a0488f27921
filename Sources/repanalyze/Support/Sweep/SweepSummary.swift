import Foundation
import RepAnalysis
import RepIO
import Report

/// One row per run of a sweep: its grid values and seed, steps done and planned, the final loss terms (the last
/// training line of log.jsonl) and, when the log has evaluation records (lines without `grad_norm`), every
/// numeric key of the last one (`step` as `eval_step`). Loss columns are `final_total`, `final_sep`, …. Written as SWEEP_DIR/summary.csv and summary.json, and printed as a table.
struct SweepSummary {
    static let lossKeys = ["total", "sep", "inv", "cap", "ci", "iso", "grad_norm", "lr"]

    var columns: [String] = []
    var rows: [[String: Any]] = []

    init(_ folder: SweepFolder) throws {
        let m = try SweepFolder.readManifest(folder.manifestPath)
        var evalKeys = Set<String>()
        for (k, name) in m.names.enumerated() {
            var row: [String: Any] = ["run": name, "seed": Int(m.seeds[k])]
            for key in m.keys { row[key] = m.grid[k][key] ?? "" }
            let target = (try? Data(contentsOf: URL(fileURLWithPath: folder.configPath(name))))
                .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["steps"] as? Int
            row["target_steps"] = target ?? NSNull()
            row["steps"] = folder.progress(name, target: target ?? 0).step ?? 0
            let lines = ((try? String(contentsOfFile: folder.runDir(name) + "/log.jsonl", encoding: .utf8)) ?? "")
                .split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            if let last = lines.last(where: { $0["grad_norm"] != nil }) {
                for key in Self.lossKeys { row["final_" + key] = (last[key] as? NSNumber)?.doubleValue ?? NSNull() }
            }
            if let ev = lines.last(where: { $0["grad_norm"] == nil }) {
                for (key, v) in ev where key != "time" {
                    // `v is Bool` is true for any NSNumber 0 or 1 on Linux (a 0 % grid fraction, 1 module);
                    // a JSON true/false has objCType "c".
                    guard let n = v as? NSNumber, String(cString: n.objCType) != "c" else { continue }
                    let taken = ["run", "seed", "steps", "target_steps"] + m.keys
                    let col = key == "step" || taken.contains(key) ? "eval_" + key : key
                    row[col] = n.doubleValue
                    evalKeys.insert(col)
                }
            }
            rows.append(row)
        }
        columns = ["run"] + m.keys + ["seed", "steps", "target_steps"] + Self.lossKeys.map { "final_" + $0 } + evalKeys.sorted()
    }

    static func cell(_ v: Any?) -> String {
        switch v {
        case nil, is NSNull: return ""
        case let d as Double: return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(format: "%.6g", d)
        default: return "\(v!)"
        }
    }

    var csv: String {
        func esc(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        return ([columns.joined(separator: ",")] + rows.map { r in columns.map { esc(Self.cell(r[$0])) }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    var table: String {
        let cells = [columns] + rows.map { r in columns.map { Self.cell(r[$0]) } }
        let widths = columns.indices.map { c in cells.map { $0[c].count }.max() ?? 0 }
        return cells.map { line in
            line.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    func write(_ folder: SweepFolder) throws {
        try AtomicOutput.write(Data(csv.utf8), to: folder.sub("summary.csv"))
        let json = rows.map { r in r.mapValues { v -> Any in (v as? Double).map(JSONOutput.number) ?? v } }
        try JSONOutput.write(["columns": columns, "rows": json], to: folder.sub("summary.json"))
    }
}
