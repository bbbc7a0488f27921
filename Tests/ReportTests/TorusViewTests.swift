import Foundation
import RepIO
import Report
import Testing
import TopologyTDA

/// The report's torus pictures from known angles: angle k = 2π·(coordinate k)/0.5 m.
@Suite struct TorusViewTests {
    static func view() -> TorusView {
        var a: [(Double, Double)] = [], p: [(Double, Double)] = []
        var rng = Xoshiro256(seed: 1)
        for _ in 0..<20000 {
            let x = rng.nextUniform(0, 1), y = rng.nextUniform(0, 1)
            p.append((x, y))
            a.append(((2 * .pi * x / 0.5).truncatingRemainder(dividingBy: 2 * .pi), (2 * .pi * y / 0.5).truncatingRemainder(dividingBy: 2 * .pi)))
        }
        return TorusView(description: "test", angles: a, positions: p, box: ArenaBox(x0: 0, x1: 1, y0: 0, y1: 1))
    }

    @Test func phaseMapsAreTheCircularMeanPerBin() {
        let v = Self.view()
        let m = v.phaseMap(0, rows: 20, columns: 20)
        var worst = 0.0
        for r in 0..<20 {
            for c in 0..<20 {
                let expected = (2 * .pi * (Double(c) + 0.5) / 20 / 0.5).truncatingRemainder(dividingBy: 2 * .pi)
                let d = abs(m[r * 20 + c] - expected).truncatingRemainder(dividingBy: 2 * .pi)
                worst = max(worst, min(d, 2 * .pi - d))
            }
        }
        // A bin spans 0.05 m = 0.63 rad of angle; its mean sits at the bin centre up to sampling noise.
        #expect(worst < 0.1, "worst bin \(worst) rad")
    }

    @Test func torusImageAndReportSection() throws {
        let v = Self.view()
        let img = v.torusImage(size: 120)
        #expect(img.width == 120 && img.height == 120)
        // The hole in the middle stays background; the ring is drawn.
        let center = img.pixels[(60 * 120 + 60) * 4], ring = (0..<120).filter { img.pixels[(60 * 120 + $0) * 4] != 255 }.count
        #expect(center == 255 && ring > 20)
        var t = ReportContent.Topology(description: "d", diagrams: [[.init(birth: 0, death: .infinity)], [], []], betti: [1, 2, 1])
        t.torus = v
        var c = ReportContent(title: "t")
        c.topology = t
        let titles = ReportBuilder(content: c).figures().map(\.figure.title)
        #expect(titles.contains("flat torus, coloured by x") && titles.contains("flat torus, coloured by y"))
        #expect(titles.contains("phase maps") && titles.contains("the torus"))
        #expect(ReportBuilder(content: c).page().render().contains("Where on its torus"))
    }
}
