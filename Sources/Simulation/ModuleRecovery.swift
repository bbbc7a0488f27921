import Foundation

/// How well a module assignment recovers the simulated truth: adjusted Rand index and period errors.
public enum ModuleRecovery {
    /// The adjusted Rand index (Hubert & Arabie 1985) of two labelings of the same units: 1 for identical
    /// partitions (up to renaming), about 0 for chance agreement. Labels are any integers; use one label (e.g. −1)
    /// for "no module" in both, so that grid units left unassigned count against the assignment.
    public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
        let n = min(a.count, b.count)
        guard n > 1 else { return 1 }
        var joint: [Int: [Int: Int]] = [:], rows: [Int: Int] = [:], cols: [Int: Int] = [:]
        for i in 0..<n {
            joint[a[i], default: [:]][b[i], default: 0] += 1
            rows[a[i], default: 0] += 1
            cols[b[i], default: 0] += 1
        }
        func pairs(_ k: Int) -> Double { Double(k) * Double(k - 1) / 2 }
        let index = joint.values.reduce(0.0) { $0 + $1.values.reduce(0.0) { $0 + pairs($1) } }
        let sumA = rows.values.reduce(0.0) { $0 + pairs($1) }, sumB = cols.values.reduce(0.0) { $0 + pairs($1) }
        let expected = sumA * sumB / pairs(n)
        let maxIndex = (sumA + sumB) / 2
        // Both partitions trivial (all one cluster, or all singletons): identical by construction.
        guard maxIndex != expected else { return 1 }
        return (index - expected) / (maxIndex - expected)
    }

    /// For each true module period, the found period nearest in log scale and its relative error (found/true − 1).
    public static func periodErrors(truth: [Double], found: [Double]) -> [(truth: Double, found: Double, relativeError: Double)] {
        truth.map { t in
            guard let f = found.filter({ $0 > 0 && $0.isFinite }).min(by: { abs(log($0 / t)) < abs(log($1 / t)) }) else {
                return (t, .nan, .nan)
            }
            return (t, f, f / t - 1)
        }
    }
}
