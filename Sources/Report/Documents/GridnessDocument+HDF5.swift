import RepIO

/// The HDF5 form of the per-unit scores (`gridness -o`, and each `/inputs/<k>` group of `batch`): one dataset per
/// key, [N] or [N, 2] for the masks, under `group`. The writer and the reader share the names below.
extension GridnessDocument {
    static var numberKeys: [(Unit.CodingKeys, WritableKeyPath<Unit, Double>)] { [
        (.score60, \.score60), (.score60MinMax, \.score60MinMax), (.score90, \.score90),
        (.spacing, \.spacing), (.orientation, \.orientation), (.ellipseAspectRatio, \.ellipseAspectRatio),
    ] }
    static var maskKeys: [(Unit.CodingKeys, WritableKeyPath<Unit, [Double]?>)] { [
        (.mask60, \.mask60), (.mask60MinMax, \.mask60MinMax), (.mask90, \.mask90),
    ] }

    /// Writes the units' scores under `group` ("/" or "/inputs/00003"); the document's other keys are the
    /// command's attributes, written by the command.
    public static func writeUnits(_ units: [Unit], to f: HDF5File, group: String) throws {
        let g = group == "/" ? "" : group
        let n = units.count
        for (key, path) in numberKeys {
            try f.write(ShapedArray(shape: [n], values: units.map { $0[keyPath: path] }), to: "\(g)/\(key.rawValue)")
        }
        for (key, path) in maskKeys {
            let v = units.flatMap { $0[keyPath: path] ?? [.nan, .nan] }
            try f.write(ShapedArray(shape: [n, 2], values: v), to: "\(g)/\(key.rawValue)")
        }
    }

    /// Reads the units written by `writeUnits` (and `shuffle_threshold`, `p_value` when there).
    public static func readUnits(from f: HDF5File, group: String) throws -> [Unit] {
        let g = group == "/" ? "" : group
        let first: ShapedArray<Double> = try f.read("\(g)/\(Unit.CodingKeys.score60.rawValue)")
        var units = (0..<first.count).map { i in
            Unit(unit: i, score60: .nan, score60MinMax: .nan, score90: .nan, spacing: .nan, orientation: .nan, ellipseAspectRatio: .nan)
        }
        for (key, path) in numberKeys {
            let v: ShapedArray<Double> = try f.read("\(g)/\(key.rawValue)")
            guard v.count == units.count else { throw InputError("\(f.path): \(g)/\(key.rawValue) has \(v.count) values for \(units.count) units") }
            for i in units.indices { units[i][keyPath: path] = v.values[i] }
        }
        for (key, path) in maskKeys where f.exists("\(g)/\(key.rawValue)") {
            let v: ShapedArray<Double> = try f.read("\(g)/\(key.rawValue)")
            guard v.shape == [units.count, 2] else { throw InputError("\(f.path): \(g)/\(key.rawValue) is not [\(units.count), 2]") }
            for i in units.indices { units[i][keyPath: path] = [v.values[2 * i], v.values[2 * i + 1]] }
        }
        for (key, path) in [(Unit.CodingKeys.shuffleThreshold, \Unit.shuffleThreshold), (.pValue, \Unit.pValue)] where f.exists("\(g)/\(key.rawValue)") {
            let v: ShapedArray<Double> = try f.read("\(g)/\(key.rawValue)")
            for i in units.indices where i < v.count { units[i][keyPath: path] = v.values[i] }
        }
        return units
    }
}

extension GridnessDocument.Unit {
    /// A unit from its values (masks unknown), for readers of other forms.
    public init(unit: Int, score60: Double, score60MinMax: Double, score90: Double, spacing: Double, orientation: Double,
                ellipseAspectRatio: Double) {
        self.unit = unit
        self.score60 = score60; self.score60MinMax = score60MinMax; self.score90 = score90
        mask60 = nil; mask60MinMax = nil; mask90 = nil
        self.spacing = spacing; self.orientation = orientation; self.ellipseAspectRatio = ellipseAspectRatio
        shuffleThreshold = nil; pValue = nil
    }
}
