/// A colour with 8-bit red, green, blue and alpha channels.
public struct RGBA: Sendable, Equatable, Hashable {
    public var r: UInt8, g: UInt8, b: UInt8, a: UInt8
    /// A colour from channel values (alpha 255 = opaque).
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) { self.r = r; self.g = g; self.b = b; self.a = a }
    /// A colour from components in [0, 1].
    public init(unit r: Double, _ g: Double, _ b: Double, _ a: Double = 1) {
        func q(_ x: Double) -> UInt8 { UInt8(max(0, min(255, (x * 255).rounded()))) }
        self.init(q(r), q(g), q(b), q(a))
    }
    /// `#rrggbb`, for SVG and CSS.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + [r, g, b].map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined()
    }
    public static let white = RGBA(255, 255, 255), black = RGBA(0, 0, 0), transparent = RGBA(0, 0, 0, 0)
    /// The light grey that marks unvisited (NaN) bins.
    public static let nanGrey = RGBA(200, 200, 200)
}

/// A raster image in memory: rows top to bottom, RGBA pixels; what the PNG writer encodes.
public struct RGBAImage: Sendable, Equatable {
    /// Width and height in pixels.
    public let width: Int, height: Int
    /// Pixels in row-major order, 4 bytes each.
    public var pixels: [UInt8]

    /// An image filled with `background`.
    public init(width: Int, height: Int, background: RGBA = .white) {
        self.width = max(width, 0); self.height = max(height, 0)
        pixels = [UInt8](repeating: 0, count: self.width * self.height * 4)
        fill(x: 0, y: 0, width: self.width, height: self.height, background)
    }

    /// The colour at (x, y); transparent outside.
    public subscript(x: Int, y: Int) -> RGBA {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .transparent }
            let o = (y * width + x) * 4
            return RGBA(pixels[o], pixels[o + 1], pixels[o + 2], pixels[o + 3])
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            let o = (y * width + x) * 4
            pixels[o] = newValue.r; pixels[o + 1] = newValue.g; pixels[o + 2] = newValue.b; pixels[o + 3] = newValue.a
        }
    }

    /// Fills a rectangle (clipped to the image).
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ c: RGBA) {
        let x0 = max(x, 0), y0 = max(y, 0), x1 = min(x + w, width), y1 = min(y + h, height)
        guard x0 < x1, y0 < y1 else { return }
        for yy in y0..<y1 { for xx in x0..<x1 { self[xx, yy] = c } }
    }

    /// Copies `other` with its top-left corner at (x, y) (clipped).
    public mutating func draw(_ other: RGBAImage, x: Int, y: Int) {
        for yy in 0..<other.height { for xx in 0..<other.width { self[x + xx, y + yy] = other[xx, yy] } }
    }

    /// This image enlarged by an integer factor with each pixel a square block (no smoothing: bins stay bins).
    public func scaled(by f: Int) -> RGBAImage {
        let f = max(f, 1)
        var out = RGBAImage(width: width * f, height: height * f)
        for y in 0..<out.height { for x in 0..<out.width { out[x, y] = self[x / f, y / f] } }
        return out
    }

    /// Encoded as PNG bytes.
    public func pngData() -> [UInt8] { PNGEncoder.encode(self) }
}
