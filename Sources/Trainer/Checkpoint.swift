import Foundation
import RepIO

/// RUN_DIR/checkpoint.h5: the training state in HDF5, written atomically (temporary file + rename), so a run
/// killed at any moment leaves the previous complete checkpoint.
///
/// Layout: `/params/<name>` (the reference dump names: W0 b0 W1 b1 W2 b2 g0_raw, float32), `/adam/m/<name>`,
/// `/adam/v/<name>`, `/rng/xoshiro256` (int64 [4], the generator's words as bit patterns); root attributes
/// `config` (JSON), `step`, `adam_count`, `lr`, `plateau_best`, `plateau_bad_steps`, `plateau_smoothed`
/// (absent before the first step), `elapsed_s`, `format` = "repanalyze-trainer-checkpoint/1".
public enum Checkpoint {
    /// The format tag written to every checkpoint.
    public static let format = "repanalyze-trainer-checkpoint/1"

    /// Writes `state` to `path` atomically.
    public static func write(_ state: TrainingState, to path: String) throws {
        try AtomicOutput.writeHDF5(to: path) { f in
            for e in state.params.entries {
                let slice = { (a: [Float]) in ShapedArray(shape: e.shape, values: Array(a[e.offset..<(e.offset + e.count)])) }
                try f.write(slice(state.params.values), to: "/params/\(e.name)")
                try f.write(slice(state.adam.m), to: "/adam/m/\(e.name)")
                try f.write(slice(state.adam.v), to: "/adam/v/\(e.name)")
            }
            try f.write(ShapedArray(shape: [4], values: state.rng.words.map { Int64(bitPattern: $0) }), to: "/rng/xoshiro256")
            try f.setAttribute("format", .string(format))
            try f.setAttribute("config", .string(state.config.jsonString()))
            try f.setAttribute("step", .integer(Int64(state.step)))
            try f.setAttribute("adam_count", .integer(Int64(state.adam.count)))
            try f.setAttribute("lr", .float(Double(state.plateau.lr)))
            try f.setAttribute("plateau_best", .float(state.plateau.best))
            try f.setAttribute("plateau_bad_steps", .integer(Int64(state.plateau.badSteps)))
            if let s = state.plateau.smoothed { try f.setAttribute("plateau_smoothed", .float(s)) }
            try f.setAttribute("elapsed_s", .float(state.elapsed))
        }
    }

    /// Writes the weights alone (`/params/<name>`, float32, gzip) with the run's config, step and training seconds
    /// as attributes: a file to share or commit (a quarter of a checkpoint's size: no AdamW moments, no generator).
    /// `rollout`, `loss` and `train --init-weights` read it; `train --resume` needs a full checkpoint.
    public static func writeWeights(_ state: TrainingState, to path: String) throws {
        try AtomicOutput.writeHDF5(to: path) { f in
            for e in state.params.entries {
                let v = Array(state.params.values[e.offset..<(e.offset + e.count)])
                try f.write(ShapedArray(shape: e.shape, values: v), to: "/params/\(e.name)",
                            chunks: e.count > 4096 ? [min(e.shape[0], 64)] + e.shape.dropFirst() : nil, gzip: e.count > 4096 ? 6 : nil)
            }
            try f.setAttribute("format", .string("repanalyze-trainer-weights/1"))
            try f.setAttribute("config", .string(state.config.jsonString()))
            try f.setAttribute("step", .integer(Int64(state.step)))
            try f.setAttribute("elapsed_s", .float(state.elapsed))
        }
    }

    /// Reads a checkpoint written by `write`; errors name the file and the dataset or attribute at fault.
    public static func read(_ path: String) throws -> TrainingState {
        let f = try HDF5File(path)
        func bad(_ what: String, _ why: String) -> TrainerError { .badFile(file: path, dataset: what, reason: why) }
        func attr(_ name: String) throws -> Double {
            guard f.hasAttribute(name) else { throw bad("/@\(name)", "missing (not a repanalyze training checkpoint?)") }
            guard let v = try f.attribute(name).doubles, v.count == 1 else { throw bad("/@\(name)", "expected one number") }
            return v[0]
        }
        guard f.hasAttribute("config"), let json = try f.attribute("config").stringValue else {
            throw bad("/@config", "missing (not a repanalyze training checkpoint?)")
        }
        let config = try TrainerConfig.decode(Data(json.utf8), file: "\(path) (attribute config)")
        var params = Parameters(units: config.hidden, width: config.mlpWidth)
        var adam = AdamW(parameterCount: params.values.count)
        for e in params.entries {
            for (group, store) in [("params", 0), ("adam/m", 1), ("adam/v", 2)] {
                let a: ShapedArray<Float> = try f.read("/\(group)/\(e.name)")
                guard a.shape == e.shape else { throw bad("/\(group)/\(e.name)", "expected shape \(e.shape), got \(a.shape)") }
                // A NaN weight would only surface as "training diverged" one step later: name it here.
                if let i = a.values.firstIndex(where: { !$0.isFinite }) {
                    throw bad("/\(group)/\(e.name)", "holds a non-finite value (\(a.values[i])) at flat index \(i); the checkpoint is damaged — resume from an earlier copy or start a new run")
                }
                let range = e.offset..<(e.offset + e.count)
                switch store {
                case 0: params.values.replaceSubrange(range, with: a.values)
                case 1: adam.m.replaceSubrange(range, with: a.values)
                default: adam.v.replaceSubrange(range, with: a.values)
                }
            }
        }
        let words: ShapedArray<Int64> = try f.read("/rng/xoshiro256")
        guard let rng = Xoshiro256(words: words.values.map { UInt64(bitPattern: $0) }) else {
            throw bad("/rng/xoshiro256", "expected 4 words, not all zero")
        }
        let step = try attr("step"), count = try attr("adam_count"), badSteps = try attr("plateau_bad_steps")
        guard step >= 0, step < 1e15, count >= 0, count < 1e15, badSteps >= 0, badSteps < 1e15 else {
            throw bad("/@step", "step counters out of range")
        }
        adam.count = Int(count)
        var plateau = ReduceLROnPlateau(config)
        plateau.lr = Float(try attr("lr"))
        plateau.best = try attr("plateau_best")
        plateau.badSteps = Int(badSteps)
        plateau.smoothed = f.hasAttribute("plateau_smoothed") ? try attr("plateau_smoothed") : nil
        return TrainingState(config: config, params: params, adam: adam, plateau: plateau, rng: rng,
                             step: Int(step), elapsed: try attr("elapsed_s"))
    }
}
