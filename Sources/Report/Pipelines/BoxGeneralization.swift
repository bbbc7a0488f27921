import Foundation
import RepAnalysis
import RepIO
import Trainer

/// Out of distribution: a trained network rolled out in square boxes of several sides on walks drawn like its
/// training batches, each walk starting at the box centre, longer in larger boxes so they reach the walls
/// (`stepsPerSquareMetre`·side² steps, at least 20), the same number of samples per box and bins of the same size;
/// then the DeepMind gridness and the Fourier modules of each box's rate maps. The same steps as
/// `rollout --walk training` → `gridness` → `modules` with their defaults, without the files (tested equal).
public struct BoxGeneralization {
    public var sides: [Double] = [1, 2, 3, 4]
    public var samplesPerBox = 240_000
    public var stepsPerSquareMetre = 30.0
    public var binsPerMetre = 16.0
    public var seed: UInt64 = 5

    public init() {}

    /// The walks of a box of side `side`: how many, and how long.
    public func walks(side: Double) -> (count: Int, length: Int) {
        let length = max(20, Int(stepsPerSquareMetre * side * side))
        return (max(1, samplesPerBox / length), length)
    }

    /// Every box, in order; `progress` is told after each.
    public func run(params: Parameters, config: TrainerConfig, checkpoint: String,
                    progress: (GeneralizationDocument.Box) -> Void = { _ in }) throws -> GeneralizationDocument {
        var boxes: [GeneralizationDocument.Box] = []
        for side in sides {
            let b = try box(side, params: params, config: config)
            progress(b)
            boxes.append(b)
        }
        return GeneralizationDocument(checkpoint: checkpoint, gridThreshold: GridCriteria.gridScoreThreshold, boxes: boxes)
    }

    func box(_ side: Double, params: Parameters, config: TrainerConfig) throws -> GeneralizationDocument.Box {
        let (count, length) = walks(side: side)
        var rng = Xoshiro256(seed: seed)
        let (positions, velocities) = NetworkRollout.trainingWalks(count: count, length: length, vmax: config.vmax,
                                                                   start: side / 2, rng: &rng)
        let activations = Rollout.states(params: params, eps: config.eps, velocities: velocities.map { Float($0) },
                                         restartEvery: length)
        let bins = max(2, Int((binsPerMetre * side).rounded()))
        let binning = try SpatialBinning(box: ArenaBox(x0: 0, x1: side, y0: 0, y1: side), columns: bins, rows: bins)
        var acc = RateMapAccumulator(binning: binning, units: params.units)
        try acc.accumulate(positions: positions, activations: activations)
        let maps = acc.finish()
        let binSize = (side / Double(bins), side / Double(bins))
        let scorer = GridScorer(height: bins, width: bins, nanPolicy: .zeroFill, binSize: binSize)
        let scores = scorer.scoreAll(maps: maps.values, units: params.units, threads: ParallelChunks.availableCores)
        let s60 = scores.map(\.score60).filter { !$0.isNaN }.sorted()
        let detection = ModuleDetection(maps: maps.values, units: params.units, rows: bins, columns: bins, binSize: binSize)
        return GeneralizationDocument.Box(
            sideMetres: side, walks: count, walkLength: length, bins: bins, units: params.units,
            gridUnits: s60.filter { $0 > GridCriteria.gridScoreThreshold }.count,
            medianScore60: s60.isEmpty ? .nan : s60[s60.count / 2], maxScore60: s60.last ?? .nan,
            modules: detection.modules.map { .init(periodMetres: $0.period, orientationDegrees: $0.orientation, units: $0.units.count) },
            periodRatios: detection.periodRatios,
            modulePairs: detection.relations.map { .init(fine: $0.fine, coarse: $0.coarse, superlattice: $0.isSuperlattice, index: $0.index) })
    }
}
