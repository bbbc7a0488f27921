/// A 4-ary heap of cochain entries ordered by filtration (`SimplexEntry.isPivotOrder`): the working coboundary
/// of the column being reduced. Equal simplices are summed lazily when the pivot is popped, as in Ripser, so adding
/// a column is just pushing its entries. The storage is kept between columns: no allocation in the inner loop.
///
/// Why this layout: on the large working columns of sphere-like H2 the pops are dominated by cache misses. The
/// four children of a node are adjacent (4 × 16 bytes), and the buffer is 64-byte aligned with the root placed
/// three slots in, so every group of siblings is exactly one cache line (one miss per level instead of two).
/// The owner calls `deallocate()` once (a struct, so the hot loops see no reference counting).
struct WorkingColumn {
    /// Slot 0 of the heap lives at `base + WorkingColumn.pad`; children of node i are 4i+1…4i+4.
    private var base: UnsafeMutablePointer<SimplexEntry>
    private var capacity: Int
    /// Entries in the heap proper.
    private var heapCount = 0
    /// The pivot handed out by `pivot(modulus:)`, kept beside the heap rather than pushed back: the next pop
    /// usually returns it at once (then the added column's copy cancels it), which saves a sift-up and a
    /// cache-missing sift-down per reduction step. Logically part of the column.
    private var pending = SimplexEntry.none
    private var hasPending = false
    private static let pad = 3

    /// Z/2 with every index below 2^32: the heap holds 8-byte keys instead (see `PackedKey`), eight siblings per
    /// cache line, compared as plain integers; the coefficient is implicit (1), and a push with an even
    /// coefficient is dropped (it adds nothing mod 2). Why: heap pops are ~65 % of S² H2, stalled on cache misses.
    private let packed: Bool
    private var keys: UnsafeMutablePointer<UInt64>
    private var pendingKey: UInt64 = 0
    private static let keyPad = 7

    /// Number of entries held (duplicates and cancelled pairs included).
    var count: Int { hasPending ? heapCount &+ 1 : heapCount }

    /// How entries are stored (chosen once per reduction from the field and the largest simplex index).
    enum Layout: Sendable, Equatable {
        /// 16-byte (diameter, index, coefficient) entries, 4-ary: any field, any index.
        case entries
        /// 8-byte keys, 8-ary: Z/2 with every simplex index < 2^32 (Float diameter bits above the index).
        case z2Keys
        /// 8-byte keys, 8-ary, for diameters that are ranks (`DiameterRanks`): rank above the complemented index
        /// (`indexBits` wide) above the coefficient (`coefficientBits` wide; 0 for Z/2, where it is implicit).
        case rankKeys(indexBits: Int, coefficientBits: Int)

        /// The rank-key layout for this field and these sizes, or nil when rank, index and coefficient do not fit
        /// in 64 bits together (or the ranks would not be exact as Float, ≥ 2^24).
        static func rankKeys(modulus: Int, largestIndex: Int, rankCount: Int) -> Layout? {
            guard rankCount < 1 << 24, largestIndex >= 0 else { return nil }
            let bits = { (x: Int) in x <= 0 ? 0 : Int.bitWidth - x.leadingZeroBitCount }
            let c = modulus == 2 ? 0 : bits(modulus - 1), i = max(bits(largestIndex), 1), r = bits(rankCount - 1)
            return c + i + r <= 64 ? .rankKeys(indexBits: i, coefficientBits: c) : nil
        }
    }

    /// Diameters are ranks (`.rankKeys`): the key holds the rank as an integer and the coefficient in its low bits.
    private let ranked: Bool
    private let coefficientBits: UInt64
    private let coefficientMask: UInt64
    private let indexMask: UInt64
    private let rankShift: UInt64

    /// An empty column in the given layout (the caller checks that the layout fits the field and the indices).
    init(layout: Layout = .entries) {
        switch layout {
        case .entries:
            packed = false; ranked = false; coefficientBits = 0; indexMask = UInt64(UInt32.max); rankShift = 32
        case .z2Keys:
            packed = true; ranked = false; coefficientBits = 0; indexMask = UInt64(UInt32.max); rankShift = 32
        case .rankKeys(let i, let c):
            packed = true; ranked = true; coefficientBits = UInt64(c)
            indexMask = i >= 64 ? .max : (1 << UInt64(i)) &- 1
            rankShift = UInt64(i + c)
        }
        coefficientMask = (1 << coefficientBits) &- 1
        capacity = 1024
        base = WorkingColumn.allocateStorage(packed ? 1 : capacity)
        keys = WorkingColumn.allocateKeys(packed ? capacity : 1)
    }

    private static func allocateKeys(_ capacity: Int) -> UnsafeMutablePointer<UInt64> {
        UnsafeMutableRawPointer.allocate(byteCount: (capacity + keyPad) * 8, alignment: 64).bindMemory(to: UInt64.self, capacity: capacity + keyPad)
    }

    /// Filtration order as one integer: diameter bits (non-negative floats order as their bits; or the diameter's
    /// rank) above the complemented index (ties go to the larger index first), above the coefficient when there is
    /// one, so the pivot order is `<` on keys and copies of one simplex are adjacent.
    @inline(__always) private func key(_ e: SimplexEntry) -> UInt64 {
        if ranked {
            // Ranks are exact small integers in Float, and never above the threshold's (finite) rank.
            // (Z/2: no coefficient field; the push dropped even coefficients.)
            let c = coefficientBits == 0 ? 0 : UInt64(e.coefficient)
            return UInt64(UInt32(e.diameter)) << rankShift | (indexMask &- UInt64(e.index)) << coefficientBits | c
        }
        let d = e.diameter == 0 ? 0 : e.diameter.bitPattern
        return UInt64(d) << 32 | UInt64(UInt32.max &- UInt32(truncatingIfNeeded: e.index))
    }

    @inline(__always) private func entry(_ k: UInt64) -> SimplexEntry {
        if ranked {
            return SimplexEntry(diameter: Float(k >> rankShift), index: Int(indexMask &- (k >> coefficientBits) & indexMask),
                                coefficient: coefficientBits == 0 ? 1 : UInt32(truncatingIfNeeded: k & coefficientMask))
        }
        return SimplexEntry(diameter: Float(bitPattern: UInt32(truncatingIfNeeded: k >> 32)),
                            index: Int(UInt32.max &- UInt32(truncatingIfNeeded: k)), coefficient: 1)
    }

    private static func allocateStorage(_ capacity: Int) -> UnsafeMutablePointer<SimplexEntry> {
        let bytes = (capacity + pad) * MemoryLayout<SimplexEntry>.stride
        return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64).bindMemory(to: SimplexEntry.self, capacity: capacity + pad)
    }

    /// Frees the storage (once, by the owner).
    func deallocate() { UnsafeMutableRawPointer(base).deallocate(); UnsafeMutableRawPointer(keys).deallocate() }

    @inline(__always) private var heap: UnsafeMutablePointer<SimplexEntry> { base + WorkingColumn.pad }
    @inline(__always) private var keyHeap: UnsafeMutablePointer<UInt64> { keys + WorkingColumn.keyPad }

    var isEmpty: Bool { count == 0 }

    private mutating func grow() {
        let newCapacity = 2 * capacity
        if packed {
            let fresh = WorkingColumn.allocateKeys(newCapacity)
            (fresh + WorkingColumn.keyPad).moveInitialize(from: keyHeap, count: heapCount)
            UnsafeMutableRawPointer(keys).deallocate()
            keys = fresh
            capacity = newCapacity
            return
        }
        let fresh = WorkingColumn.allocateStorage(newCapacity)
        (fresh + WorkingColumn.pad).moveInitialize(from: heap, count: heapCount)
        UnsafeMutableRawPointer(base).deallocate()
        base = fresh
        capacity = newCapacity
    }

    /// Sums duplicate simplices and drops those whose coefficient became zero. Long reductions pile up entries
    /// that cancel (mod p) but stay in the heap until popped; compacting keeps memory and pop costs proportional
    /// to the real column. A sorted array is a valid heap, so no rebuild is needed.
    mutating func compact(modulus: UInt32) {
        if packed {
            if hasPending { hasPending = false; pushKey(pendingKey) }
            var h = UnsafeMutableBufferPointer(start: keyHeap, count: heapCount)
            h.sort()
            var out = 0, i = 0
            let n = heapCount
            if coefficientBits != 0 {
                // Z/p keys: sum the coefficients of each simplex's copies (adjacent once sorted).
                while i < n {
                    let simplex = h[i] >> coefficientBits
                    var c = UInt32(truncatingIfNeeded: h[i] & coefficientMask)
                    i &+= 1
                    while i < n && h[i] >> coefficientBits == simplex {
                        c = (c &+ UInt32(truncatingIfNeeded: h[i] & coefficientMask)) % modulus
                        i &+= 1
                    }
                    if c != 0 { h[out] = simplex << coefficientBits | UInt64(c); out &+= 1 }
                }
                heapCount = out
                return
            }
            while i < n {
                let k = h[i]
                var odd = true
                i &+= 1
                while i < n && h[i] == k { odd.toggle(); i &+= 1 }
                if odd { h[out] = k; out &+= 1 }
            }
            heapCount = out
            return
        }
        if hasPending { hasPending = false; push(pending) }
        var h = UnsafeMutableBufferPointer(start: heap, count: heapCount)
        h.sort { SimplexEntry.isPivotOrder($0, before: $1) }
        var out = 0
        var i = 0
        let n = heapCount
        while i < n {
            var e = h[i]
            i &+= 1
            while i < n && h[i].index == e.index { e.coefficient = (e.coefficient &+ h[i].coefficient) % modulus; i &+= 1 }
            if e.coefficient != 0 { h[out] = e; out &+= 1 }
        }
        heapCount = out
    }

    /// Removes everything, keeping the capacity.
    @inline(__always) mutating func removeAll() { heapCount = 0; hasPending = false }

    /// Adds one entry.
    @inline(__always) mutating func push(_ x: SimplexEntry) {
        if packed {
            // A zero coefficient (an even one in Z/2) adds nothing.
            if coefficientBits == 0 ? x.coefficient & 1 != 0 : x.coefficient != 0 { pushKey(key(x)) }
            return
        }
        if heapCount == capacity { grow() }
        let i = heapCount
        heapCount = i &+ 1
        DAryHeap.siftUp(x, from: i, in: heap, arityShift: 2, before: SimplexEntry.isPivotOrder)
    }

    @inline(__always) private mutating func pushKey(_ x: UInt64) {
        if heapCount == capacity { grow() }
        let i = heapCount
        heapCount = i &+ 1
        DAryHeap.siftUp(x, from: i, in: keyHeap, arityShift: 3, before: <)
    }

    /// Removes and returns the smallest key (the key heap must not be empty): 8-ary, one cache line per level.
    @inline(__always) private mutating func popKeyHeapTop() -> UInt64 {
        heapCount &-= 1
        return DAryHeap.removeTop(keyHeap, remaining: heapCount, arityShift: 3, before: <)
    }

    /// Packed form of `popPivot`: the smallest key occurring an odd number of times (Z/2), or the smallest
    /// simplex whose coefficients sum to non-zero, as a key with the sum (Z/p); nil when none.
    @inline(__always) private mutating func popPivotKey(modulus: UInt32) -> UInt64? {
        if coefficientBits != 0 {
            while count > 0 {
                let k = popTopKey()
                let simplex = k >> coefficientBits
                var c = UInt32(truncatingIfNeeded: k & coefficientMask)
                while count > 0 && topKey >> coefficientBits == simplex {
                    c = (c &+ UInt32(truncatingIfNeeded: popTopKey() & coefficientMask)) % modulus
                }
                if c != 0 { return simplex << coefficientBits | UInt64(c) }
            }
            return nil
        }
        while count > 0 {
            let k = popTopKey()
            var odd = true
            while count > 0 && topKey == k { _ = popTopKey(); odd.toggle() }
            if odd { return k }
        }
        return nil
    }

    @inline(__always) private var topKey: UInt64 {
        hasPending && (heapCount == 0 || pendingKey <= keyHeap[0]) ? pendingKey : keyHeap[0]
    }

    @inline(__always) private mutating func popTopKey() -> UInt64 {
        if hasPending && (heapCount == 0 || pendingKey <= keyHeap[0]) { hasPending = false; return pendingKey }
        return popKeyHeapTop()
    }

    /// Whether the pending entry comes first (or ties with) the heap's top.
    @inline(__always) private var pendingIsTop: Bool {
        hasPending && (heapCount == 0 || !SimplexEntry.isPivotOrder(heap[0], before: pending))
    }

    /// The index of the top entry (the column must not be empty).
    @inline(__always) private var topIndex: Int { pendingIsTop ? pending.index : heap[0].index }

    /// Removes and returns the top entry (the column must not be empty).
    @inline(__always) mutating func popTop() -> SimplexEntry {
        if pendingIsTop { hasPending = false; return pending }
        return popHeapTop()
    }

    /// Removes and returns the heap's top entry (the heap must not be empty).
    @inline(__always) private mutating func popHeapTop() -> SimplexEntry {
        heapCount &-= 1
        return DAryHeap.removeTop(heap, remaining: heapCount, arityShift: 2, before: SimplexEntry.isPivotOrder)
    }

    /// Pops the pivot: the earliest simplex whose summed coefficient is non-zero mod p; `.none` when the column is zero.
    @inline(__always) mutating func popPivot(modulus: UInt32) -> SimplexEntry {
        if packed {
            guard let k = popPivotKey(modulus: modulus) else { return .none }
            return entry(k)
        }
        while count > 0 {
            var pivot = popTop()
            while count > 0 && topIndex == pivot.index {
                pivot.coefficient = (pivot.coefficient &+ popTop().coefficient) % modulus
            }
            if pivot.coefficient != 0 { return pivot }
        }
        return .none
    }

    /// The pivot, left in the column.
    @inline(__always) mutating func pivot(modulus: UInt32) -> SimplexEntry {
        if packed {
            guard let k = popPivotKey(modulus: modulus) else { return .none }
            if hasPending { pushKey(k) } else { pendingKey = k; hasPending = true }
            return entry(k)
        }
        let p = popPivot(modulus: modulus)
        if p.index != -1 {
            if hasPending { push(p) } else { pending = p; hasPending = true }
        }
        return p
    }
}
