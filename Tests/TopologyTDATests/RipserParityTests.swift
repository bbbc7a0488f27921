import Foundation
import TestSupport
import Testing
@testable import TopologyTDA

/// Differential tests against ripser.py (issue 12, items 2–7) on the cases of Tests/Fixtures/tda/parity, made by
/// scripts/make_tda_parity_fixtures.py: vertex births, lower-star images, inf entries, negative values, one point,
/// greedy permutations, cocycles in ripser.py's layout, num_edges.
@Suite struct RipserParityTests {
    static let names: [String] = {
        let dir = Fixtures.project("tda/parity")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func everyItemHasCases() {
        for prefix in ["births_edges", "births_dense", "births_lower", "lower_star", "inf_matrix", "one_point",
                       "negative_values", "nperm_", "cocycles_p", "num_edges"] {
            #expect(RipserParityTests.names.contains { $0.hasPrefix(prefix) }, "no fixture for \(prefix)")
        }
    }

    @Test(arguments: names) func matchesRipser(_ name: String) throws {
        let c = try ParityCase.load(name)
        let r = try c.compute()
        expectSameDiagrams(r.barcode.bars, c.dgms, name)
        // The threaded engine (every dimension threaded) gives the same bars in the same order.
        var tuning = ReductionTuning()
        tuning.parallelMinimumColumns = 1
        let threaded = try c.compute(threads: 3, tuning: tuning)
        #expect(threaded.barcode.bars.map { $0.map { "\($0)" } } == r.barcode.bars.map { $0.map { "\($0)" } }, "\(name): 3 threads")
        // Exact: a Float32 tie-break could otherwise hide behind the tolerance.
        for (k, (ours, theirs)) in zip(r.barcode.bars, c.dgms).enumerated() {
            let key = { (b: Bars) in b.map { "\(Float($0.0)) \(Float($0.1))" }.sorted() }
            #expect(key(ours) == key(theirs), "\(name) H\(k): not bit-identical in Float32")
        }
        if let e = c.numEdges { #expect(r.barcode.ripserEdgeCount == e, "\(name): num_edges \(r.barcode.ripserEdgeCount), ripser.py \(e)") }
        if let idx = c.idxPerm {
            #expect(r.permutation?.indices == idx, "\(name): idx_perm")
            let ours = try #require(r.permutation?.coverRadius)
            #expect(abs(ours - c.rCover!) <= 1e-15 * max(1, c.rCover!), "\(name): r_cover \(ours) vs \(c.rCover!)")
        }
        if let theirs = c.cocycles {
            for k in 1..<theirs.count {
                let ours = (r.barcode.diagrams[k].cocycles ?? []).map { $0.ripserRows(vertexNames: r.permutation?.indices) }
                #expect(ours.count == theirs[k].count, "\(name) H\(k): cocycle count")
                for (b, (mine, ref)) in zip(ours, theirs[k]).enumerated() {
                    #expect(mine == ref, "\(name) H\(k) bar \(b): cocycle rows differ (\(mine.count) vs \(ref.count) rows)")
                }
            }
        }
    }
}

/// One parity fixture: the input as stored, ripser.py's options and outputs.
struct ParityCase {
    var name: String
    var input: [String: Any]
    var options: [String: Any]
    var dgms: [Bars]
    var numEdges: Int?
    var idxPerm: [Int]?
    var rCover: Double?
    var cocycles: [[[[Int]]]]?

    static func load(_ name: String) throws -> ParityCase {
        let url = URL(fileURLWithPath: Fixtures.project("tda/parity/\(name).json"))
        let doc = try TestJSON.object(with: Data(contentsOf: url)) as! [String: Any]
        let ref = doc["ripser"] as! [String: Any]
        let dgms = (ref["dgms"] as! [[[Any]]]).map { $0.map { p in ((p[0] as! NSNumber).doubleValue, (p[1] as? NSNumber)?.doubleValue ?? .infinity) } }
        return ParityCase(name: name, input: doc["input"] as! [String: Any], options: doc["options"] as! [String: Any], dgms: dgms,
                          numEdges: ref["num_edges"] as? Int, idxPerm: ref["idx_perm"] as? [Int],
                          rCover: (ref["r_cover"] as? NSNumber)?.doubleValue, cocycles: ref["cocycles"] as? [[[[Int]]]])
    }

    /// Rows of numbers, null = +inf.
    static func rows(_ any: Any?) -> [[Double]] {
        (any as! [[Any]]).map { $0.map { ($0 as? NSNumber)?.doubleValue ?? .infinity } }
    }

    var maxDimension: Int { options["maxdim"] as? Int ?? 1 }
    var coefficient: Int { options["coeff"] as? Int ?? 2 }
    var threshold: Double? { (options["thresh"] as? NSNumber)?.doubleValue }
    var cocyclesWanted: Bool { options["do_cocycles"] as? Bool ?? false }

    func compute(threads: Int = 1, tuning: ReductionTuning = ReductionTuning()) throws -> (barcode: Barcode, permutation: GreedyPermutation?) {
        switch input["kind"] as! String {
        case "edges":
            let e = ParityCase.rows(input["edges"]).map { (Int($0[0]), Int($0[1]), $0[2]) }
            return (try PersistentCohomology.barcode(ofEdges: e, vertexCount: input["n"] as? Int, maxDimension: maxDimension,
                                                     coefficient: coefficient, threshold: threshold, cocycles: cocyclesWanted, threads: threads), nil)
        case "image":
            let img = ParityCase.rows(input["image"])
            return (try PersistentCohomology.barcode(ofLowerStarImage: img.flatMap { $0 }, rows: img.count, columns: img[0].count, threads: threads), nil)
        case "lower":
            let dm = try DistanceMatrix(lowerTriangular: (input["lower"] as! [NSNumber]).map(\.doubleValue),
                                        vertexBirths: (input["births"] as! [NSNumber]).map(\.doubleValue))
            return (try reduce(dm, threads, tuning), nil)
        case "distances":
            let d = ParityCase.rows(input["distances"])
            var dm = try DistanceMatrix(dense: d.flatMap { $0 }, count: d.count)
            var perm: GreedyPermutation? = nil
            if let k = options["n_perm"] as? Int {
                perm = try GreedyPermutation(count: d.count, sampleCount: k) { d[$0][$1] }
                dm = dm.subset(perm!.indices)
            }
            return (try reduce(dm, threads, tuning), perm)
        default:
            let p = ParityCase.rows(input["points"])
            let metric = Metric(rawValue: options["metric"] as? String ?? "euclidean")!
            var rows = p
            var perm: GreedyPermutation? = nil
            if let k = options["n_perm"] as? Int {
                perm = try GreedyPermutation(points: p.flatMap { $0 }, dimension: p[0].count, metric: metric, sampleCount: k)
                rows = perm!.indices.map { p[$0] }
            }
            let dm = try DistanceMatrix(points: rows.flatMap { $0 }, dimension: p[0].count, metric: metric)
            return (try reduce(dm, threads, tuning), perm)
        }
    }

    private func reduce(_ dm: DistanceMatrix, _ threads: Int, _ tuning: ReductionTuning) throws -> Barcode {
        try PersistentCohomology.tunedBarcode(of: dm, maxDimension: maxDimension, coefficient: coefficient, threshold: threshold,
                                              cocycles: cocyclesWanted, threads: threads, tuning: tuning)
    }
}

/// Item 9: the infinite H0 bar always counts in the Betti summary.
@Suite struct BettiInfiniteBarTests {
    @Test func squareCornersAreOneComponentAndOneLoop() throws {
        let b = try PersistentCohomology.barcode(ofPoints: [0, 0, 10, 0, 10, 10, 0, 10], dimension: 2)
        #expect(b.bars[0].count == 4 && b.bars[1].count == 1)
        #expect(BettiSummary(b).betti == [1, 1])
        // With a threshold below the side, four components are alive at the threshold: all four count.
        let t = try PersistentCohomology.barcode(ofPoints: [0, 0, 10, 0, 10, 10, 0, 10], dimension: 2, threshold: 5)
        #expect(BettiSummary(t).betti[0] == 4)
    }
}
