import Foundation
import RepIO
import Report
import Testing

@Suite struct ImageTests {
    @Test func crcMatchesThePublishedCheckValue() {
        // The CRC-32 check value of the specification's test vector "123456789" (and of nothing: 0), split in two
        // parts as a PNG chunk's type and data are.
        #expect(Zlib.crc32(Array("1234".utf8), Array("56789".utf8)) == 0xCBF4_3926)
        #expect(Zlib.crc32([]) == 0)
    }

    @Test(arguments: [0, 1, 2, 3, 100, 5000, 70_000])
    func compressRoundTripsThroughZlibsDecoder(size: Int) throws {
        var rng = Xoshiro256(seed: UInt64(size))
        // Mixed data: runs (long matches), text-like repeats and noise (literals), and > 32 KiB for window reuse.
        var data = [UInt8]()
        while data.count < size {
            switch rng.nextInt(below: 3) {
            case 0: data += [UInt8](repeating: UInt8(rng.nextInt(below: 256)), count: rng.nextInt(below: 400))
            case 1: data += Array("grid cells in modules ".utf8)
            default: data += (0..<rng.nextInt(below: 50)).map { _ in UInt8(rng.nextInt(below: 256)) }
            }
        }
        data = Array(data.prefix(size))
        let z = Zlib.compress(data)
        #expect(z.first == 0x78)   // a zlib stream header: deflate with a 32 KiB window
        #expect(try TestInflate.zlibDecompress(z) == data)
        if size == 70_000 { #expect(z.count < data.count * 3 / 4) }
    }

    @Test func pngHasValidStructureAndDecodes() throws {
        var img = RGBAImage(width: 37, height: 21, background: RGBA(10, 20, 30))
        img.fill(x: 5, y: 3, width: 10, height: 7, RGBA(250, 0, 0))
        img[36, 20] = RGBA(1, 2, 3, 4)
        let png = img.pngData()
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // Walk the chunks, checking every CRC.
        var pos = 8
        var chunks: [(String, [UInt8])] = []
        while pos + 12 <= png.count {
            let len = Int(png[pos..<pos + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let type = String(decoding: png[pos + 4..<pos + 8], as: UTF8.self)
            let data = Array(png[pos + 8..<pos + 8 + len])
            let crc = png[pos + 8 + len..<pos + 12 + len].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(crc == Zlib.crc32(Array(png[pos + 4..<pos + 8 + len])), "CRC of \(type)")
            chunks.append((type, data))
            pos += 12 + len
        }
        #expect(pos == png.count)
        #expect(chunks.map(\.0) == ["IHDR", "IDAT", "IEND"])
        let ihdr = chunks[0].1
        #expect(Array(ihdr[0..<8]) == [0, 0, 0, 37, 0, 0, 0, 21] && Array(ihdr[8...]) == [8, 6, 0, 0, 0])
        // Undo the filters (PNG spec §9) and compare every pixel.
        let raw = try TestInflate.zlibDecompress(chunks[1].1)
        let stride = 37 * 4
        #expect(raw.count == 21 * (stride + 1))
        var prev = [UInt8](repeating: 0, count: stride)
        var decoded: [UInt8] = []
        for y in 0..<21 {
            let type = raw[y * (stride + 1)]
            var row = Array(raw[(y * (stride + 1) + 1)..<((y + 1) * (stride + 1))])
            for i in 0..<stride {
                let a = i >= 4 ? Int(row[i - 4]) : 0, b = Int(prev[i]), c = i >= 4 ? Int(prev[i - 4]) : 0
                let p = a + b - c
                let pred: Int
                switch type {
                case 0: pred = 0
                case 1: pred = a
                case 2: pred = b
                case 3: pred = (a + b) / 2
                case 4: pred = (abs(p - a) <= abs(p - b) && abs(p - a) <= abs(p - c)) ? a : (abs(p - b) <= abs(p - c) ? b : c)
                default: pred = -1
                }
                #expect(pred >= 0, "filter type \(type)")
                row[i] = UInt8(truncatingIfNeeded: Int(row[i]) + pred)
            }
            decoded += row
            prev = row
        }
        #expect(decoded == img.pixels)
    }

    @Test func colorMapsAreMatplotlibs() {
        // matplotlib's published viridis end points and middle: (0.267004, 0.004874, 0.329415), (0.993248, 0.906157,
        // 0.143936), entry 128 (0.127568, 0.566949, 0.550556).
        let v = ColorMap.viridis
        #expect(v.colors.count == 256)
        #expect(v.colors[0] == RGBA(unit: 0.267004, 0.004874, 0.329415))
        #expect(v.colors[255] == RGBA(unit: 0.993248, 0.906157, 0.143936))
        #expect(v.colors[128] == RGBA(unit: 0.127568, 0.566949, 0.550556))
        #expect(ColorMap.all.allSatisfy { $0.colors.count == 256 })
        #expect(v.color(.nan, lo: 0, hi: 1) == .nanGrey)
        #expect(v.color(5, lo: 0, hi: 1) == v.colors[255] && v.color(-5, lo: 0, hi: 1) == v.colors[0])
        // Perceptually uniform maps increase monotonically in lightness; check luma rises for viridis.
        let luma = v.colors.map { 0.299 * Double($0.r) + 0.587 * Double($0.g) + 0.114 * Double($0.b) }
        #expect(zip(luma, luma.dropFirst()).filter { $1 < $0 - 1 }.isEmpty)
    }

    @Test func heatMapFlipsRowsAndGreysNaN() {
        // Row 0 (lowest y) must be drawn at the bottom of the image.
        let m = HeatMap(rows: 2, columns: 3, values: [0, 0, 0, 1, .nan, 1] as [Double], colorMap: .viridis)
        let img = m.image(pixelsPerBin: 2)
        #expect(img.width == 6 && img.height == 4)
        #expect(img[0, 3] == ColorMap.viridis.colors[0])    // bottom-left: value 0
        #expect(img[0, 0] == ColorMap.viridis.colors[255])  // top-left: value 1
        #expect(img[2, 0] == .nanGrey)
    }

    @Test func textIsDrawn() {
        var img = RGBAImage(width: 80, height: 20)
        img.drawText("g=0.84", x: 2, y: 2)
        let dark = stride(from: 0, to: img.pixels.count, by: 4).filter { img.pixels[$0] < 128 }.count
        #expect(dark > 15)
        #expect(BitmapFont.width(of: "g=0.84") > 20 && BitmapFont.width(of: "") == 0)
    }
}
