import Foundation
import RepAnalysis
import RepIO

/// Rate maps for the analysis commands, from either kind of input file: a file of maps [N,H,W] (or one map
/// [H,W]) in the dataset `--dataset` names, or an activation dump whose rate maps are computed first.
public struct MapInput {
    /// Maps [unit, y, x] (Double: float64 map files keep their precision).
    public var maps: [Double]
    public var units: Int, rows: Int, columns: Int
    /// The arena the maps cover, and whether it was known (else a 1 m box is assumed for metres).
    public var box: ArenaBox
    public var boxKnown: Bool
    /// Where the maps came from, for summaries: "maps '/ratemaps'" or "rate maps computed from the dump".
    public var origin: String
    /// Occupancy per bin when computed from a dump.
    public var counts: [Int32]?

    public var binSize: (x: Double, y: Double) { (box.width / Double(columns), box.height / Double(rows)) }

    /// The largest map side the analysis commands accept (the autocorrelogram's FFT work arrays grow as 16·side²).
    public static let maxSide = 1024

    /// Loads `path`: maps when the file has `dataset` (or `dataset` was named explicitly and `strict`), else a dump.
    public static func load(_ path: String, dataset: String?, dump: DumpLayout, options: RateMapRequest, strict: Bool = true) throws -> MapInput {
        let f = try HDF5File(path)
        let name = dataset ?? "ratemaps"
        let isDump = f.exists(dump.positions) && f.exists(dump.activations)
        if f.exists(name) || (dataset != nil && (strict || !isDump)) {
            return try loadMaps(f, name, options: options)
        }
        if !isDump {
            throw HDF5Error.invalidInput(file: path, path: "/", reason:
                "neither a maps dataset '\(name)' nor an activation dump ('\(dump.positions)' and '\(dump.activations)'); name the maps with --dataset or the dump's datasets with --positions/--activations (see `repanalyze inspect \(path)`)")
        }
        let computed = try computeRateMaps(path, layout: dump, options: options)
        guard computed.maps.rows <= maxSide, computed.maps.columns <= maxSide else {
            throw RateMapError.invalidBins("\(computed.maps.columns)x\(computed.maps.rows): gridness and modules score maps of at most \(maxSide)×\(maxSide) bins")
        }
        return MapInput(maps: computed.maps.values.map(Double.init), units: computed.maps.units, rows: computed.maps.rows,
                        columns: computed.maps.columns, box: computed.maps.binning.box, boxKnown: true,
                        origin: "rate maps computed from the dump (\(computed.maps.rows)×\(computed.maps.columns) bins, \(computed.samplesUsed) samples)",
                        counts: computed.maps.counts)
    }

    private static func loadMaps(_ f: HDF5File, _ name: String, options: RateMapRequest) throws -> MapInput {
        let info = try f.datasetInfo(name)
        guard info.dataType.isNumeric, info.dataType != .bool else {
            throw HDF5Error.wrongType(file: f.path, path: info.path, expected: "floating-point rate maps", found: info.dataType.description)
        }
        let shape: [Int]
        switch info.shape.count {
        case 3: shape = info.shape
        case 2: shape = [1] + info.shape
        default:
            throw HDF5Error.wrongRank(file: f.path, path: info.path, expected: "[N, H, W] rate maps (unit, y-bin, x-bin) or one map [H, W]", found: info.shape)
        }
        guard shape.allSatisfy({ $0 > 0 }) else { throw HDF5Error.emptyDataset(file: f.path, path: info.path, shape: info.shape) }
        guard shape[1] <= maxSide, shape[2] <= maxSide else {
            throw HDF5Error.invalidInput(file: f.path, path: info.path, reason: "maps of \(shape[1])×\(shape[2]) bins are larger than the \(maxSide)×\(maxSide) this tool scores")
        }
        let a: ShapedArray<Double> = try f.read(name)
        if let bad = a.values.firstIndex(where: { $0.isInfinite }) {
            throw HDF5Error.invalidInput(file: f.path, path: info.path, reason: "holds infinite values; the first at flat index \(bad) (NaN is fine: it marks unvisited bins)")
        }
        // The box: --box, else the dataset's box_m attribute (what `ratemaps` writes), else the root box attributes.
        var box = options.explicitBox
        if box == nil, f.hasAttribute("box_m", of: info.path), let v = try f.attribute("box_m", of: info.path).doubles, v.count == 4 {
            let b = ArenaBox(x0: v[0], x1: v[1], y0: v[2], y1: v[3])
            if b.isValid { box = b }
        }
        if box == nil, let reader = try? rootBox(f) { box = reader }
        return MapInput(maps: a.values, units: shape[0], rows: shape[1], columns: shape[2],
                        box: box ?? ArenaBox(x0: 0, x1: 1, y0: 0, y1: 1), boxKnown: box != nil,
                        origin: "maps '\(info.path)' [\(shape.map(String.init).joined(separator: ", "))]", counts: nil)
    }

    private static func rootBox(_ f: HDF5File) throws -> ArenaBox? {
        guard f.hasAttribute("box_size_m"), let s = try f.attribute("box_size_m").doubles, s.count == 2 else { return nil }
        let o = f.hasAttribute("box_origin_m") ? (try f.attribute("box_origin_m").doubles ?? [0, 0]) : [0, 0]
        guard o.count == 2 else { return nil }
        let b = ArenaBox(x0: o[0], x1: o[0] + s[0], y0: o[1], y1: o[1] + s[1])
        return b.isValid ? b : nil
    }

    /// Rate maps of a dump, read block by block (memory ≈ one block + the maps).
    public static func computeRateMaps(_ path: String, layout: DumpLayout, options: RateMapRequest,
                                blockSize: Int = 1 << 16) throws -> (maps: RateMaps, samplesUsed: Int, accumulator: RateMapAccumulator) {
        let reader = try DumpReader(path, layout: layout)
        var box = options.explicitBox ?? reader.box
        if box == nil {
            box = try extent(reader)
            guard box != nil else {
                throw HDF5Error.invalidInput(file: path, path: layout.positions, reason: "the positions span no area (all equal or not finite); give --box")
            }
        }
        let binning = try options.binning(for: box!)
        // The per-bin sums are Doubles [bin, unit], the maps Floats, and the analyses copy them as Doubles: about
        // 20 bytes per bin and unit. Refuse what cannot fit (naming the file and its unit count, which is usually
        // the cause: a dump declared with 10^6 units) rather than trap on allocation.
        let bytes = Double(binning.count) * Double(reader.unitCount) * 20
        try MemoryBudget.check(file: path, dataset: HDF5File.normalise(layout.activations), bytes: bytes,
                               for: "rate maps of its \(reader.unitCount) units at \(binning.columns)×\(binning.rows) bins")
        var acc = RateMapAccumulator(binning: binning, units: reader.unitCount, speedMin: options.speedMin)
        var estimator: SpeedEstimator?
        if options.speedMin != nil && !reader.hasVelocities {
            guard let dt = try timeStep(reader.file) else { throw RateMapError.noSpeedSource(path) }
            estimator = SpeedEstimator(dt: dt, batchLength: reader.stepsPerBatch)
        }
        var s = 0
        while s < reader.sampleCount {
            let block = try reader.readBlock(s..<min(reader.sampleCount, s + blockSize))
            var speeds: [Double]? = nil
            if options.speedMin != nil {
                if let v = block.velocities { speeds = SpeedEstimator.speeds(velocities: v.values) } else { speeds = estimator!.speeds(positions: block.positions.values) }
            }
            try acc.accumulate(positions: block.positions.values, activations: block.activations.values, speeds: speeds)
            s += blockSize
        }
        if acc.samplesUsed == 0 {
            if acc.samplesOutside == acc.samplesSeen { throw HDF5Error.invalidInput(file: path, path: HDF5File.normalise(layout.positions), reason: RateMapError.noSamplesInBox(total: acc.samplesSeen, box: binning.box.description).description + (options.explicitBox == nil && reader.box != nil ? " (the box comes from the file's box_size_m/box_origin_m attributes)" : "")) }
            throw HDF5Error.invalidInput(file: path, path: layout.positions, reason: "no sample passes --speed-min \(options.speedMin ?? 0) m/s")
        }
        return (acc.finish(minOccupancy: options.minOccupancy, smoothingSigma: options.smooth), acc.samplesUsed, acc)
    }

    /// The positions' bounding box, read in blocks of rows (batches for [B, T, 2]) so memory stays small.
    private static func extent(_ reader: DumpReader) throws -> ArenaBox? {
        let name = reader.layout.positions
        let rows = try reader.file.datasetInfo(name).shape[0]
        let perRow = reader.batchCount > 1 ? reader.stepsPerBatch : 1
        let step = max(1, (1 << 20) / max(perRow, 1))
        var b = ArenaBox(x0: .infinity, x1: -.infinity, y0: .infinity, y1: -.infinity)
        var r = 0
        while r < rows {
            let block: ShapedArray<Double> = try reader.file.readRows(name, rows: r..<min(rows, r + step))
            if let e = ArenaBox.enclosing(block.values) {
                b.x0 = min(b.x0, e.x0); b.x1 = max(b.x1, e.x1); b.y0 = min(b.y0, e.y0); b.y1 = max(b.y1, e.y1)
            }
            r += step
        }
        return b.isValid ? b : nil
    }

    /// Seconds per sample from a 'dt_s' root attribute or a 'time_s' dataset (median step), if present.
    private static func timeStep(_ f: HDF5File) throws -> Double? {
        if f.hasAttribute("dt_s"), let v = try f.attribute("dt_s").doubles?.first, v > 0, v.isFinite { return v }
        if f.exists("time_s") {
            let t: ShapedArray<Double> = try f.read("time_s")
            let d = zip(t.values.dropFirst(), t.values).map { $0 - $1 }.filter { $0 > 0 && $0.isFinite }.sorted()
            if !d.isEmpty { return d[d.count / 2] }
        }
        return nil
    }
}
