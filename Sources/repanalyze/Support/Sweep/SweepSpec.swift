import Foundation
import Report
import Trainer

/// SWEEP.json: a base config plus a grid of `--set` overrides × seeds.
///
///     { "base": "fast.json",                 // a config file (relative to SWEEP.json) or an object of keys
///       "set":  { "steps": 20000 },          // the same for every run (optional)
///       "grid": { "lr": [1e-3, 3e-4], "l_inv": [0.5, 1] },   // every combination
///       "seeds": [1, 2, 3],                  // each combination once per seed (optional)
///       "eval_every": 1000 }                 // `train --eval-every` for every run (optional)
///
/// Runs are the combinations in key order (sorted keys, the last key fastest), each with every seed.
struct SweepSpec {
    struct Point: Equatable {
        /// Folder name under SWEEP_DIR/runs: `003_l_inv=1_lr=0.001_seed=2`.
        var name: String
        /// The grid's values of this point (JSON text), key by key.
        var overrides: [String: String]
        var seed: UInt64
        var config: TrainerConfig

        static func == (a: Point, b: Point) -> Bool { a.name == b.name && a.config.jsonString() == b.config.jsonString() }
    }

    let file: String
    let points: [Point]
    /// The grid's keys, sorted (the summary's config columns).
    let keys: [String]
    /// `train --eval-every` for every run (nil: no evaluations).
    let evalEvery: Int?

    init(file: String) throws {
        self.file = file
        guard let data = FileManager.default.contents(atPath: file) else { throw InputError("\(file): cannot read the sweep file (missing or unreadable)") }
        guard let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputError("\(file): not a JSON object (expected {\"base\": …, \"grid\": {…}, \"seeds\": […]})")
        }
        if let bad = doc.keys.sorted().first(where: { !["base", "set", "grid", "seeds", "eval_every"].contains($0) }) {
            throw InputError("\(file): unknown key '\(bad)' (a sweep has base, set, grid, seeds and eval_every)")
        }
        switch doc["eval_every"] {
        case nil: evalEvery = nil
        case let n as NSNumber where n.doubleValue >= 1 && n.doubleValue <= 1e9 && n.doubleValue == n.doubleValue.rounded():
            evalEvery = n.intValue
        default: throw InputError("\(file): 'eval_every' must be a whole number of steps ≥ 1")
        }
        var base: [String: Any] = [:]
        switch doc["base"] {
        case nil: break
        case let object as [String: Any]: base = object
        case let path as String:
            let full = path.hasPrefix("/") ? path : ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
            guard let d = FileManager.default.contents(atPath: full), let o = try? JSONSerialization.jsonObject(with: d) as? [String: Any] else {
                throw InputError("\(file): base config '\(full)' is missing or not a JSON object")
            }
            base = o
        default: throw InputError("\(file): 'base' must be a config file name or an object of config keys")
        }
        for (k, v) in doc["set"] as? [String: Any] ?? [:] { base[k] = v }
        guard let grid = (doc["grid"] ?? [String: Any]()) as? [String: [Any]], grid.values.allSatisfy({ !$0.isEmpty }) else {
            throw InputError("\(file): 'grid' must map config keys to non-empty arrays of values, e.g. {\"lr\": [0.001, 0.0003]}")
        }
        let seedValues = doc["seeds"] as? [Any] ?? [base["seed"] ?? 0]
        let seeds = try seedValues.map { v -> UInt64 in
            guard let n = v as? NSNumber, let s = UInt64(exactly: n.doubleValue) else { throw InputError("\(file): 'seeds' must be non-negative integers") }
            return s
        }
        keys = grid.keys.sorted()
        var combos: [[String: Any]] = [[:]]
        for k in keys { combos = combos.flatMap { c in grid[k]!.map { v in c.merging([k: v]) { $1 } } } }
        var points: [Point] = []
        for combo in combos {
            for seed in seeds {
                var dict = base
                for (k, v) in combo { dict[k] = v }
                dict["seed"] = seed
                let config = try TrainerConfig.decode(try JSONSerialization.data(withJSONObject: dict), file: file)
                try config.validate(file: file)
                let text = combo.mapValues(Self.text)
                let label = (keys.map { "\($0)=\(text[$0]!)" } + ["seed=\(seed)"]).joined(separator: "_")
                let safe = String(label.map { "/ \\'\"$`*?".contains($0) ? "-" : $0 })
                points.append(Point(name: String(format: "%03d_", points.count) + safe, overrides: text, seed: seed, config: config))
            }
        }
        self.points = points
    }

    /// A grid value as text: compact JSON (`0.001`, `true`), strings bare (`sum`).
    static func text(_ v: Any) -> String {
        if let s = v as? String { return s }
        guard let d = try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed, .sortedKeys]) else { return "\(v)" }
        return String(decoding: d, as: UTF8.self)
    }
}
