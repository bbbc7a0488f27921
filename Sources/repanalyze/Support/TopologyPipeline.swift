import Foundation
import RepAnalysis

/// The torus check of one module for the report and the demo (the Gardner et al. 2022 pipeline: the module's
/// units' activity → PCA to 6 → furthest-point landmarks → Vietoris–Rips H0–H2 → Betti numbers).
///
/// This build does not have TopologyTDA's engine and preprocessing yet (issue 6): `run` says so and returns nil,
/// and the report shows that note instead of a barcode.
struct TopologyPipeline {
    var pca = 6
    var landmarks = 800
    var maxDimension = 2
    var seed: UInt64 = 0

    /// Whether this build can compute barcodes.
    static let isAvailable = false

    /// Why there is no result in this build.
    static let unavailableReason = "Topology: the persistent-homology engine (TopologyTDA, issue 6) is not in this build yet. "
        + "Pass `--barcode BARS.json` to show a precomputed barcode."

    /// Persistent homology of `units` of the dump at `path`; nil when this build cannot compute it.
    func run(dump path: String, layout: DumpLayout, units: [Int], label: String,
             progress: ((Int, Int, Int) -> Void)? = nil) throws -> ReportContent.Topology? {
        nil
    }

    /// The largest module (most units; the shorter period on a tie).
    static func largest(_ modules: [ReportContent.Module]) -> ReportContent.Module? {
        modules.max { ($0.units.count, -$0.period) < ($1.units.count, -$1.period) }
    }
}
