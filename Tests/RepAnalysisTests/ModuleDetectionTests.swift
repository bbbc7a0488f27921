import Foundation
import RepIO
import Testing
@testable import RepAnalysis
import TestSupport

/// Adjusted Rand index of two labelings (Hubert & Arabie 1985), written here from its definition.
func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
    var table: [[Int]: Int] = [:], ra: [Int: Int] = [:], rb: [Int: Int] = [:]
    for (x, y) in zip(a, b) { table[[x, y], default: 0] += 1; ra[x, default: 0] += 1; rb[y, default: 0] += 1 }
    func c2(_ n: Int) -> Double { Double(n * (n - 1)) / 2 }
    let index = table.values.map(c2).reduce(0, +)
    let sa = ra.values.map(c2).reduce(0, +), sb = rb.values.map(c2).reduce(0, +)
    let expected = sa * sb / c2(a.count), maxIndex = (sa + sb) / 2
    return maxIndex == expected ? 1 : (index - expected) / (maxIndex - expected)
}

@Suite struct ModuleDetectionTests {
    /// The shared simulated population: 3 modules of 16 grid cells + 16 non-grid units, rate maps computed here
    /// from population.h5; truth from population_truth.json.
    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project"), arguments: [32, 44])
    func findsTheThreeModulesOfThePopulation(bins: Int) throws {
        guard let pop = Fixtures.shared("grid/population.h5"), let tp = Fixtures.shared("grid/population_truth.json") else { Issue.record("../shared/reference is there but a file is missing"); return }
        let truth = try #require(try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: tp))) as? [String: Any])
        let labels = try #require(truth["labels"] as? [Int])
        let truthModules = try #require(truth["modules"] as? [[String: Any]])
        let dump = try ActivationDump.load(pop)
        var acc = RateMapAccumulator(binning: try SpatialBinning(box: try #require(dump.box), columns: bins, rows: bins), units: dump.unitCount)
        try acc.accumulate(positions: dump.positions.values, activations: dump.activations.values)
        let maps = acc.finish()
        let d = ModuleDetection(maps: maps.values, units: maps.units, rows: bins, columns: bins,
                                binSize: (maps.binning.binWidth, maps.binning.binHeight))
        let predicted = d.units.map { $0.module ?? -1 }
        let ari = adjustedRandIndex(labels, predicted)
        #expect(d.modules.count == 3)
        #expect(ari > 0.95, "ARI \(ari)")
        var report = "modules \(bins) bins: ARI \(ari)"
        for (m, t) in zip(d.modules, truthModules) {
            let tp = try #require(t["period_m"] as? Double), to = try #require(t["orientation_deg"] as? Double)
            let err = abs(m.period - tp) / tp
            report += String(format: "; module %d period %.4f (truth %.2f, error %.1f%%) orientation %.1f (truth %.0f) n=%d",
                             m.index, m.period, tp, 100 * err, m.orientation, to, m.units.count)
            #expect(err < 0.03)
            #expect(GridAnalyticTests.angleDiff60(m.orientation, to) < 2.5)
        }
        // Per-unit period errors of the grid cells.
        let cells = try #require(truth["cells"] as? [[String: Any]])
        var unitErrors: [Int: [Double]] = [:]
        for (i, c) in cells.enumerated() where c["kind"] as? String == "grid" {
            let p = try #require(c["period_m"] as? Double)
            unitErrors[try #require(c["module"] as? Int), default: []].append(abs(d.units[i].fit.period - p) / p)
        }
        for m in unitErrors.keys.sorted() {
            let e = unitErrors[m]!.sorted()
            report += String(format: "; unit period errors module %d: median %.1f%% max %.1f%%", m, 100 * e[e.count / 2], 100 * e.last!)
            #expect(e[e.count / 2] < 0.05)
        }
        print(report)
        #expect(d.periodRatios.allSatisfy { abs($0 - 1.41) < 0.08 })
        let spectrum = try #require(d.meanSpectrum)
        #expect(abs(spectrum.values.reduce(0, +) - 1) < 1e-9)
        // Every non-grid unit (place, noise, band, smooth random field) is rejected.
        for (i, l) in labels.enumerated() where l == -1 { #expect(!d.units[i].gridLike, "unit \(i)") }
    }

    @Test func sixFoldTestOnAnalyticMaps() {
        let n = 40, bin = 1.0 / 40
        func detect(_ m: [Double]) -> FourierUnit {
            ModuleDetection(maps: m.map(Float.init), units: 1, rows: n, columns: n, binSize: (bin, bin)).units[0]
        }
        let hex = detect(GridAnalyticTests.lattice(n, period: 0.3, orientation: 12, kind: "hex"))
        #expect(hex.gridLike)
        #expect(abs(hex.fit.period - 0.3) < 0.006)
        #expect(GridAnalyticTests.angleDiff60(hex.fit.orientation, 12) < 1)
        #expect(!detect(GridAnalyticTests.lattice(n, period: 0.3, orientation: 12, kind: "square")).gridLike)
        #expect(!detect(GridAnalyticTests.lattice(n, period: 0.3, orientation: 12, kind: "band")).gridLike)
        // Isotropic: a single Gaussian place field.
        let place = (0..<(n * n)).map { k -> Double in
            let i = Double(k / n) - 15, j = Double(k % n) - 22
            return exp(-(i * i + j * j) / 18)
        }
        #expect(!detect(place).gridLike)
        let flat = detect([Double](repeating: 2, count: n * n))
        #expect(!flat.gridLike)
        #expect(!detect([Double](repeating: .nan, count: n * n)).gridLike)
    }

    @Test(arguments: [(1, 1), (2, 2), (3, 5), (1, 9)])
    func tinyMapsDoNotCrash(rows: Int, columns: Int) {
        let maps = (0..<(2 * rows * columns)).map { Float($0 % 4) }
        let d = ModuleDetection(maps: maps, units: 2, rows: rows, columns: columns, binSize: (0.1, 0.1))
        #expect(d.units.count == 2)
        #expect(d.units.allSatisfy { !$0.gridLike })
        #expect(d.modules.isEmpty)
    }

    @Test func clusteringByLogPeriodGaps() {
        let labels = ModuleClustering.cluster(periods: [0.50, 0.31, 0.70, .nan, 0.30, 0.49, 0.72, 0.33], gap: 0.15)
        #expect(labels == [1, 0, 2, nil, 0, 1, 2, 0])
        #expect(ModuleClustering.cluster(periods: []).isEmpty)
        #expect(abs(ModuleClustering.meanOrientation([58, 2]) - 0) < 1e-9 || abs(ModuleClustering.meanOrientation([58, 2]) - 60) < 1e-9)
        #expect(abs(ModuleClustering.meanOrientation([10, 12]) - 11) < 1e-9)
        #expect(abs(adjustedRandIndex([0, 0, 1, 1], [5, 5, 7, 7]) - 1) < 1e-12)
    }
}
