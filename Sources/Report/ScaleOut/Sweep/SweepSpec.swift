import Foundation
import RepIO

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
public struct SweepSpec {
    public struct Point: Equatable {
        /// Folder name under SWEEP_DIR/runs: `003_l_inv=1_lr=0.001_seed=2`.
        public var name: String
        /// The grid's values of this point (JSON text), key by key.
        public var overrides: [String: String]
        public var seed: UInt64
        public var config: TrainerConfig

        public static func == (a: Point, b: Point) -> Bool { a.name == b.name && a.config.jsonString() == b.config.jsonString() }
    }

    public let file: String
    public let points: [Point]
    /// The grid's keys, sorted (the summary's config columns).
    public let keys: [String]
    /// `train --eval-every` for every run (nil: no evaluations).
    public let evalEvery: Int?

    public init(file: String) throws {
        self.file = file
        guard let data = FileManager.default.contents(atPath: file) else { throw InputError("\(file): cannot read the sweep file (missing or unreadable)") }
        guard let doc = (try? JSONDecoder().decode(JSONValue.self, from: data))?.object else {
            throw InputError("\(file): not a JSON object (expected {\"base\": …, \"grid\": {…}, \"seeds\": […]})")
        }
        if let bad = doc.keys.sorted().first(where: { !["base", "set", "grid", "seeds", "eval_every"].contains($0) }) {
            throw InputError("\(file): unknown key '\(bad)' (a sweep has base, set, grid, seeds and eval_every)")
        }
        switch doc["eval_every"] {
        case nil: evalEvery = nil
        case let v? where v.number.map { $0 >= 1 && $0 <= 1e9 && $0 == $0.rounded() } == true:
            evalEvery = Int(v.number!)
        default: throw InputError("\(file): 'eval_every' must be a whole number of steps ≥ 1")
        }
        var base: [String: JSONValue] = [:]
        switch doc["base"] {
        case nil: break
        case .object(let object)?: base = object
        case .string(let path)?:
            let full = path.hasPrefix("/") ? path : ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
            guard let d = FileManager.default.contents(atPath: full), let o = (try? JSONDecoder().decode(JSONValue.self, from: d))?.object else {
                throw InputError("\(file): base config '\(full)' is missing or not a JSON object")
            }
            base = o
        default: throw InputError("\(file): 'base' must be a config file name or an object of config keys")
        }
        for (k, v) in doc["set"]?.object ?? [:] { base[k] = v }
        var grid: [String: [JSONValue]] = [:]
        for (k, v) in doc["grid"]?.object ?? [:] {
            guard let values = v.array, !values.isEmpty else {
                throw InputError("\(file): 'grid' must map config keys to non-empty arrays of values, e.g. {\"lr\": [0.001, 0.0003]}")
            }
            grid[k] = values
        }
        if let g = doc["grid"], g.object == nil {
            throw InputError("\(file): 'grid' must map config keys to non-empty arrays of values, e.g. {\"lr\": [0.001, 0.0003]}")
        }
        let seedValues = doc["seeds"]?.array ?? [base["seed"] ?? .integer(0)]
        let seeds = try seedValues.map { v -> UInt64 in
            guard let n = v.number, let s = UInt64(exactly: n) else { throw InputError("\(file): 'seeds' must be non-negative integers") }
            if case .unsigned(let u) = v { return u }
            return s
        }
        keys = grid.keys.sorted()
        var combos: [[String: JSONValue]] = [[:]]
        for k in keys { combos = combos.flatMap { c in grid[k]!.map { v in c.merging([k: v]) { $1 } } } }
        var points: [Point] = []
        for combo in combos {
            for seed in seeds {
                var dict = base
                for (k, v) in combo { dict[k] = v }
                dict["seed"] = .unsigned(seed)
                let config = try TrainerConfig.decode(try JSONDocument.encoder(pretty: false).encode(dict), file: file)
                try config.validate(file: file)
                let text = combo.mapValues(\.text)
                let label = (keys.map { "\($0)=\(text[$0]!)" } + ["seed=\(seed)"]).joined(separator: "_")
                let safe = String(label.map { "/ \\'\"$`*?".contains($0) ? "-" : $0 })
                points.append(Point(name: String(format: "%03d_", points.count) + safe, overrides: text, seed: seed, config: config))
            }
        }
        self.points = points
    }
}
