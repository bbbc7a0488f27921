/// One entry of a vertex's list in the edge collapse's working graph (`CollapseGraph`): the neighbour's label and,
/// for an untaken edge, a key that grows with the edge's length (it only chooses which common neighbour is tried
/// first as a dominator, so ties are harmless).
///
/// Why two layouts: the collapse is bound by reading these lists (edges × degree entries: on the 8000-point torus of
/// `scripts/bench_tda_scaling.py` each edge's decision reads ~740 of them, 423 in the merge and 320 in dominator
/// tests, counted once), and up to 65 536 vertices an entry fits in 4 bytes, so the lists of 16 000 points (11.4
/// million entries: 45 MB at 8 bytes) fit this machine's 32 MB L3. Whole runs at 16 000 points, one core, user CPU:
/// 8-byte entries 25.5 s, 4-byte 22.9 / 23.9 s.
protocol CollapseEntry {
    /// The entry of neighbour `vertex` (< `vertexLimit`) over an edge of `length` ≥ 0.
    init(vertex: Int, length: Float)
    var vertex: Int32 { get }
    /// Non-decreasing in the length.
    var closeness: UInt32 { get }
    /// Labels must be below this.
    static var vertexLimit: Int { get }
}

/// Up to 65 536 vertices: the label in the high 16 bits, the length's top 16 bits below (sign, exponent and 7
/// mantissa bits of a non-negative float: non-decreasing in it). Comparing entries compares labels first.
struct PackedEntry: CollapseEntry {
    let bits: UInt32
    init(vertex: Int, length: Float) {
        bits = UInt32(truncatingIfNeeded: vertex) << 16 | (length == 0 ? 0 : length.bitPattern >> 16)
    }
    @inline(__always) var vertex: Int32 { Int32(truncatingIfNeeded: bits >> 16) }
    @inline(__always) var closeness: UInt32 { bits & 0xFFFF }
    static var vertexLimit: Int { 1 << 16 }
}

/// Any number of vertices: label and length side by side, 8 bytes.
struct WideEntry: CollapseEntry {
    let vertex: Int32
    let length: Float
    init(vertex: Int, length: Float) { self.vertex = Int32(truncatingIfNeeded: vertex); self.length = length }
    @inline(__always) var closeness: UInt32 { length == 0 ? 0 : length.bitPattern }
    static var vertexLimit: Int { Int(Int32.max) }
}
