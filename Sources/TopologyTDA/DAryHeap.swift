/// The two sift operations of a d-ary min-heap (d = 2^arityShift) over raw storage, shared by the working column's
/// two layouts (16-byte entries 4-ary for Z/p, 8-byte keys 8-ary for Z/2). Inlined with a constant shift and a
/// closure literal, each call site compiles to the same loop it would be written by hand.
enum DAryHeap {
    /// Places `x` at slot `i` (the new last slot) and moves it up past every parent it comes `before`.
    @inline(__always) static func siftUp<E>(_ x: E, from i: Int, in h: UnsafeMutablePointer<E>, arityShift: Int,
                                             before: (E, E) -> Bool) {
        var i = i
        while i > 0 {
            let parent = (i &- 1) >> arityShift
            let p = h[parent]
            if before(x, p) { h[i] = p; i = parent } else { break }
        }
        h[i] = x
    }

    /// Removes the top of a heap that held `n + 1` entries (so `n` remain) and returns it: the last entry is sifted
    /// down from the root, each level choosing the first of its (up to d) children.
    @inline(__always) static func removeTop<E>(_ h: UnsafeMutablePointer<E>, remaining n: Int, arityShift: Int,
                                                before: (E, E) -> Bool) -> E {
        let top = h[0]
        if n == 0 { return top }
        let last = h[n]
        var i = 0
        while true {
            let first = (i << arityShift) &+ 1
            if first >= n { break }
            var c = first
            var best = h[first]
            let end = min(first &+ (1 << arityShift), n)
            var k = first &+ 1
            while k < end {
                let e = h[k]
                if before(e, best) { best = e; c = k }
                k &+= 1
            }
            if before(best, last) { h[i] = best; i = c } else { break }
        }
        h[i] = last
        return top
    }
}
