/// Open-addressing hash map from a pivot simplex index to the column that owns it and the pivot's coefficient
/// (Ripser's `pivot_column_index`). Integer keys and linear probing: cheaper than a Dictionary in the hot loop.
struct PivotIndex {
    private var keys: [Int]
    private var columns: [Int]
    private var coefficients: [UInt32]
    private var mask: Int
    private(set) var count = 0

    /// A map sized for about `capacity` entries.
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        keys = [Int](repeating: -1, count: size)
        columns = [Int](repeating: 0, count: size)
        coefficients = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always) private static func hash(_ k: Int) -> Int {
        // Fibonacci hashing spreads the clustered simplex indices.
        Int(bitPattern: UInt(bitPattern: k) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The column whose pivot is simplex `key`, with the pivot's coefficient.
    @inline(__always) func find(_ key: Int) -> (column: Int, coefficient: UInt32)? {
        var i = (PivotIndex.hash(key) >> 20) & mask
        while true {
            let k = keys[i]
            if k == key { return (columns[i], coefficients[i]) }
            if k == -1 { return nil }
            i = (i &+ 1) & mask
        }
    }

    /// Whether simplex `key` is already a pivot.
    @inline(__always) func contains(_ key: Int) -> Bool { find(key) != nil }

    /// Records that `column` has pivot `key` with coefficient `coefficient`.
    mutating func insert(_ key: Int, column: Int, coefficient: UInt32) {
        if 2 * (count + 1) > keys.count { grow() }
        var i = (PivotIndex.hash(key) >> 20) & mask
        while keys[i] != -1 && keys[i] != key { i = (i &+ 1) & mask }
        if keys[i] == -1 { count += 1 }
        keys[i] = key
        columns[i] = column
        coefficients[i] = coefficient
    }

    private mutating func grow() {
        let old = (keys, columns, coefficients)
        self = PivotIndex(capacity: keys.count)
        for i in 0..<old.0.count where old.0[i] != -1 { insert(old.0[i], column: old.1[i], coefficient: old.2[i]) }
    }
}
