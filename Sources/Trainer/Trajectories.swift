import RepIO

/// One training batch: a sequence of T velocities and B orderings of it (the paper's permutation trick: every
/// trajectory ends at the same point, and trajectories cross often), with the integrated positions.
public struct TrajectoryBatch: Equatable, Sendable {
    /// B, the number of trajectories.
    public let batch: Int
    /// T, the number of steps.
    public let seq: Int
    /// The T distinct velocities, [T, 2] row-major (metres per step).
    public var baseVelocity: [Float]
    /// Which base velocity trajectory b takes at step t, [B, T] row-major.
    public var permutation: [Int32]
    /// Positions x_{b,t} = Σ_{s≤t} v_{b,s} from origin 0, [B, T, 2] row-major.
    public var positions: [Float]
    /// The states (indices into [B·T], increasing) whose pairs the pairwise terms use; empty: all states, the exact
    /// objective. Drawn per micro-batch with `drawPairSubset` when `pair_fraction` < 1 (`PairSubset.swift`).
    public var pairSubset: [Int32] = []

    /// A batch from given velocities and orderings; positions are the running sums (in Float, step by step).
    public init(baseVelocity: [Float], permutation: [Int32], batch: Int, seq: Int, positions: [Float]? = nil) {
        self.batch = batch
        self.seq = seq
        self.baseVelocity = baseVelocity
        self.permutation = permutation
        if let positions {
            self.positions = positions
        } else {
            var pos = [Float](repeating: 0, count: batch * seq * 2)
            for b in 0..<batch {
                var x: Float = 0, y: Float = 0
                for t in 0..<seq {
                    let k = Int(permutation[b * seq + t])
                    x += baseVelocity[2 * k]; y += baseVelocity[2 * k + 1]
                    pos[(b * seq + t) * 2] = x; pos[(b * seq + t) * 2 + 1] = y
                }
            }
            self.positions = pos
        }
    }

    /// Draws a fresh batch: velocity components i.i.d. Uniform(−vmax, vmax), then B Fisher–Yates permutations
    /// (or B copies of the identity when `permute` is false — the "no permutation" ablation).
    public static func sample(batch: Int, seq: Int, vmax: Float, permute: Bool,
                              rng: inout Xoshiro256) -> TrajectoryBatch {
        var b = TrajectoryBatch(baseVelocity: [Float](repeating: 0, count: seq * 2),
                                permutation: [Int32](repeating: 0, count: batch * seq), batch: batch, seq: seq)
        b.resample(vmax: vmax, permute: permute, rng: &rng)
        return b
    }

    /// Redraws this batch in place (same B and T; no allocation), consuming the same random numbers as `sample`.
    public mutating func resample(vmax: Float, permute: Bool, rng: inout Xoshiro256) {
        let (bCount, tCount) = (batch, seq)
        baseVelocity.withUnsafeMutableBufferPointer { v in
            for i in 0..<(tCount * 2) { v[i] = (2 * rng.nextUnitFloat() - 1) * vmax }
        }
        permutation.withUnsafeMutableBufferPointer { perm in
            for b in 0..<bCount {
                for t in 0..<tCount { perm[b * tCount + t] = Int32(t) }
                guard permute else { continue }
                var t = tCount - 1
                while t > 0 {
                    let j = rng.nextInt(below: t + 1)
                    perm.swapAt(b * tCount + t, b * tCount + j)
                    t -= 1
                }
            }
        }
        let v = baseVelocity
        v.withUnsafeBufferPointer { v in
            permutation.withUnsafeBufferPointer { perm in
                positions.withUnsafeMutableBufferPointer { pos in
                    for b in 0..<bCount {
                        var x: Float = 0, y: Float = 0
                        for t in 0..<tCount {
                            let k = Int(perm[b * tCount + t])
                            x += v[2 * k]; y += v[2 * k + 1]
                            pos[(b * tCount + t) * 2] = x; pos[(b * tCount + t) * 2 + 1] = y
                        }
                    }
                }
            }
        }
    }

    /// The batch the config describes, drawn from `rng`.
    public static func sample(_ c: TrainerConfig, rng: inout Xoshiro256) -> TrajectoryBatch {
        sample(batch: c.batch, seq: c.seq, vmax: c.vmax, permute: c.permute, rng: &rng)
    }
}
