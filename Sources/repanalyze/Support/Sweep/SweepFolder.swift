import Foundation
import RepAnalysis
import RepIO
import Report
import Trainer

/// SWEEP_DIR: `sweep.json` (the runs: name, grid values, seed), `configs/NAME.json` (each run's full config),
/// `runs/NAME/` (each run's folder: checkpoint.h5, log.jsonl, config.json), `logs/` and, for SLURM,
/// `sweep.sbatch`.
struct SweepFolder {
    let path: String

    init(_ path: String) { self.path = Shell.absolute(path) }

    var manifestPath: String { sub("sweep.json") }
    var scriptPath: String { sub("sweep.sbatch") }
    func sub(_ p: String) -> String { (path as NSString).appendingPathComponent(p) }
    func runDir(_ name: String) -> String { sub("runs/" + name) }
    func configPath(_ name: String) -> String { sub("configs/\(name).json") }
    func logPath(_ name: String) -> String { sub("logs/\(name).log") }

    /// A run's state: the step of its checkpoint (nil: not started) and its target.
    func progress(_ name: String, target: Int) -> (step: Int?, done: Bool) {
        let ckpt = runDir(name) + "/checkpoint.h5"
        guard let f = try? HDF5File(ckpt), let s = try? f.attribute("step").doubles?.first else { return (nil, false) }
        return (Int(s), Int(s) >= target)
    }

    /// Writes sweep.json and the configs for `spec`; a folder that holds another sweep is refused.
    func prepare(_ spec: SweepSpec) throws {
        let runs = spec.points.map { p -> [String: Any] in ["name": p.name, "grid": p.overrides, "seed": Int(p.seed)] }
        var manifest: [String: Any] = ["sweep": Shell.absolute(spec.file), "keys": spec.keys, "runs": runs]
        if let e = spec.evalEvery { manifest["eval_every"] = e }
        if FileManager.default.fileExists(atPath: manifestPath) {
            let old = try Self.readManifest(manifestPath)
            guard old.names == spec.points.map(\.name) else {
                throw InputError("\(manifestPath): this folder holds another sweep (\(old.names.count) runs); give another -o folder")
            }
            for p in spec.points {
                let have = (try? String(contentsOfFile: configPath(p.name), encoding: .utf8)) ?? ""
                if have != p.config.jsonString() + "\n", FileManager.default.fileExists(atPath: runDir(p.name) + "/checkpoint.h5") {
                    throw InputError("\(configPath(p.name)): run \(p.name) was started with another config; give another -o folder")
                }
            }
        }
        for d in ["runs", "configs", "logs"] { try JobScript.makeDirectory(sub(d)) }
        for p in spec.points { try AtomicOutput.write(Data((p.config.jsonString() + "\n").utf8), to: configPath(p.name)) }
        try JSONOutput.write(manifest, to: manifestPath)
    }

    struct Manifest { var names: [String]; var keys: [String]; var grid: [[String: String]]; var seeds: [UInt64] }

    static func readManifest(_ path: String) throws -> Manifest {
        guard let d = FileManager.default.contents(atPath: path),
              let doc = try? JSONSerialization.jsonObject(with: d) as? [String: Any],
              let runs = doc["runs"] as? [[String: Any]], let keys = doc["keys"] as? [String] else {
            throw InputError("\(path): not a sweep manifest (written by `repanalyze sweep SWEEP.json -o DIR`)")
        }
        return Manifest(names: runs.map { $0["name"] as? String ?? "?" }, keys: keys,
                        grid: runs.map { $0["grid"] as? [String: String] ?? [:] },
                        seeds: runs.map { ($0["seed"] as? NSNumber)?.uint64Value ?? 0 })
    }

    /// The `train` arguments that start run `name` or, when it has a checkpoint, resume it.
    func trainArguments(_ name: String, threads: Int) -> [String] {
        (FileManager.default.fileExists(atPath: runDir(name) + "/checkpoint.h5")
            ? ["train", "--resume", runDir(name)]
            : ["train", "--config", configPath(name), "-o", runDir(name), "--threads", "\(threads)"]) + evalArguments
    }

    /// `--eval-every K` when the sweep asks for evaluations (sweep.json's `eval_every`).
    var evalArguments: [String] {
        guard let d = FileManager.default.contents(atPath: manifestPath),
              let doc = try? JSONSerialization.jsonObject(with: d) as? [String: Any],
              let k = doc["eval_every"] as? Int, k >= 1 else { return [] }
        return ["--eval-every", "\(k)"]
    }
}
