import Foundation
import RepAnalysis
import RepIO
import TopologyTDA

/// The torus check of one module for the report and the demo (the Gardner et al. 2022 pipeline): the module's
/// units' activity over time → PCA to 6 → furthest-point landmarks → Vietoris–Rips H0–H2 → Betti numbers, plus
/// the first three principal components of the landmarks for a picture.
public struct TopologyPipeline {
    public var pca = 6
    public var landmarks = 800
    public var maxDimension = 2
    public var seed: UInt64 = 0

    public init(pca: Int = 6, landmarks: Int = 800, maxDimension: Int = 2, seed: UInt64 = 0) {
        self.pca = pca; self.landmarks = landmarks; self.maxDimension = maxDimension; self.seed = seed
    }

    /// Runs the pipeline on `units` of the dump at `path`.
    public func run(dump path: String, layout: DumpLayout, units: [Int], label: String,
             progress: PersistenceProgress? = nil) throws -> ReportContent.Topology {
        let d = try ActivationDump.load(path, layout: layout)
        return try run(activations: d.activations.values, unitCount: d.unitCount, units: units, label: label,
                       file: path, dataset: layout.activations, progress: progress)
    }

    /// Runs the pipeline on `units` of activations [samples, unitCount] held in memory; errors name `file` and
    /// `dataset`.
    public func run(activations: [Float], unitCount: Int, units: [Int], label: String, file: String, dataset: String,
             progress: PersistenceProgress? = nil) throws -> ReportContent.Topology {
        func wrap<T>(_ body: () throws(TDAError) -> T) throws -> T {
            do { return try body() } catch { throw ReportError.badDataset(file: file, dataset: dataset, reason: "\(error)") }
        }
        let sampleCount = unitCount > 0 ? activations.count / unitCount : 0
        let all = try wrap { () throws(TDAError) in try PointCloud(values: activations.map(Double.init), dimension: unitCount) }
        let cloud = try wrap { () throws(TDAError) in try all.columns(units) }
        let k = min(pca, units.count)
        let pcs = try wrap { () throws(TDAError) in try PrincipalComponents(cloud, components: k) }
        let projected = pcs.project(cloud)
        let explained = pcs.variances.prefix(k).reduce(0, +) / max(pcs.variances.reduce(0, +), 1e-300)
        let m = min(landmarks, projected.count)
        let idx = try wrap { () throws(TDAError) in try projected.furthestPointLandmarks(m, seed: seed) }
        let points = projected.rows(idx)
        let barcode = try wrap { () throws(TDAError) in
            let dm = try DistanceMatrix(points: points.values, dimension: points.dimension, metric: .euclidean)
            return try PersistentCohomology.barcode(of: dm, maxDimension: maxDimension, progress: progress)
        }
        let summary = BettiSummary(barcode)
        let diagrams = barcode.diagrams.map(\.intervals)
        let projection = (0..<points.count).map { i in Array(points.values[(i * points.dimension)..<(i * points.dimension + min(3, points.dimension))]) }
        let description = "\(label): \(units.count) units, \(sampleCount) samples → PCA to \(k) "
            + "(\(String(format: "%.0f", 100 * explained)) % of variance) → \(m) furthest-point landmarks → Vietoris–Rips H0–H\(maxDimension), "
            + "Z/2, threshold \(String(format: "%.3g", barcode.threshold))"
        return ReportContent.Topology(description: description, diagrams: diagrams, betti: summary.betti, projection: projection)
    }

    /// The largest module (most units; the shorter period on a tie).
    public static func largest(_ modules: [ReportContent.Module]) -> ReportContent.Module? {
        modules.max { ($0.units.count, -$0.period) < ($1.units.count, -$1.period) }
    }
}
