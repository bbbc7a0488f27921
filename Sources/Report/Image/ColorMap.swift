/// A colour map: 256 colours from low to high, as matplotlib defines them (viridis is the default: perceptually
/// uniform, readable in grey scale and by colour-blind readers).
public struct ColorMap: Sendable, Equatable {
    /// The map's name as matplotlib spells it.
    public let name: String
    /// The 256 colours, low to high.
    public let colors: [RGBA]

    /// viridis: the default for rate maps.
    public static let viridis = ColorMap(name: "viridis", table: viridisTable)
    /// magma: for power spectra (dark background, bright peaks).
    public static let magma = ColorMap(name: "magma", table: magmaTable)
    /// inferno.
    public static let inferno = ColorMap(name: "inferno", table: infernoTable)
    /// cividis: optimised for colour-vision deficiency.
    public static let cividis = ColorMap(name: "cividis", table: cividisTable)
    /// RdBu_r: diverging blue–white–red, for signed values such as autocorrelograms in [-1, 1].
    public static let rdBuReversed = ColorMap(name: "RdBu_r", table: rdBuReversedTable)

    /// phase: a cyclic hue wheel (the ends meet), for angles such as a module's toroidal coordinates.
    public static let phase = ColorMap(name: "phase", colors: (0..<256).map { i in
        // Hue around the wheel at saturation 0.7, value 0.92 (matplotlib's hsv, softened).
        let h = Double(i) / 256 * 6, k = Int(h) % 6, f = h - Double(Int(h))
        let v = 0.92, p = v * 0.3, q = v * (1 - 0.7 * f), t = v * (1 - 0.7 * (1 - f))
        let (r, g, b) = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][k]
        return RGBA(unit: r, g, b)
    })

    /// Every built-in map, by name.
    public static let all: [ColorMap] = [.viridis, .magma, .inferno, .cividis, .rdBuReversed, .phase]

    init(name: String, colors: [RGBA]) { self.name = name; self.colors = colors }

    /// The built-in map called `name` (case-insensitive), or nil.
    public static func named(_ name: String) -> ColorMap? {
        all.first { $0.name.lowercased() == name.lowercased() }
    }

    init(name: String, table: String) {
        self.name = name
        let hex = Array(table.utf8.filter { !($0 == 10 || $0 == 32) })
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
        var cs: [RGBA] = []
        var i = 0
        while i + 6 <= hex.count {
            let v = (0..<3).map { k in nibble(hex[i + 2 * k]) << 4 | nibble(hex[i + 2 * k + 1]) }
            cs.append(RGBA(v[0], v[1], v[2]))
            i += 6
        }
        colors = cs
    }

    /// The colour of `value` on the scale [lo, hi] (clamped); `nan` for NaN or infinite values.
    public func color(_ value: Double, lo: Double, hi: Double, nan: RGBA = .nanGrey) -> RGBA {
        guard value.isFinite, !colors.isEmpty else { return nan }
        let t = hi > lo ? (value - lo) / (hi - lo) : 0.5
        let i = Int((min(max(t, 0), 1) * Double(colors.count - 1)).rounded())
        return colors[i]
    }
}
