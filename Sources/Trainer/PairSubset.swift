import RepIO

/// Pair subsampling (`pair_fraction` f < 1): the pairwise terms over the ordered pairs i ≠ j of a uniformly random
/// subset of P' = round(f·P) of the P = B·T states, drawn afresh for every micro-batch from the run's generator.
///
/// Every ordered pair of distinct states lies in the subset with probability P'(P' − 1)/(P(P − 1)), so the subset's
/// pair sums times P(P − 1)/(P'(P' − 1)) are unbiased estimates of the full sums (reduction "sum"), and so are
/// their gradients. With "mean" the subset's mean over its own qualifying pairs is a ratio estimator of the mean
/// over all qualifying pairs (consistent, biased by O(1/P')). The dense isometry term divides by the subset's
/// P'(P' − 1), a constant, so its subset mean is unbiased under either reduction. The pair products shrink by f²;
/// capacity and conformal isometry still see every state.
enum PairSubset {
    /// Gathers the subset's states and positions into workspace scratch, runs `PairwiseLoss` on those P' rows and
    /// adds their state gradient back to `ws.dStates` (states outside the subset get nothing from the pairs).
    static func evaluate(_ ws: Workspace, subset: UnsafeBufferPointer<Int32>, positions x: UnsafePointer<Float>,
                         config c: TrainerConfig, gradient: Bool, terms: inout LossTerms) {
        let n = ws.units, p = ws.stateCount, m = subset.count
        let g = ws.subStates, pos = ws.subPositions, dg = ws.subDStates
        for k in 0..<m {
            let i = Int(subset[k])
            (g + k * n).update(from: ws.states + i * n, count: n)
            pos[2 * k] = x[2 * i]; pos[2 * k + 1] = x[2 * i + 1]
        }
        if gradient { dg.update(repeating: 0, count: m * n) }
        let sumScale = Float(Double(p) * Double(p - 1) / (Double(m) * Double(m - 1)))
        PairwiseLoss.evaluate(ws, states: g, count: m, positions: pos, dStates: dg, sumScale: sumScale, config: c,
                              gradient: gradient, terms: &terms)
        guard gradient else { return }
        for k in 0..<m {
            let out = ws.dStates + Int(subset[k]) * n, src = dg + k * n
            for d in 0..<n { out[d] += src[d] }
        }
    }

    /// Whether `subset` can be evaluated: empty (all states), or 2 to `capacity` increasing indices below `p`.
    static func isValid(_ subset: [Int32], states p: Int, capacity: Int) -> Bool {
        if subset.isEmpty { return true }
        guard subset.count >= 2, subset.count <= capacity, subset[0] >= 0, Int(subset[subset.count - 1]) < p else { return false }
        for k in 1..<subset.count where subset[k] <= subset[k - 1] { return false }
        return true
    }
}

extension TrajectoryBatch {
    /// Draws `pairSubset` afresh: a uniformly random `m`-subset of the B·T states, in increasing order, by selection
    /// sampling (Knuth's Algorithm S: state i is taken with probability still-needed/still-left, an unbiased bounded
    /// integer from `rng` per state visited; no scratch). Allocates only when `m` differs from the last draw's.
    public mutating func drawPairSubset(count m: Int, rng: inout Xoshiro256) {
        let p = batch * seq
        precondition(m >= 0 && m <= p, "drawPairSubset: count \(m) outside 0...\(p)")
        if pairSubset.count != m { pairSubset = [Int32](repeating: 0, count: m) }
        pairSubset.withUnsafeMutableBufferPointer { out in
            var taken = 0, i = 0
            while taken < m {
                if rng.nextInt(below: p - i) < m - taken { out[taken] = Int32(i); taken += 1 }
                i += 1
            }
        }
    }
}
