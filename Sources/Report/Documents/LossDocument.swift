import RepIO
import Trainer

/// `loss --json`: the loss terms of a reference dump's batch, to compare with PyTorch/JAX code.
public struct LossDocument: Codable, Equatable, Sendable {
    @NaNAsNull public var total: Double = .nan
    @NaNAsNull public var sep: Double = .nan
    @NaNAsNull public var inv: Double = .nan
    @NaNAsNull public var cap: Double = .nan
    @NaNAsNull public var ci: Double = .nan
    @NaNAsNull public var iso: Double = .nan
    @NaNAsNull public var dead: Double = .nan
    /// Pairs (separation, invariance) and steps (conformal isometry) the terms averaged over.
    public var nSep: Int, nInv: Int, nCI: Int

    enum CodingKeys: String, CodingKey { case total, sep, inv, cap, ci, iso, dead, nSep = "n_sep", nInv = "n_inv", nCI = "n_ci" }

    public init(_ t: LossTerms) {
        total = t.total; sep = t.sep; inv = t.inv; cap = t.cap; ci = t.ci; iso = t.iso; dead = t.dead
        nSep = t.nSep; nInv = t.nInv; nCI = t.nCI
    }
}
