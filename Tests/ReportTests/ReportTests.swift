import Foundation
import Report
import Simulation
import Testing
import TopologyTDA
import TestSupport
import RepAnalysis

/// The report's page and figures built from synthetic inputs: sections, self-containment, decodable images.
@Suite struct ReportTests {
    /// Synthetic content for every section: ideal maps computed here, made-up scores, a torus-like barcode.
    static func fullContent() -> ReportContent {
        var c = ReportContent(title: "synthetic <test> & co")
        c.provenance = [("file", "runs/x.h5"), ("box", "[0, 1] × [0, 1] m")]
        let n = 16
        var maps: [[Double]] = []
        for u in 0..<6 {
            let g = GridCell(period: u < 3 ? 0.3 : 0.5, orientation: 0.1, phaseX: 0.05 * Double(u), phaseY: 0)
            var m = (0..<(n * n)).map { i in g.rate(x: (Double(i % n) + 0.5) / Double(n), y: (Double(i / n) + 0.5) / Double(n)) }
            m[3] = .nan
            maps.append(m)
        }
        c.rateMaps = .init(rows: n, columns: n, maps: maps, units: Array(0..<6), widthMetres: 1)
        c.autocorrelograms = .init(rows: 2 * n - 1, columns: 2 * n - 1, maps: maps.map { _ in [Double](repeating: 0.2, count: (2 * n - 1) * (2 * n - 1)) }, units: Array(0..<6))
        c.gridness = (0..<6).map { .init(unit: $0, score60: [1.2, 0.9, -0.1, 0.5, .nan, 0.31][$0], score90: 0.1 * Double($0)) }
        var m0 = ReportContent.Module(id: 0, period: 0.3, orientation: 5.7, units: [0, 1, 2])
        m0.meanSpectrum = (8, 8, (0..<64).map { Double($0 % 7) })
        m0.latticePeaks = [(5, 4), (4, 5), (3, 5)]
        m0.phases = [(0.1, 0.2), (0.5, 0.5), (0.9, 0.3)]
        c.modules = [ReportContent.Module(id: 1, period: 0.5, orientation: 5.7, units: [3, 4, 5]), m0]
        c.unitPeriods = [0.3, 0.31, 0.29, 0.5, 0.52, .nan]
        c.unitOrientations = [5, 6, 5.5, 6, 5, .nan]
        c.topology = .init(description: "module 0", diagrams: [[.init(birth: 0, death: 0.1), .init(birth: 0, death: .infinity)], [.init(birth: 0.2, death: 1.0), .init(birth: 0.25, death: 0.9), .init(birth: 0.3, death: 0.35)], [.init(birth: 0.5, death: 0.8)]],
                           betti: [1, 2, 1], projection: (0..<50).map { [cos(Double($0)), sin(Double($0)), 0.1 * Double($0)] })
        c.training = .init(curves: [.init(name: "total", x: [0, 1, 2], y: [3, 2, 1]), .init(name: "sep", x: [0, 1, 2], y: [1, 0.5, 0.2])],
                           config: "{\"steps\": 3}", runDirectory: "runs/a")
        c.truth = .init(modulePeriods: [0.3, 0.5], moduleOrientations: [5, 6], kinds: ["grid", "grid", "grid", "grid", "grid", "place"],
                        unitModules: [0, 0, 0, 1, 1, -1])
        return c
    }

    /// The data: URIs of every <img> in the page, decoded.
    static func images(in html: String) -> [(mime: String, bytes: Data)] {
        var out: [(String, Data)] = []
        var rest = html[...]
        while let r = rest.range(of: "src=\"data:") {
            let after = rest[r.upperBound...]
            guard let semi = after.firstIndex(of: ";"), let comma = after.firstIndex(of: ","),
                  let end = after[comma...].firstIndex(of: "\"") else { break }
            out.append((String(after[..<semi]), Data(base64Encoded: String(after[after.index(after: comma)..<end])) ?? Data()))
            rest = after[end...]
        }
        return out
    }

    @Test func fullPageHasEverySectionAndIsSelfContained() throws {
        let html = ReportBuilder(content: Self.fullContent()).page().render()
        for id in ReportBuilder.sectionIDs { #expect(html.contains("<section id=\"\(id)\">"), "section \(id)") }
        #expect(!html.contains("class=\"note\""), "no section should be missing with full content")
        // Nothing from the network: no http(s) URL, no protocol-relative URL, no external stylesheet or script.
        for bad in ["http://", "https://", "src=\"//", "<link", "<script src", "url("] { #expect(!html.contains(bad), "\(bad)") }
        #expect(html.contains("synthetic &lt;test&gt; &amp; co"))
        let imgs = Self.images(in: html)
        #expect(imgs.count >= 10)
        var innerPNGs = 0
        for (mime, data) in imgs {
            #expect(mime == "image/svg+xml")
            let svg = String(decoding: data, as: UTF8.self)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.hasSuffix("</svg>"))
            // The only URL inside an SVG is its namespace name, which is never fetched.
            #expect(svg.components(separatedBy: "http").count == 2)
            for png in Self.images(in: svg.replacingOccurrences(of: "href=\"data:", with: "src=\"data:")) {
                #expect(png.mime == "image/png")
                #expect(Array(png.bytes.prefix(8)) == PNGEncoder.signature)
                innerPNGs += 1
            }
        }
        #expect(innerPNGs >= 12)  // 6 rate maps + 6 autocorrelograms + colour bars + spectrum
        // Modules drawn by period: module 0 (0.3 m) before module 1 (0.5 m).
        let r0 = try #require(html.range(of: "alt=\"module 0")), r1 = try #require(html.range(of: "alt=\"module 1"))
        #expect(r0.lowerBound < r1.lowerBound)
        #expect(html.contains("Betti numbers (1, 2, 1) — consistent with a torus"))
        #expect(html.contains("Ratios of successive module periods: 1.67."))
        #expect(html.contains("<table class=\"sortable\">"))
        // Truth [0,0,0,1,1,-1] vs found [0,0,0,1,1,1]: by hand index 3+1 = 4, sumA 3+1 = 4, sumB 3+3 = 6, 15 pairs:
        // expected 1.6, max 5 → ARI = 2.4/3.4.
        #expect(html.contains("adjusted Rand index \(String(format: "%.3f", 2.4 / 3.4))"))
    }

    @Test func missingAnalysesAreSaidNotFaked() {
        var c = ReportContent(title: "empty")
        c.unavailable["gridness"] = "Gridness: not in this build."
        let html = ReportBuilder(content: c).page().render()
        #expect(html.contains("<p class=\"note\">Gridness: not in this build.</p>"))
        #expect(Self.images(in: html).isEmpty)
        #expect(!html.contains("<section id=\"truth\">"))
        #expect(html.components(separatedBy: "class=\"note\"").count - 1 == 5)  // ratemaps … training
    }

    @Test func pngFiguresAreNamedAndDecode() throws {
        let figs = ReportBuilder(content: Self.fullContent()).figures()
        let names = figs.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.contains("score_60_hexagonal") && names.contains("total") && names.contains("sep") && names.contains("h0_h2_barcode"))
        for f in figs {
            let img = f.figure.raster()
            #expect(img.width == f.figure.width && img.height == f.figure.height)
            let png = img.pngData()
            let idat = try #require(PNGChunks.idat(png))
            #expect(try TestInflate.zlibDecompress(idat).count == (img.width * 4 + 1) * img.height)
        }
    }

    @Test func histogramCountsAreRight() {
        let h = Histogram(values: [0.1, 0.2, 0.35, 0.9, .nan, 0.0], bins: 3, range: 0...0.9, xLabel: "x", title: "t")
        let (c, r, skipped) = h.counts()
        #expect(c == [3, 1, 1] && r == 0...0.9 && skipped == 1)
        // One constant value still gives a drawable range.
        #expect(Histogram(values: [2, 2], xLabel: "x", title: "t").counts().counts.reduce(0, +) == 2)
    }

    @Test func ticksAreRound() {
        let t = Axes.ticks(0...1)
        #expect(t.count == 6 && zip(t, [0, 0.2, 0.4, 0.6, 0.8, 1]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(Axes.ticks(0...250).allSatisfy { $0.truncatingRemainder(dividingBy: 50) == 0 })
        #expect(Axes.ticks(-0.2...1.6).contains(0) && Axes.ticks(-0.2...1.6).contains(1))
        #expect(Axes.label(0.30000000000000004) == "0.3" && Axes.label(1e-7) == "1e-07")
    }

    @Test func rasterAndSVGDrawTheSameRectangle() {
        var f = Figure(width: 20, height: 10, title: "r")
        f.add(.rect(x: 2, y: 3, width: 4, height: 5, fill: RGBA(255, 0, 0)))
        f.add(.rect(x: .nan, y: 0, width: .infinity, height: 1, fill: .black))  // bad numbers never trap
        let img = f.raster()
        #expect(img[2, 3] == RGBA(255, 0, 0) && img[5, 7] == RGBA(255, 0, 0) && img[6, 3] == .white && img[2, 8] == .white)
        #expect(f.svg().contains("<rect x=\"2\" y=\"3\" width=\"4\" height=\"5\" fill=\"#ff0000\"/>"))
    }
}

/// Finds the IDAT data of a PNG with one IDAT chunk.
enum PNGChunks {
    static func idat(_ png: [UInt8]) -> [UInt8]? {
        var pos = 8
        while pos + 12 <= png.count {
            let len = Int(png[pos..<pos + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            if String(decoding: png[pos + 4..<pos + 8], as: UTF8.self) == "IDAT" { return Array(png[pos + 8..<pos + 8 + len]) }
            pos += 12 + len
        }
        return nil
    }
}

@Suite struct LinePlotRangeTests {
    @Test func robustRangeIgnoresRareSpikes() throws {
        var v = (0..<1000).map { 1 + Double($0 % 10) / 10 }  // 1.0 … 1.9
        v[500] = 800                                          // one spike
        let r = try #require(LinePlot.robustRange(v, logY: false))
        #expect(r.lowerBound < 1 && r.lowerBound > 0.9 && r.upperBound > 1.9 && r.upperBound < 2)
        #expect(LinePlot.robustRange([0, 0, 0], logY: false) == nil)   // constant
        #expect(LinePlot.robustRange([.nan], logY: true) == nil)
        let lr = try #require(LinePlot.robustRange([0.1, 1, 10], logY: true))
        #expect(lr.lowerBound > 0 && lr.lowerBound < 0.1 && lr.upperBound > 10)
    }
}
