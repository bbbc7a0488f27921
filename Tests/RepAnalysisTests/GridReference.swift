import Foundation
import RepAnalysis
import RepIO
import TestSupport

/// The shared DeepMind-scorer reference (../shared/reference/grid): maps, SACs and scores; nil when absent.
enum GridReference {
    static let sets = ["ratemaps_32", "ratemaps_44", "ratemaps_32_partial", "adversarial"]

    /// Maps [n, H, W] of one reference set as Double.
    static func maps(_ set: String) throws -> ShapedArray<Double>? {
        if set == "adversarial" {
            guard let p = Fixtures.shared("grid/adversarial.h5") else { return nil }
            return try HDF5File(p).read("maps")
        }
        guard let p = Fixtures.shared("grid/ratemaps.h5") else { return nil }
        return try HDF5File(p).read(set)
    }

    /// The reference SACs [n, 2H-1, 2W-1].
    static func autocorrelograms(_ set: String) throws -> ShapedArray<Double>? {
        guard let p = Fixtures.shared("grid/ref/sac.h5") else { return nil }
        return try HDF5File(p).read("deepmind/\(set)")
    }

    /// The reference results of one set, one dictionary per map.
    static func results(_ set: String) throws -> [[String: Any]]? {
        guard let p = Fixtures.shared("grid/ref/deepmind.json") else { return nil }
        let json = try TestJSON.object(with: Data(contentsOf: URL(fileURLWithPath: p))) as? [String: Any]
        return (json?["results"] as? [String: Any])?[set] as? [[String: Any]]
    }

    /// Map i of a [n, H, W] array.
    static func map(_ a: ShapedArray<Double>, _ i: Int) -> [Double] {
        let s = a.shape[1] * a.shape[2]
        return Array(a.values[(i * s)..<((i + 1) * s)])
    }
}
