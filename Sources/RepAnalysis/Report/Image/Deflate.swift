/// A small DEFLATE compressor (RFC 1951) in a zlib wrapper (RFC 1950): greedy LZ77 over a 32 KiB window with
/// hash chains, coded with the fixed Huffman table. Plots compress 10–50× with it; good enough for PNGs without
/// a C dependency.
public enum Deflate {
    /// `data` as a complete zlib stream (header, one fixed-Huffman block, Adler-32).
    public static func zlibCompress(_ data: [UInt8]) -> [UInt8] {
        var w = BitWriter()
        w.bytes.reserveCapacity(data.count / 4 + 64)
        w.bytes += [0x78, 0x01]  // deflate, 32 KiB window, no dictionary, fastest-level hint; 0x7801 % 31 == 0
        w.write(1, bits: 1)      // BFINAL
        w.write(1, bits: 2)      // BTYPE = 01, fixed Huffman
        compressBody(data, into: &w)
        writeLiteralOrLength(256, &w)  // end of block
        w.flush()
        let adler = Adler32.checksum(data)
        w.bytes += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return w.bytes
    }

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83,
                                    99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
                                  1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12,
                                   12, 13, 13]

    private static let windowSize = 32_768
    private static let hashBits = 15
    private static let maxChain = 48

    private static func compressBody(_ data: [UInt8], into w: inout BitWriter) {
        let n = data.count
        var head = [Int32](repeating: -1, count: 1 << hashBits)
        var prev = [Int32](repeating: -1, count: windowSize)
        data.withUnsafeBufferPointer { d in
            func hash(_ i: Int) -> Int {
                let v = (Int(d[i]) << 16) | (Int(d[i &+ 1]) << 8) | Int(d[i &+ 2])
                return ((v &* 2_654_435_761) >> 13) & ((1 << hashBits) - 1)
            }
            func insert(_ i: Int) {
                guard i &+ 2 < n else { return }
                let h = hash(i)
                prev[i & (windowSize - 1)] = head[h]
                head[h] = Int32(i)
            }
            var i = 0
            while i < n {
                var bestLen = 0, bestDist = 0
                if i &+ 2 < n {
                    var cand = Int(head[hash(i)])
                    var chain = 0
                    let maxLen = min(258, n &- i)
                    while cand >= 0 && i &- cand <= windowSize && chain < maxChain {
                        if d[cand &+ bestLen] == d[i &+ bestLen] || bestLen == 0 {
                            var l = 0
                            while l < maxLen && d[cand &+ l] == d[i &+ l] { l &+= 1 }
                            if l > bestLen { bestLen = l; bestDist = i &- cand; if l == maxLen { break } }
                        }
                        let p = Int(prev[cand & (windowSize - 1)])
                        if p >= cand { break }  // a stale slot from an older window
                        cand = p
                        chain &+= 1
                    }
                }
                if bestLen >= 3 {
                    writeMatch(length: bestLen, distance: bestDist, &w)
                    for k in 0..<bestLen { insert(i &+ k) }
                    i &+= bestLen
                } else {
                    writeLiteralOrLength(Int(d[i]), &w)
                    insert(i)
                    i &+= 1
                }
            }
        }
    }

    private static func writeMatch(length: Int, distance: Int, _ w: inout BitWriter) {
        var li = lengthBase.count - 1
        while lengthBase[li] > length { li -= 1 }
        writeLiteralOrLength(257 + li, &w)
        if lengthExtra[li] > 0 { w.write(UInt32(length - lengthBase[li]), bits: lengthExtra[li]) }
        var di = distBase.count - 1
        while distBase[di] > distance { di -= 1 }
        w.writeReversed(UInt32(di), bits: 5)
        if distExtra[di] > 0 { w.write(UInt32(distance - distBase[di]), bits: distExtra[di]) }
    }

    /// The fixed Huffman code of a literal/length symbol (RFC 1951 §3.2.6), sent most significant bit first.
    private static func writeLiteralOrLength(_ sym: Int, _ w: inout BitWriter) {
        switch sym {
        case 0...143: w.writeReversed(UInt32(0x30 + sym), bits: 8)
        case 144...255: w.writeReversed(UInt32(0x190 + sym - 144), bits: 9)
        case 256...279: w.writeReversed(UInt32(sym - 256), bits: 7)
        default: w.writeReversed(UInt32(0xC0 + sym - 280), bits: 8)
        }
    }
}

/// Packs bits least-significant first, as DEFLATE stores them.
struct BitWriter {
    var bytes: [UInt8] = []
    private var acc: UInt64 = 0
    private var count = 0

    /// Appends the low `bits` bits of `value`, least significant first (extra bits, header fields).
    mutating func write(_ value: UInt32, bits: Int) {
        acc |= UInt64(value & ((1 << UInt32(bits)) &- 1)) << UInt64(count)
        count += bits
        while count >= 8 { bytes.append(UInt8(acc & 0xFF)); acc >>= 8; count -= 8 }
    }

    /// Appends a Huffman code, whose most significant bit goes first.
    mutating func writeReversed(_ code: UInt32, bits: Int) {
        var r: UInt32 = 0
        for k in 0..<bits { r |= ((code >> UInt32(k)) & 1) << UInt32(bits - 1 - k) }
        write(r, bits: bits)
    }

    /// Pads the last byte with zero bits.
    mutating func flush() {
        if count > 0 { bytes.append(UInt8(acc & 0xFF)); acc = 0; count = 0 }
    }
}
