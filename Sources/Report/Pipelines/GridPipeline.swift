import Foundation
import RepAnalysis
import RepIO

/// The grid-analysis steps the report and the demo run on one set of rate maps: gridness (with each unit's
/// autocorrelogram), Fourier modules, each module's mean power spectrum and its units' spatial phases — turned into
/// the report's plain values.
public struct GridPipeline {
    /// The rate maps (from a maps file or computed from a dump).
    public var input: MapInput

    /// DeepMind scores and autocorrelograms of every unit.
    public func gridness() -> (scores: [GridScores], autocorrelograms: [[Double]]) {
        let scorer = GridScorer(height: input.rows, width: input.columns, binSize: input.binSize)
        let ws = GridScorer.Workspace(for: scorer)
        var scores: [GridScores] = [], sacs: [[Double]] = []
        for u in 0..<input.units {
            scores.append(scorer.score(map(u), workspace: ws))
            sacs.append(ws.lastAutocorrelogram)
        }
        return (scores, sacs)
    }

    /// Grid-like units and modules from the units' power spectra.
    public func modules() -> ModuleDetection {
        ModuleDetection(maps: input.maps.map { Float($0) }, units: input.units, rows: input.rows, columns: input.columns,
                        binSize: input.binSize)
    }

    /// The map of one unit.
    public func map(_ u: Int) -> [Double] {
        let s = input.rows * input.columns
        return input.maps[(u * s)..<((u + 1) * s)].map { Double($0) }
    }

    /// The report's module entry: members, the mean of their normalised power spectra (cropped around the
    /// lattice's frequencies), the six lattice peaks, and each member's phase in the unit cell.
    public func reportModule(_ m: GridModule) -> ReportContent.Module {
        reportModule(id: m.index, period: m.period, orientation: m.orientation, units: m.units)
    }

    /// The report's module entry for a module given by its lattice and members.
    public func reportModule(id: Int, period: Double, orientation: Double, units: [Int]) -> ReportContent.Module {
        let m = ReportContent.Module(id: id, period: period, orientation: orientation, units: units)
        var out = m
        var sum = SpectrumMean()
        for u in m.units {
            sum.add(PowerSpectrum(map: map(u), rows: input.rows, columns: input.columns, binSize: input.binSize, size: 128))
        }
        let f = (2 / 3.0.squareRoot()) / m.period  // cycles per metre of the lattice's wave vectors
        if let spectrum = sum.mean() {
            let mean = spectrum.values, size = spectrum.size, step = spectrum.frequencyStep
            // Show frequencies up to 2.5 × the lattice frequency (or the whole spectrum when that is smaller).
            let half = min(size / 2 - 1, max(4, Int((2.5 * f / min(step.x, step.y)).rounded(.up))))
            let c = size / 2, side = 2 * half + 1
            var crop = [Double](repeating: 0, count: side * side)
            for r in 0..<side { for k in 0..<side { crop[r * side + k] = mean[(c - half + r) * size + (c - half + k)] } }
            out.meanSpectrum = (side, side, crop)
            out.latticePeaks = (0..<6).map { j in
                let a = (m.orientation + 30 + 60 * Double(j)) * .pi / 180
                return (column: Double(half) + f * cos(a) / step.x, row: Double(half) + f * sin(a) / step.y)
            }
        }
        out.phases = m.units.compactMap { u in
            GridPhase.estimate(map: map(u), rows: input.rows, columns: input.columns,
                               boxOrigin: (input.box.x0, input.box.y0), boxSize: (input.box.width, input.box.height),
                               period: m.period, orientationDegrees: m.orientation)
        }
        return out
    }

    /// Fills the grid parts of a report: maps, scores (unless given), modules (unless given).
    public func fill(_ c: inout ReportContent, scoresGiven: Bool, modulesGiven: Bool, log: (String) -> Void) {
        c.rateMaps = .init(rows: input.rows, columns: input.columns, maps: (0..<input.units).map(map),
                           units: Array(0..<input.units), widthMetres: input.boxKnown ? input.box.width : nil)
        if scoresGiven {
            // Scores come from the user's file; the autocorrelograms are still drawn from the maps.
            c.autocorrelograms = .init(rows: 2 * input.rows - 1, columns: 2 * input.columns - 1,
                                       maps: (0..<input.units).map { Autocorrelogram(map: map($0), height: input.rows, width: input.columns).values },
                                       units: Array(0..<input.units))
        } else {
            let g = gridness()
            c.gridness = g.scores.enumerated().map { u, s in
                ReportContent.UnitScores(unit: u, score60: s.score60, score60MinMax: s.score60MinMax, score90: s.score90,
                                         spacing: s.spacing, orientation: s.orientation)
            }
            c.autocorrelograms = .init(rows: 2 * input.rows - 1, columns: 2 * input.columns - 1, maps: g.autocorrelograms,
                                       units: Array(0..<input.units))
            let t = GridCriteria.gridScoreThreshold
            let above = g.scores.filter { $0.score60 > t }.count
            log("gridness: \(above) of \(input.units) units have score_60 > \(t) (DeepMind scorer)")
        }
        if modulesGiven {
            // Modules come from the user's file; spectra, lattice peaks and phases are still computed from the maps.
            c.modules = c.modules?.map { m in
                let valid = m.units.filter { $0 >= 0 && $0 < input.units }
                guard m.period > 0, m.period.isFinite, m.orientation.isFinite else { return m }
                return reportModule(id: m.id, period: m.period, orientation: m.orientation, units: valid)
            }
        } else {
            let d = modules()
            c.modules = d.modules.map(reportModule)
            c.unitPeriods = d.units.map { $0.gridLike ? $0.fit.period : .nan }
            c.unitOrientations = d.units.map { $0.gridLike ? $0.fit.orientation : .nan }
            log("modules: \(d.units.filter(\.gridLike).count) grid-like units in \(d.modules.count) module(s): periods "
                + d.modules.map { String(format: "%.3f m", $0.period) }.joined(separator: ", ")
                + (d.periodRatios.isEmpty ? "" : "; ratios " + d.periodRatios.map { String(format: "%.2f", $0) }.joined(separator: ", ")))
        }
    }
}
