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
    enum Layout: Sendable {
        /// 16-byte (diameter, index, coefficient) entries, 4-ary: any field, any index.
        case entries
        /// 8-byte keys, 8-ary: Z/2 with every simplex index < 2^32.
        case z2Keys
    }

    /// An empty column in the given layout (the caller checks that the layout fits the field and the indices).
    init(layout: Layout = .entries) {
        packed = layout == .z2Keys
        capacity = 1024
        base = WorkingColumn.allocateStorage(packed ? 1 : capacity)
        keys = WorkingColumn.allocateKeys(packed ? capacity : 1)
    }

    private static func allocateKeys(_ capacity: Int) -> UnsafeMutablePointer<UInt64> {
        UnsafeMutableRawPointer.allocate(byteCount: (capacity + keyPad) * 8, alignment: 64).bindMemory(to: UInt64.self, capacity: capacity + keyPad)
    }

    /// Filtration order as one integer: diameter bits (non-negative floats order as their bits) above the
    /// complemented index (ties go to the larger index first), so the pivot order is `<` on keys.
    @inline(__always) private static func key(_ e: SimplexEntry) -> UInt64 {
        let d = e.diameter == 0 ? 0 : e.diameter.bitPattern
        return UInt64(d) << 32 | UInt64(UInt32.max &- UInt32(truncatingIfNeeded: e.index))
    }

    @inline(__always) private static func entry(_ k: UInt64) -> SimplexEntry {
        SimplexEntry(diameter: Float(bitPattern: UInt32(truncatingIfNeeded: k >> 32)),
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
            if x.coefficient & 1 != 0 { pushKey(WorkingColumn.key(x)) }
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

    /// Packed form of `popPivot`: the smallest key occurring an odd number of times; nil when none.
    @inline(__always) private mutating func popPivotKey() -> UInt64? {
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
        if packed { return popPivotKey().map(WorkingColumn.entry) ?? .none }
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
            guard let k = popPivotKey() else { return .none }
            if hasPending { pushKey(k) } else { pendingKey = k; hasPending = true }
            return WorkingColumn.entry(k)
        }
        let p = popPivot(modulus: modulus)
        if p.index != -1 {
            if hasPending { push(p) } else { pending = p; hasPending = true }
        }
        return p
    }
}
