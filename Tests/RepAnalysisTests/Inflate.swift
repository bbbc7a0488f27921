/// A minimal DEFLATE decoder for tests (stored and fixed-Huffman blocks; dynamic blocks are rejected), written
/// from RFC 1951 independently of the encoder so that a round trip checks the encoder against the standard.
enum TestInflate {
    struct Failure: Error { let why: String }

    static func zlibDecompress(_ z: [UInt8]) throws -> [UInt8] {
        guard z.count >= 6, (Int(z[0]) << 8 | Int(z[1])) % 31 == 0, z[0] & 0x0F == 8 else { throw Failure(why: "zlib header") }
        var pos = 16  // bit position after the 2-byte header
        func bit() throws -> Int {
            guard pos / 8 < z.count - 4 else { throw Failure(why: "ran off the end") }
            let b = Int(z[pos / 8] >> UInt8(pos % 8)) & 1
            pos += 1
            return b
        }
        func bits(_ n: Int) throws -> Int { var v = 0; for i in 0..<n { v |= try bit() << i }; return v }
        func huff(_ n: Int) throws -> Int { var v = 0; for _ in 0..<n { v = (v << 1) | (try bit()) }; return v }
        // Fixed literal/length code, decoded by code length (7, 8 or 9 bits).
        func litlen() throws -> Int {
            var code = try huff(7)
            if code <= 0b0010111 { return 256 + code }
            code = (code << 1) | (try bit())
            if code >= 0b00110000 && code <= 0b10111111 { return code - 0b00110000 }
            if code >= 0b11000000 && code <= 0b11000111 { return 280 + code - 0b11000000 }
            code = (code << 1) | (try bit())
            if code >= 0b110010000 && code <= 0b111111111 { return 144 + code - 0b110010000 }
            throw Failure(why: "bad literal code")
        }
        let lbase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let lext = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        let dbase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        let dext = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
        var out: [UInt8] = []
        var final = 0
        repeat {
            final = try bit()
            let type = try bits(2)
            if type == 0 {
                pos = (pos + 7) / 8 * 8
                let len = try bits(16), nlen = try bits(16)
                guard len == (~nlen & 0xFFFF) else { throw Failure(why: "stored length") }
                for _ in 0..<len { out.append(UInt8(try bits(8))) }
            } else if type == 1 {
                while true {
                    let s = try litlen()
                    if s < 256 { out.append(UInt8(s)); continue }
                    if s == 256 { break }
                    let li = s - 257
                    guard li < 29 else { throw Failure(why: "length symbol") }
                    let len = lbase[li] + (try bits(lext[li]))
                    let di = try huff(5)
                    guard di < 30 else { throw Failure(why: "distance symbol") }
                    let dist = dbase[di] + (try bits(dext[di]))
                    guard dist <= out.count else { throw Failure(why: "distance beyond start") }
                    for _ in 0..<len { out.append(out[out.count - dist]) }
                }
            } else {
                throw Failure(why: "block type \(type) not supported by the test decoder")
            }
        } while final == 0
        let a = z.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        // Adler-32 computed here, directly from its definition.
        var s1: UInt32 = 1, s2: UInt32 = 0
        for b in out { s1 = (s1 + UInt32(b)) % 65521; s2 = (s2 + s1) % 65521 }
        guard a == (s2 << 16 | s1) else { throw Failure(why: "Adler-32 mismatch") }
        return out
    }
}
