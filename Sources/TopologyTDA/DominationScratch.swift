/// One edge's fate in the collapse: the first scale ≥ its length at which no vertex dominates it (+inf: never, the
/// edge is removed). Buffers sized by the largest degree, allocated once per collapse.
struct DominationScratch {
    /// Common neighbours present at the current time, increasing.
    private let present: UnsafeMutablePointer<Int32>
    private var presentCount = 0
    /// Common neighbours that appear later, as (time bits << 32 | vertex), a binary min-heap once needed.
    private let later: UnsafeMutablePointer<UInt64>
    private var laterCount = 0

    init(capacity: Int) {
        present = .allocate(capacity: max(capacity, 1))
        later = .allocate(capacity: max(capacity, 1))
    }

    func deallocate() { present.deallocate(); later.deallocate() }

    /// When the edge uv, of length `start`, stops being dominated (Glisse–Pritam's shift): while some vertex c of
    /// the common neighbourhood dominates it, the time moves to the next appearance of a common neighbour that c
    /// does not see by then. Which dominator is taken does not change the answer (the time only skips scales at
    /// which a dominator exists); the first in index order is taken, as GUDHI and the previous n×n version did.
    /// Also returns where v sits in u's list and u in v's (`positions`), noted on the way through the merge.
    mutating func survival(of u: Int, _ v: Int, from start: Float, in g: CollapseGraph) -> (time: Float, pu: Int, pv: Int) {
        presentCount = 0; laterCount = 0
        // Common neighbours: merge the two increasing lists (u is not in its own list, so never common). The edge's
        // own entries are passed on the way (a binary search for each was 13 % of the collapse, perf).
        let list = g.entry.baseAddress!
        var a = g.offset[u], b = g.offset[v], pu = -1, pv = -1
        let aEnd = g.end[u], bEnd = g.end[v]
        let u32 = Int32(truncatingIfNeeded: u), v32 = Int32(truncatingIfNeeded: v)
        var closest = Float.infinity, best = -1
        var time = start
        while a < aEnd && b < bEnd {
            let x = list[a], y = list[b]
            if x.vertex < y.vertex { if x.vertex == v32 { pu = a }; a &+= 1; continue }
            if x.vertex > y.vertex { if y.vertex == u32 { pv = b }; b &+= 1; continue }
            let f = max(x.value, y.value)
            if f <= time {
                if f < closest { closest = f; best = presentCount }
                present[presentCount] = x.vertex; presentCount &+= 1
            } else {
                later[laterCount] = UInt64(f.bitPattern) << 32 | UInt64(UInt32(bitPattern: x.vertex)); laterCount &+= 1
            }
            a &+= 1; b &+= 1
        }
        if pu < 0 { pu = g.search(v32, from: a, to: aEnd) }
        if pv < 0 { pv = g.search(u32, from: b, to: bEnd) }
        var heaped = false
        var witness: Int32 = -1
        while true {
            let dominator = firstDominator(at: time, in: g, witness: &witness, first: best)
            if dominator < 0 { return (time, pu, pv) }
            // Shift the edge forward while the same vertex keeps dominating it.
            var stillDominated = true
            while stillDominated {
                if laterCount == 0 { return (.infinity, pu, pv) }
                if !heaped { heapify(); heaped = true }
                time = Float(bitPattern: UInt32(truncatingIfNeeded: later[0] >> 32))
                while laterCount > 0 && Float(bitPattern: UInt32(truncatingIfNeeded: later[0] >> 32)) <= time {
                    laterCount &-= 1
                    let top = DAryHeap.removeTop(later, remaining: laterCount, arityShift: 1, before: <)
                    let w = Int32(truncatingIfNeeded: top & 0xFFFF_FFFF)
                    if g.value(dominator, Int(w)) > time { stillDominated = false }
                    insertPresent(w)
                }
            }
        }
    }

    /// The first present vertex c with value(c, x) ≤ time for every other present x; −1 when none. `witness` is the
    /// last x that refuted a candidate: tried first (one binary search), it refutes most of the next candidates.
    private func firstDominator(at time: Float, in g: CollapseGraph, witness: inout Int32, first: Int) -> Int {
        let list = g.entry.baseAddress!
        candidates: for r in -1..<presentCount {
            let k = r < 0 ? first : r
            if k < 0 || (r >= 0 && r == first) { continue }
            let c = Int(present[k])
            if witness >= 0 && witness != present[k] && g.value(c, Int(witness)) > time { continue }
            // c's list against the present vertices, both increasing; a present x skipped over, or seen with a
            // later value, refutes c.
            var p = g.offset[c], t = 0
            let end = g.end[c]
            while t < presentCount {
                let x = present[t]
                if t == k { t &+= 1; continue }
                while p < end && list[p].vertex < x { p &+= 1 }
                if p == end || list[p].vertex != x || list[p].value > time { witness = x; continue candidates }
                t &+= 1; p &+= 1
            }
            return c
        }
        return -1
    }

    /// Floyd's bottom-up heap construction on the later neighbours (only when a shift needs them: most removed
    /// edges are decided without).
    private func heapify() {
        var i = laterCount / 2 - 1
        while i >= 0 {
            var j = i
            let x = later[j]
            while true {
                var c = 2 &* j &+ 1
                if c >= laterCount { break }
                if c &+ 1 < laterCount && later[c &+ 1] < later[c] { c &+= 1 }
                if later[c] < x { later[j] = later[c]; j = c } else { break }
            }
            later[j] = x
            i -= 1
        }
    }

    private mutating func insertPresent(_ w: Int32) {
        var lo = 0, hi = presentCount
        while lo < hi { let mid = (lo &+ hi) >> 1; if present[mid] < w { lo = mid &+ 1 } else { hi = mid } }
        (present + lo + 1).update(from: present + lo, count: presentCount &- lo)
        present[lo] = w
        presentCount &+= 1
    }
}
