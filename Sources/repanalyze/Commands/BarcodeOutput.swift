import Foundation
import RepAnalysis
import RepIO
import Report
import TopologyTDA

/// What `repanalyze barcode` writes: the `BarcodeDocument` (ripser.py's keys where ripser.py has one: `dgms`,
/// `cocycles`, `num_edges` as `n_edges`, `idx_perm`, `r_cover`), as JSON and, through the same type, as HDF5.
extension BarcodeCommand {
    func document(_ b: Barcode, _ s: BettiSummary, _ input: Input, seconds: Double, computeSeconds: Double) -> BarcodeDocument {
        var doc = BarcodeDocument(dgms: b.diagrams.map { d in d.intervals.map { BarcodeDocument.Bar(birth: $0.birth, death: $0.death) } })
        doc.betti = s.betti; doc.nPoints = b.pointCount; doc.threshold = b.threshold; doc.coeff = b.coefficient
        doc.thresholdGiven = threshold ?? .nan
        doc.maxdim = b.maxDimension; doc.metric = distanceMatrix || edgeList || lowerStar ? "precomputed" : metric
        // ripser.py's num_edges (edges at or under the given threshold); see the README's table.
        doc.nEdges = b.ripserEdgeCount; doc.nEdgesAfterCollapse = b.edgeCount
        doc.nEdgesBeforeCollapse = b.edgeCountBeforeCollapse; doc.seconds = seconds
        doc.computeSeconds = computeSeconds; doc.threads = threadCount; doc.summary = s.line; doc.warnings = input.warnings
        doc.bettiRule = minPersistence.map { "min_persistence \($0)" } ?? "largest gap (ratio 1.5, 5% of threshold); infinite H0 bars always count"
        doc.input = self.input
        if let p = input.permutation {
            doc.idxPerm = p.indices
            doc.rCover = p.coverRadius
        }
        if cocycles {
            // ripser.py's layout exactly: rows [v_k, …, v_0, coefficient] (vertices decreasing), in its row order,
            // vertices named as in the original cloud when subsampled with --n-perm.
            doc.cocycles = b.diagrams.map { d -> [[[Int]]] in
                (d.cocycles ?? []).map { $0.ripserRows(vertexNames: input.permutation?.indices) }
            }
        }
        return doc
    }
}
