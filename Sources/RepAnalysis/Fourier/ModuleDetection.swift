import Foundation

/// One unit's Fourier lattice fit and verdict.
public struct FourierUnit: Sendable {
    /// The lattice fit (period, orientation, symmetry measures).
    public var fit: LatticeFit
    /// Whether the spectrum passes the six-fold test.
    public var gridLike: Bool
    /// The module it was assigned to (grid-like units only).
    public var module: Int?
}

/// A grid module: grid-like units whose periods cluster together.
public struct GridModule: Sendable {
    /// Index, 0 = smallest period.
    public var index: Int
    /// Mean period of the members, metres.
    public var period: Double
    /// Six-fold circular mean of the members' orientations, degrees in [0, 60).
    public var orientation: Double
    /// Member units (indices into the input maps).
    public var units: [Int]
}

/// Grid modules of a population from its rate maps' power spectra (the analysis Schaeffer et al. 2023 show as
/// the population's spectrum): per-unit hexagonal lattice fit, six-fold test, clustering of log-periods.
public struct ModuleDetection: Sendable {
    /// Per unit, in input order.
    public var units: [FourierUnit]
    /// Modules by increasing period.
    public var modules: [GridModule]
    /// period[k+1] / period[k] for successive modules.
    public var periodRatios: [Double]
    /// Every pair of modules: is the coarse lattice a superlattice of the fine one, and are its fields locked to
    /// the fine units' lattices (ModuleRelation, PhaseLocking)?
    public var relations: [ModuleRelation]
    /// Mean over units of each unit's power spectrum normalised to total power 1 (centred, size×size).
    public var meanSpectrum: PowerSpectrum?

    /// The six-fold test and clustering settings.
    public struct Settings: Sendable {
        /// Zero-padded FFT side.
        public var fftSize = 256
        /// Minimum power at each of the three peak directions relative to the ring's mean power. The defaults
        /// were set on the shared reference population (48 grid cells in 3 modules, 16 place/noise/band/random
        /// units; see Fourier/README.md): grid cells had min contrast ≥ 1.2 and six-fold ≥ 0.13, non-grid units
        /// passing the contrast test had six-fold ≤ 0.
        public var minPeakContrast = 1.1
        /// Minimum six-fold harmonic a6 and minimum a6 − max(a2, a4).
        public var minHarmonic6 = 0.2, minSixfold = 0.1
        /// Log-period gap that separates modules.
        public var moduleGap = 0.15
        /// Fewest grid-like units that make a module; smaller groups stay unassigned (module nil).
        public var minModuleSize = 3
        /// Smallest period searched, in bins (below ~2.5 bins a lattice is not resolved).
        public var minPeriodBins = 2.5
        /// Largest period searched, as a fraction of the box's shorter side.
        public var maxPeriodFraction = 1.0
        public init() {}
    }

    /// Analyses `units` maps of rows×columns (values [unit, y, x]) with bins of `binSize` metres.
    public init<T: BinaryFloatingPoint>(maps: [T], units n: Int, rows: Int, columns: Int, binSize: (x: Double, y: Double),
                settings: Settings = Settings()) {
        let s = rows * columns
        let minPeriod = settings.minPeriodBins * max(binSize.x, binSize.y)
        let maxPeriod = settings.maxPeriodFraction * min(Double(columns) * binSize.x, Double(rows) * binSize.y)
        var fits: [FourierUnit] = []
        var mean = SpectrumMean()
        for u in 0..<n {
            var map = [Double](repeating: 0, count: s)
            for k in 0..<s { map[k] = Double(maps[u * s + k]) }
            let spec = PowerSpectrum(map: map, rows: rows, columns: columns, binSize: binSize, size: settings.fftSize)
            let fit = LatticeFit(spectrum: spec, minPeriod: minPeriod, maxPeriod: max(maxPeriod, minPeriod))
            let ok = fit.peakContrast.allSatisfy { $0 >= settings.minPeakContrast }
                && fit.harmonics.a6 >= settings.minHarmonic6 && fit.sixfold >= settings.minSixfold
                && fit.period.isFinite && maxPeriod > minPeriod   // a map too small to hold one resolvable period says nothing
            fits.append(FourierUnit(fit: fit, gridLike: ok, module: nil))
            mean.add(spec)
        }
        let periods = fits.map { $0.gridLike ? $0.fit.period : .nan }
        let labels = ModuleClustering.cluster(periods: periods, gap: settings.moduleGap, minSize: settings.minModuleSize)
        var modules: [GridModule] = []
        let count = (labels.compactMap { $0 }.max() ?? -1) + 1
        for k in 0..<count {
            let members = labels.indices.filter { labels[$0] == k }
            let p = members.map { fits[$0].fit.period }.reduce(0, +) / Double(members.count)
            modules.append(GridModule(index: k, period: p,
                                      orientation: ModuleClustering.meanOrientation(members.map { fits[$0].fit.orientation }),
                                      units: members))
        }
        for i in fits.indices { fits[i].module = labels[i] }
        units = fits
        self.modules = modules
        periodRatios = zip(modules.dropFirst(), modules).map { $0.period / $1.period }
        relations = ModuleRelation.all(modules).map { r in
            func phases(_ m: GridModule) -> [(u: Double, v: Double)] {
                m.units.compactMap { u in
                    GridPhase.estimate(map: (0..<s).map { Double(maps[u * s + $0]) }, rows: rows, columns: columns,
                                       boxOrigin: (0, 0), boxSize: (Double(columns) * binSize.x, Double(rows) * binSize.y),
                                       period: m.period, orientationDegrees: m.orientation)
                }
            }
            var r = r
            let f = modules[r.fine], c = modules[r.coarse]
            r.phaseLocking = PhaseLocking(fine: (f.period, f.orientation), finePhases: phases(f),
                                          coarse: (c.period, c.orientation), coarsePhases: phases(c))
            return r
        }
        meanSpectrum = mean.mean()
    }
}
