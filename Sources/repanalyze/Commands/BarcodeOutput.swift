import Foundation
import RepAnalysis
import RepIO
import Report
import TopologyTDA

/// What `repanalyze barcode` writes: the JSON document (ripser.py's keys where ripser.py has one: `dgms`,
/// `cocycles`, `num_edges` as `n_edges`, `idx_perm`, `r_cover`) and the HDF5 diagrams.
extension BarcodeCommand {
    func jsonDocument(_ b: Barcode, _ s: BettiSummary, _ input: Input, seconds: Double, computeSeconds: Double) -> [String: Any] {
        let dgms: [[[Any]]] = b.diagrams.map { d in d.intervals.map { [$0.birth, JSONOutput.number($0.death)] } }
        var doc: [String: Any] = [
            "dgms": dgms, "betti": s.betti, "n_points": b.pointCount, "threshold": JSONOutput.number(b.threshold), "coeff": b.coefficient,
            "threshold_given": threshold.map { JSONOutput.number($0) } ?? NSNull(),
            "maxdim": b.maxDimension, "metric": distanceMatrix || edgeList || lowerStar ? "precomputed" : metric,
            // ripser.py's num_edges (edges at or under the given threshold); see the README's table.
            "n_edges": b.ripserEdgeCount, "n_edges_after_collapse": b.edgeCount,
            "n_edges_before_collapse": b.edgeCountBeforeCollapse, "seconds": seconds,
            "compute_seconds": computeSeconds, "threads": threadCount, "summary": s.line, "warnings": input.warnings,
            "betti_rule": minPersistence.map { "min_persistence \($0)" } ?? "largest gap (ratio 1.5, 5% of threshold); infinite H0 bars always count",
        ]
        doc["input"] = self.input
        if let p = input.permutation {
            doc["idx_perm"] = p.indices
            doc["r_cover"] = p.coverRadius
        }
        if cocycles {
            // ripser.py's layout exactly: rows [v_k, …, v_0, coefficient] (vertices decreasing), in its row order,
            // vertices named as in the original cloud when subsampled with --n-perm.
            doc["cocycles"] = b.diagrams.map { d -> [[[Int]]] in
                (d.cocycles ?? []).map { $0.ripserRows(vertexNames: input.permutation?.indices) }
            }
        }
        return doc
    }

    func writeHDF5(_ b: Barcode, _ s: BettiSummary, _ input: Input, to path: String, in outputs: OutputSet) throws {
        try outputs.stageHDF5(to: path) { f in
            for d in b.diagrams {
                var v = [Double]()
                for i in d.intervals { v += [i.birth, i.death] }
                try f.write(ShapedArray(shape: [d.count, 2], values: v), to: "dgm_\(d.dimension)")
            }
            if let p = input.permutation {
                try f.write(ShapedArray(shape: [p.indices.count], values: p.indices.map(Int64.init)), to: "idx_perm")
                try f.setAttribute("r_cover", .float(p.coverRadius))
            }
            try f.setAttribute("betti", .integers(s.betti.map(Int64.init), shape: [s.betti.count]))
            try f.setAttribute("threshold", .float(b.threshold))
            if let threshold { try f.setAttribute("threshold_given", .float(threshold)) }
            try f.setAttribute("coeff", .integer(Int64(b.coefficient)))
            try f.setAttribute("n_points", .integer(Int64(b.pointCount)))
            try f.setAttribute("n_edges", .integer(Int64(b.ripserEdgeCount)))
            try f.setAttribute("summary", .string(s.line))
        }
    }
}
