/// The edge lengths of a complex replaced by their ranks among its distinct lengths (as exact small Floats), so that
/// the reduction can pack a diameter, a simplex index and a Z/p coefficient into one 8-byte heap key.
///
/// Why this is exact: the reduction only compares diameters (order and ties), never does arithmetic on them, and
/// the rank map is strictly increasing, so every comparison — hence every pair — is the same; the bars are mapped
/// back through `values` to the very Float32 lengths they would have had. Rank 0 is always length 0, so "dies at a
/// positive length" keeps its meaning.
struct DiameterRanks {
    /// values[r] = the r-th smallest distinct length (values[0] = 0).
    let values: [Float]

    /// The rank of the largest length kept: the complex's threshold in rank space.
    var threshold: Float { Float(values.count - 1) }

    /// Ranks of the entries of a lower triangle that are ≤ `threshold` (the others become +inf, outside the complex).
    static func ranking(lowerTriangle: [Float], threshold: Float) -> (ranks: DiameterRanks, ranked: [Float]) {
        var keys = [UInt64]()
        for (position, d) in lowerTriangle.enumerated() where d <= threshold {
            keys.append(UInt64(d == 0 ? 0 : d.bitPattern) << 32 | UInt64(position))
        }
        var ranked = [Float](repeating: .infinity, count: lowerTriangle.count)
        let values = assign(sortedKeys: &keys) { position, rank in ranked[position] = rank }
        return (DiameterRanks(values: values), ranked)
    }

    /// Ranks of the lengths of an edge list.
    static func ranking(edges: [(Int32, Int32, Float)]) -> (ranks: DiameterRanks, ranked: [(Int32, Int32, Float)]) {
        var keys = edges.enumerated().map { UInt64($0.element.2 == 0 ? 0 : $0.element.2.bitPattern) << 32 | UInt64($0.offset) }
        var ranked = edges
        let values = assign(sortedKeys: &keys) { position, rank in ranked[position].2 = rank }
        return (DiameterRanks(values: values), ranked)
    }

    /// Sorts (length bits, position) keys and reports each position's rank; returns the distinct lengths.
    private static func assign(sortedKeys keys: inout [UInt64], _ set: (Int, Float) -> Void) -> [Float] {
        keys.sort()
        var values: [Float] = [0]
        var last: UInt64 = 0
        for k in keys {
            let bits = k >> 32
            if bits != last { values.append(Float(bitPattern: UInt32(bits))); last = bits }
            set(Int(k & 0xFFFF_FFFF), Float(bits == 0 ? 0 : values.count - 1))
        }
        return values
    }

    /// A length given as a rank, back as the length (+inf stays +inf).
    @inline(__always) func length(_ rank: Float) -> Float { rank.isFinite ? values[Int(rank)] : rank }

    /// Bars computed on ranks, back on lengths.
    func lengths(_ bars: [[(Float, Float)]]) -> [[(Float, Float)]] {
        bars.map { $0.map { (length($0.0), length($0.1)) } }
    }
}
