/// The mean of several units' power spectra, each divided by its total power first, so every unit weighs the same
/// whatever its rate: the population's spectrum (`ModuleDetection.meanSpectrum`) and a module's (the report).
public struct SpectrumMean {
    private var sum: PowerSpectrum?
    /// Units added (those with no power count too: they add zero).
    public private(set) var count = 0

    public init() {}

    /// Adds one unit's spectrum (all spectra must have the same size).
    public mutating func add(_ spectrum: PowerSpectrum) {
        count += 1
        let total = spectrum.values.reduce(0, +)
        guard total > 0 else { return }
        if sum == nil {
            sum = spectrum
            sum!.values = [Double](repeating: 0, count: spectrum.values.count)
        }
        for k in spectrum.values.indices { sum!.values[k] += spectrum.values[k] / total }
    }

    /// The mean over `divisor` units (default: those added); nil when none had any power.
    public func mean(over divisor: Int? = nil) -> PowerSpectrum? {
        guard var s = sum else { return nil }
        let d = Double(divisor ?? count)
        for k in s.values.indices { s.values[k] /= d }
        return s
    }
}
