import Foundation
import RepIO

/// What the report draws of a module's torus: each sample's two angles (radians) and position, and the box.
public struct TorusView: Sendable {
    /// One line on how the angles were obtained (`repanalyze torus`'s summary).
    public var description: String
    /// Per sample: (θ1, θ2) in [0, 2π) and (x, y) in metres; samples outside the cover are left out.
    public var angles: [(Double, Double)], positions: [(Double, Double)]
    /// The arena the phase maps cover.
    public var box: ArenaBox

    public init(description: String, angles: [(Double, Double)], positions: [(Double, Double)], box: ArenaBox) {
        self.description = description; self.angles = angles; self.positions = positions; self.box = box
    }

    /// The circular mean of angle `k` per spatial bin (rows × columns over the box), NaN where no sample fell.
    public func phaseMap(_ k: Int, rows: Int = 32, columns: Int = 32) -> [Double] {
        var sx = [Double](repeating: 0, count: rows * columns), sy = sx
        var n = [Int](repeating: 0, count: rows * columns)
        for (a, p) in zip(angles, positions) {
            let c = Int(((p.0 - box.x0) / box.width * Double(columns)).rounded(.down))
            let r = Int(((p.1 - box.y0) / box.height * Double(rows)).rounded(.down))
            guard (0..<columns).contains(c), (0..<rows).contains(r) else { continue }
            let t = k == 0 ? a.0 : a.1
            sx[r * columns + c] += cos(t); sy[r * columns + c] += sin(t); n[r * columns + c] += 1
        }
        return (0..<(rows * columns)).map { i in
            guard n[i] > 0 else { return .nan }
            let m = atan2(sy[i], sx[i])
            return m < 0 ? m + 2 * .pi : m
        }
    }

    /// The samples on a torus of revolution (radii 1 and 0.45) by their two angles, seen from `elevation` degrees,
    /// drawn as an image: each pixel's brightness is the number of samples there, nearer ones weighing more.
    public func torusImage(size: Int = 300, elevation: Double = 35) -> RGBAImage {
        var acc = [Double](repeating: 0, count: size * size)
        let e = elevation * .pi / 180, big = 1.0, small = 0.45, scale = Double(size) / (2 * (big + small) * 1.08)
        for a in angles {
            let x = (big + small * cos(a.1)) * cos(a.0), y = (big + small * cos(a.1)) * sin(a.0), z = small * sin(a.1)
            // Rotate about the x axis by the elevation; y' is depth (toward the viewer when negative).
            let y2 = y * cos(e) - z * sin(e), z2 = y * sin(e) + z * cos(e)
            let px = Int((Double(size) / 2 + x * scale).rounded()), py = Int((Double(size) / 2 - z2 * scale).rounded())
            guard (0..<size).contains(px), (0..<size).contains(py) else { continue }
            acc[(size - 1 - py) * size + px] += 1 - 0.35 * (y2 + big + small) / (2 * (big + small))
        }
        let top = acc.max() ?? 1
        let values = acc.map { $0 > 0 ? log1p($0) / log1p(max(top, 1)) : Double.nan }
        var map = HeatMap(rows: size, columns: size, values: values, range: (0, 1))
        map.colorMap = .magma
        map.nanColor = RGBA(255, 255, 255)
        return map.image()
    }
}
