import Foundation
import Report
import TopologyTDA

/// `barcode --shuffles K`: the significance line per dimension from time-shuffled data (Gardner et al. 2022).
extension BarcodeCommand {
    struct Significance {
        /// Per dimension, the longest finite bar over all shuffles (the significance line).
        var lines: [Double]
        /// Per dimension, the bars of the real data longer than its line (H0's infinite bar always counts).
        var betti: [Int]
        var count: Int

        var json: BarcodeDocument.Shuffles {
            BarcodeDocument.Shuffles(count: count, significance: lines, betti: betti,
                                     rule: "each unit shifted circularly by its own lag in [T/10, 9T/10]; a bar counts when longer than the longest shuffled bar of its dimension")
        }
        var line: String {
            "shuffles: \(count); longest shuffled bars " + lines.enumerated().map { "H\($0.offset) \(String(format: "%.4g", $0.element))" }.joined(separator: ", ")
                + "; betti above them (" + betti.map(String.init).joined(separator: ", ") + ")"
        }
    }

    /// Runs the same pipeline on K shuffles and compares `real`'s bars with the longest shuffled ones.
    func shuffleSignificance(count k: Int, like real: Barcode, policy: CollapsePolicy) throws -> Significance {
        var lines = [Double](repeating: 0, count: real.diagrams.count)
        for s in 0..<k {
            let (loaded, _) = try loadInput(shuffle: shuffleSeed &+ UInt64(s) &* 0x9E37_79B9_7F4A_7C15)
            guard let dm = loaded.matrix else { throw InputError("\(input): --shuffles needs an activation dump") }
            let b = try wrap("shuffle \(s)") { () throws(TDAError) in
                try PersistentCohomology.barcode(of: dm, maxDimension: real.maxDimension, coefficient: coeff, threshold: threshold,
                                                 collapse: policy, threads: threadCount)
            }
            for d in b.diagrams where d.dimension < lines.count {
                let longest = d.intervals.filter { !$0.isInfinite }.map(\.persistence).max() ?? 0
                lines[d.dimension] = max(lines[d.dimension], longest)
            }
        }
        let betti = real.diagrams.map { d in
            d.intervals.filter { $0.isInfinite ? d.dimension == 0 : $0.persistence > lines[d.dimension] }.count
        }
        return Significance(lines: lines, betti: betti, count: k)
    }
}
