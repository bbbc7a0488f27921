/// A small anti-aliased bitmap font (DejaVu Sans, 12 px, printable ASCII) for labels in PNG figures.
public enum BitmapFont {
    /// Line height in pixels.
    public static var lineHeight: Int { dejaVuSans12Height }

    /// The width in pixels of `text` (characters outside printable ASCII count as '?').
    public static func width(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + glyph($1).advance }
    }

    static func glyph(_ s: Unicode.Scalar) -> (advance: Int, width: Int, bits: String) {
        let v = Int(s.value)
        let i = (32...126).contains(v) ? v - 32 : Int(("?" as Unicode.Scalar).value) - 32
        return dejaVuSans12[i]
    }

    /// Coverage (0...15) of each pixel of a glyph, row-major [lineHeight, width].
    static func coverage(_ g: (advance: Int, width: Int, bits: String)) -> [UInt8] {
        g.bits.utf8.map { $0 <= 57 ? $0 - 48 : $0 - 87 }
    }
}

extension RGBAImage {
    /// Blends `c` over the pixel at (x, y) with opacity `alpha` in [0, 1].
    public mutating func blend(x: Int, y: Int, _ c: RGBA, alpha: Double) {
        guard x >= 0, y >= 0, x < width, y < height, alpha > 0 else { return }
        let a = min(alpha * Double(c.a) / 255, 1)
        let o = self[x, y]
        func mix(_ s: UInt8, _ d: UInt8) -> UInt8 { UInt8((Double(s) * a + Double(d) * (1 - a)).rounded()) }
        self[x, y] = RGBA(mix(c.r, o.r), mix(c.g, o.g), mix(c.b, o.b), max(o.a, UInt8((a * 255).rounded())))
    }

    /// Draws `text` with its top-left corner at (x, y), or rotated 90° counter-clockwise (reading upwards) with
    /// its bottom-left at (x, y) when `vertical` is true.
    public mutating func drawText(_ text: String, x: Int, y: Int, color: RGBA = .black, vertical: Bool = false) {
        var pen = 0
        let h = BitmapFont.lineHeight
        for s in text.unicodeScalars {
            let g = BitmapFont.glyph(s)
            let cov = BitmapFont.coverage(g)
            for gy in 0..<h {
                for gx in 0..<g.width where cov[gy * g.width + gx] > 0 {
                    let a = Double(cov[gy * g.width + gx]) / 15
                    if vertical { blend(x: x + gy, y: y - pen - gx, color, alpha: a) }
                    else { blend(x: x + pen + gx, y: y + gy, color, alpha: a) }
                }
            }
            pen += g.advance
        }
    }
}
