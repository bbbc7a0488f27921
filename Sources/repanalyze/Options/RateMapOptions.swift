import ArgumentParser
import RepAnalysis
import RepIO
import Report

/// How rate maps are made from an activation dump: shared by `ratemaps`, `gridness`, `modules` and `batch`.
struct RateMapOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Arena in metres, x0,x1,y0,y1. Default: the file's box_origin_m/box_size_m attributes, else the positions' extent.",
        valueName: "x0,x1,y0,y1"))
    var box: String?

    @Option(help: ArgumentHelp("Number of bins: N (N×N) or NXxNY (x bins × y bins), e.g. 32 or 32x44.", valueName: "N|NXxNY"))
    var bins: String?

    @Option(name: .customLong("bin-size"), help: ArgumentHelp(
        "Bin size in metres instead of --bins (the box is cut into round(width/size) × round(height/size) bins).",
        valueName: "METRES"))
    var binSize: Double?

    @Option(name: .customLong("min-occupancy"), help: ArgumentHelp(
        "Bins with fewer samples than this become NaN (unvisited).", valueName: "K"))
    var minOccupancy = 1

    @Option(help: ArgumentHelp(
        "Gaussian smoothing of each map, sigma in bins; NaN-aware (normalised by the smoothed visited-bin mask). Default: none.",
        valueName: "SIGMA_BINS"))
    var smooth: Double?

    @Option(name: .customLong("speed-min"), help: ArgumentHelp(
        "Drop samples slower than this (m/s); speeds come from the velocities dataset, a 'time_s' dataset or the 'dt_s' attribute.",
        valueName: "M_PER_S"))
    var speedMin: Double?

    mutating func validate() throws {
        if let box, ArenaBox(parsing: box) == nil {
            throw ValidationError("--box '\(box)' must be four numbers x0,x1,y0,y1 (metres) with x1 > x0 and y1 > y0")
        }
        if let bins, SpatialBinning.parseBins(bins) == nil {
            throw ValidationError("--bins '\(bins)' must be a positive number N or NXxNY, e.g. 32 or 32x44")
        }
        if bins != nil && binSize != nil { throw ValidationError("give --bins or --bin-size, not both") }
        if let binSize, !(binSize > 0 && binSize.isFinite) { throw ValidationError("--bin-size must be a positive number of metres") }
        // Occupancy counts are Int32 per bin: a larger threshold cannot be met and would trap on conversion.
        if minOccupancy < 1 || minOccupancy > Int(Int32.max) { throw ValidationError("--min-occupancy must be between 1 and \(Int32.max)") }
        if let smooth, !(smooth >= 0 && smooth.isFinite && smooth <= 1000) { throw ValidationError("--smooth must be a sigma in bins between 0 and 1000") }
        if let speedMin, !(speedMin >= 0 && speedMin.isFinite) { throw ValidationError("--speed-min must be a speed ≥ 0 in m/s") }
    }

    /// The request these options describe (validated by `validate()`).
    var request: RateMapRequest {
        RateMapRequest(box: box.flatMap { ArenaBox(parsing: $0) }, bins: bins.flatMap(SpatialBinning.parseBins),
                       binSize: binSize, minOccupancy: minOccupancy, smooth: smooth, speedMin: speedMin)
    }
}
