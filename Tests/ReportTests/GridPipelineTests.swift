import Foundation
import RepIO
import Simulation
import Testing
import TestSupport
@testable import RepAnalysis
@testable import Report

/// The report's per-module extras on ideal maps of one module: the drawn lattice peaks sit on the spectrum's
/// maxima, and the phases are the cells' true field centres (truth from the lattice geometry).
@Suite struct GridPipelineTests {
    @Test func latticePeaksAndPhasesOfAnIdealModule() throws {
        let n = 32, period = 0.4, oDeg = 12.0, o = oDeg * .pi / 180
        let truePhases: [(Double, Double)] = [(0.1, 0.2), (0.6, 0.3), (0.35, 0.8), (0.85, 0.55)]
        var maps: [Double] = []
        for (u, v) in truePhases {
            let px = u * period * cos(o) + v * period * cos(o + .pi / 3), py = u * period * sin(o) + v * period * sin(o + .pi / 3)
            let g = GridCell(period: period, orientation: o, phaseX: px, phaseY: py)
            maps += (0..<(n * n)).map { i in g.rate(x: (Double(i % n) + 0.5) / Double(n), y: (Double(i / n) + 0.5) / Double(n)) }
        }
        let input = MapInput(maps: maps.map { .init($0) }, units: truePhases.count, rows: n, columns: n,
                             box: ArenaBox(x0: 0, x1: 1, y0: 0, y1: 1), boxKnown: true, origin: "test", counts: nil)
        let m = GridPipeline(input: input).reportModule(GridModule(index: 0, period: period, orientation: oDeg, units: [0, 1, 2, 3]))
        let s = try #require(m.meanSpectrum)
        #expect(m.latticePeaks.count == 6)
        // The brightest spectrum pixel is within 1.5 pixels of a drawn peak.
        let iMax = s.values.indices.max { s.values[$0] < s.values[$1] }!
        let (r, c) = (Double(iMax / s.columns), Double(iMax % s.columns))
        let nearest = m.latticePeaks.map { hypot($0.row - r, $0.column - c) }.min()!
        #expect(nearest < 1.5, "max at (\(r), \(c)), peaks \(m.latticePeaks)")
        // Phases: the true (u, v) of each cell, on the circle.
        #expect(m.phases.count == 4)
        for (est, truth) in zip(m.phases, truePhases) {
            func circ(_ a: Double, _ b: Double) -> Double { let d = abs(a - b).truncatingRemainder(dividingBy: 1); return min(d, 1 - d) }
            #expect(circ(est.u, truth.0) < 0.03 && circ(est.v, truth.1) < 0.03, "\(est) vs \(truth)")
        }
    }
}
