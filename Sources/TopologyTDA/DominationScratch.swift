/// One edge's fate in the collapse: the first scale ≥ its length at which no vertex dominates it (+inf: never, the
/// edge is removed). Buffers sized by the largest degree and by n, allocated once per collapse.
struct DominationScratch {
    /// Common neighbours present at the current time, increasing.
    private let present: UnsafeMutablePointer<Int32>
    private var presentCount = 0
    /// Common neighbours that appear later, as (time bits << 32 | vertex), a binary min-heap once needed.
    private let later: UnsafeMutablePointer<UInt64>
    private var laterCount = 0

    /// seen[x] == stamp: x is a neighbour of the candidate under test at the current time.
    private let seen: UnsafeMutablePointer<UInt32>
    private var stamp: UInt32 = 0
    private let vertexCount: Int

    /// Where `survival` notes, when asked, the candidates whose lists it read (the threaded loop's read sets,
    /// `SpeculativeBlock`): distinct, at most `readLimit`; `readCount` = readLimit + 1 when there were more.
    private var reads: UnsafeMutablePointer<Int32>? = nil
    private(set) var readCount = 0
    /// Why 64: at 32, 13 000 of the 8000-point torus's 1.45 M edges overflowed (and were recomputed serially, the
    /// costliest ones: recomputing took 0.08 s of the in-order pass, 0.04 s at 64); at 64, 750 overflow.
    static let readLimit = 64
    /// noted[x] == readStamp: x is in the read set already.
    private let noted: UnsafeMutablePointer<UInt32>
    private var readStamp: UInt32 = 0

    /// Scratch for a graph of `vertexCount` vertices whose lists hold at most `capacity` entries (O(n) memory).
    init(capacity: Int, vertexCount: Int) {
        present = .allocate(capacity: capacity + 1)
        later = .allocate(capacity: capacity + 1)
        seen = .allocate(capacity: max(vertexCount, 1)); seen.initialize(repeating: 0, count: max(vertexCount, 1))
        self.vertexCount = vertexCount
        noted = .allocate(capacity: max(vertexCount, 1)); noted.initialize(repeating: 0, count: max(vertexCount, 1))
    }

    func deallocate() { present.deallocate(); later.deallocate(); seen.deallocate(); noted.deallocate() }

    /// When the edge uv, of length `start`, stops being dominated (Glisse–Pritam's shift): while some vertex c of
    /// the common neighbourhood dominates it, the time moves to the next appearance of a common neighbour that c
    /// does not see by then. Which dominator is taken does not change the answer (the time only skips scales at
    /// which a dominator exists), so the likeliest is tried first: the common neighbour closest to both ends.
    /// Also returns where v sits in u's untaken list and u in v's, noted on the way. With `reads`, notes there the
    /// other vertices whose lists it read (`readCount` of them): the answer depends on u's, v's and their lists only.
    mutating func survival<Entry: CollapseEntry>(of u: Int, _ v: Int, from start: Float, in g: CollapseGraph<Entry>,
                                                 reads: UnsafeMutablePointer<Int32>? = nil) -> (time: Float, pu: Int, pv: Int) {
        presentCount = 0; laterCount = 0
        self.reads = reads; readCount = 0
        if reads != nil {
            readStamp &+= 1
            if readStamp == 0 { noted.update(repeating: 0, count: vertexCount); readStamp = 1 }
        }
        // Common untaken neighbours: merge the two increasing lists (u is not in its own list, so never common).
        // Every untaken edge is at most `start` long, so all of them are present. The edge's own entries are passed
        // on the way (a binary search for each was 13 % of the collapse, perf).
        let list = g.neighbour.baseAddress!
        var a = g.offset[u], b = g.offset[v], pu = -1, pv = -1
        let aEnd = g.end[u], bEnd = g.end[v]
        let u32 = Int32(truncatingIfNeeded: u), v32 = Int32(truncatingIfNeeded: v)
        var closest: UInt32 = .max, best = -1
        let time = start
        while a < aEnd && b < bEnd {
            let ea = list[a], eb = list[b]
            let x = ea.vertex, y = eb.vertex
            if x < y { if x == v32 { pu = a }; a &+= 1; continue }
            if x > y { if y == u32 { pv = b }; b &+= 1; continue }
            let f = max(ea.closeness, eb.closeness)
            if f < closest { closest = f; best = presentCount }
            present[presentCount] = x; presentCount &+= 1
            a &+= 1; b &+= 1
        }
        if pu < 0 { pu = g.search(v32, from: a, to: aEnd) }
        if pv < 0 { pv = g.search(u32, from: b, to: bEnd) }
        // Common neighbours through a kept edge (at least `start` long): present when exactly `start`, else later.
        for p in g.keptStart[v]..<g.offset[v &+ 1] {
            let x = list[p].vertex
            let f = g.isUntaken(x, of: u) ? g.keptValue[p] : max(g.keptValue[p], g.keptValue(u, x))
            note(x, appearing: f, at: time)
        }
        for p in g.keptStart[u]..<g.offset[u &+ 1] where g.isUntaken(list[p].vertex, of: v) {
            note(list[p].vertex, appearing: g.keptValue[p], at: time)
        }
        return shift(from: time, pu: pu, pv: pv, first: best, in: g)
    }

    /// A common neighbour x whose two edges are both there from f on: present now, later, or never (+inf).
    @inline(__always) private mutating func note(_ x: Int32, appearing f: Float, at time: Float) {
        if f <= time {
            insertPresent(x)
        } else if f != .infinity {
            later[laterCount] = UInt64(f.bitPattern) << 32 | UInt64(UInt32(bitPattern: x)); laterCount &+= 1
        }
    }

    /// Moves the time on while a dominator exists; +inf when the last common neighbour has appeared.
    private mutating func shift<Entry: CollapseEntry>(from start: Float, pu: Int, pv: Int, first: Int, in g: CollapseGraph<Entry>) -> (time: Float, pu: Int, pv: Int) {
        var time = start
        var heaped = false
        var witness: Int32 = -1
        while true {
            let dominator = firstDominator(at: time, in: g, witness: &witness, first: first)
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
                    if !g.isPresent(dominator, w, at: time) { stillDominated = false }
                    insertPresent(w)
                }
            }
        }
    }

    /// The first present vertex c with cx present at `time` for every other present x (`first`, then index order);
    /// −1 when none. `witness` is the last x that refuted a candidate: tried first (two binary searches), it refutes
    /// most of the next candidates. A full test marks c's neighbours at `time` in `seen` (independent stores), then
    /// reads the present vertices' marks, stopping at the first unmarked one (the next witness).
    private mutating func firstDominator<Entry: CollapseEntry>(at time: Float, in g: CollapseGraph<Entry>, witness: inout Int32, first: Int) -> Int {
        let list = g.neighbour.baseAddress!
        candidates: for r in -1..<presentCount {
            let k = r < 0 ? first : r
            if k < 0 || (r >= 0 && r == first) { continue }
            let c = Int(present[k])
            if reads != nil { noteRead(present[k]) }
            if witness >= 0 && witness != present[k] && !g.isPresent(c, witness, at: time) { continue }
            nextStamp()
            for p in g.offset[c]..<g.end[c] { seen[Int(list[p].vertex)] = stamp }
            for p in g.keptStart[c]..<g.offset[c &+ 1] where g.keptValue[p] <= time { seen[Int(list[p].vertex)] = stamp }
            for t in 0..<presentCount where t != k {
                let x = present[t]
                if seen[Int(x)] != stamp { witness = x; continue candidates }
            }
            return c
        }
        return -1
    }

    /// Adds c to the read set unless there or already over the cap.
    @inline(__always) private mutating func noteRead(_ c: Int32) {
        guard let reads, readCount <= DominationScratch.readLimit, noted[Int(c)] != readStamp else { return }
        noted[Int(c)] = readStamp
        if readCount < DominationScratch.readLimit { reads[readCount] = c }
        readCount &+= 1
    }

    private mutating func nextStamp() {
        stamp &+= 1
        if stamp == 0 { seen.update(repeating: 0, count: vertexCount); stamp = 1 }
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
