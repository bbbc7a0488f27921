import Foundation
import RepAnalysis
import RepIO
import TopologyTDA

/// A module's toroidal coordinates from a dump: its units → PCA → ToroidalCoordinates → angles for every sample and
/// each unit's preferred position on the torus.
public struct ModuleTorus {
    public var units: [Int]
    public var sampleCount: Int
    public var torus: ToroidalCoordinates
    /// [T, 2] radians in [0, 2π), NaN outside the cover.
    public var angles: [Double]
    /// [units, 2] radians: activity-weighted circular means of the angles.
    public var unitPhases: [Double]
    public var explainedVariance: Double
    public var whitened: Bool
    /// [T, 2] positions of the samples (metres).
    public var positions: [Double]

    /// `whiten`: each principal component divided by its standard deviation. A grid module's activity is (noise
    /// aside) a linear image of the six Fourier components of its lattice phase, a flat torus; the linear map from
    /// random cell phases and peak rates stretches some directions, so distances in PC space are not the torus's own
    /// and harmonic coordinates bend. Whitening undoes the stretch (measured, simulate --seed 3, 300 landmarks:
    /// median error 10.0 / 11.1 / 13.0° → 7.7 / 6.3 / 5.1° with unit weights; Sources/TopologyTDA/README.md).
    public static func decode(dump path: String, layout: DumpLayout, units: [Int], pca: Int, landmarks: Int, prime: Int,
                       seed: UInt64, whiten: Bool = true) throws -> ModuleTorus {
        let d = try ActivationDump.load(path, layout: layout)
        if let bad = units.first(where: { $0 < 0 || $0 >= d.unitCount }) {
            throw InputError("\(path): unit \(bad) of the module is not a column of '\(layout.activations)' (\(d.unitCount) units)")
        }
        func wrap<T>(_ body: () throws(TDAError) -> T) throws -> T {
            do { return try body() } catch { throw InputError("\(path): '\(layout.activations)': \(error)") }
        }
        let all = try wrap { () throws(TDAError) in try PointCloud(values: d.activations.values.map(Double.init), dimension: d.unitCount) }
        let cloud = try wrap { () throws(TDAError) in try all.columns(units) }
        let k = min(pca, units.count)
        let pcs = try wrap { () throws(TDAError) in try PrincipalComponents(cloud, components: k) }
        var projected = pcs.project(cloud)
        if whiten {
            let scale = pcs.variances.prefix(k).map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
            let values = projected.values.enumerated().map { $0.element * scale[$0.offset % k] }
            projected = try wrap { () throws(TDAError) in try PointCloud(values: values, dimension: k) }
        }
        let torus = try wrap { () throws(TDAError) in
            try ToroidalCoordinates(cloud: projected, landmarkCount: landmarks, prime: prime, seed: seed)
        }
        let t = d.sampleCount, n = units.count
        let angles = torus.coordinates.map { $0.isFinite ? 2 * Double.pi * $0 : .nan }
        var phases = [Double](repeating: .nan, count: 2 * n)
        for (j, u) in units.enumerated() {
            for c in 0..<2 {
                var sx = 0.0, sy = 0.0
                for i in 0..<t where angles[2 * i + c].isFinite {
                    let a = Double(d.activations.values[i * d.unitCount + u])
                    sx += a * cos(angles[2 * i + c]); sy += a * sin(angles[2 * i + c])
                }
                if sx != 0 || sy != 0 { let p = atan2(sy, sx); phases[2 * j + c] = p < 0 ? p + 2 * .pi : p }
            }
        }
        let explained = pcs.variances.prefix(k).reduce(0, +) / max(pcs.variances.reduce(0, +), 1e-300)
        return ModuleTorus(units: units, sampleCount: t, torus: torus, angles: angles, unitPhases: phases, explainedVariance: explained,
                           whitened: whiten, positions: d.positions.values)
    }

    /// The report's view: covered samples' angles and positions over `box`.
    public func view(box: ArenaBox) -> TorusView {
        var a: [(Double, Double)] = [], p: [(Double, Double)] = []
        for i in 0..<sampleCount where angles[2 * i].isFinite && angles[2 * i + 1].isFinite {
            a.append((angles[2 * i], angles[2 * i + 1])); p.append((positions[2 * i], positions[2 * i + 1]))
        }
        return TorusView(description: description, angles: a, positions: p, box: box)
    }

    public var covered: Int { stride(from: 0, to: angles.count, by: 2).filter { angles[$0].isFinite }.count }

    public func write(to f: HDF5File, source: String, module: Int) throws {
        try f.write(ShapedArray(shape: [sampleCount, 2], values: angles), to: "coords")
        try f.write(ShapedArray(shape: [units.count], values: units.map { Int32($0) }), to: "units")
        try f.write(ShapedArray(shape: [units.count, 2], values: unitPhases), to: "unit_phases")
        try f.setAttribute("source", .string(source))
        try f.setAttribute("module", .integer(Int64(module)))
        try f.setAttribute("h1_bars", .floats(torus.bars.flatMap { [$0.birth, $0.death] }))
        try f.setAttribute("scales", .floats(torus.scales))
        try f.setAttribute("cover_radius", .float(torus.coverRadius))
        try f.setAttribute("landmarks", .integer(Int64(torus.landmarks.count)))
        try f.setAttribute("basis", .integers(torus.basis.map(Int64.init), shape: [2, 2]))
        try f.setAttribute("whitened", .integer(whitened ? 1 : 0))
    }

    /// The `torus --json` document.
    public func summary(module: Int) -> TorusSummary {
        TorusSummary(module: module, units: units, samples: sampleCount, covered: covered, landmarks: torus.landmarks.count,
                     coverRadius: torus.coverRadius, pcaExplainedVariance: explainedVariance, whitened: whitened,
                     basis: [Array(torus.basis[0..<2]), Array(torus.basis[2..<4])],
                     h1Bars: torus.h1.prefix(8).map { [$0.birth, $0.death] }, barsUsed: torus.bars.map { [$0.birth, $0.death] },
                     scales: torus.scales, solverResiduals: torus.residuals,
                     unitPhases: (0..<units.count).map { [unitPhases[2 * $0], unitPhases[2 * $0 + 1]] })
    }

    public var description: String {
        let bars = torus.bars.map { String(format: "[%.3g, %.3g)", $0.birth, $0.death) }.joined(separator: " and ")
        return "H1 classes \(bars) at scales " + torus.scales.map { String(format: "%.3g", $0) }.joined(separator: ", ")
            + String(format: "; %d landmarks (cover radius %.3g); %d of %d samples covered; PCA %.0f %% of variance%@",
                     torus.landmarks.count, torus.coverRadius, covered, sampleCount, 100 * explainedVariance, whitened ? ", whitened" : "")
    }
}
