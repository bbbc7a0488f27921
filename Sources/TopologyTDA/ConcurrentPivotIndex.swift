import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The pivot → column map shared by the threads of the parallel reduction (giotto-ph's lock-free pivot table):
/// open addressing over atomic words, a slot's key claimed by compare-and-swap and never removed, its value (the
/// owning column and the pivot's coefficient, packed in one word) replaced by compare-and-swap when a column
/// earlier in the reduction order takes the pivot over. Sized once for every column of a dimension.
final class ConcurrentPivotIndex: @unchecked Sendable {
    private let keys: UnsafeMutablePointer<Atomic<Int>>
    private let values: UnsafeMutablePointer<Atomic<UInt64>>
    private let size: Int
    private let mask: Int
    /// The value of a slot whose key is claimed but whose owner is not yet written.
    private static let unset = UInt64.max

    /// A table for at most `capacity` pivots.
    init(capacity: Int) {
        var s = 16
        while s < 2 * capacity { s <<= 1 }
        size = s
        mask = s - 1
        keys = .allocate(capacity: s)
        values = .allocate(capacity: s)
        for i in 0..<s {
            (keys + i).initialize(to: Atomic(-1))
            (values + i).initialize(to: Atomic(ConcurrentPivotIndex.unset))
        }
    }

    deinit {
        keys.deinitialize(count: size); keys.deallocate()
        values.deinitialize(count: size); values.deallocate()
    }

    /// A column and a coefficient as one word (columns < 2^47, coefficients < 2^16).
    struct Owner: Equatable {
        var column: Int
        var coefficient: UInt32
        @inline(__always) init(column: Int, coefficient: UInt32) { self.column = column; self.coefficient = coefficient }
        @inline(__always) init(word: UInt64) { column = Int(word >> 16); coefficient = UInt32(truncatingIfNeeded: word & 0xFFFF) }
        @inline(__always) var word: UInt64 { UInt64(column) << 16 | UInt64(coefficient) }
    }

    @inline(__always) private func start(_ key: Int) -> Int {
        Int(bitPattern: UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 20 & mask
    }

    /// The value of a claimed slot; the claimer writes it right after its key, so a reader that sees the key first
    /// waits for it (yielding the processor if the claimer was descheduled in between).
    @inline(__always) private func value(at i: Int) -> Owner {
        var w = values[i].load(ordering: .acquiring)
        var spins = 0
        while w == ConcurrentPivotIndex.unset {
            spins &+= 1
            if spins > 1000 { sched_yield() }
            w = values[i].load(ordering: .acquiring)
        }
        return Owner(word: w)
    }

    /// The column that owns pivot `key`, or nil.
    @inline(__always) func find(_ key: Int) -> Owner? {
        var i = start(key)
        while true {
            let k = keys[i].load(ordering: .acquiring)
            if k == key { return value(at: i) }
            if k == -1 { return nil }
            i = (i &+ 1) & mask
        }
    }

    /// Whether `key` is a pivot.
    @inline(__always) func contains(_ key: Int) -> Bool {
        var i = start(key)
        while true {
            let k = keys[i].load(ordering: .acquiring)
            if k == key { return true }
            if k == -1 { return false }
            i = (i &+ 1) & mask
        }
    }

    /// Claims pivot `key` for `owner` if nobody owns it; otherwise returns the current owner.
    func claim(_ key: Int, for owner: Owner) -> Owner? {
        var i = start(key)
        while true {
            let k = keys[i].load(ordering: .acquiring)
            if k == -1 {
                let (won, seen) = keys[i].compareExchange(expected: -1, desired: key, ordering: .acquiringAndReleasing)
                if won {
                    values[i].store(owner.word, ordering: .releasing)
                    return nil
                }
                if seen == key { return value(at: i) }
            } else if k == key {
                return value(at: i)
            }
            i = (i &+ 1) & mask
        }
    }

    /// Moves pivot `key` from `previous` to `owner`; false when its owner is no longer `previous`.
    func replace(_ key: Int, previous: Owner, with owner: Owner) -> Bool {
        var i = start(key)
        while true {
            let k = keys[i].load(ordering: .acquiring)
            if k == key {
                return values[i].compareExchange(expected: previous.word, desired: owner.word, ordering: .acquiringAndReleasing).exchanged
            }
            if k == -1 { return false }
            i = (i &+ 1) & mask
        }
    }
}
