import Foundation
import RepAnalysis
import TestSupport
import Testing
@testable import TopologyTDA

/// Barcodes of the shared reference clouds against ripser.py's (../shared/reference/tda, see its README).
/// Only the cases that take a few seconds in a debug build; the large ones are in the benchmark.
@Suite struct RipserReferenceTests {
    struct Case: CustomStringConvertible, Sendable {
        var cloud: String
        var diagrams: String
        var maxDimension: Int
        var coefficient: Int
        var threshold: Double?
        var description: String { diagrams }
    }

    static let cases: [Case] = [
        Case(cloud: "circle_300", diagrams: "circle_300.dim1.p2.ripser.json", maxDimension: 1, coefficient: 2),
        Case(cloud: "circle_300", diagrams: "circle_300.dim1.p3.ripser.json", maxDimension: 1, coefficient: 3),
        Case(cloud: "o3_512", diagrams: "o3_512.dim2.p2.t1.8.ripser.json", maxDimension: 2, coefficient: 2, threshold: 1.8),
        Case(cloud: "o3_512", diagrams: "o3_512.dim2.p47.t1.8.ripser.json", maxDimension: 2, coefficient: 47, threshold: 1.8),
        Case(cloud: "ripser_o3_1024", diagrams: "ripser_o3_1024.dim2.p2.t1.4.ripser.json", maxDimension: 2, coefficient: 2, threshold: 1.4),
        Case(cloud: "ripser_o3_1024", diagrams: "ripser_o3_1024.dim2.p47.t1.4.ripser.json", maxDimension: 2, coefficient: 47, threshold: 1.4),
    ]

    @Test(arguments: cases) func matchesRipser(_ c: Case) throws {
        guard let cloudPath = Fixtures.shared("tda/\(c.cloud).h5"), let refPath = Fixtures.shared("tda/\(c.diagrams)") else {
            print("skipping \(c): ../shared/reference/tda not found")
            return
        }
        let (points, d) = try loadCloud(cloudPath)
        let ref = try loadRipserDiagrams(refPath)
        let dm = try DistanceMatrix(points: points, dimension: d)
        let ours = try PersistentCohomology.barcode(of: dm, maxDimension: c.maxDimension, coefficient: c.coefficient,
                                                    threshold: c.threshold, collapse: .never)
        expectSameDiagrams(ours.bars, ref.dgms, c.description)
    }
}
