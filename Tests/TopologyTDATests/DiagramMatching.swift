import Foundation
import RepIO
import TestSupport
import Testing
@testable import TopologyTDA

/// Bars as plain (birth, death) pairs, death = +inf for an infinite bar.
typealias Bars = [(Double, Double)]

/// A ripser.py diagram file (`dgms`, death null = infinite) as bars per dimension.
func loadRipserDiagrams(_ path: String) throws -> (dgms: [Bars], threshold: Double?, coeff: Int) {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let doc = try TestJSON.object(with: data) as! [String: Any]
    let dgms = (doc["dgms"] as! [[Any]]).map { dim in
        dim.map { pair -> (Double, Double) in
            let p = pair as! [Any]
            let b = (p[0] as! NSNumber).doubleValue
            let d = (p[1] as? NSNumber)?.doubleValue ?? .infinity
            return (b, d)
        }
    }
    let t = (doc["threshold"] as? NSNumber)?.doubleValue
    let c = (doc["coeff"] as? NSNumber)?.intValue ?? 2
    return (dgms, t, c)
}

/// The `points` dataset of a reference cloud as a flat row-major array and its width.
func loadCloud(_ path: String, dataset: String = "points") throws -> (points: [Double], dimension: Int) {
    let a: ShapedArray<Double> = try HDF5File(path).read(dataset)
    return (a.values, a.shape[1])
}

/// Whether two diagrams match bar for bar within `tolerance` (an L∞ matching in which infinite deaths match only
/// infinite deaths): with the same algorithm on the same Float32 distances the bars must pair up one to one, which
/// bounds the bottleneck distance by `tolerance`. Returns the largest matched error, or nil when no matching exists.
func matchingError(_ ours: Bars, _ reference: Bars, tolerance: Double) -> Double? {
    guard ours.count == reference.count else { return nil }
    let key: ((Double, Double)) -> (Double, Double) = { ($0.1, $0.0) }
    let a = ours.sorted { key($0) < key($1) }
    var b = reference.sorted { key($0) < key($1) }
    var used = [Bool](repeating: false, count: b.count)
    var worst = 0.0
    for x in a {
        var found = -1
        var bestErr = Double.infinity
        // Candidates are near in sorted order; scan the unmatched ones within tolerance of the death.
        for (j, y) in b.enumerated() where !used[j] {
            if x.1.isInfinite != y.1.isInfinite { continue }
            let err = max(abs(x.0 - y.0), x.1.isInfinite ? 0 : abs(x.1 - y.1))
            if err <= tolerance && err < bestErr { bestErr = err; found = j; if err == 0 { break } }
        }
        if found < 0 { return nil }
        used[found] = true
        worst = max(worst, bestErr)
    }
    b.removeAll()
    return worst
}

/// The largest finite death in a set of diagrams, by magnitude (lower-star filtrations can die at negative values).
func largestFiniteDeath(_ dgms: [Bars]) -> Double {
    dgms.flatMap { $0 }.map(\.1).filter(\.isFinite).map(abs).max() ?? 1
}

extension Barcode {
    /// Bars per dimension as plain pairs.
    var bars: [Bars] { diagrams.map { $0.intervals.map { ($0.birth, $0.death) } } }
}

/// Checks `ours` against `reference` dimension by dimension: same number of bars, same number of bars of
/// non-zero persistence, and a one-to-one matching within 1e-5 × the largest finite death.
func expectSameDiagrams(_ ours: [Bars], _ reference: [Bars], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(ours.count == reference.count, "\(label): dimensions", sourceLocation: sourceLocation)
    let tol = 1e-5 * largestFiniteDeath(reference)
    for k in 0..<min(ours.count, reference.count) {
        let nz = { (b: Bars) in b.filter { $0.1 > $0.0 }.count }
        #expect(ours[k].count == reference[k].count, "\(label) H\(k): \(ours[k].count) bars, ripser \(reference[k].count)", sourceLocation: sourceLocation)
        #expect(nz(ours[k]) == nz(reference[k]), "\(label) H\(k): bars of non-zero persistence", sourceLocation: sourceLocation)
        let err = matchingError(ours[k], reference[k], tolerance: tol)
        #expect(err != nil, "\(label) H\(k): no matching within \(tol)", sourceLocation: sourceLocation)
    }
}
