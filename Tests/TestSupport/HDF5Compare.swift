import Foundation
import RepIO

/// Two HDF5 files compared object by object: the same groups and datasets at the same paths, the same
/// attributes, dataset types, shapes, chunking and filters, and every value bit for bit (NaN payloads
/// included). HDF5 stores object timestamps, so two runs never give identical bytes; this is the strictest
/// comparison that can hold.
public enum HDF5Compare {
    /// What differs, one line per difference (empty when the files hold the same content).
    public static func differences(_ a: String, _ b: String) throws -> [String] {
        let fa = try HDF5File(a), fb = try HDF5File(b)
        var out: [String] = []
        try compare(try fa.tree(), try fb.tree(), fa, fb, &out)
        return out
    }

    static func compare(_ x: HDF5Node, _ y: HDF5Node, _ fa: HDF5File, _ fb: HDF5File, _ out: inout [String]) throws {
        if x.attributes.map(\.name) != y.attributes.map(\.name) {
            out.append("\(x.path): attributes \(x.attributes.map(\.name)) vs \(y.attributes.map(\.name))")
        } else {
            for (p, q) in zip(x.attributes, y.attributes) where "\(p.value)" != "\(q.value)" || p.value != q.value {
                out.append("\(x.path): attribute \(p.name): \(p.value) vs \(q.value)")
            }
        }
        switch (x.kind, y.kind) {
        case let (.group(cx), .group(cy)):
            guard cx.map(\.name) == cy.map(\.name) else {
                out.append("\(x.path): children \(cx.map(\.name)) vs \(cy.map(\.name))")
                return
            }
            for (p, q) in zip(cx, cy) { try compare(p, q, fa, fb, &out) }
        case let (.dataset(ix), .dataset(iy)):
            guard ix == iy else { out.append("\(x.path): \(ix) vs \(iy)"); return }
            if try values(ix, fa) != values(iy, fb) { out.append("\(x.path): values differ") }
        default:
            out.append("\(x.path): \(x.kind) vs \(y.kind)")
        }
    }

    /// The values as comparable bit patterns.
    static func values(_ info: HDF5DatasetInfo, _ f: HDF5File) throws -> [String] {
        switch info.dataType {
        case .string: return try f.readStrings(info.path).values
        case .float32: return try f.read(info.path, as: Float.self).values.map { String($0.bitPattern) }
        case .float64: return try f.read(info.path, as: Double.self).values.map { String($0.bitPattern) }
        default: return try f.read(info.path, as: Int64.self).values.map(String.init)
        }
    }
}
