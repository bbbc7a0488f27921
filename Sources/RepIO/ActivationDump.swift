/// Which datasets of an HDF5 file hold the activation dump, and how they are laid out.
///
/// The defaults are the names users' PyTorch/JAX/h5py code most often writes; each is overridable on the
/// command line (`--positions pos --activations rnn/h`), since real files name them differently.
public struct DumpLayout: Sendable, Equatable {
    /// Positions in metres: `[T, 2]` or batched `[B, T, 2]`.
    public var positions: String
    /// Activations: `[T, N]` (time-major), `[N, T]` with `unitMajor`, or batched `[B, T, N]`.
    public var activations: String
    /// Optional velocities `[T, 2]` / `[B, T, 2]` in metres per step or per second; read when present.
    public var velocities: String
    /// The activations are stored one row per unit (`[N, T]`).
    public var unitMajor: Bool

    public init(positions: String = "positions", activations: String = "activations",
                velocities: String = "velocities", unitMajor: Bool = false) {
        self.positions = positions
        self.activations = activations
        self.velocities = velocities
        self.unitMajor = unitMajor
    }
}

/// An activation dump: where the agent was at each sample and what every unit did there.
///
/// Batched dumps (`[B, T, ·]`) are flattened to `B·T` samples in batch-major order. Positions are Doubles,
/// interleaved `x0, y0, x1, y1, ...`; activations are Floats, `[samples, units]` row-major.
public struct ActivationDump: Sendable {
    /// The file it was read from (for messages and provenance).
    public var file: String
    /// The layout used to read it.
    public var layout: DumpLayout
    /// `[samples, 2]`: x, y in metres.
    public var positions: ShapedArray<Double>
    /// `[samples, units]`.
    public var activations: ShapedArray<Float>
    /// `[samples, 2]` when the file has velocities.
    public var velocities: ShapedArray<Double>?
    /// The arena from the root attributes `box_origin_m` / `box_size_m`, when present.
    public var box: ArenaBox?

    /// The number of samples (time steps, over all batches).
    public var sampleCount: Int { activations.shape[0] }
    /// The number of units (columns of the activation matrix).
    public var unitCount: Int { activations.shape[1] }

    /// Reads and checks a whole dump. For files larger than memory use `DumpReader` and read blocks.
    public static func load(_ path: String, layout: DumpLayout = DumpLayout()) throws -> ActivationDump {
        let reader = try DumpReader(path, layout: layout)
        return try reader.readAll()
    }
}

/// An open activation dump whose shapes have been checked, read in blocks of samples so a dump larger than
/// memory can be processed with memory near one block.
public struct DumpReader {
    /// The open file.
    public let file: HDF5File
    /// The layout read.
    public let layout: DumpLayout
    /// Number of batches (1 for unbatched dumps).
    public let batchCount: Int
    /// Samples per batch (T).
    public let stepsPerBatch: Int
    /// Number of units (N).
    public let unitCount: Int
    /// Whether a velocities dataset of matching shape is present.
    public let hasVelocities: Bool
    /// Whether the datasets are batched `[B, T, ·]` (positions, velocities and activations alike).
    private let batched: Bool
    /// The arena from the root attributes, when present.
    public let box: ArenaBox?

    /// All samples: B·T.
    public var sampleCount: Int { batchCount * stepsPerBatch }

    /// Opens `path` and checks that positions and activations exist, are numeric, have compatible shapes and
    /// are not empty; reads the box attributes.
    public init(_ path: String, layout: DumpLayout = DumpLayout()) throws {
        let f = try HDF5File(path)
        let pos = try f.datasetInfo(layout.positions)
        let act = try f.datasetInfo(layout.activations)
        for info in [pos, act] where !info.dataType.isNumeric || info.dataType == .bool {
            throw HDF5Error.wrongType(file: path, path: info.path, expected: "floating-point numbers", found: info.dataType.description)
        }
        switch pos.shape.count {
        case 2 where pos.shape[1] == 2, 3 where pos.shape[2] == 2: break
        default: throw HDF5Error.wrongRank(file: path, path: pos.path, expected: "[T, 2] or [B, T, 2] (x, y in metres)", found: pos.shape)
        }
        let batched = pos.shape.count == 3
        let (b, t) = batched ? (pos.shape[0], pos.shape[1]) : (1, pos.shape[0])
        guard CheckedSize.product(b, t) != nil else {
            throw HDF5Error.invalidInput(file: path, path: pos.path, reason: "declares shape \(shapeString(pos.shape)), more samples than can be counted (damaged file?)")
        }
        if b * t == 0 { throw HDF5Error.emptyDataset(file: path, path: pos.path, shape: pos.shape) }

        let n: Int
        if batched {
            guard act.shape.count == 3 else {
                throw HDF5Error.wrongRank(file: path, path: act.path, expected: "[B, T, N] like the positions \(shapeString(pos.shape))", found: act.shape)
            }
            guard act.shape[0] == b, act.shape[1] == t else {
                throw HDF5Error.invalidInput(file: path, path: act.path,
                                             reason: "shape \(shapeString(act.shape)) does not match positions \(shapeString(pos.shape)) (expected [\(b), \(t), N])")
            }
            guard !layout.unitMajor else {
                throw HDF5Error.invalidInput(file: path, path: act.path, reason: "--unit-major applies to [N, T] activations, not batched [B, T, N]")
            }
            n = act.shape[2]
        } else {
            guard act.shape.count == 2 else {
                throw HDF5Error.wrongRank(file: path, path: act.path,
                                          expected: layout.unitMajor ? "[N, T] (unit-major)" : "[T, N] (time-major; use --unit-major for [N, T])",
                                          found: act.shape)
            }
            let (steps, units) = layout.unitMajor ? (act.shape[1], act.shape[0]) : (act.shape[0], act.shape[1])
            guard steps == t else {
                let hint = !layout.unitMajor && act.shape[1] == t ? " (it looks unit-major: try --unit-major)" : ""
                throw HDF5Error.invalidInput(file: path, path: act.path,
                                             reason: "has \(steps) samples but positions '\(pos.path)' has \(t)\(hint)")
            }
            n = units
        }
        if n == 0 { throw HDF5Error.emptyDataset(file: path, path: act.path, shape: act.shape) }

        var vel = false
        if f.exists(layout.velocities), let v = try? f.datasetInfo(layout.velocities) {
            guard v.shape == pos.shape, v.dataType.isNumeric else {
                throw HDF5Error.invalidInput(file: path, path: v.path,
                                             reason: "velocities have shape \(shapeString(v.shape)) and type \(v.dataType); expected \(shapeString(pos.shape)) numbers like the positions")
            }
            vel = true
        }
        self.file = f
        self.layout = layout
        self.batchCount = b
        self.stepsPerBatch = t
        self.unitCount = n
        self.hasVelocities = vel
        self.batched = batched
        self.box = try Self.readBox(f)
    }

    /// The arena from `box_origin_m` [x0, y0] (default 0, 0) and `box_size_m` [w, h] root attributes.
    static func readBox(_ f: HDF5File) throws -> ArenaBox? {
        guard f.hasAttribute("box_size_m") else { return nil }
        func pair(_ name: String) throws -> [Double] {
            guard let v = try f.attribute(name).doubles, v.count == 2, v.allSatisfy(\.isFinite) else {
                throw HDF5Error.invalidInput(file: f.path, path: "/@\(name)", reason: "expected two finite numbers in metres")
            }
            return v
        }
        let size = try pair("box_size_m")
        let origin = f.hasAttribute("box_origin_m") ? try pair("box_origin_m") : [0, 0]
        let box = ArenaBox(x0: origin[0], x1: origin[0] + size[0], y0: origin[1], y1: origin[1] + size[1])
        guard box.isValid else {
            throw HDF5Error.invalidInput(file: f.path, path: "/@box_size_m", reason: "box size \(size) must be positive")
        }
        return box
    }

    /// Reads samples `samples` (flattened batch-major indices; blocks may span batches) and checks them for
    /// NaN and infinity.
    public func readBlock(_ samples: Range<Int>) throws -> ActivationDump {
        guard samples.lowerBound >= 0, samples.upperBound <= sampleCount else {
            throw HDF5Error.badSelection(file: file.path, path: layout.activations,
                                         reason: "samples \(samples.lowerBound)..<\(samples.upperBound) outside 0..<\(sampleCount)")
        }
        // Shapes come from the file: check the block against the memory budget before reserving it.
        try MemoryBudget.check(file: file.path, dataset: HDF5File.normalise(layout.activations), shape: [samples.count, unitCount],
                               elementSize: MemoryLayout<Float>.stride, what: "reading \(samples.count) samples of it")
        var pos: [Double] = [], act: [Float] = [], vel: [Double] = []
        pos.reserveCapacity(samples.count * 2)
        act.reserveCapacity(samples.count * unitCount)
        // Walk the batches the block touches; each piece is one hyperslab read.
        var s = samples.lowerBound
        while s < samples.upperBound {
            let b = s / stepsPerBatch, t0 = s % stepsPerBatch
            let t1 = min(stepsPerBatch, t0 + (samples.upperBound - s))
            pos += try readPairs(layout.positions, batch: b, steps: t0..<t1)
            if hasVelocities { vel += try readPairs(layout.velocities, batch: b, steps: t0..<t1) }
            act += try readActivations(batch: b, steps: t0..<t1)
            s += t1 - t0
        }
        let block = ActivationDump(
            file: file.path, layout: layout,
            positions: ShapedArray(shape: [samples.count, 2], values: pos),
            activations: ShapedArray(shape: [samples.count, unitCount], values: act),
            velocities: hasVelocities ? ShapedArray(shape: [samples.count, 2], values: vel) : nil,
            box: box)
        try block.checkFinite(offset: samples.lowerBound)
        return block
    }

    /// Reads the whole dump.
    public func readAll() throws -> ActivationDump { try readBlock(0..<sampleCount) }

    private func readPairs(_ name: String, batch: Int, steps: Range<Int>) throws -> [Double] {
        batched
            ? try file.read(name, start: [batch, steps.lowerBound, 0], count: [1, steps.count, 2], as: Double.self).values
            : try file.read(name, start: [steps.lowerBound, 0], count: [steps.count, 2], as: Double.self).values
    }

    private func readActivations(batch: Int, steps: Range<Int>) throws -> [Float] {
        let a = layout.activations
        if batched {
            return try file.read(a, start: [batch, steps.lowerBound, 0], count: [1, steps.count, unitCount], as: Float.self).values
        }
        if !layout.unitMajor {
            return try file.read(a, start: [steps.lowerBound, 0], count: [steps.count, unitCount], as: Float.self).values
        }
        // [N, T] on disk: read the block of columns and transpose to [steps, N].
        let raw = try file.read(a, start: [0, steps.lowerBound], count: [unitCount, steps.count], as: Float.self).values
        var out = [Float](repeating: 0, count: raw.count)
        let m = steps.count
        for u in 0..<unitCount { for t in 0..<m { out[t * unitCount + u] = raw[u * m + t] } }
        return out
    }
}

extension ActivationDump {
    /// Throws when positions, velocities or activations hold NaN or infinity, saying how many and where the
    /// first one is (sample index counted from `offset`).
    func checkFinite(offset: Int = 0) throws {
        func check<T: BinaryFloatingPoint>(_ a: ShapedArray<T>, _ name: String) throws {
            let s = a.nonFiniteSummary()
            guard let first = s.firstIndex else { return }
            var at = a.index(ofFlat: first)
            at[0] += offset
            throw HDF5Error.invalidInput(
                file: file, path: HDF5File.normalise(name),
                reason: "holds \(s.nan) NaN and \(s.infinite) infinite value(s); the first at [\(at.map(String.init).joined(separator: ", "))]" +
                    (layout.unitMajor && name == layout.activations ? " (sample, unit)" : ""))
        }
        try check(positions, layout.positions)
        if let velocities { try check(velocities, layout.velocities) }
        try check(activations, layout.activations)
    }
}
