import Foundation
import RepAnalysis
import RepIO

import Trainer

/// SWEEP_DIR: `sweep.json` (the runs: name, grid values, seed), `configs/NAME.json` (each run's full config),
/// `runs/NAME/` (each run's folder: checkpoint.h5, log.jsonl, config.json), `logs/` and, for SLURM,
/// `sweep.sbatch`.
public struct SweepFolder: Sendable {
    public let path: String

    public init(_ path: String) { self.path = Shell.absolute(path) }

    public var manifestPath: String { sub("sweep.json") }
    public var scriptPath: String { sub("sweep.sbatch") }
    public func sub(_ p: String) -> String { (path as NSString).appendingPathComponent(p) }
    public func runDir(_ name: String) -> String { sub("runs/" + name) }
    public func configPath(_ name: String) -> String { sub("configs/\(name).json") }
    public func logPath(_ name: String) -> String { sub("logs/\(name).log") }

    /// A run's state: the step of its checkpoint (nil: not started) and its target.
    public func progress(_ name: String, target: Int) -> (step: Int?, done: Bool) {
        let ckpt = runDir(name) + "/checkpoint.h5"
        guard let f = try? HDF5File(ckpt), let s = try? f.attribute("step").doubles?.first else { return (nil, false) }
        return (Int(s), Int(s) >= target)
    }

    /// Writes sweep.json and the configs for `spec`; a folder that holds another sweep is refused.
    public func prepare(_ spec: SweepSpec) throws {
        let manifest = SweepManifest(sweep: Shell.absolute(spec.file), keys: spec.keys,
                                     runs: spec.points.map { .init(name: $0.name, grid: $0.overrides, seed: $0.seed) },
                                     evalEvery: spec.evalEvery)
        if FileManager.default.fileExists(atPath: manifestPath) {
            let old = try SweepManifest.read(manifestPath)
            guard old.runs.map(\.name) == spec.points.map(\.name) else {
                throw InputError("\(manifestPath): this folder holds another sweep (\(old.runs.count) runs); give another -o folder")
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
        try JSONDocument.write(manifest, to: manifestPath)
    }

    /// The `train` arguments that start run `name` or, when it has a checkpoint, resume it.
    public func trainArguments(_ name: String, threads: Int) -> [String] {
        (FileManager.default.fileExists(atPath: runDir(name) + "/checkpoint.h5")
            ? ["train", "--resume", runDir(name)]
            : ["train", "--config", configPath(name), "-o", runDir(name), "--threads", "\(threads)"]) + evalArguments
    }

    /// `--eval-every K` when the sweep asks for evaluations (sweep.json's `eval_every`).
    public var evalArguments: [String] {
        guard let k = (try? SweepManifest.read(manifestPath))?.evalEvery, k >= 1 else { return [] }
        return ["--eval-every", "\(k)"]
    }
}
