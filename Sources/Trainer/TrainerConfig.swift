import Foundation
import RepIO

/// Every hyper-parameter of a training run: the paper's values by default, each a key of the JSON config.
///
/// Keys shared with the reference dumps (`hidden`, `mlp_width`, `batch`, `seq`, `sigma_x`, `l_sep`, ...) use the
/// same names, so a dump's `config` attribute decodes directly. Missing keys take the defaults below.
public struct TrainerConfig: Codable, Equatable, Sendable {
    // Model
    /// N, the number of recurrent units.
    public var hidden = 128
    /// Width of the two hidden layers of the MLP that maps a velocity to the N×N recurrent matrix.
    public var mlpWidth = 256
    /// Whether g_0 (before NormReLU) is learned; if not it stays at its initial value.
    public var trainG0 = true
    /// ε of NormReLU(z) = relu(z) / max(‖relu(z)‖, ε).
    public var eps: Float = 1e-8
    /// Initialisation: "random" (W(v) a random matrix, see Parameters.initial) or "identity" (W(v) = I plus a small
    /// velocity-dependent part, so a state is carried along and modulated by each step).
    public var initialization = Initialization.random
    /// With `init: "identity"`: the standard deviation of W2's entries times √H (the velocity-dependent part of
    /// W(v) = I + ...). 0.05 is the recipe probe's value (../shared/notes/emergence.md).
    public var identityScale: Float = 0.05

    // Data
    /// B, the number of permutations of the velocity sequence in a batch.
    public var batch = 130
    /// T, the number of velocity steps in a sequence.
    public var seq = 60
    /// Each velocity component is Uniform(−vmax, vmax), in metres per step.
    public var vmax: Float = 0.15
    /// Ablation switch: false gives B copies of one order (no permutations).
    public var permute = true

    // Objective
    /// σ_x (m): pairs closer than this are invariance pairs, farther ones separation pairs.
    public var sigmaX: Float = 0.05
    /// σ_g: the width of the separation kernel exp(−‖Δg‖²/(2σ_g²)).
    public var sigmaG: Float = 0.4
    /// Weight of the separation loss (0 = the "no separation" ablation).
    public var lSep: Float = 1.0
    /// Weight of the invariance loss (0 = "no invariance").
    public var lInv: Float = 0.1
    /// Weight of the capacity loss (0 = "no capacity": one module expected).
    public var lCap: Float = 0.5
    /// Weight of the conformal-isometry loss (0 = "no conformal isometry").
    public var lCI: Float = 1.0
    /// Weight of the dense, distance-weighted isometry term (not in the paper; 0 = off, the paper's objective):
    /// mean over all ordered pairs i ≠ j of exp(−‖Δx‖²/(2σ_e²))·(‖Δg‖ − ρ‖Δx‖)² (Pettersen et al. 2024).
    public var lIso: Float = 0
    /// σ_e (m): the width of the isometry term's distance envelope.
    public var sigmaE: Float = 0.15
    /// ρ (per m): the isometry term's target slope ‖Δg‖/‖Δx‖.
    public var rho: Float = 8
    /// "mean" (default: means over the qualifying pairs keep the terms comparable) or "sum" (as printed).
    public var reduction = Reduction.mean
    /// f in (0, 1]: each micro-batch evaluates the pairwise terms (separation, invariance, dense isometry) over
    /// the ordered pairs of a fresh uniform subset of round(f·B·T) states (1: all states, the exact objective).
    /// Capacity and conformal isometry stay on all states. See the Trainer README, "Pair subsampling".
    public var pairFraction = 1.0

    // Optimiser
    /// AdamW learning rate.
    public var lr: Float = 2e-5
    /// AdamW decoupled weight decay.
    public var weightDecay: Float = 0
    /// Adam β₁.
    public var beta1: Float = 0.9
    /// Adam β₂.
    public var beta2: Float = 0.999
    /// Adam ε.
    public var adamEps: Float = 1e-8
    /// Global gradient-norm clipping threshold (0 disables).
    public var clipNorm: Float = 0.1
    /// Micro-batches averaged per optimiser step.
    public var accumulation = 2
    /// ReduceLROnPlateau: factor applied to the learning rate on a plateau.
    public var plateauFactor: Float = 0.5
    /// ReduceLROnPlateau: optimiser steps without improvement of the smoothed loss before reducing.
    public var plateauPatience = 1000
    /// ReduceLROnPlateau: EMA coefficient of the smoothed total loss.
    public var plateauSmoothing: Float = 0.99
    /// ReduceLROnPlateau: relative improvement that counts as progress.
    public var plateauThreshold: Float = 1e-4
    /// ReduceLROnPlateau: the learning rate never goes below this.
    public var minLr: Float = 0
    /// Linear learning-rate warm-up over the first this many optimiser steps (0: none, the paper's setting).
    /// Adam's first steps move every weight by about lr in the sign of its gradient; at large learning rates
    /// that silences many units for good before the objective has shaped anything.
    public var warmupSteps = 0

    // Run
    /// Optimiser steps to train (the paper: 2·10⁶).
    public var steps = 2_000_000
    /// Seed of the data and initialisation generator.
    public var seed: UInt64 = 0
    /// Write RUN_DIR/checkpoint.h5 every this many optimiser steps.
    public var checkpointEvery = 1000
    /// Append a line to RUN_DIR/log.jsonl every this many optimiser steps.
    public var logEvery = 10
    /// Rows per block of the pairwise-loss Gram products (memory ∝ rowBlock × B·T).
    public var rowBlock = 512

    /// The paper's defaults.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hidden, mlpWidth = "mlp_width", trainG0 = "train_g0", eps, initialization = "init", identityScale = "identity_scale"
        case batch, seq, vmax, permute
        case sigmaX = "sigma_x", sigmaG = "sigma_g", lSep = "l_sep", lInv = "l_inv", lCap = "l_cap", lCI = "l_ci", reduction
        case pairFraction = "pair_fraction"
        case lIso = "l_iso", sigmaE = "sigma_e", rho
        case lr, weightDecay = "weight_decay", beta1, beta2, adamEps = "adam_eps", clipNorm = "clip_norm"
        case accumulation, plateauFactor = "plateau_factor", plateauPatience = "plateau_patience"
        case plateauSmoothing = "plateau_smoothing", plateauThreshold = "plateau_threshold", minLr = "min_lr"
        case warmupSteps = "warmup_steps"
        case steps, seed, checkpointEvery = "checkpoint_every", logEvery = "log_every", rowBlock = "row_block"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func get<T: Decodable>(_ k: CodingKeys, _ d: T) throws -> T { try c.decodeIfPresent(T.self, forKey: k) ?? d }
        // train_g0 is 0/1 in the reference dumps and true/false in ours.
        func getBool(_ k: CodingKeys, _ d: Bool) throws -> Bool {
            if let b = try? c.decodeIfPresent(Bool.self, forKey: k) { return b }
            if let i = try? c.decodeIfPresent(Int.self, forKey: k) { return i != 0 }
            return try get(k, d)
        }
        let d = TrainerConfig()
        hidden = try get(.hidden, d.hidden); mlpWidth = try get(.mlpWidth, d.mlpWidth)
        trainG0 = try getBool(.trainG0, d.trainG0); eps = try get(.eps, d.eps)
        initialization = try get(.initialization, d.initialization)
        identityScale = try get(.identityScale, d.identityScale)
        batch = try get(.batch, d.batch); seq = try get(.seq, d.seq); vmax = try get(.vmax, d.vmax)
        permute = try getBool(.permute, d.permute)
        sigmaX = try get(.sigmaX, d.sigmaX); sigmaG = try get(.sigmaG, d.sigmaG)
        lSep = try get(.lSep, d.lSep); lInv = try get(.lInv, d.lInv); lCap = try get(.lCap, d.lCap); lCI = try get(.lCI, d.lCI)
        reduction = try get(.reduction, d.reduction)
        pairFraction = try get(.pairFraction, d.pairFraction)
        lIso = try get(.lIso, d.lIso); sigmaE = try get(.sigmaE, d.sigmaE); rho = try get(.rho, d.rho)
        lr = try get(.lr, d.lr); weightDecay = try get(.weightDecay, d.weightDecay)
        beta1 = try get(.beta1, d.beta1); beta2 = try get(.beta2, d.beta2); adamEps = try get(.adamEps, d.adamEps)
        clipNorm = try get(.clipNorm, d.clipNorm); accumulation = try get(.accumulation, d.accumulation)
        plateauFactor = try get(.plateauFactor, d.plateauFactor); plateauPatience = try get(.plateauPatience, d.plateauPatience)
        plateauSmoothing = try get(.plateauSmoothing, d.plateauSmoothing)
        plateauThreshold = try get(.plateauThreshold, d.plateauThreshold); minLr = try get(.minLr, d.minLr)
        warmupSteps = try get(.warmupSteps, d.warmupSteps)
        steps = try get(.steps, d.steps); seed = try get(.seed, d.seed)
        checkpointEvery = try get(.checkpointEvery, d.checkpointEvery); logEvery = try get(.logEvery, d.logEvery)
        rowBlock = try get(.rowBlock, d.rowBlock)
    }

    /// The paper's ablations, applied to a config by name (`repanalyze train --ablation NAME`).
    public enum Ablation: String, CaseIterable, Sendable {
        case noCapacity = "no-capacity", smallSigmaG = "small-sigma-g", noPermutation = "no-permutation"
        case noInvariance = "no-invariance", noSeparation = "no-separation", noConformalIsometry = "no-ci"
    }

    /// This config with one of the paper's ablations switched on.
    public func applying(_ a: Ablation) -> TrainerConfig {
        var c = self
        switch a {
        case .noCapacity: c.lCap = 0
        case .smallSigmaG: c.sigmaG = 0.1
        case .noPermutation: c.permute = false
        case .noInvariance: c.lInv = 0
        case .noSeparation: c.lSep = 0
        case .noConformalIsometry: c.lCI = 0
        }
        return c
    }

    /// The config as pretty, key-sorted JSON (what `--print-config` prints and checkpoints store).
    public func jsonString() -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Encoding plain numbers and strings cannot fail.
        guard let data = try? e.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes a config from JSON; `strict` rejects keys this version does not know (typos in user configs).
    /// Errors name `file` and the offending key.
    public static func decode(_ data: Data, file: String, strict: Bool = true) throws -> TrainerConfig {
        let object: JSONValue
        do { object = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw TrainerError.badConfig(file: file, key: "", reason: "not valid JSON")
        }
        guard let dict = object.object else {
            throw TrainerError.badConfig(file: file, key: "", reason: "the top level must be a JSON object")
        }
        if strict {
            let known = Set(CodingKeys.allCases.map(\.rawValue))
            if let unknown = dict.keys.sorted().first(where: { !known.contains($0) }) {
                throw TrainerError.badConfig(file: file, key: unknown, reason: "unknown key (run `repanalyze train --print-config` for the valid ones)")
            }
        }
        let config: TrainerConfig
        do { config = try JSONDecoder().decode(TrainerConfig.self, from: data) } catch let DecodingError.typeMismatch(type, ctx) {
            throw TrainerError.badConfig(file: file, key: ctx.codingPath.last?.stringValue ?? "?", reason: "expected a value of type \(type)")
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw TrainerError.badConfig(file: file, key: ctx.codingPath.last?.stringValue ?? "?", reason: "must not be null")
        } catch let DecodingError.dataCorrupted(ctx) {
            // A choice key's own message (`ConfigChoice`), else a number out of its type's range.
            let reason = ctx.debugDescription.hasPrefix("must be") ? ctx.debugDescription : "value out of range for its type"
            throw TrainerError.badConfig(file: file, key: ctx.codingPath.last?.stringValue ?? "?", reason: reason)
        } catch {
            throw TrainerError.badConfig(file: file, key: "", reason: "cannot be decoded")
        }
        try config.validate(file: file)
        return config
    }

    /// Checks every value's range; the error names the key.
    public func validate(file: String) throws {
        func need(_ ok: Bool, _ key: CodingKeys, _ why: String) throws {
            if !ok { throw TrainerError.badConfig(file: file, key: key.rawValue, reason: why) }
        }
        try need(hidden >= 1 && hidden <= 4096, .hidden, "must be between 1 and 4096")
        try need(mlpWidth >= 1 && mlpWidth <= 65536, .mlpWidth, "must be between 1 and 65536")
        try need(batch >= 1 && batch <= 100_000, .batch, "must be between 1 and 100000")
        try need(seq >= 1 && seq <= 100_000, .seq, "must be between 1 and 100000")
        try need(batch.multipliedReportingOverflow(by: seq).partialValue <= 1_000_000 && batch * seq >= 2, .batch, "batch × seq must be between 2 and 1000000")
        try need(vmax.isFinite && vmax > 0, .vmax, "must be a positive number")
        try need(eps.isFinite && eps > 0, .eps, "must be a positive number")
        try need(sigmaX.isFinite && sigmaX > 0, .sigmaX, "must be a positive number")
        try need(sigmaG.isFinite && sigmaG > 0, .sigmaG, "must be a positive number")
        for (k, v) in [(CodingKeys.lSep, lSep), (.lInv, lInv), (.lCap, lCap), (.lCI, lCI), (.lIso, lIso)] {
            try need(v.isFinite && v >= 0, k, "must be a number ≥ 0")
        }
        try need(rho.isFinite && rho > 0, .rho, "must be a positive number (the target ‖Δg‖/‖Δx‖, per metre)")
        try need(sigmaE.isFinite && sigmaE > 0, .sigmaE, "must be a positive number")
        try need(pairFraction > 0 && pairFraction <= 1, .pairFraction, "must be in (0, 1] (1: all pairs, the exact objective)")
        try need(pairSubsetCount.map { $0 >= 2 } ?? true, .pairFraction,
                 "pair_fraction × batch × seq must round to at least 2 states (got \(pairSubsetCount ?? 0))")
        try need(identityScale.isFinite && identityScale >= 0, .identityScale, "must be a number ≥ 0")
        try need(lr.isFinite && lr > 0, .lr, "must be a positive number")
        try need(weightDecay.isFinite && weightDecay >= 0, .weightDecay, "must be a number ≥ 0")
        try need(beta1 >= 0 && beta1 < 1, .beta1, "must be in [0, 1)")
        try need(beta2 >= 0 && beta2 < 1, .beta2, "must be in [0, 1)")
        try need(adamEps.isFinite && adamEps > 0, .adamEps, "must be a positive number")
        try need(clipNorm.isFinite && clipNorm >= 0, .clipNorm, "must be a number ≥ 0 (0 disables clipping)")
        try need(accumulation >= 1 && accumulation <= 1024, .accumulation, "must be between 1 and 1024")
        try need(plateauFactor > 0 && plateauFactor <= 1, .plateauFactor, "must be in (0, 1]")
        try need(plateauPatience >= 1, .plateauPatience, "must be at least 1")
        try need(plateauSmoothing >= 0 && plateauSmoothing < 1, .plateauSmoothing, "must be in [0, 1)")
        try need(plateauThreshold.isFinite && plateauThreshold >= 0, .plateauThreshold, "must be a number ≥ 0")
        try need(minLr.isFinite && minLr >= 0, .minLr, "must be a number ≥ 0")
        try need(warmupSteps >= 0, .warmupSteps, "must be ≥ 0")
        try need(steps >= 0, .steps, "must be ≥ 0")
        try need(checkpointEvery >= 1, .checkpointEvery, "must be at least 1")
        try need(logEvery >= 1, .logEvery, "must be at least 1")
        try need(rowBlock >= 1, .rowBlock, "must be at least 1")
        let gb = Double(estimatedBytes) / 1e9
        try need(gb <= 32, .hidden, String(format: "hidden %d, mlp_width %d, batch %d, seq %d need about %.0f GB of memory (limit 32 GB); reduce hidden or mlp_width", hidden, mlpWidth, batch, seq, gb))
    }

    /// About how many bytes a training step holds: weights, gradients and AdamW moments (×5), the T matrices
    /// W(v) and their gradients, the states and their gradients, and the pairwise block.
    public var estimatedBytes: Int {
        let n = Double(hidden), h = Double(mlpWidth), p = Double(batch) * Double(seq)
        let params = 2 * h + h + h * h + h + h * n * n + n * n + n
        let subset = Double(pairSubsetCount ?? 0) * (2 * n + 2)
        let floats = 5 * params + 2 * Double(seq) * n * n + 5 * p * n + Double(Workspace.effectiveRowBlock(rowBlock, stateCount: batch * seq)) * p + subset
        return Int(min(floats * 4, 9e18))
    }

    /// P' = round(pair_fraction · B·T), the states whose pairs a micro-batch evaluates; nil when pair_fraction is
    /// 1 (all pairs: no subset is drawn, and the generator's stream is the exact objective's).
    public var pairSubsetCount: Int? {
        guard pairFraction < 1 else { return nil }
        return Int((pairFraction * Double(batch) * Double(seq)).rounded())
    }

    /// Whether separation and invariance losses are averaged over their pairs.
    public var isMeanReduction: Bool { reduction == .mean }
}
