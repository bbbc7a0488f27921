import RepIO

/// A training line of RUN_DIR/log.jsonl, written every `log_every` steps: the step's loss terms (mean over its
/// micro-batches), the gradient norm before clipping, the learning rate and the training seconds so far. One
/// compact JSON object per line, keys sorted, non-finite numbers as null. (Evaluation lines, `"kind": "eval"`,
/// are written beside them by `train --eval-every`.)
public struct TrainingLogLine: Codable, Equatable, Sendable {
    public var step: Int
    @NaNAsNull public var time: Double = .nan
    @NaNAsNull public var total: Double = .nan
    @NaNAsNull public var sep: Double = .nan
    @NaNAsNull public var inv: Double = .nan
    @NaNAsNull public var cap: Double = .nan
    @NaNAsNull public var ci: Double = .nan
    @NaNAsNull public var iso: Double = .nan
    @NaNAsNull public var gradNorm: Double = .nan
    @NaNAsNull public var lr: Double = .nan
    /// Fraction of units silent over the whole batch.
    @NaNAsNull public var dead: Double = .nan

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case step, time, total, sep, inv, cap, ci, iso, gradNorm = "grad_norm", lr, dead
    }

    public init(_ r: StepRecord) {
        step = r.step; time = r.elapsed
        total = r.terms.total; sep = r.terms.sep; inv = r.terms.inv; cap = r.terms.cap; ci = r.terms.ci; iso = r.terms.iso
        gradNorm = r.gradNorm; lr = Double(r.lr); dead = r.terms.dead
    }

    /// The line (without its newline).
    public var text: String { (try? JSONDocument.line(self)) ?? "{}" }

    /// Just the step of any log line (training or evaluation), for trimming a log back to its checkpoint.
    public struct Step: Decodable, Sendable {
        public var step: Int
    }
}
