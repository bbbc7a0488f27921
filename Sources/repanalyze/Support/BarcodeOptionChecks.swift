import ArgumentParser
import RepAnalysis
import RepIO
import Report
import TopologyTDA

/// The values of `barcode`'s options that are wrong whatever the input file: usage errors (exit 2), caught in
/// `validate()` before any file is read, instead of bad-input errors (exit 1) from deep in the computation.
/// Kept apart from Barcode.swift so the command's own file stays about what it computes.
extension BarcodeCommand {
    func validateOptionValues() throws {
        let limit = PersistentCohomology.maxDimensionLimit
        if let maxdim, maxdim > limit { throw ValidationError("--maxdim must be at most \(limit) (got \(maxdim))") }
        guard coeff >= 2, coeff < 65536, isPrime(coeff) else {
            throw ValidationError("--coeff must be a prime below 65536, e.g. 2, 3 or 47 (got \(coeff))")
        }
        if let pca, pca < 1 { throw ValidationError("--pca must be at least 1 component (got \(pca))") }
        if let every, every < 1 { throw ValidationError("--every must be at least 1 (got \(every))") }
        if let landmarks, landmarks < 1 { throw ValidationError("--landmarks must be at least 1 (got \(landmarks))") }
        if let denoise, !(denoise >= 0 && denoise < 1) {
            throw ValidationError("--denoise must be a fraction in [0, 1) (got \(denoise))")
        }
        if let minPersistence, minPersistence.isNaN || minPersistence < 0 {
            throw ValidationError("--min-persistence must be a non-negative length (got \(minPersistence))")
        }
        if let units {
            do { _ = try parseUnitList(units) } catch { throw ValidationError("\(error)") }
        }
    }
}

extension BarcodeCommand {
    /// What an activation dump will take once read (Floats, then the Double point cloud) and, with --pca on all
    /// units, the d × d covariance and eigenvectors: refused from the declared shapes before anything is read, so a
    /// dump declaring 10^6 units fails at once with its file and dataset named.
    func checkMemory(for reader: DumpReader) throws {
        let cells = Double(reader.sampleCount) * Double(reader.unitCount)
        try MemoryBudget.check(file: input, dataset: dump.activationsPath, bytes: 12 * cells,
                               for: "the point cloud of \(reader.sampleCount) samples × \(reader.unitCount) units (float32 read, float64 cloud)")
        if pca != nil, units == nil, module == nil {
            let d = Double(reader.unitCount)
            try MemoryBudget.check(file: input, dataset: dump.activationsPath, bytes: 16 * d * d,
                                   for: "PCA of \(reader.unitCount) units (select units with --units or --module first)")
        }
    }
}

/// Trial division: the coefficients are below 65536.
private func isPrime(_ p: Int) -> Bool {
    guard p >= 2 else { return false }
    var d = 2
    while d * d <= p {
        if p % d == 0 { return false }
        d += 1
    }
    return true
}
