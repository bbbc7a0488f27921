import Foundation
import RepIO
import TestSupport
import Testing
@testable import TopologyTDA

/// The working column's compaction (summing duplicate entries out of the heap), which real runs only reach above
/// 64 Mi entries: directly on each heap layout against a count kept by hand, and end to end with the limit lowered
/// to 64 entries, where every sizeable column is compacted many times, against ripser.py's diagrams.
@Suite struct CompactionTests {
    /// Pushes `entries` into a column, compacts it after every `every` pushes, and pops every pivot.
    static func pivots(after entries: [SimplexEntry], layout: WorkingColumn.Layout, modulus: UInt32, every: Int) -> [SimplexEntry] {
        var column = WorkingColumn(layout: layout)
        defer { column.deallocate() }
        for (t, e) in entries.enumerated() {
            column.push(e)
            if (t + 1) % every == 0 {
                // Take a pivot out and keep it pending, as the reduction does, so the compaction folds it back in.
                _ = column.pivot(modulus: modulus)
                column.compact(modulus: modulus)
            }
        }
        var out = [SimplexEntry]()
        while true {
            let p = column.popPivot(modulus: modulus)
            if p.index == -1 { break }
            out.append(p)
        }
        return out
    }

    /// The sum of `entries` mod p per simplex, non-zero ones in pivot order: what the pops must give.
    static func expected(_ entries: [SimplexEntry], modulus: UInt32) -> [(Float, Int, UInt32)] {
        var sums = [Int: (Float, UInt32)]()
        for e in entries { sums[e.index, default: (e.diameter, 0)].1 = (sums[e.index, default: (e.diameter, 0)].1 + e.coefficient) % modulus }
        return sums.filter { $0.value.1 != 0 }.map { ($0.value.0, $0.key, $0.value.1) }
            .sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 > $1.1) }
    }

    @Test(arguments: [2, 47]) func compactionKeepsTheColumn(_ p: Int) {
        let modulus = UInt32(p)
        var rng = ParallelReductionTests.SplitMix64(state: 99)
        // 40 simplices, each pushed many times with random coefficients; the first 20 get the negative of every
        // push too, so they cancel. Diameters are ranks (small integers, as the rank-key layout needs), with ties.
        let simplices = (0..<40).map { i in (Float(Int.random(in: 0...9, using: &rng)), 1000 + 37 * i) }
        var entries = [SimplexEntry]()
        for _ in 0..<600 {
            let s = Int.random(in: 0..<40, using: &rng)
            let (d, index) = simplices[s]
            let c = p == 2 ? 1 : UInt32.random(in: 1..<modulus, using: &rng)
            entries.append(SimplexEntry(diameter: d, index: index, coefficient: c))
            if s < 20 { entries.append(SimplexEntry(diameter: d, index: index, coefficient: p == 2 ? 1 : modulus - c)) }
        }
        entries.shuffle(using: &rng)
        let want = Self.expected(entries, modulus: modulus)
        var layouts: [WorkingColumn.Layout] = [.entries, WorkingColumn.Layout.rankKeys(modulus: p, largestIndex: 3000, rankCount: 10)!]
        if p == 2 { layouts.append(.z2Keys) }
        for layout in layouts {
            for every in [7, 64, 1000] {
                let got = Self.pivots(after: entries, layout: layout, modulus: modulus, every: every)
                #expect(got.map { ($0.diameter, $0.index, $0.coefficient) }.elementsEqual(want, by: ==),
                        "layout \(layout), compacting every \(every) pushes")
            }
        }
        #expect(want.count > 5 && want.count <= 20)   // the first 20 cancel, most others survive
    }

    /// Whole reductions with the compaction limit at 64 entries: the Z/2 8-byte key heap (torus, H2), the Z/47
    /// rank-key heap and the 16-byte heap (o3 at threshold 1.8), on one thread and on three.
    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project"), arguments: [
        ("torus3_400", "torus3_400.dim2.p2.ripser.json", 2, nil as Double?, true),
        ("o3_512", "o3_512.dim2.p47.t1.8.ripser.json", 47, 1.8, true),
        ("o3_512", "o3_512.dim2.p47.t1.8.ripser.json", 47, 1.8, false),
    ]) func lowCompactionLimitGivesRipsersBars(_ cloud: String, _ diagrams: String, _ p: Int, _ threshold: Double?, _ rankKeys: Bool) throws {
        guard let cloudPath = Fixtures.shared("tda/\(cloud).h5"), let refPath = Fixtures.shared("tda/\(diagrams)") else {
            Issue.record("\(diagrams): ../shared/reference is there but a file is missing")
            return
        }
        let (points, d) = try loadCloud(cloudPath)
        let dm = try DistanceMatrix(points: points, dimension: d)
        let ref = try loadRipserDiagrams(refPath).dgms
        for threads in [1, 3] {
            let tuning = ReductionTuning(compactThreshold: 64, parallelMinimumColumns: 1, rankKeys: rankKeys)
            let ours = try PersistentCohomology.tunedBarcode(of: dm, maxDimension: 2, coefficient: p, threshold: threshold,
                                                             collapse: .never, threads: threads, tuning: tuning)
            expectSameDiagrams(ours.bars, ref, "\(diagrams) compacting at 64, \(threads) thread(s), rank keys \(rankKeys)")
        }
    }
}
