/// Filtration values replaced by their ranks (as exact small Floats ≥ 0) when some are negative.
///
/// Why: the engine's heap keys and `DiameterRanks` order diameters by their Float bit patterns, which is monotone
/// only for values ≥ 0. Negative values come only with vertex births (every edge is lifted to its vertices' births,
/// which are 0 without them). A rank map is strictly increasing, so every comparison of the reduction — hence every
/// pair — is the same, and the bars are mapped back to the very Float32 values (as `DiameterRanks` does). Shifting
/// by the minimum instead would round and could merge or reorder near-ties.
struct FiltrationRanks {
    /// values[r] = the r-th smallest distinct value.
    let values: [Float]

    /// The matrix and threshold in rank space: entries above `threshold` become +inf (outside the complex), births
    /// are always ranked (a vertex exists whatever the threshold). Nil when more than 2^24 distinct values would make
    /// Float ranks inexact.
    static func ranking(_ m: DistanceMatrix, threshold: Float) -> (FiltrationRanks, DistanceMatrix, Float)? {
        let births = m.vertexBirths ?? [Float](repeating: 0, count: m.count)
        var keys = [UInt64]()
        keys.reserveCapacity(m.lowerTriangle.count + births.count)
        // Positions: the lower triangle first, then the births.
        for (p, d) in m.lowerTriangle.enumerated() where d <= threshold { keys.append(orderedBits(d) << 32 | UInt64(p)) }
        let offset = m.lowerTriangle.count
        for (v, b) in births.enumerated() { keys.append(orderedBits(b) << 32 | UInt64(offset + v)) }
        guard offset + births.count < (1 << 32) else { return nil }
        keys.sort()
        var values = [Float](), ranked = [Float](repeating: .infinity, count: offset), rankedBirths = births
        var last: UInt64? = nil
        var rankOfThreshold: Float = -1
        for k in keys {
            let bits = k >> 32
            if bits != last { values.append(fromOrderedBits(bits)); last = bits }
            let r = Float(values.count - 1), p = Int(k & 0xFFFF_FFFF)
            if p < offset { ranked[p] = r } else { rankedBirths[p - offset] = r }
            if values[values.count - 1] <= threshold { rankOfThreshold = r }
        }
        guard values.count < (1 << 24) else { return nil }
        let matrix = DistanceMatrix(validatedCount: m.count, lowerTriangle: ranked, vertexBirths: rankedBirths)
        return (FiltrationRanks(values: values), matrix, rankOfThreshold)
    }

    /// Ranks of a flat list of values (an edge list's lengths and births); nil past 2^24 distinct values.
    static func ranking(values: [Float]) -> (FiltrationRanks, [Float])? {
        guard values.count < (1 << 32) else { return nil }
        var keys = values.enumerated().map { orderedBits($0.element) << 32 | UInt64($0.offset) }
        keys.sort()
        var distinct = [Float](), ranked = values
        var last: UInt64? = nil
        for k in keys {
            let bits = k >> 32
            if bits != last { distinct.append(fromOrderedBits(bits)); last = bits }
            ranked[Int(k & 0xFFFF_FFFF)] = Float(distinct.count - 1)
        }
        guard distinct.count < (1 << 24) else { return nil }
        return (FiltrationRanks(values: distinct), ranked)
    }

    /// A Float's bits flipped so that unsigned order is numeric order (−0 and +0 both map to +0's key).
    static func orderedBits(_ x: Float) -> UInt64 {
        let b = (x == 0 ? Float(0) : x).bitPattern
        return UInt64(b & 0x8000_0000 != 0 ? ~b : b | 0x8000_0000)
    }

    static func fromOrderedBits(_ k: UInt64) -> Float {
        let b = UInt32(k)
        return Float(bitPattern: b & 0x8000_0000 != 0 ? b & 0x7FFF_FFFF : ~b)
    }

    /// Bars computed on ranks, back on values (+inf stays +inf).
    func values(_ bars: [[(Float, Float)]]) -> [[(Float, Float)]] {
        bars.map { $0.map { (value($0.0), value($0.1)) } }
    }

    @inline(__always) func value(_ rank: Float) -> Float { rank.isFinite ? values[Int(rank)] : rank }
}
