/// Writes PNG files (8-bit RGBA, non-interlaced); the image data is compressed by zlib.
public enum PNGEncoder {
    /// The 8-byte PNG signature.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG file of `image`. Each row gets the filter (None, Sub, Up or Paeth) with the smallest sum of absolute
    /// residuals, the usual heuristic; flat colour areas then compress to almost nothing.
    public static func encode(_ image: RGBAImage) -> [UInt8] {
        let w = image.width, h = image.height, stride = w * 4
        var raw = [UInt8]()
        raw.reserveCapacity((stride + 1) * h)
        var filtered = [UInt8](repeating: 0, count: stride)
        image.pixels.withUnsafeBufferPointer { p in
            for y in 0..<h {
                let row = y * stride, up = (y - 1) * stride
                var best: (type: UInt8, cost: Int, bytes: [UInt8]) = (0, Int.max, [])
                for type in [UInt8(0), 1, 2, 4] {
                    var cost = 0
                    for i in 0..<stride {
                        let x = p[row + i]
                        let a = i >= 4 ? p[row + i - 4] : 0
                        let b = y > 0 ? p[up + i] : 0
                        let c = (i >= 4 && y > 0) ? p[up + i - 4] : 0
                        let pred: UInt8
                        switch type {
                        case 0: pred = 0
                        case 1: pred = a
                        case 2: pred = b
                        default: pred = paeth(a, b, c)
                        }
                        let v = x &- pred
                        filtered[i] = v
                        cost += v < 128 ? Int(v) : 256 - Int(v)
                    }
                    if cost < best.cost { best = (type, cost, filtered) }
                }
                raw.append(best.type)
                raw += best.bytes
            }
        }
        var out = signature
        var ihdr = [UInt8]()
        ihdr += bigEndian(UInt32(w)); ihdr += bigEndian(UInt32(h))
        ihdr += [8, 6, 0, 0, 0]  // bit depth 8, colour type 6 (RGBA), deflate, adaptive filters, no interlace
        appendChunk("IHDR", ihdr, to: &out)
        appendChunk("IDAT", Zlib.compress(raw), to: &out)
        appendChunk("IEND", [], to: &out)
        return out
    }

    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    static func appendChunk(_ type: String, _ data: [UInt8], to out: inout [UInt8]) {
        let t = Array(type.utf8)
        out += bigEndian(UInt32(data.count))
        out += t
        out += data
        out += bigEndian(Zlib.crc32(t, data))
    }
}
