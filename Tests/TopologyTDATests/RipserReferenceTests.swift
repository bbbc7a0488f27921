import Foundation
import RepIO
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
        var collapse = CollapsePolicy.never
        var distanceMatrix = false
        var description: String { diagrams + (collapse == .never ? "" : " (collapse \(collapse))") }
    }

    static let cases: [Case] = [
        Case(cloud: "circle_300", diagrams: "circle_300.dim1.p2.ripser.json", maxDimension: 1, coefficient: 2),
        Case(cloud: "circle_300", diagrams: "circle_300.dim1.p3.ripser.json", maxDimension: 1, coefficient: 3),
        Case(cloud: "o3_512", diagrams: "o3_512.dim2.p2.t1.8.ripser.json", maxDimension: 2, coefficient: 2, threshold: 1.8),
        Case(cloud: "o3_512", diagrams: "o3_512.dim2.p47.t1.8.ripser.json", maxDimension: 2, coefficient: 47, threshold: 1.8),
        Case(cloud: "ripser_o3_1024", diagrams: "ripser_o3_1024.dim2.p2.t1.4.ripser.json", maxDimension: 2, coefficient: 2, threshold: 1.4),
        Case(cloud: "ripser_o3_1024", diagrams: "ripser_o3_1024.dim2.p47.t1.4.ripser.json", maxDimension: 2, coefficient: 47, threshold: 1.4),
        Case(cloud: "flattorus4_600", diagrams: "flattorus4_600.dim2.p2.t1.2.ripser.json", maxDimension: 2, coefficient: 2, threshold: 1.2),
        Case(cloud: "flattorus4_600", diagrams: "flattorus4_600.dim2.p2.t1.2.ripser.json", maxDimension: 2, coefficient: 2, threshold: 1.2, collapse: .always),
        Case(cloud: "torus3_400", diagrams: "torus3_400.dim2.p2.ripser.json", maxDimension: 2, coefficient: 2, collapse: .automatic),
        Case(cloud: "ripser_sphere_3_192", diagrams: "ripser_sphere_3_192.dim2.p2.ripser.json", maxDimension: 2, coefficient: 2, collapse: .always, distanceMatrix: true),
    ]

    @Test(.enabled(if: Fixtures.sharedAvailable, "needs ../shared/reference beside the project"), arguments: cases) func matchesRipser(_ c: Case) throws {
        guard let cloudPath = Fixtures.shared("tda/\(c.cloud).h5"), let refPath = Fixtures.shared("tda/\(c.diagrams)") else {
            Issue.record("\(c): ../shared/reference is there but a file is missing")
            return
        }
        let ref = try loadRipserDiagrams(refPath)
        let dm: DistanceMatrix
        if c.distanceMatrix {
            // Ripser's own text format, the file ripser read.
            let text = try String(contentsOfFile: cloudPath.replacingOccurrences(of: ".h5", with: ".lower_distance_matrix"), encoding: .utf8)
            dm = try DistanceMatrix(ripserLowerDistanceText: text)
        } else {
            let (points, d) = try loadCloud(cloudPath)
            dm = try DistanceMatrix(points: points, dimension: d)
        }
        let ours = try PersistentCohomology.barcode(of: dm, maxDimension: c.maxDimension, coefficient: c.coefficient,
                                                    threshold: c.threshold, collapse: c.collapse)
        expectSameDiagrams(ours.bars, ref.dgms, "\(c.description) collapse \(c.collapse)")
    }
}
