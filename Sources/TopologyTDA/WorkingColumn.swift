/// A binary heap of cochain entries ordered by filtration (`SimplexEntry.isPivotOrder`): the working coboundary
/// of the column being reduced. Equal simplices are summed lazily when the pivot is popped, as in Ripser, so adding
/// a column is just pushing its entries. The storage is kept between columns: no allocation in the inner loop.
/// The heap is 4-ary: the four children of a node are adjacent (64 bytes, about one cache line), which halves
/// the levels a pop walks through; on large working columns the pops are dominated by cache misses.
struct WorkingColumn {
    private(set) var heap: [SimplexEntry] = []

    init() { heap.reserveCapacity(1024) }

    var isEmpty: Bool { heap.isEmpty }

    /// Removes everything, keeping the capacity.
    mutating func removeAll() { heap.removeAll(keepingCapacity: true) }

    /// Adds one entry.
    @inline(__always) mutating func push(_ e: SimplexEntry) {
        heap.append(e)
        heap.withUnsafeMutableBufferPointer { h in
            var i = h.count &- 1
            let x = h[i]
            while i > 0 {
                let parent = (i &- 1) >> 2
                if SimplexEntry.isPivotOrder(x, before: h[parent]) { h[i] = h[parent]; i = parent } else { break }
            }
            h[i] = x
        }
    }

    /// Removes and returns the top entry (the heap must not be empty).
    @inline(__always) mutating func popTop() -> SimplexEntry {
        let top = heap[0]
        let last = heap.removeLast()
        if heap.isEmpty { return top }
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                let first = 4 &* i &+ 1
                if first >= n { break }
                var c = first
                var best = h[first]
                let end = min(first &+ 4, n)
                var k = first &+ 1
                while k < end {
                    let e = h[k]
                    if SimplexEntry.isPivotOrder(e, before: best) { best = e; c = k }
                    k &+= 1
                }
                if SimplexEntry.isPivotOrder(best, before: last) { h[i] = best; i = c } else { break }
            }
            h[i] = last
        }
        return top
    }

    /// Pops the pivot: the earliest simplex whose summed coefficient is non-zero mod p; `.none` when the column is zero.
    @inline(__always) mutating func popPivot(modulus: UInt32) -> SimplexEntry {
        while !heap.isEmpty {
            var pivot = popTop()
            while !heap.isEmpty && heap[0].index == pivot.index {
                pivot.coefficient = (pivot.coefficient &+ popTop().coefficient) % modulus
            }
            if pivot.coefficient != 0 { return pivot }
        }
        return .none
    }

    /// The pivot, left in the column.
    @inline(__always) mutating func pivot(modulus: UInt32) -> SimplexEntry {
        let p = popPivot(modulus: modulus)
        if p.index != -1 { push(p) }
        return p
    }
}
