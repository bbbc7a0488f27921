import Foundation
import RepAnalysis
import RepIO
import Simulation
import Trainer

/// What `train --eval-every K` measures of the network every K steps: roll it out on short walks like the training
/// batches and on one long rat-like walk, and score the code with the same analyses as `gridness`, `modules` and
/// `barcode`. The walks are drawn from a fixed seed, so evaluations differ only by the weights; the training
/// generator is not touched, so a run with evaluations reaches the same weights as one without.
public struct TrainingEvaluation {
    /// Short walks, as the training batches draw them: `sequences` sequences of `walkLength` velocity steps, each
    /// walked in `permutations` orders from the centre of a square box of side `box` (metres); rate maps of
    /// bins × bins. A batch's permutations share its T recurrent matrices, so this costs a twentieth of as many
    /// independent walks (measured: 16,000 steps of independent walks took 1.9 s of CPU at N 128, H 128).
    public var sequences = 20, permutations = 20, walkLength = 40, box = 2.0, bins = 24
    /// The long walk (Sorscher et al. generator): steps and time step (s); only its spatial_ratio is logged (too
    /// few samples for rate maps).
    public var longSteps = 2000, longDt = 0.05
    /// Betti numbers of the largest module every this many evaluations (0: never): landmarks, PCA dimensions.
    public var bettiEvery = 5, landmarks = 300, pca = 6
    /// Evaluations done so far in this process.
    public private(set) var count = 0

    public init() {}

    /// One evaluation of `state`'s weights as a log.jsonl line: {"step", "kind": "eval", ...}.
    public mutating func line(_ state: TrainingState) -> String {
        let t0 = Date()
        var line = EvaluationLogLine(step: state.step, time: state.elapsed)
        let p = state.params
        var c = state.config
        c.batch = permutations; c.seq = walkLength
        let (positions, act) = shortWalks(p, c)
        let grid = score(positions: positions, activations: act, units: p.units)
        line.gridFraction = grid.values.gridFraction; line.score60Max = grid.values.score60Max
        line.score60Median = grid.values.score60Median; line.modules = grid.values.modules
        line.modulePeriods = grid.values.modulePeriods; line.periodRatio = grid.values.periodRatio
        line.spatialRatio = Self.spatialRatio(positions: positions, activations: act, units: p.units)
        if bettiEvery > 0, count % bettiEvery == 0, let largest = grid.largest, largest.count >= 3 {
            let topo = try? TopologyPipeline(pca: pca, landmarks: landmarks, maxDimension: 2, seed: 0)
                .run(activations: act, unitCount: p.units, units: largest, label: "largest module", file: "evaluation", dataset: "rollout")
            if let topo { line.betti = topo.betti }
        }
        var lrng = Xoshiro256(seed: 0x10e9)
        let w = Trajectory.simulate(.sorscher(box: box, steps: longSteps + 1, dt: longDt), rng: &lrng)
        let longAct = Rollout.states(params: p, eps: c.eps, velocities: w.velocities.prefix(2 * longSteps).map { Float($0 * longDt) })
        line.longSpatialRatio = Self.spatialRatio(positions: Array(w.positions.dropFirst(2)), activations: longAct, units: p.units)
        line.evalSeconds = Date().timeIntervalSince(t0)
        count += 1
        return (try? JSONDocument.line(line)) ?? "{}"
    }

    /// Positions (from the box centre, Double) and states of the short walks, through the trainer's own forward pass.
    public func shortWalks(_ p: Parameters, _ c: TrainerConfig) -> (positions: [Double], activations: [Float]) {
        var rng = Xoshiro256(seed: 0x5eed)
        let ws = Workspace(units: p.units, width: p.width, batch: permutations, seq: walkLength, rowBlock: 1)
        var positions: [Double] = [], act: [Float] = []
        for _ in 0..<sequences {
            let batch = TrajectoryBatch.sample(batch: permutations, seq: walkLength, vmax: c.vmax, permute: true, rng: &rng)
            Objective.forward(ws, params: p, batch: batch, config: c)
            positions += batch.positions.map { Double($0) + box / 2 }
            act += ws.stateValues
        }
        return (positions, act)
    }

    /// Gridness and modules of the rate maps of one rollout: the evaluation line's grid keys (only those filled),
    /// and the largest module's units.
    public func score(positions: [Double], activations: [Float], units n: Int) -> (values: EvaluationLogLine, largest: [Int]?) {
        var v = EvaluationLogLine(step: 0, time: 0)
        guard let binning = try? SpatialBinning(box: ArenaBox(x0: 0, x1: box, y0: 0, y1: box), columns: bins, rows: bins) else { return (v, nil) }
        var acc = RateMapAccumulator(binning: binning, units: n)
        guard (try? acc.accumulate(positions: positions, activations: activations)) != nil else { return (v, nil) }
        let maps = acc.finish()
        let scorer = GridScorer(height: bins, width: bins, binSize: (binning.binWidth, binning.binHeight))
        let ws = GridScorer.Workspace(for: scorer)
        let s = bins * bins
        let scores = (0..<n).map { u in scorer.score(maps.values[(u * s)..<((u + 1) * s)].map(Double.init), workspace: ws).score60 }
        let finite = scores.filter(\.isFinite).sorted()
        let d = ModuleDetection(maps: maps.values, units: n, rows: bins, columns: bins, binSize: (binning.binWidth, binning.binHeight))
        v.gridFraction = Double(scores.filter { $0 > GridCriteria.gridScoreThreshold }.count) / Double(max(n, 1))
        v.score60Max = finite.last ?? .nan
        v.score60Median = finite.isEmpty ? .nan : finite[finite.count / 2]
        v.modules = d.modules.count
        v.modulePeriods = d.modules.map(\.period)
        v.periodRatio = d.periodRatios.first
        return (v, d.modules.max { $0.units.count < $1.units.count }?.units)
    }

    /// Mean state distance of sample pairs less than 5 cm apart over that of all pairs, on up to 1500 samples
    /// (every k-th): near 0 when the state is a function of position, 1 when it says nothing about position.
    public static func spatialRatio(positions: [Double], activations: [Float], units n: Int) -> Double {
        let total = positions.count / 2
        let stride = max(1, total / 1500)
        let idx = Array(Swift.stride(from: 0, to: total, by: stride))
        var near = 0.0, nearCount = 0, all = 0.0, allCount = 0
        for a in 0..<idx.count {
            let i = idx[a]
            for b in (a + 1)..<idx.count {
                let j = idx[b]
                var s: Float = 0
                for u in 0..<n { let e = activations[i * n + u] - activations[j * n + u]; s += e * e }
                let dg = Double(s.squareRoot())
                let dx = positions[2 * i] - positions[2 * j], dy = positions[2 * i + 1] - positions[2 * j + 1]
                all += dg; allCount += 1
                if dx * dx + dy * dy < 0.0025 { near += dg; nearCount += 1 }
            }
        }
        guard nearCount > 0, all > 0 else { return .nan }
        return (near / Double(nearCount)) / (all / Double(allCount))
    }
}
