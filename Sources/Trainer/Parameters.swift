import RepIO

/// The trainable parameters, in one contiguous buffer so the optimiser and clipping run over a single array.
///
/// Names and shapes are those of the reference dumps (`/params/W0 [2,H]`, `b0 [H]`, `W1 [H,H]`, `b1 [H]`,
/// `W2 [H,N·N]`, `b2 [N·N]`, `g0_raw [N]`), so checkpoints trained elsewhere import directly.
public struct Parameters: Equatable, Sendable {
    /// One named tensor's place in the flat buffer.
    public struct Entry: Equatable, Sendable {
        /// The reference name (W0, b0, W1, b1, W2, b2, g0_raw).
        public let name: String
        /// The tensor's shape, row-major.
        public let shape: [Int]
        /// Where it starts in `values`.
        public let offset: Int
        /// The number of values.
        public var count: Int { shape.reduce(1, *) }
    }

    /// N, the number of recurrent units.
    public let units: Int
    /// H, the MLP's hidden width.
    public let width: Int
    /// The tensors in storage order.
    public let entries: [Entry]
    /// All values, tensor after tensor.
    public var values: [Float]

    /// The names in storage order.
    public static let names = ["W0", "b0", "W1", "b1", "W2", "b2", "g0_raw"]

    /// All-zero parameters for N units and MLP width H.
    public init(units n: Int, width h: Int) {
        units = n
        width = h
        let shapes = [[2, h], [h], [h, h], [h], [h, n * n], [n * n], [n]]
        var e: [Entry] = []
        var off = 0
        for (name, s) in zip(Self.names, shapes) {
            e.append(Entry(name: name, shape: s, offset: off))
            off += s.reduce(1, *)
        }
        entries = e
        values = [Float](repeating: 0, count: off)
    }

    /// The entry called `name`.
    public func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// Offsets of each tensor (fixed order), for the hot path.
    var offsets: ParameterOffsets {
        ParameterOffsets(w0: entries[0].offset, b0: entries[1].offset, w1: entries[2].offset, b1: entries[3].offset,
                         w2: entries[4].offset, b2: entries[5].offset, g0: entries[6].offset)
    }

    /// A copy of tensor `name`'s values.
    public func tensor(_ name: String) -> [Float] {
        guard let e = entry(name) else { return [] }
        return Array(values[e.offset..<(e.offset + e.count)])
    }

    /// Replaces tensor `name`'s values (the count must match).
    public mutating func setTensor(_ name: String, _ v: [Float]) {
        guard let e = entry(name), v.count == e.count else { return }
        values.replaceSubrange(e.offset..<(e.offset + e.count), with: v)
    }

    /// The initialisation used by `repanalyze train` (documented in the README):
    /// W0 ~ N(0, 1/(2·σ_v²)) with σ_v = vmax/√3 so the first layer's pre-activations have unit variance on the
    /// data; W1 ~ He normal N(0, 2/H); W2 ~ N(0, 1/(H·N)) and b2 ~ N(0, 1/N), so W(v)'s entries have variance
    /// about 2/N and ‖W(v)g‖ ≈ ‖g‖ for a unit g (the recurrence neither explodes nor vanishes); b0 = b1 = 0;
    /// g0_raw ~ Uniform(0, 1).
    /// With `init: "identity"`: b2 = I (flattened) and W2 ~ N(0, identity_scale²/H) (the recipe probe's
    /// near-identity start), so W(v) = I + a small velocity-dependent part; the rest as above.
    public static func initial(_ c: TrainerConfig, rng: inout Xoshiro256) -> Parameters {
        var p = Parameters(units: c.hidden, width: c.mlpWidth)
        let n = c.hidden, h = c.mlpWidth
        let sv = Double(c.vmax) / 3.0.squareRoot()
        let identity = c.initialization == .identity
        let std: [String: Double] = [
            "W0": 1 / (2.0.squareRoot() * sv), "W1": (2 / Double(h)).squareRoot(),
            "W2": identity ? Double(c.identityScale) / Double(h).squareRoot() : 1 / Double(h * n).squareRoot(), "b2": identity ? 0 : 1 / Double(n).squareRoot(),
        ]
        for e in p.entries {
            if e.name == "g0_raw" {
                for i in 0..<e.count { p.values[e.offset + i] = rng.nextUnitFloat() }
            } else if let s = std[e.name] {
                for i in 0..<e.count { p.values[e.offset + i] = Float(rng.nextGaussian() * s) }
            }
        }
        if identity, let b2 = p.entry("b2") {
            for i in 0..<n { p.values[b2.offset + i * n + i] = 1 }
        }
        return p
    }
}

/// Where each tensor starts in the flat parameter (and gradient) vector, in the order of `Parameters.names`.
struct ParameterOffsets {
    let w0: Int, b0: Int, w1: Int, b1: Int, w2: Int, b2: Int, g0: Int
}
