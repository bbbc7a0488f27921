import ArgumentParser
import Foundation
import RepAnalysis
import RepIO
import Report

/// `repanalyze ratemaps DUMP.h5 -o MAPS.h5`: mean activation per spatial bin for every unit.
struct RateMapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ratemaps",
        abstract: "Compute rate maps (mean activation per spatial bin) for every unit of an activation dump.",
        discussion: """
        One pass over the samples for all units, read in blocks, so dumps larger than memory work. A sample at \
        (x, y) goes to bin ix = floor((x - x0)/dx), iy = floor((y - y0)/dy); x == x1 goes to the last bin; samples \
        outside the box are dropped. Bins no sample reached are NaN.

        Output: dataset `ratemaps` [N, H, W] float32 (unit, y-bin, x-bin; row = y) with the box and bin edges as \
        attributes, and `counts` [H, W] (samples per bin).

        Examples:
          repanalyze ratemaps run.h5 -o maps.h5
          repanalyze ratemaps run.h5 -o maps.h5 --bins 44 --box 0,2.2,0,2.2
          repanalyze ratemaps run.h5 -o maps.h5 --bin-size 0.025 --smooth 1 --speed-min 0.05
        """)

    @Argument(help: "The activation dump (HDF5: positions [T,2] and activations [T,N]).")
    var dump: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The rate-map file to write (HDF5).", valueName: "MAPS.h5"))
    var output: String

    @OptionGroup(title: "Activation dump") var dumpOptions: DumpOptions
    @OptionGroup(title: "Rate maps") var mapOptions: RateMapOptions

    func run() throws {
        let r = try MapInput.computeRateMaps(dump, layout: dumpOptions.layout, options: mapOptions.request)
        let maps = r.maps, b = maps.binning
        try AtomicOutput.writeHDF5(to: output) { f in
            try f.write(ShapedArray(shape: [maps.units, maps.rows, maps.columns], values: maps.values), to: "ratemaps", gzip: 4)
            try f.write(ShapedArray(shape: [maps.rows, maps.columns], values: maps.counts), to: "counts")
            try f.setAttribute("box_m", of: "ratemaps", .floats([b.box.x0, b.box.x1, b.box.y0, b.box.y1]))
            try f.setAttribute("x_edges_m", of: "ratemaps", .floats(b.xEdges))
            try f.setAttribute("y_edges_m", of: "ratemaps", .floats(b.yEdges))
            try f.setAttribute("axis_order", of: "ratemaps", .string("unit, y-bin, x-bin (row = y)"))
            try f.setAttribute("statistic", of: "ratemaps", .string("mean activation per bin; NaN where occupancy < min_occupancy"))
            try f.setAttribute("min_occupancy", of: "ratemaps", .integer(Int64(mapOptions.minOccupancy)))
            try f.setAttribute("smooth_sigma_bins", of: "ratemaps", .float(mapOptions.smooth ?? 0))
            try f.setAttribute("speed_min_m_s", of: "ratemaps", .float(mapOptions.speedMin ?? 0))
            try f.setAttribute("box_size_m", .floats([b.box.width, b.box.height]))
            try f.setAttribute("box_origin_m", .floats([b.box.x0, b.box.y0]))
            try f.setAttribute("source", .string(dump))
        }
        let visited = maps.counts.filter { $0 >= Int32(mapOptions.minOccupancy) }.count
        print("wrote \(output): \(maps.units) rate maps of \(maps.rows)×\(maps.columns) bins (y × x), box \(b.box) m")
        print("samples: \(r.accumulator.samplesSeen) read, \(r.samplesUsed) used, \(r.accumulator.samplesOutside) outside the box, \(r.accumulator.samplesTooSlow) below --speed-min")
        print("bins visited: \(visited) of \(b.count) (\(String(format: "%.0f", 100 * Double(visited) / Double(b.count)))%)")
    }
}
