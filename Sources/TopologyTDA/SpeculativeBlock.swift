/// One block of the threaded collapse (`ParallelCollapse`): each edge's result computed against the state at the
/// block's start, with its read set, and the check, made in order as the edges are applied, of which results still
/// hold.
///
/// Why the check is exact. Applying edge ab changes a's lists at entry b and b's at entry a, nothing else. `survival`
/// of uv depends on u's lists only at the vertices listed by v (the common neighbours; elsewhere only the position pu
/// moves), on v's likewise, and on each candidate c it tests (the read set) only at common neighbours. So uv's
/// answer is the one the serial loop would compute unless an edge applied before it in the block joins u (or v) to a
/// vertex that v (or u) listed at the block's start, or a tested candidate to a vertex both listed; those results are
/// recomputed, the others applied with pu, pv looked up again if u's or v's list changed. Lists only lose entries,
/// so "listed at the block's start" is "listed now, or joined to it by an edge applied in this block".
/// Measured on the 8000-point torus, blocks of 128: 1.8 % of the results recomputed (4.9 % when every applied edge
/// at u or v counted, with read sets capped at 32).
final class SpeculativeBlock: @unchecked Sendable {
    let capacity: Int
    /// Per slot: the result, and how many read-set entries (readLimit + 1: too many, recompute).
    private let time: UnsafeMutablePointer<Float>
    private let position: UnsafeMutablePointer<(Int, Int)>
    private let readCount: UnsafeMutablePointer<Int>
    /// Per slot, readLimit entries: the candidates whose lists were read.
    private let reads: UnsafeMutablePointer<Int32>
    private static let stride = DominationScratch.readLimit

    /// touched[x] == mark: x is an end of an edge applied in this block; its partners in those edges are the chain
    /// partner[first[x]], partner[next[...]], ... (−1 ends it).
    private let touched: UnsafeMutablePointer<UInt32>
    private var mark: UInt32 = 0
    private let first: UnsafeMutablePointer<Int32>
    private let next: UnsafeMutablePointer<Int32>
    private let partner: UnsafeMutablePointer<Int32>
    private var halves: Int32 = 0
    private let vertexCount: Int

    init(capacity: Int, vertexCount: Int) {
        self.capacity = capacity
        self.vertexCount = vertexCount
        time = .allocate(capacity: capacity)
        position = .allocate(capacity: capacity)
        readCount = .allocate(capacity: capacity)
        reads = .allocate(capacity: capacity * SpeculativeBlock.stride)
        touched = .allocate(capacity: max(vertexCount, 1)); touched.initialize(repeating: 0, count: max(vertexCount, 1))
        first = .allocate(capacity: max(vertexCount, 1))
        next = .allocate(capacity: 2 * capacity); partner = .allocate(capacity: 2 * capacity)
    }

    deinit {
        time.deallocate(); position.deallocate(); readCount.deallocate(); reads.deallocate()
        touched.deallocate(); first.deallocate(); next.deallocate(); partner.deallocate()
    }

    /// Computes slot k's edge uv against the current state (several threads at once, each its own slot and scratch).
    @inline(__always) func speculate<Entry: CollapseEntry>(slot k: Int, _ u: Int, _ v: Int, from start: Float,
                                                           in g: CollapseGraph<Entry>, scratch: inout DominationScratch) {
        let (t, pu, pv) = scratch.survival(of: u, v, from: start, in: g, reads: reads + k * SpeculativeBlock.stride)
        time[k] = t; position[k] = (pu, pv); readCount[k] = scratch.readCount
    }

    /// Starts the in-order pass over a block: no edge applied yet.
    func beginApplying() {
        mark &+= 1
        if mark == 0 { touched.update(repeating: 0, count: vertexCount); mark = 1 }
        halves = 0
    }

    /// Slot k's result for its edge uv if the edges applied so far in this block leave it unchanged, else nil.
    @inline(__always) func result<Entry: CollapseEntry>(slot k: Int, _ u: Int, _ v: Int, in g: CollapseGraph<Entry>) -> (time: Float, pu: Int, pv: Int)? {
        if readCount[k] > DominationScratch.readLimit { return nil }
        let tu = touched[u] == mark, tv = touched[v] == mark
        if tu && partners(of: u, any: { listedAtStart($0, of: v, in: g) }) { return nil }
        if tv && partners(of: v, any: { listedAtStart($0, of: u, in: g) }) { return nil }
        let r = reads + k * SpeculativeBlock.stride
        for t in 0..<readCount[k] where touched[Int(r[t])] == mark {
            if partners(of: Int(r[t]), any: { listedAtStart($0, of: u, in: g) && listedAtStart($0, of: v, in: g) }) { return nil }
        }
        // u's or v's list may have lost an entry ahead of the edge's own: find it again.
        let pu = tu ? g.search(Int32(truncatingIfNeeded: v), from: g.offset[u], to: g.end[u]) : position[k].0
        let pv = tv ? g.search(Int32(truncatingIfNeeded: u), from: g.offset[v], to: g.end[v]) : position[k].1
        return (time[k], pu, pv)
    }

    /// Whether some partner of touched vertex x in this block's applied edges satisfies `test`.
    @inline(__always) private func partners(of x: Int, any test: (Int32) -> Bool) -> Bool {
        var h = first[x]
        while h >= 0 { if test(partner[Int(h)]) { return true }; h = next[Int(h)] }
        return false
    }

    /// Whether x was in y's lists at the block's start: lists only lose entries (taken, not kept), so either it
    /// still is or yx was applied in this block.
    @inline(__always) private func listedAtStart<Entry: CollapseEntry>(_ x: Int32, of y: Int, in g: CollapseGraph<Entry>) -> Bool {
        g.isListed(x, of: y) || (touched[y] == mark && partners(of: y, any: { $0 == x }))
    }

    /// Notes that edge uv was applied (its two lists changed).
    @inline(__always) func didApply(_ u: Int, _ v: Int) {
        link(u, to: v); link(v, to: u)
    }

    @inline(__always) private func link(_ x: Int, to y: Int) {
        next[Int(halves)] = touched[x] == mark ? first[x] : -1
        partner[Int(halves)] = Int32(truncatingIfNeeded: y)
        first[x] = halves; touched[x] = mark; halves &+= 1
    }
}
